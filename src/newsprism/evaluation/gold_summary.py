"""Summary coverage of the gold agreements and divergences (``tests/gold/<story>/summary.json``).

Recall: how many gold agreements (divergences) some summary sentence states, by cue and citation. Precision:
how many summary sentences of that kind state a gold item. Cues are matched case-insensitively after
``normalise_key``; a sentence must also cite an article of the item (each side's, for a divergence).
"""

from __future__ import annotations

from typing import Any

from . import Score, normalise_key, prf


def _has_cue(text: str, cues: list[str]) -> bool:
    t = normalise_key(text)
    return any(normalise_key(c) in t for c in cues)


def states_agreement(sentence: dict[str, Any], item: dict[str, Any]) -> bool:
    return _has_cue(sentence["text"], item["cues"]) and bool(set(sentence["citations"]) & set(item["articles"]))


def states_divergence(sentence: dict[str, Any], item: dict[str, Any]) -> bool:
    return all(_has_cue(sentence["text"], side["cues"]) and set(sentence["citations"]) & set(side["articles"])
               for side in item["sides"])


def score(report: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    summary = report["summary"]
    facts = [s for s in summary if s["kind"] == "fact"]
    divs = [s for s in summary if s["kind"] == "divergence"]
    agreements, divergences = gold.get("agreements", []), gold.get("divergences", [])
    return [
        prf("summary_agreements", sum(any(states_agreement(s, g) for g in agreements) for s in facts), len(facts),
            sum(any(states_agreement(s, g) for s in facts) for g in agreements), len(agreements)),
        prf("summary_divergences", sum(any(states_divergence(s, d) for d in divergences) for s in divs), len(divs),
            sum(any(states_divergence(s, d) for s in divs) for d in divergences), len(divergences)),
    ]
