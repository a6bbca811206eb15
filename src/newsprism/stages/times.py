"""Time expressions per article (placeholder until the extraction issue lands)."""
from __future__ import annotations
from ..model import ArticleFacts


def find_times(facts: ArticleFacts, doc, models) -> ArticleFacts:
    return facts
