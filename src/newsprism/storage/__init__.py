"""Persistence: the article store (SQLAlchemy + Alembic) and its duplicate index."""

from .base import ArticleStore
from .store import CopyLink, IndexStats, Store, make_engine

__all__ = ["ArticleStore", "CopyLink", "IndexStats", "Store", "make_engine"]
