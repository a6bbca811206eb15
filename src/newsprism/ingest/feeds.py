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


def parse_json_feed(data: bytes) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1). Items that are not objects are reported, not fatal."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return ParsedFeed(title=None, problem=f"malformed JSON feed ({exc})")
    if not is_json_feed(obj):
        return ParsedFeed(title=None, problem="JSON that is not a JSON Feed (no jsonfeed.org version)")
    problems: list[str] = []
    items = obj.get("items")
    if not isinstance(items, list):
        problems.append("no items list")
        items = []
    entries = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            problems.append(f"item {n} is not an object")
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        names = [a.get("name") for a in authors if isinstance(a, dict) and a.get("name")]
        published, source, modified = _entry_dates(item.get("date_published"), item.get("date_modified"), None, None)
        text = fragment_text(item["content_text"]) if isinstance(item.get("content_text"), str) else ""
        if not text:
            text = _longest_text(item.get("content_html") if isinstance(item.get("content_html"), str) else None,
                                 item.get("summary") if isinstance(item.get("summary"), str) else None)
        link = item.get("url") or item.get("external_url")
        entries.append(FeedEntry(
            title=(item.get("title") or "").strip() or None, link=link if isinstance(link, str) else None,
            text=text, author="; ".join(names) or None,
            published=published, published_source=source, modified=modified,
        ))
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    problem = f"malformed JSON feed ({'; '.join(problems)})" if problems else None
    return ParsedFeed(title=(title or "").strip() or None, entries=entries, problem=problem)
