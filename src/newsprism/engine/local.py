"""The local engine: the work runs in this process, with the models loaded once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Article, ArticleFacts
from ..settings import Settings


def extract_articles(articles: Sequence[Article], models: Any) -> list[ArticleFacts]:
    """Every article through the per-article stages (not strict: a failing stage is kept in no facts)."""
    from ..pipeline import extract_many

    return extract_many(list(articles), models, problems=[])


def analyse_story(articles: Sequence[Article], settings: Settings, models: Any) -> dict[str, Any]:
    """One story's report (``newsprism.report/*`` dict). The ``generated`` time is the only field that varies."""
    from ..service import analyse_articles

    report, _ = analyse_articles(list(articles), settings=settings, models=models)
    return report


class LocalEngine:
    """Runs extraction and analysis here, one article / story after the other."""

    name = "local"

    def __init__(self, settings: Settings, models: Any = None) -> None:
        from ..nlp.models import Models

        self.settings = settings
        self.models = models or Models(settings)

    def extract(self, articles: Sequence[Article]) -> list[ArticleFacts]:
        return extract_articles(articles, self.models)

    def analyse(self, stories: Sequence[Sequence[Article]]) -> list[dict[str, Any]]:
        return [analyse_story(s, self.settings, self.models) for s in stories]

    def close(self) -> None:
        pass

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
