"""Figures per article (placeholder until the extraction issue lands)."""
from __future__ import annotations
from ..model import ArticleFacts


def find_figures(facts: ArticleFacts, doc, models) -> ArticleFacts:
    return facts
