"""Text normalisation applied once at ingest. Every offset in newsprism refers to text returned by `normalise`.

Invisible characters, decided once (issue 12):

- removed at ingest, so the stored text (which every span points into) never holds them: the soft hyphen U+00AD,
  the zero-width space U+200B, the word joiner U+2060, the invisible operators U+2061-U+2064 and a stray BOM U+FEFF.
  They have no meaning in running news text and only split words;
- kept in the stored text, because they carry meaning in some scripts and in emoji: the zero-width (non-)joiners
  U+200C/U+200D and the bidirectional marks and controls. Comparison ignores them: `fold_invisible` drops every
  format character (Unicode category Cf) before copy detection (content hash and MinHash shingles), so a copy
  sprinkled with invisible characters is still the same text. The HTML page neutralises the bidi controls;
- C1 control characters (U+0080-U+009F) are what windows-1252 text looks like after being read as latin-1: each is
  replaced by the windows-1252 character of its byte (U+0093 -> “), or removed where that byte has none.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b\u2060-\u2064\ufeff]")


def _c1_table() -> dict[int, str]:
    table = {}
    for code in range(0x80, 0xA0):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            table[code] = ""  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: no character in windows-1252
    return table


_C1 = _c1_table()
_HAS_C1 = re.compile(r"[\u0080-\u009f]")
# Unicode category Cf (format characters), as of Unicode 14 (Python 3.11's unicodedata); a test checks it still is.
_FORMAT = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
                     "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def normalise(text: str) -> str:
    """NFC, unified line ends, runs of spaces collapsed, paragraphs separated by one blank line, ends stripped.

    Single line breaks are kept: some sources put one paragraph per line.
    """
    if _HAS_C1.search(text):
        text = text.translate(_C1)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def fold_invisible(text: str) -> str:
    """``text`` without format characters (Unicode category Cf: joiners, bidi controls, soft hyphens...), for
    comparing texts only; never for text that offsets point into."""
    return _FORMAT.sub("", text)


def content_hash(text: str) -> str:
    """Hash of normalised text, case-, spacing- and invisible-character-insensitive, that identifies exact copies."""
    key = re.sub(r"\s+", " ", fold_invisible(text)).strip().casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def singular(word: str) -> str:
    """The crude plural fold of a lower-case word, for comparing words across texts: "pirates" -> "pirate",
    "producers" -> "producer" (not "press", nor short words: "bus", "gas")."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word
