"""newsprism: split one news story into its sources, every line traced to the source sentences it came from."""

from .model import (
    Agreement, Article, ArticleFacts, Aspect, AspectPosition, Claim, Divergence, Entity, Figure, InferredDate, Mention,
    Origin, Position, Quote, Sentence, SourceLink, Span, Story, SummarySentence, TimeExpr, TimelineEntry,
)
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Agreement", "Article", "ArticleFacts", "Aspect", "AspectPosition", "Claim", "Divergence", "Entity", "Figure",
    "InferredDate", "Mention", "Origin", "Position", "Quote", "Sentence", "Settings", "SourceLink", "Span", "Story", "SummarySentence", "TimeExpr",
    "TimelineEntry", "__version__",
]
