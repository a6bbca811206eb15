"""What every article store offers: the surface the service, CLI and API rely on.

`Store` (SQLAlchemy, any URL) is the one implementation today; another backend passes the same tests by meeting
this protocol.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from ..model import Article, ArticleDraft

if TYPE_CHECKING:  # pragma: no cover
    from .store import CopyLink, IndexStats


class ArticleStore(Protocol):
    def add_draft(self, draft: ArticleDraft) -> tuple[Article, bool]:
        """Store one draft in its own transaction; return the article and whether it was created."""

    def get(self, article_id: int) -> Article:
        """The article with this id; ``KeyError`` if none."""

    def get_many(self, ids: Iterable[int]) -> list[Article]:
        """The articles with these ids, in id order."""

    def list(self, *, copies_only: bool = False, limit: int | None = None) -> list[Article]:
        """Stored articles in ingest order."""

    def copies(self) -> list[CopyLink]:
        """Every copy with its original."""

    def count(self) -> int:
        """How many articles are stored."""

    def rebuild_duplicate_index(self, *, relink: bool = False, batch_seconds: float = 0.5) -> int:
        """Recompute the duplicate index from the stored texts; return the number of articles indexed."""

    def index_stats(self) -> IndexStats:
        """What the duplicate index holds."""
