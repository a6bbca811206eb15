"""Markdown rendering of a report dict, readable in a terminal at 100 columns.

Reads only the report (``newsprism.report/3``). Citations are article ids in brackets, ``[1][3]``, matching the
sources table. Every list item is wrapped to ``WIDTH`` columns with a hanging indent.
"""

from __future__ import annotations

import textwrap
from collections import OrderedDict
from typing import Any

from .wording import position_support, refers_to, said_by

WIDTH = 100


def cite(ids: Any) -> str:
    """``[1][3]`` for a list of article ids (duplicates dropped, order kept)."""
    return "".join(f"[{i}]" for i in OrderedDict.fromkeys(ids))


def _evidence_ids(item: dict[str, Any]) -> list[int]:
    return [e["article"] for e in item.get("evidence", [])]


def _item(text: str, bullet: str = "- ", indent: int = 0) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=pad + bullet,
                         subsequent_indent=pad + " " * len(bullet), break_on_hyphens=False) or [pad + bullet]


def _cell(text: Any, width: int) -> str:
    s = " ".join(str(text if text is not None else "").split()).replace("|", "/")
    return s if len(s) <= width else s[: width - 1] + "…"


def _sources(report: dict[str, Any]) -> list[str]:
    rows = ["| #  | Outlet or source | Title                              | Published         | Copy of      |",
            "|----|------------------|------------------------------------|-------------------|--------------|"]
    for a in report["articles"]:
        if a.get("published"):
            date = a["published"]
        elif a.get("published_inferred"):
            p = a["published_inferred"]
            date = f"{p['value']} (inf.)" if p.get("value") else f"{p.get('earliest')} – {p.get('latest')} (inf. range)"
        else:
            date = "undated"
        copy = f"[{a['copy_of']}] {a.get('copy_kind') or ''}".strip() if a.get("copy_of") else ""
        outlet = a.get("outlet") or _source_name(a)
        rows.append(f"| {_cell(a['id'], 2):<2} | {_cell(outlet, 16):<16} | {_cell(a.get('title') or '', 34):<34} "
                    f"| {_cell(date, 17):<17} | {_cell(copy, 12):<12} |")
    rows.append("")
    rows.append("Dates marked (inf.) were inferred from the article's content; see the JSON report for why.")
    return rows


def _source_name(a: dict[str, Any]) -> str:
    src = a.get("url") or a.get("source") or ""
    return src.rsplit("/", 1)[-1]


def _summary(report: dict[str, Any]) -> list[str]:
    out = []
    for n, s in enumerate(report["summary"], 1):
        out += _item(f"{s['text']} {cite(s.get('citations') or _evidence_ids(s))}", f"{n}. ")
    return out


def _agreements(report: dict[str, Any]) -> list[str]:
    out = []
    for g in report["agreements"]:
        outlets = f" ({', '.join(g['outlets'])})" if len(g.get("outlets") or []) > 1 else ""
        out += _item(f"{g['statement']}{refers_to(g)} — {g['support']}{outlets}{said_by(g)} {cite(_evidence_ids(g))}")
    return out


def _aspects(report: dict[str, Any]) -> list[str]:
    """Each aspect's question, then its positions: what each group of sources says, and who holds it."""
    out: list[str] = []
    for n, a in enumerate(report.get("aspects", [])):
        conflict = f" (sources disagree: divergence {a['divergence'] + 1})" if a.get("divergence") is not None else ""
        out.append(f"### {n + 1}. {a['question']}{conflict}")
        for p in a["positions"]:
            held = position_support(p)
            out += _item(f"{p['statement']} — {held}{said_by(p)} {cite(p['articles'])}")
        out.append("")
    return out[:-1] if out else out


def _divergences(report: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for n, d in enumerate(report["divergences"]):
        out.append(f"### {n + 1}. {d['type']}: {d['topic']}")
        if d.get("question"):
            out += _item(f"*{d['question']}*", "")
        if d.get("explanation"):
            out += _item(d["explanation"], "")
        for p in d["positions"]:
            who = p.get("speaker") or "unattributed"
            value = f" **{p['value']}**" if p.get("value") else ""
            words = " … ".join(e["text"] for e in p["evidence"])
            also = [a for a in p.get("articles") or [] if a != p["article"]]
            copies = f" (also in {cite(also)})" if also else ""
            out += _item(f"[{p['article']}] {who}:{value} — “{words}”{copies}")
        out.append("")
    return out[:-1] if out else out


def _timeline(report: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for title, background in (("Background", True), ("The story's days", False)):
        entries = [t for t in report["timeline"] if t["background"] == background]
        if not entries:
            continue
        out.append(f"**{title}**")
        out.append("")
        for t in entries:
            flags = []
            if t.get("inferred"):
                flags.append("date via an inferred publication date")
            if t.get("divergence") is not None:
                flags.append(f"sources disagree: divergence {t['divergence'] + 1}")
            flag = f" ({'; '.join(flags)})" if flags else ""
            event = t["evidence"][0]["text"]
            more = f" (+{len(t['evidence']) - 1} more)" if len(t["evidence"]) > 1 else ""
            out += _item(f"**{t['label']}** — {event}{more} {cite(t.get('articles') or _evidence_ids(t))}{flag}")
        out.append("")
    return out[:-1] if out else out


def _quotes(report: dict[str, Any]) -> list[str]:
    by: dict[str, list[dict[str, Any]]] = {}
    for q in report["quotes"]:
        by.setdefault(q.get("speaker") or "Unattributed", []).append(q)
    out: list[str] = []
    for speaker in sorted(by, key=lambda s: (s == "Unattributed", -len(by[s]), s)):
        out.append(f"**{speaker}**")
        out.append("")
        for q in by[speaker]:
            text = f"“{q['text']}”" if q.get("direct") else q["text"]
            out += _item(f"{text} {cite(_evidence_ids(q))}")
        out.append("")
    return out[:-1] if out else out


def _entities(report: dict[str, Any]) -> list[str]:
    out = []
    for e in sorted(report["entities"], key=lambda e: (-len(e.get("articles") or []), e["name"])):
        aliases = [a for a in e.get("aliases", []) if a != e["name"]]
        alias = f" (also: {', '.join(aliases)})" if aliases else ""
        roles = f"; {', '.join(e['roles'])}" if e.get("roles") else ""
        out += _item(f"{e['name']} — {e['type']}{alias}{roles} {cite(e.get('articles') or _evidence_ids(e))}")
    return out


def _figures(report: dict[str, Any]) -> list[str]:
    out = []
    for f in report["figures"]:
        words = f["evidence"][0]["text"]
        what = f" — {f['counts']}" if f.get("counts") else ""
        out += _item(f"{words}{what} {cite(_evidence_ids(f)[:1])}")
    return out


def render_markdown(report: dict[str, Any]) -> str:
    """The whole report as Markdown, sections in reading order; empty sections are left out."""
    story = report["story"]
    lines = [f"# {story.get('title') or 'Story'}", "",
             f"{story['articles']} article{'' if story['articles'] == 1 else 's'}, "
             f"{story.get('independent_origins', story['independent_articles'])} independent "
             f"source{'' if story.get('independent_origins', story['independent_articles']) == 1 else 's'}, "
             f"{story['copies']} cop{'y' if story['copies'] == 1 else 'ies'}.", ""]
    sections = [("Sources", _sources(report)), ("Summary", _summary(report)), ("Agreements", _agreements(report)),
                ("Divergences", _divergences(report)), ("Aspects", _aspects(report)), ("Timeline", _timeline(report)), ("Quotes", _quotes(report)),
                ("Entities", _entities(report)), ("Figures", _figures(report)),
                ("Problems", [f"- {p}" for p in report.get("problems", [])]),
                ("Skipped sources", [f"- {s}" for s in report.get("skipped", [])])]
    for title, body in sections:
        if body:
            lines += [f"## {title}", "", *body, ""]
    return "\n".join(lines).rstrip() + "\n"
