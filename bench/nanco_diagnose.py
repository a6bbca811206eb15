"""Diagnosis of NAnCo answer consolidation: for every answer pair the annotators grouped ("same") that the report
does not put in one group, why not.

Runs each question's paragraphs through the product's own path (``evaluation.nanco.analyse_question``) while
recording what consolidation decided on the way (frames, centrality, aspects, positions: the consolidation
module's own functions are wrapped, nothing is recomputed differently), then classifies each missed pair by the
first place it is lost:

- ``unheld``: one answer is held by no group; the answer's own reason, the first that applies:
  ``unlocated`` (the answer is not found in the text), ``no frame`` (no frame's span covers more than half of it:
  it straddles clauses, or its sentence gave none), ``excluded:<why>`` (only frames kept out of comparison cover
  it: a question, a headline, no finite verb, …), ``off-story`` (centrality 0), ``aspect cut`` (its aspect lies past
  the report's aspects cap and its position is no agreement);
- ``aspects``: both held, never in one aspect (the best combined similarity and cosine of their frames);
- ``positions``: in one aspect, never in one position: the first rule of ``same_position`` that refuses the best
  pair (``cos<thr``: below the threshold that applies; ``subject``: subjects not one participant; ``no anchor``: same
  subject but no shared predicate/figure/participant; ``slots``: polarity, certainty, hypothetical; ``figures``;
  ``quotes``; ``linkage``: the pair says the same but complete linkage split it by a third member).

Prints per question the counts by class and the pairs (``-v``), and the balanced accuracy each class would give if
all its pairs were found (an upper bound of fixing that class alone). ``--json FILE`` writes every pair.

Usage: ``NEWSPRISM_DATA=... PYTHONPATH=src python bench/nanco_diagnose.py [-v] [--q Q2] [--json out.json]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import combinations
from typing import Any



def record_consolidation() -> dict[str, Any]:
    """Wrap the consolidation module's steps so one run leaves what each decided in the returned dict."""
    import newsprism.story.consolidate as C

    rec: dict[str, Any] = {}
    orig = {k: getattr(C, k) for k in ("resolve_speakers", "on_story", "pair_table", "build_aspects")}

    def resolve_speakers(frames, story):
        out = orig["resolve_speakers"](frames, story)
        keep = rec.get("overrides", {})
        rec.clear()
        rec.update(overrides=keep, frames=out, central={}, aspects=[], positions=[], entities=story.entities)
        return out

    def on_story(fs, vectors, origins, params):
        out = orig["on_story"](fs, vectors, origins, params)
        ids = {id(f): n for n, f in enumerate(rec["frames"])}
        rec["central"] = {ids[id(f)]: float(c) for f, c in zip(fs, out)}
        rec["origins"], rec["params"] = origins, params
        return out

    def pair_table(g, frames, vectors, params, close, within):
        rec["vectors"], rec["close"], rec["within"] = vectors, close, within
        return orig["pair_table"](g, frames, vectors, params, close, within)

    def build_aspects(frames, vectors, groups, group_positions, *args):
        rec["aspects"], rec["positions"] = [list(g) for g in groups], [list(ps) for ps in group_positions]
        return orig["build_aspects"](frames, vectors, groups, group_positions, *args)

    def aspect_params(settings):
        from dataclasses import replace

        return replace(orig_params(settings), **rec.get("overrides", {}))

    orig_params = C.aspect_params
    C.aspect_params = aspect_params
    for k, f in (("resolve_speakers", resolve_speakers), ("on_story", on_story), ("pair_table", pair_table),
                 ("build_aspects", build_aspects)):
        setattr(C, k, f)
    return rec


def why_not_same(a, b, cos: float, p, close, within) -> str:
    """The first rule of ``aspects.same_position`` that refuses the pair (a diagnosis; the rule itself decides)."""
    from newsprism.extract.claims import direct_quote
    from newsprism.story.aspects import _figures_agree, _firm, same_figures, same_position

    if same_position(a, b, cos, p, close, direct_quote, within):
        return "linkage"
    if a.claim.polarity != b.claim.polarity:
        return "slots:polarity"
    if _firm(a) != _firm(b):
        return f"slots:certainty {_firm(a)}/{_firm(b)}"
    if a.hypothetical != b.hypothetical:
        return "slots:hypothetical"
    if not _figures_agree(a, b):
        return "figures"
    if cos < p.paraphrase_sim and direct_quote(a) and direct_quote(b):
        return "quotes"
    if a.inner != b.inner or a.description != b.description:
        kinds = tuple("desc" if f.description else "aim" if f.aim else "stmt" for f in (a, b))
        tag = f"kinds {kinds[0]}/{kinds[1]}"
    else:
        tag = "kinds " + ("desc" if a.description else "aim" if a.aim else "stmt")
    subj = a.subject is not None and b.subject is not None and close(a, b)
    if same_figures(a, b):
        return f"cos<thr({p.position_sim_anchored}) figure; {tag}"
    if not subj:
        return f"subject ({a.subject_text!r}/{b.subject_text!r}); {tag}"
    return f"cos<thr or no anchor; {tag}"


def analyse(qs: list[dict], verbose: bool, args_frames: bool = False, overrides: dict | None = None) -> list[dict]:
    from newsprism.evaluation.nanco import COVER, _locate, analyse_question, balanced_accuracy, question_pairs
    from newsprism.evaluation.stories import groups, spans_in
    from newsprism.nlp.models import Models
    from newsprism.settings import Settings
    from newsprism.story.aspects import combined_similarity

    settings = Settings()
    models = Models(settings)
    rec = record_consolidation()
    rec["overrides"] = overrides or {}
    rows: list[dict] = []
    bas: dict[str, float] = {}
    totals: Counter = Counter()
    for q in qs:
        qid = q["answers"][0]["qid"]
        report, article_of = analyse_question(q, settings, models)
        frames = rec["frames"]
        texts = {a["id"]: a["text"] for a in report["articles"]}
        found = groups(report)
        vec = models.embedder.embed([f.content_text for f in frames])
        # frame -> aspect, position; the aspect's place in the report (past the cap: only its agreements show)
        aspect_of, position_of = {}, {}
        for ai, (g, ps) in enumerate(zip(rec["aspects"], rec["positions"])):
            for pi, members in enumerate(ps):
                for n in members:
                    aspect_of[n], position_of[n] = ai, pi
        keys_in_report = {tuple(sorted((s["article"], s["start"], s["end"]) for s in spans_in(item)))
                          for _, item in found}

        def reported(ai: int, pi: int) -> bool:
            ev = tuple(sorted((frames[n].claim.span.article_id, frames[n].claim.span.start, frames[n].claim.span.end)
                              for n in rec["positions"][ai][pi]))
            return any(set(ev) <= set(k) for k in keys_in_report)

        info = []
        for ans in q["answers"]:
            art = article_of[ans["Paragraph Id"]]
            where = _locate(texts[art], ans["Answer"])
            d: dict[str, Any] = {"answer": ans["Answer"], "cluster": ans["cluster_global"], "frames": []}
            if where is None:
                d["why"] = "unlocated"
                info.append(d)
                continue
            a, b = where
            cov = [n for n, f in enumerate(frames) if f.article_id == art and
                   min(b, f.claim.span.end) - max(a, f.claim.span.start) > COVER * (b - a)]
            d["frames"] = cov
            placed = [n for n in cov if n in aspect_of]
            d["placed"] = [(aspect_of[n], position_of[n]) for n in placed]
            if not cov:
                over = [f for f in frames if f.article_id == art and f.claim.span.start < b and a < f.claim.span.end]
                d["why"] = "no frame" + (f" (straddles {len(over)} frames)" if over else " (none in sentence)")
            elif not any(frames[n].statement for n in cov):
                d["why"] = "excluded:" + ",".join(sorted({frames[n].excluded for n in cov}))
            elif not placed:
                d["why"] = "off-story"
            elif not any(reported(*ap) for ap in d["placed"]):
                d["why"] = "aspect cut"
            else:
                d["why"] = "held"
            info.append(d)
        pairs, held, _ = question_pairs(q, report, article_of)
        for d, h in zip(info, held):
            if d["why"] == "held" and not h:
                d["why"] = "held? (scorer disagrees)"
            if h and d["why"] != "held":
                d["why"] = "held"
        sim_cache = {}
        classes: Counter = Counter()
        for (i, j), (gold, sys_) in zip(combinations(range(len(info)), 2), pairs):
            if not gold or sys_:
                continue
            x, y = info[i], info[j]
            row = {"q": qid, "a": x["answer"], "b": y["answer"], "cluster": x["cluster"]}
            if x["why"] != "held" or y["why"] != "held":
                lost = x if x["why"] != "held" else y
                row["class"], row["detail"], row["unheld"] = "unheld", lost["why"], lost["answer"]
            else:
                pa = [(n, aspect_of[n]) for n in x["frames"] if n in aspect_of]
                pb = [(n, aspect_of[n]) for n in y["frames"] if n in aspect_of]
                both = [(m, n) for m, am in pa for n, an in pb if am == an]
                if not both:
                    best = max(((float(vec[m] @ vec[n]), m, n) for m, _ in pa for n, _ in pb), default=(0, -1, -1))
                    key = tuple(sorted(set(m for m, _ in pa) | set(n for n, _ in pb)))
                    if key not in sim_cache:
                        sim_cache[key] = dict(zip(key, range(len(key)))), combined_similarity(
                            [frames[k] for k in key], vec[list(key)], rec["params"])
                    at, cs = sim_cache[key]
                    comb = max(float(cs[at[m], at[n]]) for m, _ in pa for n, _ in pb)
                    row["class"] = "aspects"
                    row["detail"] = f"cos {best[0]:.2f} combined {comb:.2f} (link {rec['params'].aspect_link})"
                    row["frames"] = [frames[best[1]].text, frames[best[2]].text]
                else:
                    cos, m, n = max((float(vec[m] @ vec[n]), m, n) for m, n in both)
                    row["class"] = "positions"
                    row["detail"] = f"cos {cos:.2f}: " + why_not_same(frames[m], frames[n], cos, rec["params"],
                                                                     rec["close"], rec["within"])
                    row["frames"] = [frames[m].text, frames[n].text]
            classes[row["class"] + ":" + row["detail"].split(" (")[0].split(":")[0] if row["class"] == "unheld"
                    else row["class"]] += 1
            rows.append(row)
        # the balanced accuracy with every missed pair of a class found (false positives unchanged)
        ba = balanced_accuracy(pairs)
        bas[qid] = ba
        n_pos = sum(g for g, _ in pairs)
        print(f"== {qid} {q['question']}  BA {ba:.3f}  gold-same {n_pos}  found {sum(1 for g, s in pairs if g and s)}"
              f"  false-same {sum(1 for g, s in pairs if s and not g)}  coverage {sum(held) / len(held):.3f}")
        for c, k in classes.most_common():
            print(f"   {c:40s} {k:4d}  (BA if found: +{k / n_pos / 2:.3f})")
        totals.update(classes)
        reasons = Counter(d["why"] for d in info if d["why"] != "held")
        print("   unheld answers:", dict(reasons))
        if verbose:
            for d in info:
                if args_frames:
                    print(f"     ANSWER [{d['cluster']}] {d['answer']!r}: {d['why']}")
                    for n in d["frames"]:
                        f = frames[n]
                        kind = "desc" if f.description else "aim" if f.aim else "stmt"
                        print(f"        {kind} {f.excluded or ''} subj={f.subject}/{f.subject_text!r} pos="
                              f"{(aspect_of.get(n), position_of.get(n))} cen={rec['central'].get(n)} "
                              f"{f.claim.modality}/{f.claim.polarity}{'/hyp' if f.hypothetical else ''}: "
                              f"{f.content_text[:110]!r}")
                    continue
                if d["why"] != "held":
                    print(f"     [{d['cluster']}] {d['answer']!r}: {d['why']} "
                          + "; ".join(f"{frames[n].excluded or 'stmt'}: {frames[n].text[:90]!r}" for n in d["frames"]))
            for r in rows:
                if r["q"] == qid and r["class"] != "unheld":
                    print(f"     {r['class']}: [{r['cluster']}] {r['a']!r} ~ {r['b']!r}: {r['detail']}")
                    for t in r.get("frames", []):
                        print(f"         | {t[:150]!r}")
            for (i, j), (gold, sys_) in zip(combinations(range(len(info)), 2), pairs):
                if sys_ and not gold:
                    print(f"     FALSE same: [{info[i]['cluster']}] {info[i]['answer']!r} ~ "
                          f"[{info[j]['cluster']}] {info[j]['answer']!r}")
    print("== all questions:", dict(totals.most_common()))
    print(f"== BA {sum(bas.values()) / len(bas):.4f} " + " ".join(f"{k} {v:.3f}" for k, v in bas.items())
          + (f"  with {overrides}" if overrides else ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    from newsprism.evaluation.nanco import default_data_dir, read_questions

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", action="store_true", help="print every missed pair")
    ap.add_argument("--q", nargs="*", help="only these question ids (Q2 Q3 Q5 Q6)")
    ap.add_argument("--frames", action="store_true", help="with -v: print each answer's covering frames")
    ap.add_argument("--param", action="append", default=[], help="NAME=VALUE: an AspectParams field for this run")
    ap.add_argument("--json", help="write every missed pair here")
    args = ap.parse_args(argv)
    qs = [q for q in read_questions(default_data_dir()) if not args.q or q["answers"][0]["qid"] in args.q]
    overrides = {k: float(v) for k, v in (a.split("=") for a in args.param)}
    rows = analyse(qs, args.v, args.frames, overrides)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
