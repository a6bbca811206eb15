"""Persistence: the article store (SQLAlchemy + Alembic) and its duplicate index."""

from .store import CopyLink, IndexStats, Store, make_engine

__all__ = ["CopyLink", "IndexStats", "Store", "make_engine"]
