"""HTML pages: main text without boilerplate, title, outlet, author and dates, through trafilatura.

The cascade for one page:

1. parse leniently (malformed markup gives whatever tree lxml can build);
2. trafilatura's extractor (with its own fallbacks) for the main text and its metadata;
3. dates from structured metadata first (see `dates`), trafilatura/htmldate only as the last resort, published and
   modified kept apart; any date later than today is dropped with a note (a clock or template error, never a fact);
4. reject what is not an article: no text, too few words, or a paywall/consent/cookie stub, each with its reason.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import trafilatura
from trafilatura.utils import load_html

from ..errors import IngestError
from ..text import normalise
from .dates import FoundDate, jsonld_objects, parse_date_value, structured_dates
from ..model import ArticleDraft
from .textfile import decode_bytes, near_utf8

# Wording of paywalls, consent walls and cookie banners. A sentence is "wall" text when it holds one strong phrase
# (hardly ever found in news copy) or two different weak words (each alone is common in news: "consent" in a story
# about a consent law, "subscribers" in one about a streaming service, "cookies" at a bakery).
_WALL_STRONG = re.compile(
    r"\b(accept all|reject all|manage (?:preferences|options|cookies|consent)|privacy (?:policy|settings|notice)|"
    r"cookie (?:policy|settings|notice|preferences|banner)|personali[sz]ed (?:ads|advertising|content)|our partners|"
    r"legitimate interest|ad[ -]?blockers?|paywall|continue reading|read the full (?:article|story)|"
    r"already a (?:member|subscriber)|subscribe (?:now|today|to (?:read|continue))|subscribers? only|"
    r"(?:sign|log) ?in to (?:read|continue)|create an? (?:free )?account|free trial|unlock (?:this|the full)|"
    r"premium (?:content|article)|you have reached your|this content is (?:only )?available)\b",
    re.I,
)
_WALL_WEAK = re.compile(r"\b(subscri(?:be|ber|bers|ption|ptions)|sign[ -]?in|log[ -]?in|sign[ -]?up|register|cookies?|"
                        r"consent|partners|privacy|unlock|membership)\b", re.I)
# Prompts that mean the page stops where the paywall starts: the text before them is a teaser, not the article.
_TRUNCATION = re.compile(
    r"\b(continue reading|read the full (?:article|story)|already a (?:member|subscriber)|subscribers? only|"
    r"for (?:our )?subscribers|subscribe (?:now|today|to (?:read|continue))|to (?:read|continue reading) this|"
    r"(?:register|sign in|log in) to (?:read|continue)|you have reached your|free articles? (?:left|remaining)|"
    r"unlock (?:this|the full) (?:article|story))\b",
    re.I,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Labels that browsers (WHATWG Encoding) read as windows-1252: pages labelled latin-1 use its 0x80-0x9F letters.
_WHATWG_ALIASES = {name: "cp1252" for name in ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii",
                                                "ascii", "windows-1252", "cp1252", "x-cp1252")}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_WORD = re.compile(r"\w+")
_WALL_SHARE = 0.35  # share of the words in "wall" sentences above which the page is a stub, not an article
_EDGE_WALL_SHARE = 0.5  # a first or last paragraph at least this "wall" is a banner or prompt, not story text
_TRUNCATED_WORDS = 150  # fewer words than this before a paywall prompt: a teaser, not the article


def _is_wall(sentence: str) -> bool:
    if _WALL_STRONG.search(sentence):
        return True
    return len({m.group(1).lower()[:6] for m in _WALL_WEAK.finditer(sentence)}) >= 2


def _wall_share(text: str) -> float:
    words = wall = 0
    for sentence in _SENTENCE.findall(text):
        n = len(_WORD.findall(sentence))
        words += n
        if _is_wall(sentence):
            wall += n
    return wall / words if words else 0.0


def decode_html(markup: bytes, *, declared: str | None = None, problems: list[str] | None = None) -> str | bytes:
    """Decode a page: BOM, strict UTF-8, UTF-8 but for a few bytes, the HTTP charset, the page's
    ``<meta charset>``, then detection.

    Trafilatura's own decoding skips the declared charsets, so pages are decoded here. Bytes that are not text at
    all are returned unchanged for trafilatura's lenient fallback. A replaced invalid byte is reported in
    ``problems``.
    """
    if not markup.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        lenient = near_utf8(markup)  # valid (or nearly valid) UTF-8 wins over a (often stale) declaration
        if lenient is not None:
            if lenient.problem() and problems is not None:
                problems.append(lenient.problem())
            return lenient.text
        else:
            meta = _META_CHARSET.search(markup[:4096])
            for charset in (declared, meta.group(1).decode("ascii") if meta else None):
                if not charset:
                    continue
                try:
                    return markup.decode(_WHATWG_ALIASES.get(charset.lower(), charset))
                except (LookupError, UnicodeDecodeError):
                    continue
    try:
        return decode_bytes(markup)[0]
    except ValueError:
        return markup


def strip_wall_edges(text: str) -> tuple[str, int, bool]:
    """Drop subscribe/consent paragraphs at the start and end of the text.

    Returns:
        ``(text, paragraphs removed, whether a removed last paragraph was a paywall prompt)``.
    """
    paragraphs = text.split("\n\n")
    removed, truncated = 0, False
    while paragraphs and _wall_share(paragraphs[-1]) >= _EDGE_WALL_SHARE:
        truncated = truncated or bool(_TRUNCATION.search(paragraphs[-1]))
        paragraphs.pop()
        removed += 1
    while paragraphs and _wall_share(paragraphs[0]) >= _EDGE_WALL_SHARE:
        paragraphs.pop(0)
        removed += 1
    return "\n\n".join(paragraphs), removed, truncated


def stub_reason(text: str, *, min_words: int) -> str | None:
    """Why this extracted text is not an article (too short, or a paywall/consent stub), or None if it is one."""
    words = len(_WORD.findall(text))
    share = _wall_share(text)
    if share >= _WALL_SHARE:
        return (f"paywall/consent stub, not an article ({share:.0%} of its {words} words ask to subscribe, sign in "
                "or accept cookies)")
    if words < min_words:
        return (f"too short to be an article ({words} word{'' if words == 1 else 's'} < {min_words}; "
                "a teaser, paywall or failed extraction?)")
    return None


def _jsonld_text(objs: list[dict], key: str) -> str | None:
    for obj in objs:
        value = obj.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _jsonld_authors(objs: list[dict]) -> str | None:
    for obj in objs:
        value = obj.get("author")
        items = value if isinstance(value, list) else [value]
        names = [(i.get("name") if isinstance(i, dict) else i) for i in items]
        names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
        if names:
            return "; ".join(dict.fromkeys(names))
    return None


def _body_text(raw: str, title: str | None) -> str:
    """Trafilatura puts one block per line; make blocks paragraphs and drop a leading repeat of the headline."""
    lines = [line for line in raw.split("\n") if line.strip()]
    if lines and title and normalise(lines[0]).casefold() == normalise(title).casefold():
        lines = lines[1:]
    return normalise("\n\n".join(lines))


def choose_dates(found: list[FoundDate], *, today: dt.date, notes: list[str]) -> dict[str, FoundDate | None]:
    """The first non-future date of each kind, in the given precedence order; future ones noted and dropped."""
    chosen: dict[str, FoundDate | None] = {"published": None, "modified": None}
    for f in found:
        if chosen[f.kind] is not None:
            continue
        if f.value > today:
            notes.append(f"dropped future {f.kind} date {f.value.isoformat()} from {f.source}")
            continue
        chosen[f.kind] = f
    return chosen


def draft_from_html(markup: bytes | str, source: str, *, source_kind: str = "html", url: str | None = None,
                    min_words: int = 40, today: dt.date | None = None, charset: str | None = None) -> ArticleDraft:
    """Extract one article from an HTML page.

    Args:
        markup: the page, as bytes (decoded by `decode_html`) or text.
        source: the path, URL or ``-`` it came from (used in error lines).
        source_kind: ``html`` for files, ``url`` for fetched pages, ``stdin``, ``feed`` for feed entries' pages.
        url: the page's URL if known (resolves relative metadata, gives a fallback outlet).
        min_words: fewer words than this is not an article.
        today: the date after which dates are "in the future" (default: the local date today).
        charset: the encoding the server declared, if any.

    Returns:
        The draft, with ``notes`` listing anything dropped.

    Raises:
        IngestError: the page has no extractable text, or only a stub (too short, paywall, consent/cookie wall).
    """
    today = today or dt.date.today()
    if not markup or not (markup.strip() if isinstance(markup, (bytes, str)) else True):
        raise IngestError(source, "empty file (0 bytes)" if not markup else "empty: only whitespace",
                          code="ingest.empty-source" if not markup else "ingest.no-text")
    problems: list[str] = []
    if isinstance(markup, bytes):
        markup = decode_html(markup, declared=charset, problems=problems)
    try:
        tree = load_html(markup)
    except Exception:  # noqa: BLE001 - lxml/charset errors on pathological bytes; reported as unparsable below
        tree = None
    if tree is None:
        raise IngestError(source, "HTML could not be parsed (no document tree)", code="ingest.no-article-text")
    notes: list[str] = []
    found = structured_dates(tree)
    objs = jsonld_objects(tree)
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
            # Precision first: htmldate may look at meta/time/URL, but must not guess from free text.
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "outputformat": "%Y-%m-%d", "max_date": today.isoformat()},
        )
    except Exception as exc:  # trafilatura raises assorted errors on pathological markup  # noqa: BLE001
        raise IngestError(source, f"HTML extraction failed ({type(exc).__name__}: {exc})",
                          code="ingest.no-article-text") from None
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    title = meta.get("title") or _jsonld_text(objs, "headline")
    text = _body_text(meta.get("text") or "", title) if meta else ""
    if not _WORD.search(text):
        raise IngestError(source, "no article text found in the HTML (extraction failed)",
                          code="ingest.no-article-text")
    reason = stub_reason(text, min_words=min_words)
    if reason:
        raise IngestError(source, reason, code="ingest.stub")
    # 4. a paywall prompt or consent banner at the edges is not story text; a short text before a prompt is a teaser
    text, removed, truncated = strip_wall_edges(text)
    words = len(_WORD.findall(text))
    if truncated and words < _TRUNCATED_WORDS:
        raise IngestError(source, f"paywall stub, not an article (only {words} words before a subscription prompt)",
                          code="ingest.paywall")
    reason = stub_reason(text, min_words=min_words) if removed else None
    if reason:
        raise IngestError(source, reason, code="ingest.stub")
    if removed:
        notes.append(f"removed {removed} subscribe/consent paragraph{'s' if removed > 1 else ''} at the edges")
    htmldate_value = parse_date_value(meta.get("date"))
    if htmldate_value:
        found.append(FoundDate("published", htmldate_value, "htmldate", meta.get("date")))
    chosen = choose_dates(found, today=today, notes=notes)
    published, modified = chosen["published"], chosen["modified"]
    if published and modified and modified.value < published.value:
        notes.append(f"modified date {modified.value} precedes published {published.value}; modified dropped")
        modified = None
    page_url = url or meta.get("url") or None
    outlet = (_jsonld_text(objs, "publisher") or meta.get("sitename")
              or (urlsplit(page_url).hostname if page_url else None))
    return ArticleDraft(
        text=text, source=source, source_kind=source_kind, title=title or None, outlet=outlet or None,
        author=_jsonld_authors(objs) or meta.get("author") or None, url=page_url,
        published=published.value if published else None,
        published_source=published.source if published else None,
        modified=modified.value if modified else None, notes=notes, problems=problems,
    )
