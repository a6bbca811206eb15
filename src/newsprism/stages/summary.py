"""Story-level summary (placeholder)."""
from __future__ import annotations
from ..model import Story


def summarise(story: Story, models) -> Story:
    return story
