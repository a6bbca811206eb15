"""Ingestion: every kind of source becomes an `ArticleDraft` (text + metadata), then an `Article` in the store.

The entry point is `iter_drafts(sources, settings)`; see docs/ingest.md for the sources accepted, the date
precedence, the guards on fetching and the error lines.
"""

from typing import Any

from ..model import ArticleDraft

__all__ = ["ArticleDraft", "expand_source", "iter_drafts", "parse_text"]

# Loaded on first use: the readers pull in trafilatura, feedparser and httpx, which the store (it imports
# `ingest.copies`) and the commands that only read the database never need.
_LAZY = {"expand_source": ".sources", "iter_drafts": ".sources", "parse_text": ".textfile"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
