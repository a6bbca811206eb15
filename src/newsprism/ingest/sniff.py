"""What a source's bytes are: an HTML page, an RSS/Atom feed, a JSON Feed, other JSON, or text.

Content decides first (a feed saved as ``.txt`` or served as ``text/html`` is still a feed); the file extension and
the server's content type only break the tie when the first bytes say nothing.
"""

from __future__ import annotations

import json
import re
from typing import Literal

Kind = Literal["html", "feed", "jsonfeed", "json", "xml", "text"]

_PROLOGUE = re.compile(rb"^(?:\s+|<\?xml[^>]*\?>|<!--.*?-->|<\?xml-stylesheet[^>]*\?>)+", re.S)
_FEED_ROOT = re.compile(rb"^<(?:rss|feed|rdf:rdf|rdf|channel)[\s>/:]", re.I)
_HTML_ROOT = re.compile(rb"^<(?:!doctype\s+html|html|head|body)[\s>]", re.I)
_XML_ROOT = re.compile(rb"^<([A-Za-z_][\w.:-]*)")
_HTML_TAG = re.compile(rb"<(?:html|head|body|article|div|p|h1|h2|title|meta)[\s>]", re.I)
_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")
_FEED_EXT = (".xml", ".rss", ".atom", ".rdf")
_BOMS = (b"\xef\xbb\xbf",)
# An XML document type declaration, with its internal subset (``[<!ENTITY nbsp "&#160;">]``) if it has one: the
# ``>`` of the entity declarations inside the brackets must not be taken for the end of the declaration.
_DOCTYPE = re.compile(rb"<!DOCTYPE\s+([\w.:-]+)[^\[>]*(?:\[.*?\]\s*)?>\s*", re.S | re.I)


def sniff(data: bytes, *, name: str = "", hint: str = "") -> Kind:
    """Guess the kind of ``data``.

    Args:
        data: the bytes (the first few KiB are enough for everything but JSON).
        name: a file name or URL path, whose extension is a weak hint.
        hint: the kind the server's content type suggested ("html", "feed", "text" or "").
    """
    head = data[:4096]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
    head = head.lstrip()
    if head.startswith((b"{", b"[")):
        try:
            from .feeds import is_json_feed

            return "jsonfeed" if is_json_feed(json.loads(data.decode("utf-8-sig"))) else "json"
        except (UnicodeDecodeError, ValueError):
            if b"jsonfeed.org/version" in head:
                return "jsonfeed"  # broken JSON that says it is a JSON Feed: report it as a malformed feed
    body = _PROLOGUE.sub(b"", head, count=1)
    doctype = _DOCTYPE.match(body) if not body[:15].lower().startswith(b"<!doctype html") else None
    if doctype:  # an XML doctype before the root element (comments may follow it)
        body = _PROLOGUE.sub(b"", body[doctype.end():], count=1)
    if _FEED_ROOT.match(body):
        return "feed"
    if _HTML_ROOT.match(body):
        return "html"
    lower = name.lower().split("?", 1)[0]
    if head.startswith(b"<?xml") and _XML_ROOT.match(body) and not _HTML_TAG.match(body):
        return "xml"  # well-declared XML whose root is neither a feed nor HTML (a sitemap, an API answer)
    if hint in ("html", "feed", "text"):
        if hint == "feed" and head.startswith(b"<"):
            return "feed"
        if hint == "html":
            return "html"
        if hint == "text":
            return "text"
    if lower.endswith(_HTML_EXT) or (head.startswith(b"<") and _HTML_TAG.search(head)):
        return "html"
    if lower.endswith(_FEED_EXT) and head.startswith(b"<"):
        return "feed"
    return "text"
