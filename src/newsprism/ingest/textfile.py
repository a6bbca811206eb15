"""Plain-text sources: decode the bytes, then the leading `` date YYYY-MM-DD`` marker or a front-matter block, then
the story text.

Decoding, in order: a byte-order mark (UTF-8/16/32), strict UTF-8, then the encoding charset-normalizer ranks best.
Its ranking is unreliable on short Western texts (cp1252 bytes often come out as cp1250 or cp1257, scored a few
hundredths apart), so among the candidates whose mess and language-coherence scores are within a small tolerance of
the best, the encoding most common on the web wins (cp1252 first, the default browsers use for unlabelled legacy
text). Known limit: Turkish cp1254 text can still come out as cp1252 (charset-normalizer itself ranks it first).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import IngestError
from ..model import ArticleDraft
from ..text import normalise

_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.S)
_FRONT_LINE = re.compile(r"^\s*([A-Za-z][\w-]*)\s*:\s*(.*)$")
_FRONT_KEYS = {"title", "url", "outlet", "date", "published", "modified", "author"}

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Legacy encodings by how common they are on the web; the tie-breaker between equally plausible decodings.
_PREVALENCE = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "shift_jis", "euc_jp", "gb2312", "gb18030",
               "big5", "euc_kr", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "koi8_r", "iso8859_2")
_CHAOS_TOLERANCE = 0.05  # charset-normalizer's "mess" ratio; differences this small are noise on short texts
_COHERENCE_TOLERANCE = 0.04  # likewise its language-coherence score
_MAX_CONTROL_RATIO = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip().strip("'\"")[:10])
    except ValueError:
        return None


def _front_fields(block: str) -> dict[str, str] | None:
    """The ``key: value`` lines of a front-matter block, or None when the block is not one (then it is story text:
    a passage between two ``---`` rules must never be dropped as metadata)."""
    fields: dict[str, str] = {}
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _FRONT_LINE.match(line)
        if not match:
            return None
        fields[match.group(1).lower()] = match.group(2).strip().strip("'\"")
    return fields if fields.keys() & _FRONT_KEYS else None


def parse_text(raw: str, source: str) -> ArticleDraft:
    """Split off the metadata a text file may carry and normalise the rest.

    Args:
        raw: the decoded file content.
        source: where it came from (path, URL or ``-``); kept on the draft.

    Returns:
        A draft with ``source_kind="text"``; its text may be empty (the caller decides what that means).
    """
    raw = raw.lstrip("\ufeff")
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(raw.lstrip())
    fields = _front_fields(front.group(1)) if front else None
    if fields is not None:
        meta = {k: v for k, v in fields.items() if k in _FRONT_KEYS}
        raw = raw.lstrip()[front.end():]
    published, published_source = None, None
    marker = _DATE_MARKER.match(raw)
    if marker:
        published, published_source = _parse_date(marker.group(1)), "marker"
        raw = raw[marker.end():]
    date_value = meta.get("date") or meta.get("published")
    if date_value and published is None:
        published, published_source = _parse_date(date_value), "front-matter"
    modified = _parse_date(meta["modified"]) if meta.get("modified") else None
    return ArticleDraft(text=normalise(raw), source=source, title=meta.get("title") or None,
                        outlet=meta.get("outlet") or None, author=meta.get("author") or None,
                        url=meta.get("url") or None, published=published,
                        published_source=published_source if published else None, modified=modified)


def _rank_key(match) -> tuple:
    name = match.encoding
    return (_PREVALENCE.index(name) if name in _PREVALENCE else len(_PREVALENCE), -match.coherence)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used, and how many invalid byte sequences were replaced by U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0
    first_bad: int | None = None  # byte offset of the first one

    def problem(self) -> str | None:
        """The one line that reports the replacement, if any."""
        if not self.replaced:
            return None
        n = self.replaced
        return (f"{n} invalid UTF-8 byte sequence{'s' if n > 1 else ''} replaced with U+FFFD (first at byte "
                f"{self.first_bad:,}); the rest read as UTF-8")


def near_utf8(data: bytes) -> Decoded | None:
    """``data`` read as UTF-8 with its invalid sequences replaced, when it is UTF-8 but for a few bytes.

    Legacy (single-byte) text almost never holds a valid multi-byte UTF-8 sequence, so bytes that hold more valid
    multi-byte characters than invalid sequences are UTF-8 text damaged in a few places, not another encoding.
    """
    try:
        data.decode("utf-8")
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    valid_multibyte = non_ascii - text.count("\ufffd")
    if valid_multibyte < 1 or replaced > valid_multibyte or replaced > max(16, len(data) // 200):
        return None
    return Decoded(text, "utf-8", replaced, first)


def _unmarked_utf16_32(data: bytes) -> Decoded | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where its NUL bytes fall (text that is mostly Latin
    script has a NUL in the high byte of almost every code unit); None when the NULs follow no such pattern."""
    sample = data[:4096]
    candidates = []
    if len(data) % 4 == 0:
        candidates += [("utf-32-le", (1, 2, 3), 4), ("utf-32-be", (0, 1, 2), 4)]
    if len(data) % 2 == 0:
        candidates += [("utf-16-le", (1,), 2), ("utf-16-be", (0,), 2)]
    for name, positions, width in candidates:
        units = len(sample) // width
        if units and all(sample[p::width].count(0) >= 0.9 * units for p in positions):
            try:
                return Decoded(*_checked(data.decode(name), name))
            except (UnicodeDecodeError, ValueError):
                continue
    return None


def decode_text(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode a text source.

    Args:
        data: the raw bytes (not empty).
        declared: an encoding the transport declared (HTTP ``charset``), tried right after the BOM and UTF-8.

    Order: a byte-order mark, strict UTF-8, UTF-8 but for a few bytes (`near_utf8`: never a legacy encoding over a
    near-clean UTF-8 reading), the declared charset, then detection.

    Raises:
        ValueError: with the reason ("binary content (NUL bytes)", "undecodable text") when the bytes are not text.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(*_checked(data.decode(name), name))
            except UnicodeDecodeError as exc:
                raise ValueError(f"undecodable text: invalid {name} after its byte-order mark") from exc
    if b"\x00" in data:
        unmarked = _unmarked_utf16_32(data)
        if unmarked is None:
            raise ValueError("binary content (NUL bytes)")
        return unmarked
    lenient = near_utf8(data)
    if lenient is not None:
        _checked(lenient.text, "utf-8")
        return lenient
    if declared:
        try:
            return Decoded(*_checked(data.decode(declared), codecs.lookup(declared).name))
        except (LookupError, UnicodeDecodeError):
            pass
    results = list(from_bytes(data))
    if not results:
        raise ValueError("undecodable text (no encoding fits; binary content?)")
    least = min(r.chaos for r in results)
    plausible = [r for r in results if r.chaos <= least + _CHAOS_TOLERANCE]
    most = max(r.coherence for r in plausible)
    plausible = [r for r in plausible if r.coherence >= most - _COHERENCE_TOLERANCE]
    best = min(plausible, key=_rank_key)
    return Decoded(*_checked(str(best), best.encoding))


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of a text source; see `decode_text` (which also says what was replaced)."""
    decoded = decode_text(data, declared=declared)
    return decoded.text, decoded.encoding


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if text and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_RATIO:
        raise ValueError("binary content (control characters)")
    return text, encoding


def draft_from_text_bytes(data: bytes, source: str, *, max_text_bytes: int, source_kind: str = "text",
                          declared: str | None = None) -> ArticleDraft:
    """A checked draft from the bytes of a text source.

    Raises:
        IngestError: empty, oversized, binary or undecodable content, with the reason.
    """
    if not data:
        raise IngestError(source, "empty file (0 bytes)", code="ingest.empty-source")
    if len(data) > max_text_bytes:
        raise IngestError(source, f"oversized: {len(data):,} bytes of text > limit {max_text_bytes:,}",
                          code="ingest.oversized")
    try:
        decoded = decode_text(data, declared=declared)
    except ValueError as exc:
        raise IngestError(source, str(exc), code="ingest.undecodable") from None
    draft = parse_text(decoded.text, source)
    if not draft.text:
        what = "metadata but no text" if (draft.published or draft.title) else "only whitespace"
        raise IngestError(source, f"empty: {what}", code="ingest.no-text")
    draft.source_kind = source_kind
    draft.encoding = decoded.encoding
    if decoded.problem():
        draft.problems.append(decoded.problem())
    return draft
