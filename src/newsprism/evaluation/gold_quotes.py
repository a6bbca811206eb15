"""Quotes against the hand gold of the example story.

Matching: a gold item is located in its article's text (its ``text`` is the content or a distinctive substring
of it); a system quote matches it when one of its evidence spans overlaps the gold span by at least half of
the shorter of the two. Speaker: right when the system speaker, folded by ``normalise_key`` and without a leading
article, equals one of the gold alternatives or contains one as whole words ("Ukraine's Defense Minister Oleksii
Reznikov" contains "Oleksii Reznikov"). Optional gold items (embedded fragments, negated or participial reports)
count neither for nor against: a system quote matching only optional items is left out of precision.

Scores: ``quotes`` (P/R, any type), ``quotes+speaker`` (P/R with the right speaker), and both again restricted to
``direct`` and ``indirect`` gold and system items (there the types must agree).
"""

from __future__ import annotations

import re
from typing import Any

from . import Score, normalise_key, prf

_ARTICLE = re.compile(r"^(the|a|an) ")


def _key(text: str) -> str:
    return _ARTICLE.sub("", normalise_key(text))


def speaker_ok(system: str | None, gold: list[str]) -> bool:
    """True when the system speaker names one of the gold alternatives."""
    if not system:
        return False
    s = _key(system)
    for g in gold:
        k = _key(g)
        if s == k or re.search(rf"(^|\s){re.escape(k)}($|\s)", s):
            return True
    return False


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    """Find the gold substring in the article, folding quote marks and apostrophes."""
    fold = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
    i = text.translate(fold).find(needle.translate(fold))
    return (i, i + len(needle)) if i >= 0 else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def score(report: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    texts = {a["id"]: a.get("text", "") for a in report.get("articles", [])}
    gold_items = []
    for g in gold["quotes"]:
        span = _locate(texts.get(g["article"], ""), g["text"])
        if span is not None:  # a gold line that cannot be found is a gold error; it is counted as missed
            gold_items.append((g, span))
        else:
            gold_items.append((g, None))
    system = [(q, [(e["start"], e["end"]) for e in q["evidence"]]) for q in report.get("quotes", [])]

    def matches(q: dict[str, Any], spans: list[tuple[int, int]], g: dict[str, Any], gspan: tuple[int, int] | None) -> bool:
        return gspan is not None and q["article"] == g["article"] and any(_overlaps(s, gspan) for s in spans)

    out: list[Score] = []
    for subset in ("all", "direct", "indirect"):
        want = None if subset == "all" else subset == "direct"
        golds = [(g, s) for g, s in gold_items if want is None or g["direct"] == want]
        syss = [(q, s) for q, s in system if want is None or q["direct"] == want]
        for with_speaker in (False, True):
            def ok(q: dict[str, Any], g: dict[str, Any]) -> bool:
                return not with_speaker or speaker_ok(q["speaker"], g["speaker"])

            required = [(g, s) for g, s in golds if not g.get("optional")]
            correct_r = sum(1 for g, gs in required if any(matches(q, qs, g, gs) and ok(q, g) for q, qs in syss))
            found = correct_p = 0
            for q, qs in syss:
                hits = [g for g, gs in golds if matches(q, qs, g, gs)]
                if hits and all(g.get("optional") for g in hits):
                    continue  # only optional gold: neither right nor wrong
                found += 1
                if any(ok(q, g) for g in hits):
                    correct_p += 1
            name = "quotes" + ("+speaker" if with_speaker else "") + ("" if subset == "all" else f"/{subset}")
            out.append(prf(name, correct_p, found, correct_r, len(required)))
    return out


def misses(report: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    """Human-readable lines for required gold items with no right-speaker match (for debugging the stage)."""
    texts = {a["id"]: a.get("text", "") for a in report.get("articles", [])}
    lines = []
    for g in gold["quotes"]:
        if g.get("optional"):
            continue
        gspan = _locate(texts.get(g["article"], ""), g["text"])
        found = [q for q in report.get("quotes", []) if gspan and q["article"] == g["article"]
                 and any(_overlaps((e["start"], e["end"]), gspan) for e in q["evidence"])]
        if not any(speaker_ok(q["speaker"], g["speaker"]) for q in found):
            got = "; ".join(f"{q['speaker']!r}" for q in found) or "not found"
            lines.append(f"a{g['article']} {'D' if g['direct'] else 'I'} {g['text'][:60]!r} gold={g['speaker'][0]!r} got={got}")
    return lines
