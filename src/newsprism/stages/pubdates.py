"""Story-level publication-date inference (placeholder)."""
from __future__ import annotations
from ..model import Story


def infer_publication_dates(story: Story, models) -> Story:
    return story
