"""Plain-text sources: the leading `` date YYYY-MM-DD`` marker, or a front-matter block, then the story text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..text import normalise

_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_FRONT_MATTER = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.S)
_FRONT_KEYS = {"title", "url", "outlet", "date", "published", "author"}


@dataclass(slots=True)
class ArticleDraft:
    """What a source yields before it is stored and given an id."""

    text: str
    source: str
    source_kind: str = "text"
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None
    modified: dt.date | None = None
    notes: list[str] = field(default_factory=list)


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def parse_text(raw: str, source: str) -> ArticleDraft:
    """Split off the metadata a text file may carry and normalise the rest."""
    raw = raw.lstrip("\ufeff")
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(raw.lstrip())
    if front:
        for line in front.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in _FRONT_KEYS:
                meta[key.strip().lower()] = value.strip().strip("'\"")
        raw = raw.lstrip()[front.end():]
    published, published_source = None, None
    marker = _DATE_MARKER.match(raw)
    if marker:
        published, published_source = _parse_date(marker.group(1)), "marker"
        raw = raw[marker.end():]
    date_value = meta.get("date") or meta.get("published")
    if date_value and published is None:
        published, published_source = _parse_date(date_value), "front-matter"
    return ArticleDraft(text=normalise(raw), source=source, title=meta.get("title"), outlet=meta.get("outlet"),
                        author=meta.get("author"), url=meta.get("url"), published=published,
                        published_source=published_source if published else None)
