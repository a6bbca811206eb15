"""Story-level consolidation (placeholder)."""
from __future__ import annotations
from ..model import Story


def consolidate(story: Story, models) -> Story:
    return story
