"""Publication and modification dates from a page's structured metadata.

Precedence (first source that gives a usable date wins, separately for published and modified):

1. ``json-ld``: schema.org ``datePublished`` / ``dateModified`` of an Article-like object (also inside ``@graph``);
2. ``meta``: ``article:published_time`` / ``article:modified_time`` (Open Graph), then ``og:published_time``,
   ``datePublished`` itemprop, Dublin Core ``DC.date.issued`` and the plain ``date``/``pubdate`` meta names;
3. ``microdata``: ``itemprop="datePublished"`` / ``"dateModified"`` on page elements (``<time datetime=...>``);
4. ``htmldate``: what trafilatura's date search (htmldate, without guessing from free text) finds; the caller adds it.

A date is the calendar day *as the publisher wrote it* (the local date of its own timezone offset), not converted
to UTC: an article stamped 23:30-05:00 was published that day where it was written.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Literal

DateKind = Literal["published", "modified"]

_ARTICLE_TYPES = {"article", "newsarticle", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
                  "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "socialmediaposting",
                  "report", "webpage", "creativework"}
# (attribute, value, kind) in order of trust within the "meta" tier.
_META_NAMES: tuple[tuple[str, str, DateKind], ...] = (
    ("property", "article:published_time", "published"),
    ("property", "og:published_time", "published"),
    ("itemprop", "datepublished", "published"),
    ("name", "dc.date.issued", "published"),
    ("name", "dcterms.created", "published"),
    ("name", "pubdate", "published"),
    ("name", "publish-date", "published"),
    ("name", "date", "published"),
    ("property", "article:modified_time", "modified"),
    ("property", "og:updated_time", "modified"),
    ("itemprop", "datemodified", "modified"),
    ("name", "dcterms.modified", "modified"),
    ("name", "last-modified", "modified"),
)
_MICRODATA: dict[str, DateKind] = {"datepublished": "published", "datecreated": "published",
                                   "datemodified": "modified"}
_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """One date a page states, with where it was found."""

    kind: DateKind
    value: dt.date
    source: str  # "json-ld" | "meta" | "htmldate"
    raw: str


def parse_date_value(value: Any) -> dt.date | None:
    """The calendar day of an ISO 8601 or RFC 822 timestamp, in the writer's own timezone; None if unparsable."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value:
        return None
    if _ISO_PREFIX.match(value):
        try:
            return dt.datetime.fromisoformat(value.replace(" ", "T", 1) if len(value) > 10 else value).date()
        except ValueError:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _walk_jsonld(node: Any) -> Iterable[dict]:
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in node:
                yield from _walk_jsonld(node[key])


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type", ())
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1].lower() for k in kinds}


def jsonld_objects(tree) -> list[dict]:
    """The Article-like JSON-LD objects of a page, most specific (news/article types) first."""
    found: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json" or @type="application/json+ld"]'):
        try:
            data = json.loads(script.text_content().strip() or "null", strict=False)
        except ValueError:
            continue  # malformed JSON-LD is common; the meta tier still applies
        found.extend(obj for obj in _walk_jsonld(data) if _types(obj) & _ARTICLE_TYPES)
    return sorted(found, key=lambda obj: not (_types(obj) - {"webpage", "creativework"}))


def structured_dates(tree) -> list[FoundDate]:
    """Every parsable published/modified date in JSON-LD and meta tags, in precedence order."""
    out: list[FoundDate] = []
    for obj in jsonld_objects(tree):
        for key, kind in (("datePublished", "published"), ("dateCreated", "published"), ("dateModified", "modified")):
            value = parse_date_value(obj.get(key))
            if value:
                out.append(FoundDate(kind, value, "json-ld", str(obj.get(key))))
    metas = tree.xpath("//meta")
    for attr, name, kind in _META_NAMES:
        for meta in metas:
            if (meta.get(attr) or "").strip().lower() == name:
                value = parse_date_value(meta.get("content") or meta.get("datetime"))
                if value:
                    out.append(FoundDate(kind, value, "meta", meta.get("content") or ""))
    # schema.org microdata on page elements, e.g. <time itemprop="datePublished" datetime="...">
    for element in tree.xpath("//*[@itemprop][not(self::meta)]"):
        kind = _MICRODATA.get((element.get("itemprop") or "").strip().lower())
        raw = element.get("datetime") or element.get("content")
        value = parse_date_value(raw) if kind else None
        if value:
            out.append(FoundDate(kind, value, "microdata", raw))
    return out

