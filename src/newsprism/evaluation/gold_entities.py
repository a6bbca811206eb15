"""Entity scores against the hand gold (``tests/gold/<story>/entities.json``).

Features, each a `Score`:

- ``entities.mentions``: distinct (article, surface form) pairs of the report's entity evidence against the gold's
  required forms; a form listed under a gold entity's ``also`` counts as correct but is not required.
- ``entities.clusters``: precision = system entities whose gold-matched forms all belong to one gold entity (no
  wrong merge); recall = gold entities (with at least one form found) whose found forms all sit in one system
  entity (no split).
- ``entities.variants_merged``: the gold's ``must_merge`` entities with every required form found in one entity.
- ``entities.types``: the type of the system entity that holds most of a gold entity's forms is one of its types.
- ``entities.roles``: stated roles, matched loosely (case, articles, one inside the other).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from . import Score, normalise_key


def _key(text: str) -> str:
    k = normalise_key(text)
    for prefix in ("the ", "a ", "an "):
        if k.startswith(prefix):
            k = k[len(prefix):]
    return k


def _role_match(a: str, b: str) -> bool:
    x, y = _key(a), _key(b)
    return bool(x) and bool(y) and (x == y or x in y or y in x)


def score(report: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    golds = gold["entities"]
    required: dict[tuple[int, str], int] = {}
    also: dict[str, set[int]] = defaultdict(set)
    for gi, g in enumerate(golds):
        for art, forms in g.get("mentions", {}).items():
            for f in forms:
                required[(int(art), _key(f))] = gi
                also[_key(f)].add(gi)
        for f in g.get("also", []):
            also[_key(f)].add(gi)
    system: dict[tuple[int, str], set[str]] = defaultdict(set)
    ent_by_id = {e["id"]: e for e in report.get("entities", [])}
    for e in report.get("entities", []):
        for ev in e["evidence"]:
            system[(ev["article"], _key(ev["text"]))].add(e["id"])

    def gold_of(pair: tuple[int, str]) -> set[int]:
        if pair in required:
            return {required[pair]}
        return also.get(pair[1], set())

    # mentions
    correct_p = sum(1 for pair in system if gold_of(pair))
    correct_r = sum(1 for pair in required if pair in system)
    scores = [Score("entities.mentions", correct_p, len(system), correct_r, len(required))]
    # clusters
    matched_golds: dict[str, set[int]] = defaultdict(set)
    for pair, ids in system.items():
        for eid in ids:
            matched_golds[eid] |= gold_of(pair)
    pure = sum(1 for gs in matched_golds.values() if len(gs) == 1)
    with_match = sum(1 for gs in matched_golds.values() if gs)
    holders: dict[int, Counter[str]] = defaultdict(Counter)
    for pair, gi in required.items():
        for eid in system.get(pair, ()):
            holders[gi][eid] += 1
    whole = sum(1 for gi, c in holders.items() if len(c) == 1)
    scores.append(Score("entities.clusters", pure, with_match, whole, len(holders)))
    # variants named by the gold as the hard cases
    names = {g["name"]: gi for gi, g in enumerate(golds)}
    merged = 0
    must = gold.get("must_merge", [])
    for name in must:
        gi = names[name]
        pairs = [p for p, g in required.items() if g == gi]
        ids = set().union(*(system.get(p, set()) for p in pairs)) if pairs else set()
        if pairs and all(p in system for p in pairs) and len(ids) == 1:
            merged += 1
    scores.append(Score("entities.variants_merged", merged, len(must), merged, len(must)))
    # types and roles of the main system entity of each gold entity
    type_ok = 0
    role_found = role_ok = role_gold = role_hit = 0
    for gi, c in holders.items():
        eid = c.most_common(1)[0][0]
        ent = ent_by_id[eid]
        g = golds[gi]
        if ent["type"] in g.get("types", []):
            type_ok += 1
        groles = g.get("roles", [])
        sroles = ent.get("roles", [])
        role_gold += len(groles)
        role_hit += sum(1 for r in groles if any(_role_match(r, s) for s in sroles))
        role_found += len(sroles)
        role_ok += sum(1 for s in sroles if any(_role_match(r, s) for r in groles))
    with_forms = sum(1 for g in golds if any(g.get("mentions", {}).values()))  # "also"-only entities aside
    scores.append(Score("entities.types", type_ok, len(holders), type_ok, with_forms))
    scores.append(Score("entities.roles", role_ok, role_found, role_hit, role_gold))
    return scores
