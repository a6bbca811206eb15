"""Figures of the judged audit, computed from the committed verdict files (tests/audit/clustmcms/*.json).

Usage: python bench/audit_figures.py [--json] [FOLDER]

Verdicts (one careful reader, each item against the articles; wire versions of one agency text are ONE source):
- agreement CORRECT: a real shared fact, stated (not merely touched on) by at least two independent origins, and its
  statement is a readable factual sentence; TRIVIAL: shared and true but not usable as shown (a "that ..." fragment,
  an unresolved pronoun, a generic line, boilerplate); WRONG: not a shared fact of two independent origins
  (different meanings grouped; only a subordinate detail shared; one origin once versions of one wire text, or an
  article re-reporting another and crediting it, are merged; a fragment whose meaning changes without its frame;
  a question or a non-statement).
- position (one that two or more independent origins hold, shown in its aspect as what they say alike) SAME: its
  statements say the same thing (worded apart, details aside); PARTIAL: most do, one says something else or only
  part of it; DIFFERENT: they say different things (another fact, another subject, opposite meaning).
- summary sentence GOOD: a faithful, readable sentence about the story that its cited sources state (a "fact"
  sentence: what the cited origins share; a divergence sentence: both sides and their speakers named rightly);
  TRIVIAL: faithful but of no use to a reader (off the story's point, generic, a fragment); MISLEADING: it says
  more or other than its sources (a shared fact that is not shared, a conflict that is none, clauses of different
  subjects joined, a wrong speaker).
- divergence REAL: the positions really disagree on the same quantity / event / proposition / speaker and the item
  names the right positions; PARTIAL: there is a real difference but the item mislabels it or mixes in a wrong
  position; FALSE: no disagreement (different quantities, different events, compatible details).

Figures:
- agreement precision = CORRECT / judged agreements (TRIVIAL and WRONG also given as shares);
- divergence precision = REAL / judged divergences (PARTIAL given separately);
- position precision = SAME / judged positions of two or more origins, also among those no agreement gives (the
  paraphrases positions join beyond the facts agreements count);
- summary precision = GOOD / judged summary sentences (TRIVIAL and MISLEADING as shares);
- summary main event: among stories whose main event some origin reports, the share whose summary states it (a
  sentence judged to state the main event, ``main_event`` of a summary item), and the share that opens with it;
- items per story (agreements, divergences);
- divergences missed: real divergences the report does not give, found by reading the candidate pairs
  (``audit_clustmcms.py candidates``) of each story (``missed_divergences``); with divergence precision it tells a
  blind report (none shown, real ones missed) from a precise one (none shown because none are there);
- same-origin pairs (stories with ``judged_origins``: the judge's independent origins read from the texts): of the
  article pairs the report puts in one origin, the share the judge does too (precision), and of the judge's such
  pairs the share the report finds (recall): how well versions of one text are counted once;
- main-event agreement coverage: among stories where at least 3 independent origins report the main event (judged
  per story), the share with a CORRECT agreement that states it; the same among stories with at least 2 such
  origins is given too (``main_event_agreement_coverage_2``), since few stories have 3.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "audit" / "clustmcms"


def load(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))]


def _share(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def _same_origin_pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
    return {(a, b) for g in groups for a in g for b in g if a < b}


def origin_pairs(stories: list[dict[str, Any]]) -> dict[str, Any]:
    """Article pairs the judge holds one origin (versions of one text, a credited re-report) against those the
    report holds one, over the stories with ``judged_origins``: precision and recall of "same origin"."""
    judged = [s for s in stories if s.get("judged_origins") and s.get("system_origins")]
    gold = {(s["story"], p) for s in judged for p in _same_origin_pairs(s["judged_origins"])}
    found = {(s["story"], p) for s in judged for p in _same_origin_pairs(s["system_origins"])}
    return {"origin_stories": len(judged), "origin_pairs_judged": len(gold), "origin_pairs_found": len(found),
            "origin_pair_precision": _share(len(gold & found), len(found)),
            "origin_pair_recall": _share(len(gold & found), len(gold))}


def figures(stories: list[dict[str, Any]]) -> dict[str, Any]:
    ags = [a for s in stories for a in s["agreements"]]
    dvs = [d for s in stories for d in s["divergences"]]
    ja = [a["verdict"] for a in ags if a.get("verdict")]
    jd = [d["verdict"] for d in dvs if d.get("verdict")]
    pos = [p for s in stories for p in s.get("positions") or []]
    beyond = [p for p in pos if not p.get("is_agreement")]
    jp = [p["verdict"] for p in pos if p.get("verdict")]
    jb = [p["verdict"] for p in beyond if p.get("verdict")]
    js = [x["verdict"] for s in stories for x in s.get("summary") or [] if x.get("verdict")]
    told = [s for s in stories if (s.get("independent_origins_reporting_main_event") or 0) >= 1 and s.get("summary")
            and all(x.get("main_event") is not None for x in s["summary"])]
    states = [s for s in told if any(x["main_event"] for x in s["summary"])]
    opens = [s for s in told if s["summary"][0]["main_event"]]
    eligible = [s for s in stories if (s.get("independent_origins_reporting_main_event") or 0) >= 3]
    covered = [s for s in eligible if s.get("has_main_event_agreement")]
    eligible2 = [s for s in stories if (s.get("independent_origins_reporting_main_event") or 0) >= 2]
    covered2 = [s for s in eligible2 if s.get("has_main_event_agreement")]
    return {
        "stories": len(stories),
        "agreements": len(ags), "agreements_judged": len(ja),
        "agreement_precision": _share(ja.count("CORRECT"), len(ja)),
        "agreement_trivial": _share(ja.count("TRIVIAL"), len(ja)),
        "agreement_wrong": _share(ja.count("WRONG"), len(ja)),
        "divergences": len(dvs), "divergences_judged": len(jd),
        "divergence_precision": _share(jd.count("REAL"), len(jd)),
        "divergence_partial": _share(jd.count("PARTIAL"), len(jd)),
        "divergence_false": _share(jd.count("FALSE"), len(jd)),
        "positions": len(pos), "positions_judged": len(jp),
        "position_precision": _share(jp.count("SAME"), len(jp)),
        "position_partial": _share(jp.count("PARTIAL"), len(jp)),
        "positions_beyond_agreements": len(beyond), "positions_beyond_judged": len(jb),
        "position_beyond_precision": _share(jb.count("SAME"), len(jb)),
        "summary_sentences": sum(len(s.get("summary") or []) for s in stories), "summary_judged": len(js),
        "summary_precision": _share(js.count("GOOD"), len(js)),
        "summary_trivial": _share(js.count("TRIVIAL"), len(js)),
        "summary_misleading": _share(js.count("MISLEADING"), len(js)),
        "summary_main_event_stories": len(told), "summary_states_main_event": _share(len(states), len(told)),
        "summary_opens_with_main_event": _share(len(opens), len(told)),
        "agreements_per_story": _share(len(ags), len(stories)),
        "divergences_per_story": _share(len(dvs), len(stories)),
        "divergences_missed": sum(len(s.get("missed_divergences") or []) for s in stories),
        "stories_read_for_missed_divergences": sum(s.get("missed_divergences") is not None for s in stories),
        "main_event_stories": len(eligible),
        "main_event_with_agreement": len(covered),
        "main_event_agreement_coverage": _share(len(covered), len(eligible)),
        "main_event_stories_2": len(eligible2), "main_event_with_agreement_2": len(covered2),
        "main_event_agreement_coverage_2": _share(len(covered2), len(eligible2)),
        "unique": sum(len(s.get("unique") or []) for s in stories),
        **origin_pairs(stories),
        "per_story": [{"story": s["story"], "articles": len(s["articles"]),
                       "agreements": len(s["agreements"]),
                       "correct": sum(a.get("verdict") == "CORRECT" for a in s["agreements"]),
                       "divergences": len(s["divergences"]),
                       "real": sum(d.get("verdict") == "REAL" for d in s["divergences"]),
                       "origins_main_event": s.get("independent_origins_reporting_main_event"),
                       "main_event_agreement": s.get("has_main_event_agreement")} for s in stories],
    }


def unjudged(stories: list[dict[str, Any]]) -> list[str]:
    """Items without a verdict and stories without their story-level judgements."""
    out = []
    for s in stories:
        for kind in ("agreements", "divergences", "positions", "summary"):
            out += [f"{s['story']} {kind}[{i}]" for i, it in enumerate(s.get(kind) or []) if not it.get("verdict")]
        if any(x.get("main_event") is None for x in s.get("summary") or []):
            out.append(f"{s['story']} summary_main")
        for k in ("main_event", "independent_origins_reporting_main_event", "has_main_event_agreement",
                  "missed_divergences"):
            if s.get(k) is None:
                out.append(f"{s['story']} {k}")
    return out


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    rest = [a for a in argv if a != "--json"]
    stories = load(Path(rest[0]) if rest else DEFAULT)
    f = figures(stories)
    if as_json:
        print(json.dumps(f, indent=1))
        return 0
    print(f"stories {f['stories']}; agreements {f['agreements']} ({f['agreements_judged']} judged), "
          f"divergences {f['divergences']} ({f['divergences_judged']} judged)")
    print(f"agreement precision {f['agreement_precision']}  (trivial {f['agreement_trivial']}, "
          f"wrong {f['agreement_wrong']})")
    print(f"divergence precision {f['divergence_precision']}  (partial {f['divergence_partial']}, "
          f"false {f['divergence_false']})")
    print(f"position precision {f['position_precision']} of {f['positions_judged']} judged positions of 2+ origins "
          f"(partial {f['position_partial']}); beyond agreements: {f['position_beyond_precision']} of "
          f"{f['positions_beyond_judged']}")
    print(f"summary precision {f['summary_precision']} of {f['summary_judged']} judged sentences "
          f"(trivial {f['summary_trivial']}, misleading {f['summary_misleading']}); states the main event in "
          f"{f['summary_states_main_event']}, opens with it in {f['summary_opens_with_main_event']} of "
          f"{f['summary_main_event_stories']} stories")
    print(f"real divergences missed (read from the candidate pairs): {f['divergences_missed']} "
          f"in {f['stories_read_for_missed_divergences']} stories read")
    print(f"items per story: agreements {f['agreements_per_story']}, divergences {f['divergences_per_story']}")
    print(f"main-event agreement coverage {f['main_event_agreement_coverage']} "
          f"({f['main_event_with_agreement']} of {f['main_event_stories']} stories with >= 3 independent origins); "
          f"with >= 2: {f['main_event_agreement_coverage_2']} ({f['main_event_with_agreement_2']} of "
          f"{f['main_event_stories_2']})")
    print(f"unique facts listed (not judged): {f['unique']}")
    if f["origin_stories"]:
        print(f"same-origin article pairs (judged origins of {f['origin_stories']} stories): precision "
              f"{f['origin_pair_precision']} of {f['origin_pairs_found']} found, recall {f['origin_pair_recall']} of "
              f"{f['origin_pairs_judged']} judged")
    for s in f["per_story"]:
        print(f"  {s['story']}: {s['articles']} art, agreements {s['correct']}/{s['agreements']} correct, "
              f"divergences {s['real']}/{s['divergences']} real, main event origins {s['origins_main_event']}, "
              f"main-event agreement {s['main_event_agreement']}")
    missing = unjudged(stories)
    if missing:
        print(f"unjudged: {len(missing)} ({', '.join(missing[:8])}{' ...' if len(missing) > 8 else ''})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
