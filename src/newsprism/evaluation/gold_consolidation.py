"""Precision/recall of agreements and of divergences per type against hand gold (``consolidation.json``).

Matching is by article and distinctive substring, never by offsets, so the gold survives re-segmentation:

- an agreement matches a gold agreement when its evidence covers gold members in two different articles;
- a divergence matches a gold divergence of the same type when its positions hit two of the gold sides (one
  for "unique"); a side is hit when a position of the member's article has evidence containing the member text.

Features reported: ``consolidation.agreements``, ``consolidation.<type>`` for each divergence type, and
``consolidation.conflicts`` (numeric + temporal + claim + attribution together).
"""

from __future__ import annotations

from typing import Any

from . import Score, member_in, prf

TYPES = ("numeric", "temporal", "claim", "attribution", "unique")
CONFLICTS = ("numeric", "temporal", "claim", "attribution")


def agreement_matches(system: dict[str, Any], gold: dict[str, Any]) -> bool:
    arts = {m["article"] for m in gold["members"] if member_in(m, system["evidence"])}
    return len(arts) >= 2


def divergence_matches(system: dict[str, Any], gold: dict[str, Any]) -> bool:
    if system["type"] != gold["type"]:
        return False
    sides = gold["sides"]
    need = 1 if gold["type"] == "unique" or len(sides) == 1 else 2
    used: set[int] = set()
    hit = 0
    for side in sides:
        for k, pos in enumerate(system["positions"]):
            if k not in used and any(member_in(m, pos["evidence"]) for m in side):
                used.add(k)
                hit += 1
                break
    return hit >= need


def _score(feature: str, system: list[dict[str, Any]], gold: list[dict[str, Any]], match) -> Score:
    sys_ok = sum(1 for s in system if any(match(s, g) for g in gold))
    gold_ok = sum(1 for g in gold if any(match(s, g) for s in system))
    return prf(feature, sys_ok, len(system), gold_ok, len(gold))


def score(report: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    """Scores of one report against the consolidation gold of its story."""
    out = [_score("consolidation.agreements", report.get("agreements", []), gold.get("agreements", []),
                  agreement_matches)]
    divs = report.get("divergences", [])
    gdivs = gold.get("divergences", [])
    for t in TYPES:
        out.append(_score(f"consolidation.{t}", [d for d in divs if d["type"] == t],
                          [g for g in gdivs if g["type"] == t], divergence_matches))
    out.append(_score("consolidation.conflicts", [d for d in divs if d["type"] in CONFLICTS],
                      [g for g in gdivs if g["type"] in CONFLICTS], divergence_matches))
    return out
