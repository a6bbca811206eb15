"""Feeds: RSS and Atom through feedparser (always on bytes we read ourselves, never a URL it would fetch), JSON
Feed 1.x with the json module (feedparser does not read it). Both become the same `ParsedFeed`.

Entry dates are read from the entry's own string (RFC 822 or ISO 8601) so that the day stays the publisher's local
day; feedparser's ``*_parsed`` values are converted to UTC and only used when the string is unreadable.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import io
import json
import re
from dataclasses import dataclass, field

import feedparser
from lxml import etree
from lxml import html as lxml_html

from ..text import normalise
from .dates import parse_date_value

_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
           "tr", "table", "figure", "figcaption", "pre", "header", "footer", "aside")
_HARMLESS_BOZO = tuple(getattr(feedparser, name) for name in ("CharacterEncodingOverride", "NonXMLContentType")
                       if hasattr(feedparser, name))
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class FeedEntry:
    """One entry as the feed states it."""

    title: str | None
    link: str | None
    text: str  # the longest of content and summary, as plain normalised text
    author: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # "feed", or "feed-updated" when only the entry's update date exists
    modified: dt.date | None = None

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    problem: str | None = None  # why the feed is malformed, when it is (entries then hold what could be parsed)
    # Entries that could not be read, each with its reason: (its position from 1, its link if it has one, why).
    rejected: list[tuple[int, str | None, str]] = field(default_factory=list)


def fragment_text(markup: str | None) -> str:
    """Plain text of an HTML fragment (a feed's content or summary), block elements as paragraphs."""
    if not markup or not markup.strip():
        return ""
    if "<" not in markup:
        return normalise(html_lib.unescape(markup))
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return normalise(html_lib.unescape(re.sub(r"<[^>]*>", " ", markup)))
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.text = "\n\n" + (block.text or "")
        block.tail = "\n\n" + (block.tail or "")
    return normalise(root.text_content())


def _entry_dates(published_raw, updated_raw, published_parsed, updated_parsed):
    published = parse_date_value(published_raw) or _struct_date(published_parsed)
    updated = parse_date_value(updated_raw) or _struct_date(updated_parsed)
    if published:
        return published, "feed", (updated if updated and updated != published else None)
    if updated:
        return updated, "feed-updated", None
    return None, None, None


def _struct_date(value) -> dt.date | None:
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday) if value else None
    except (AttributeError, ValueError):
        return None


def _longest_text(*candidates: str | None) -> str:
    texts = [fragment_text(c) for c in candidates if c]
    return max(texts, key=len, default="")


def parse_xml_feed(data: bytes) -> ParsedFeed:
    """RSS 0.9x/1.0/2.0 or Atom, parsed as far as it goes."""
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    problem = None
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and exc is not None and not isinstance(exc, _HARMLESS_BOZO):
        message = str(getattr(exc, "getMessage", lambda: exc)()) or type(exc).__name__
        problem = f"malformed feed ({message})"
    is_rss = str(parsed.get("version", "")).startswith("rss")
    entries = []
    for e in parsed.entries:
        content = [c.get("value") for c in e.get("content", []) if c.get("value")]
        # dict.get, not e.get: feedparser's own get() silently maps a missing `updated` to `published` (and warns).
        published, source, modified = _entry_dates(*(dict.get(e, key) for key in (
            "published", "updated", "published_parsed", "updated_parsed")))
        if source == "feed-updated" and is_rss:
            source = "feed"  # RSS has no update date: feedparser files an item's dc:date under "updated"
        entries.append(FeedEntry(
            title=fragment_text(e.get("title")) or None, link=(e.get("link") or "").strip() or None,
            text=_longest_text(*content, e.get("summary")), author=(e.get("author") or "").strip() or None,
            published=published, published_source=source, modified=modified,
        ))
    title = fragment_text(parsed.feed.get("title")) or None
    return ParsedFeed(title=title, entries=entries, problem=problem)


def is_json_feed(obj: object) -> bool:
    return isinstance(obj, dict) and "jsonfeed.org/version/" in str(obj.get("version", ""))


_KINDS = {str: "a string", list: "a list", dict: "an object", int: "a number", float: "a number", bool: "true/false"}


def _kind(value: object) -> str:
    return "null" if value is None else _KINDS.get(type(value), type(value).__name__)


class _BadItem(ValueError):
    pass


def _text_field(item: dict, key: str) -> str | None:
    """An optional string member of a JSON Feed item; any other type makes the item unreadable."""
    value = item.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _BadItem(f"{key!r} is {_kind(value)}, not a string")


def _json_item(item: object) -> FeedEntry:
    """One JSON Feed item as an entry; `_BadItem` says which member has the wrong type."""
    if not isinstance(item, dict):
        raise _BadItem(f"it is {_kind(item)}, not an object")
    title, url, external = (_text_field(item, k) for k in ("title", "url", "external_url"))
    content_text, content_html, summary = (_text_field(item, k) for k in ("content_text", "content_html", "summary"))
    published_raw, modified_raw = _text_field(item, "date_published"), _text_field(item, "date_modified")
    authors = item.get("authors")
    if authors is None:
        author = item.get("author")  # JSON Feed 1.0
        authors = [] if author is None else [author]
    if not isinstance(authors, list):
        raise _BadItem(f"'authors' is {_kind(authors)}, not a list")
    names = []
    for a in authors:
        if not isinstance(a, dict) or not isinstance(a.get("name", ""), str):
            raise _BadItem("'authors' holds an entry that is not an object with a string 'name'")
        if a.get("name"):
            names.append(a["name"].strip())
    published, source, modified = _entry_dates(published_raw, modified_raw, None, None)
    text = fragment_text(content_text) if content_text else ""
    if not text:
        text = _longest_text(content_html, summary)
    return FeedEntry(title=(title or "").strip() or None, link=(url or external or "").strip() or None, text=text,
                     author="; ".join(n for n in names if n) or None, published=published, published_source=source,
                     modified=modified)


def parse_json_feed(data: bytes) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1). An item that is not an object, or has a member of the
    wrong type (a title that is a list, authors that are a number), is rejected with its reason; the rest are read."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return ParsedFeed(title=None, problem=f"malformed JSON feed ({exc})")
    if not is_json_feed(obj):
        return ParsedFeed(title=None, problem="JSON that is not a JSON Feed (no jsonfeed.org version)")
    items = obj.get("items")
    problem = None
    if not isinstance(items, list):
        problem = f"malformed JSON feed (no items list: 'items' is {_kind(items)})"
        items = []
    entries, rejected = [], []
    for n, item in enumerate(items, 1):
        try:
            entries.append(_json_item(item))
        except _BadItem as exc:
            link = item.get("url") if isinstance(item, dict) and isinstance(item.get("url"), str) else None
            rejected.append((n, link, f"JSON Feed item {n} unreadable: {exc}"))
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    return ParsedFeed(title=(title or "").strip() or None, entries=entries, problem=problem, rejected=rejected)
