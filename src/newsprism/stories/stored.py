"""Grouping the stored articles into stories, and rebuilding every story's report on an engine.

Grouping reads articles in id order (the order they were stored), without the embedding features, so that the
same store always gives the same stories and the same ids (each story is named after its founding article) and
a later ``regroup`` reproduces what incremental grouping did. Copies join their original's story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Article
from .grouping import StoryGrouper


@dataclass(frozen=True, slots=True)
class GroupedStory:
    id: int  # the founding article's id
    articles: tuple[Article, ...]  # in id order

    @property
    def title(self) -> str | None:
        return self.articles[0].title if self.articles else None


def group_articles(articles: Sequence[Article], *, grouper: StoryGrouper | None = None) -> list[GroupedStory]:
    """Stories of ``articles`` (grouped in id order), founding article first; every article in exactly one."""
    g = grouper or StoryGrouper()
    ordered = sorted(articles, key=lambda a: a.id)
    g.add_many([(a.id, a.title, a.text, a.published, a.copy_of) for a in ordered])
    by_id = {a.id: a for a in ordered}
    members: dict[int, list[Article]] = {}
    for a in ordered:
        members.setdefault(int(g.story_id(a.id)), []).append(by_id[a.id])
    return [GroupedStory(sid, tuple(sorted(m, key=lambda a: a.id))) for sid, m in sorted(members.items())]


def stories_json(stories: Sequence[GroupedStory]) -> dict[str, Any]:
    """``{"stories": [{"id", "title", "articles": [{"id", "source", "url", "title", "published"}]}]}``."""
    return {"stories": [{"id": s.id, "title": s.title,
                         "articles": [{"id": a.id, "source": a.outlet or a.source, "url": a.url, "title": a.title,
                                       "published": a.published.isoformat() if a.published else None}
                                      for a in s.articles]} for s in stories]}


def rebuild(stories: Sequence[GroupedStory], engine: Any,
            done: Callable[[GroupedStory, dict[str, Any]], None] | None = None) -> list[dict[str, Any]]:
    """Every story's report, analysed on ``engine`` (each article extracted once, inside its story's analysis);
    ``done`` is called with each story and its report, in story order."""
    reports = engine.analyse([list(s.articles) for s in stories])
    if done is not None:
        for s, r in zip(stories, reports):
            done(s, r)
    return reports
