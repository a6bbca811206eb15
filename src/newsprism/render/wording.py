"""Wording shared by the rendered reports (Markdown and HTML)."""

from __future__ import annotations

from typing import Any


def position_support(p: dict[str, Any]) -> str:
    """Who holds a position, and whether that is a shared fact: statements alike in meaning from several origins are
    an agreement only where one fact inside them is (``agreements``); else each origin tells it its own way."""
    k = p["independent_sources"]
    held = f"{k} independent source{'s' if k != 1 else ''}" + (
        f", {len(p['outlets'])} outlets" if len(p["outlets"]) > k else "")
    if p.get("agreements"):
        return held + "; agreement " + ", ".join(str(n + 1) for n in p["agreements"])
    return held + ("; alike in meaning, no one fact confirmed" if k > 1 else "")


def said_by(item: dict[str, Any]) -> str:
    """"; said by X, Y" for an agreement or a position whose statements credit speakers, else ""."""
    return f"; said by {', '.join(item['speakers'])}" if item.get("speakers") else ""


def refers_to(item: dict[str, Any]) -> str:
    """" [He = Jerry Ortiz]" for a statement that opens on a pronoun the report resolved, else ""."""
    if not item.get("refers_to"):
        return ""
    word = item["statement"].lstrip("\"“‘' ").split(maxsplit=1)[0]
    return f" [{word} = {item['refers_to']}]"
