"""Credentials in URLs (``https://user:secret@host/``): sent to the server, never stored or printed."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

_USERINFO = re.compile(r"(?<=//)[^/?#@\s]*@")


def redact_url(url: str) -> str:
    """``url`` without the ``user:password@`` part, if it has one (anything else unchanged)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact_text(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def redact_text(text: str) -> str:
    """Every ``//user:password@`` inside a message removed (library messages quote the URL they failed on)."""
    return _USERINFO.sub("", text)
