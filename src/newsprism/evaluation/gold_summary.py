"""Summary coverage of the gold agreements and divergences.

Two gold shapes are read:

* ``tests/gold/<story>/summary.json`` (cue form): a summary sentence states an agreement when its text holds
  one of the item's cues and it cites one of the item's articles; it states a divergence when one sentence
  holds a cue of each side and cites an article of each side.
* ``consolidation.json`` (member form, written by the consolidation engineer): a sentence states an agreement
  when its cited spans contain members in two different articles (or the only article named), and a
  divergence when its cited spans hit at least two sides (a side: one of its members' article and text).

Recall: gold items some summary sentence states. Precision: summary sentences of that kind that state one.
"""

from __future__ import annotations

from typing import Any

from . import Score, member_in, normalise_key, prf


def _has_cue(text: str, cues: list[str]) -> bool:
    t = normalise_key(text)
    return any(normalise_key(c) in t for c in cues)


def states_agreement(sentence: dict[str, Any], item: dict[str, Any]) -> bool:
    if "members" in item:
        articles = {m["article"] for m in item["members"] if member_in(m, sentence["evidence"])}
        return len(articles) >= min(2, len({m["article"] for m in item["members"]}))
    return _has_cue(sentence["text"], item["cues"]) and bool(set(sentence["citations"]) & set(item["articles"]))


def states_divergence(sentence: dict[str, Any], item: dict[str, Any]) -> bool:
    sides = item["sides"]
    if sides and isinstance(sides[0], list):  # member form
        hit = sum(any(member_in(m, sentence["evidence"]) for m in side) for side in sides)
        return hit >= min(2, len(sides))
    return all(_has_cue(sentence["text"], side["cues"]) and set(sentence["citations"]) & set(side["articles"])
               for side in sides)


def score(report: dict[str, Any], gold: dict[str, Any], prefix: str = "summary") -> list[Score]:
    summary = report["summary"]
    facts = [s for s in summary if s["kind"] == "fact"]
    divs = [s for s in summary if s["kind"] == "divergence"]
    agreements = gold.get("agreements", [])
    divergences = [d for d in gold.get("divergences", []) if d.get("type") != "unique"]
    return [
        prf(f"{prefix}_agreements", sum(any(states_agreement(s, g) for g in agreements) for s in facts), len(facts),
            sum(any(states_agreement(s, g) for s in facts) for g in agreements), len(agreements)),
        prf(f"{prefix}_divergences", sum(any(states_divergence(s, d) for d in divergences) for s in divs),
            len(divs), sum(any(states_divergence(s, d) for s in divs) for d in divergences), len(divergences)),
    ]
