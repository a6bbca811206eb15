"""Ingestion: every kind of source becomes an `ArticleDraft` (text + metadata), then an `Article` in the store.

The entry point is `iter_drafts(sources, settings)`; see docs/ingest.md for the sources accepted, the date
precedence, the guards on fetching and the error lines.
"""

from .sources import expand_source, iter_drafts
from ..model import ArticleDraft
from .textfile import parse_text

__all__ = ["ArticleDraft", "expand_source", "iter_drafts", "parse_text"]
