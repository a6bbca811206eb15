"""Story-level timeline (placeholder)."""
from __future__ import annotations
from ..model import Story


def build_timeline(story: Story, models) -> Story:
    return story
