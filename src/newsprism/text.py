"""Text normalisation applied once at ingest. Every offset in newsprism refers to text returned by `normalise`."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def normalise(text: str) -> str:
    """NFC, unified line ends, runs of spaces collapsed, paragraphs separated by one blank line, ends stripped.

    Single line breaks are kept: some sources put one paragraph per line.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """Hash of normalised text, case- and spacing-insensitive, that identifies exact copies."""
    key = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
