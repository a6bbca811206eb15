"""Figure scores against the hand gold (``tests/gold/<story>/figures.json``).

Gold figures are located in the article text by their surface text (``nth`` occurrence). A system figure matches
a gold figure of the same article when their spans overlap (one-to-one, greatest overlap first). Gold items marked
``optional`` are neither required nor penalised. Features:

- ``figures.spans``: span precision/recall;
- ``figures.values``: value (and ``value_high`` where the gold gives one) right, over matched (precision) and all
  gold figures (recall); likewise ``figures.units``, ``figures.qualifiers``, ``figures.counts``, ``figures.kinds``
  and ``figures.conversions`` for the gold items that state the field.
"""

from __future__ import annotations

from typing import Any

from . import Score, locate, normalise_key

_FIELDS = ("unit", "qualifier", "counts", "kind")


def _acceptable(gold_value: Any) -> list[Any]:
    return gold_value if isinstance(gold_value, list) else [gold_value]


def _same(field: str, system: Any, gold: Any) -> bool:
    for g in _acceptable(gold):
        if g is None or system is None:
            if g is None and system is None:
                return True
            continue
        if field == "counts" and normalise_key(str(system)) == normalise_key(str(g)):
            return True
        if field != "counts" and str(system).casefold() == str(g).casefold():
            return True
    return False


def score(report: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    texts = {a["id"]: a["text"] for a in report["articles"]}
    golds = []
    for g in gold["figures"]:
        # substring, not whole word: a gold figure may be part of a hyphenated word ("63-year-old")
        loc = locate(texts.get(g["article"], ""), g["text"], g.get("nth", 0) + 1, whole_word=False)
        if loc is None:
            raise ValueError(f"gold figure {g['text']!r} not found in article {g['article']}")
        golds.append((g, loc))
    systems = [(f, (f["evidence"][0]["article"], f["evidence"][0]["start"], f["evidence"][0]["end"]))
               for f in report.get("figures", [])]
    # one-to-one by greatest overlap
    candidates = []
    for gi, (g, (gs, ge)) in enumerate(golds):
        for si, (_, (art, ss, se)) in enumerate(systems):
            ov = min(ge, se) - max(gs, ss)
            if art == g["article"] and ov > 0:
                candidates.append((ov, gi, si))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for ov, gi, si in sorted(candidates, reverse=True):
        if gi not in pairs and si not in used:
            pairs[gi] = si
            used.add(si)
    optional_hits = {si for gi, si in pairs.items() if golds[gi][0].get("optional")}
    required = [gi for gi, (g, _) in enumerate(golds) if not g.get("optional")]
    matched = [gi for gi in required if gi in pairs]
    found = len(systems) - len(optional_hits)
    scores = [Score("figures.spans", len(matched), found, len(matched), len(required))]
    value_ok = 0
    for gi in matched:
        g, f = golds[gi][0], systems[pairs[gi]][0]
        ok = f["value"] == g["value"] and ("value_high" not in g or f.get("value_high") == g["value_high"])
        value_ok += ok
    scores.append(Score("figures.values", value_ok, len(matched), value_ok, len(required)))
    for field in _FIELDS:
        stated = [gi for gi in required if field in golds[gi][0]]
        m = [gi for gi in stated if gi in pairs]
        ok = sum(1 for gi in m if _same(field, systems[pairs[gi]][0].get(field), golds[gi][0][field]))
        name = "figures.counts" if field == "counts" else f"figures.{field}s"
        scores.append(Score(name, ok, len(m), ok, len(stated)))
    stated = [gi for gi in required if "conversion" in golds[gi][0]]
    m = [gi for gi in stated if gi in pairs]
    ok = 0
    for gi in m:
        ev = systems[pairs[gi]][0]["evidence"]
        ok += len(ev) > 1 and normalise_key(ev[1]["text"]) == normalise_key(golds[gi][0]["conversion"])
    scores.append(Score("figures.conversions", ok, len(m), ok, len(stated)))
    return scores
