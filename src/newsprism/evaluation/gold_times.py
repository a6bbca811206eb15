"""Scores the report's ``time_expressions`` and inferred publication dates against the hand gold.

Gold (``tests/gold/kherson/times.json``) names each expression by article, surface text and occurrence, with the
values a careful annotator accepts. Matching is relaxed (overlapping spans, one-to-one), as in TempEval-3:

- ``times.span``: span precision/recall;
- ``times.value``: a system expression is right when it overlaps a gold one and its value is accepted;
- ``times.published_inferred``: one item per undated gold article, right when the inferred date is the gold one.
"""

from __future__ import annotations

from typing import Any

from . import Score, locate, prf


def _gold_items(report: dict[str, Any], gold: dict[str, Any]) -> list[dict[str, Any]]:
    texts = {a["id"]: a["text"] for a in report["articles"]}
    items = []
    for g in gold["times"]:
        where = locate(texts.get(g["article"], ""), g["text"], g.get("occurrence", 1))
        if where is None:
            raise ValueError(f"gold time {g['text']!r} (occurrence {g.get('occurrence', 1)}) not in article {g['article']}")
        items.append({**g, "start": where[0], "end": where[1]})
    return items


def _overlaps(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _match(system: list[dict[str, Any]], gold: list[dict[str, Any]], ok) -> tuple[int, int]:  # noqa: ANN001
    """Greedy one-to-one matching of overlapping spans that also pass ``ok``; returns matched counts."""
    used: set[int] = set()
    matched = 0
    for s in system:
        ev = s["evidence"][0]
        key = (ev["article"], ev["start"], ev["end"])
        for j, g in enumerate(gold):
            if j in used or not _overlaps(key, (g["article"], g["start"], g["end"])):
                continue
            if ok(s, g):
                used.add(j)
                matched += 1
                break
    return matched, len(used)


def score(report: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    """Span, value and inferred-date scores of one report against the times gold."""
    gold_items = _gold_items(report, gold)
    system = [t for t in report["time_expressions"] if t.get("evidence")]
    span_p, span_r = _match(system, gold_items, lambda s, g: True)
    val_p, val_r = _match(system, gold_items, lambda s, g: s["value"] in g["values"])
    scores = [prf("times.span", span_p, len(system), span_r, len(gold_items)),
              prf("times.value", val_p, len(system), val_r, len(gold_items))]
    inferred = gold.get("published_inferred", {})
    if inferred:
        by_id = {a["id"]: a for a in report["articles"]}
        right = found = 0
        for aid, value in inferred.items():
            got = (by_id.get(int(aid)) or {}).get("published_inferred")
            if got and got.get("value"):  # a range claims no day
                found += 1
                right += got["value"] == value
        scores.append(prf("times.published_inferred", right, found, right, len(inferred)))
    negatives = gold.get("negatives", [])
    if negatives:
        texts = {a["id"]: a["text"] for a in report["articles"]}
        bad = 0
        for n in negatives:
            where = locate(texts.get(n["article"], ""), n["text"])
            if where and any(_overlaps((t["evidence"][0]["article"], t["evidence"][0]["start"], t["evidence"][0]["end"]),
                                       (n["article"], *where)) for t in system):
                bad += 1
        # precision of refusals: how many look-alikes were correctly left alone
        scores.append(prf("times.non_temporal_refused", len(negatives) - bad, len(negatives), len(negatives) - bad,
                          len(negatives)))
    return scores
