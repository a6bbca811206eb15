"""Story-level entity canonicalisation (placeholder)."""
from __future__ import annotations
from ..model import Story


def canonicalise(story: Story, models) -> Story:
    return story
