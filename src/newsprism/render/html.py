"""The report as one standalone HTML page: no network, no external assets, every article text escaped.

Safety, in layers: Jinja2 autoescapes every value; the articles' texts reach the script only as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as ``\\u003c`` and so on; the script builds
highlighted text with ``textContent`` only; and a Content-Security-Policy allows no fetch of any kind and only the
page's own script (by its SHA-256), so even an escaping bug could not run injected code or load anything.

Offsets in the report count Unicode code points (Python); the script slices ``Array.from(text)`` (code points),
not the UTF-16 string, so highlights stay exact after an emoji.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..timex import day_fraction, value_bounds
from .wording import position_support, refers_to

# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) can make text display in another
# order than it is stored ("Invoice\u202egpj.exe" shows as "Invoiceexe.jpg"). On the page each becomes U+FFFD, one
# character for one, so what is shown is what is stored and every offset into an article stays exact.
_BIDI = {c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def neutralise_bidi(value: Any) -> Any:
    """Strings with their bidi controls replaced (one for one); anything else unchanged."""
    return value.translate(_BIDI) if isinstance(value, str) else value


def _neutralised(data: Any) -> Any:
    if isinstance(data, str):
        return data.translate(_BIDI)
    if isinstance(data, dict):
        return {k: _neutralised(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_neutralised(v) for v in data]
    return data



@cache
def _template() -> Any:
    import jinja2

    # Lenient undefined: optional report fields may be absent (the schema requires only a few per item).
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, finalize=neutralise_bidi)
    text = resources.files("newsprism").joinpath("render/templates/report.html.j2").read_text("utf-8")
    return env.from_string(text)


@cache
def _asset(name: str) -> str:
    return resources.files("newsprism").joinpath(f"render/templates/{name}").read_text("utf-8")


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` that could close or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def cites(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One citation per article: its id and the ``start-end`` ranges of its spans in this item."""
    by: OrderedDict[int, list[str]] = OrderedDict()
    for e in evidence:
        by.setdefault(e["article"], []).append(f"{e['start']}-{e['end']}")
    return [{"article": a, "spans": ",".join(r)} for a, r in sorted(by.items())]


# ---------------------------------------------------------------------------------------------------------------
# Timeline axis (inline SVG geometry; the template draws it)


def _day_position(t: dict[str, Any]) -> tuple[dt.date, float] | None:
    bounds = value_bounds(t["value"])
    if bounds is None:
        return None
    start = dt.date.fromisoformat(t["start"]) if t.get("start") else bounds[0]
    return start, day_fraction(t["value"])


def _band(entries: list[tuple[int, dict[str, Any]]], *, width: int, left: int, yearly: bool) -> dict[str, Any]:
    """Markers and ticks of one axis: story days (by day) or background history (by year)."""
    spans = []
    for i, t in entries:
        bounds = value_bounds(t["value"])
        if bounds is None:
            continue
        start = dt.date.fromisoformat(t["start"]) if t.get("start") else bounds[0]
        end = dt.date.fromisoformat(t["end"]) if t.get("end") else bounds[1]
        spans.append((i, t, start, end))
    if not spans:
        return {"markers": [], "ticks": [], "height": 0}
    # the story's days axis spans its dated days; a week or month named in the story is clipped to it
    points = [(s, e) for _, t, s, e in spans if t["granularity"] in ("day", "part_of_day", "time")] or \
        [(s, e) for _, _, s, e in spans]
    lo = min(s for s, _ in points) if not yearly else min(s for _, _, s, _ in spans)
    hi = max(e for _, e in points) if not yearly else max(e for _, _, _, e in spans)
    if yearly:
        lo, hi = dt.date(lo.year, 1, 1), dt.date(hi.year, 12, 31)
    total = max((hi - lo).days + 1, 1)

    def x(d: dt.date, frac: float = 0.0) -> float:
        return round(left + ((d - lo).days + frac) / total * width, 1)

    ticks = []
    if yearly:
        years = list(range(lo.year, hi.year + 1))
        step = max(1, len(years) // 8)
        ticks = [{"x": x(dt.date(y, 1, 1)), "label": str(y)} for y in years[::step]]
    else:
        step = 1 if total <= 16 else 7
        d = lo
        while d <= hi:
            ticks.append({"x": x(d, 0.5), "label": f"{d.day} {d.strftime('%b')}"})
            d += dt.timedelta(days=step)
    markers: list[dict[str, Any]] = []
    for i, t, start, end in spans:
        point = t["granularity"] in ("day", "part_of_day", "time")
        if point and not yearly:
            pos = _day_position(t)
            cx = x(pos[0], pos[1]) if pos else x(start, 0.5)
            x1 = x2 = cx
        else:
            x1, x2 = x(max(start, lo)), x(min(end, hi), 1.0)
            cx = round((x1 + x2) / 2, 1)
        row = 0
        while any(abs(m["cx"] - cx) < 16 and m["row"] == row for m in markers):
            row += 1
        markers.append({"index": i, "cx": cx, "x1": x1, "x2": x2, "bar": x2 - x1 > 6, "row": row,
                        "y": 40 - row * 14, "label": t["label"], "text": t["evidence"][0]["text"],
                        "disputed": t.get("divergence") is not None, "inferred": t.get("inferred", False)})
    lift = max((m["row"] for m in markers), default=0) * 14
    for m in markers:
        m["y"] += lift
    return {"markers": markers, "ticks": ticks, "height": 80 + lift, "axis_y": 52 + lift}


def timeline_axes(report: dict[str, Any], width: int = 860, left: int = 20) -> list[dict[str, Any]]:
    items = list(enumerate(report["timeline"]))
    axes = []
    background = [(i, t) for i, t in items if t["background"]]
    story = [(i, t) for i, t in items if not t["background"]]
    if background:
        axes.append({"title": "Background (by year)", **_band(background, width=width, left=left, yearly=True)})
    if story:
        axes.append({"title": "The story's days", **_band(story, width=width, left=left, yearly=False)})
    return [a for a in axes if a["markers"]]


# ---------------------------------------------------------------------------------------------------------------


def _short_name(a: dict[str, Any]) -> str:
    """How a source is named where it has no outlet or title: its URL, else its file name."""
    return a.get("outlet") or a.get("url") or (a.get("source") or "").replace("\\", "/").rsplit("/", 1)[-1]


@cache
def content_security_policy(*, framed: bool = False) -> str:
    """The page's policy: only its own script (by hash), nothing fetched; ``framed`` (in the web app): also
    scripts, styles, requests and form posts to the page's own origin."""
    digest = base64.b64encode(hashlib.sha256(_asset("report.js").encode("utf-8")).digest()).decode("ascii")
    if not framed:
        return (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
                "base-uri 'none'; form-action 'none'; connect-src 'none'")
    return (f"default-src 'none'; script-src 'self' 'sha256-{digest}'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; base-uri 'none'; form-action 'self'; connect-src 'self'")


@dataclass(frozen=True, slots=True)
class PageFrame:
    """What a host page (the web app) puts around the report: its own header, stylesheets and scripts, all from
    the page's own origin, and the right to reach that origin (to poll for changes, to post its forms).

    ``header`` is trusted markup, rendered by the host's own autoescaping templates.
    """

    header: str = ""
    styles: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()
    body: dict[str, str] = field(default_factory=dict)  # data-* attributes of <body> for the host's scripts


def render_html(report: dict[str, Any], *, frame: PageFrame | None = None) -> str:
    """The standalone page for ``report`` (``newsprism.report/3``), as one string; inside the web app with a
    ``frame``, whose scripts and styles may come from the page's own origin (``'self'``) and nowhere else."""
    report = _neutralised(report)  # every string of the page, including the texts the script highlights
    script = _asset("report.js")
    csp = content_security_policy(framed=frame is not None)
    quotes: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for q in report["quotes"]:
        quotes.setdefault(q.get("speaker") or "Unattributed", []).append(q)
    data = {"articles": {str(a["id"]): a["text"] for a in report["articles"]}}
    return _template().render(
        r=report, csp=csp, style=_asset("report.css"), script=script, data_json=script_json(data),
        cites=cites, axes=timeline_axes(report), quotes=quotes,
        name=_short_name, frame=frame, support=position_support, refers_to=refers_to,
    )
