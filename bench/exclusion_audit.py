"""Audit of the clauses kept out of comparison: which reason each excluded clause got, and a sample per reason to judge.

Runs real stories through the product's own path (the 42 Clust-McMs audit stories, ``bench/audit_clustmcms.py``'s
``selection()``, and/or the NAnCo val questions, ``evaluation.nanco.analyse_question``) while recording, for every
main clause frame ``claims.extract_frames`` makes, the reason ``statement_check`` or subject resolution gave for
keeping it out (``Frame.excluded``) and what the parse said about it: the content root (text, tag, pos, dep), its
auxiliaries, the subject token, and the text just before the clause (for judging a pronoun). Nothing is recomputed
differently: the extraction functions are wrapped, not copied.

Prints the count per reason and a seeded sample per reason (``--per`` each); ``--jsonl FILE`` writes every
excluded clause. A reader then judges each sampled exclusion RIGHT (a real question, fragment, headline, no finite
verb, a pronoun truly unresolved) or WRONG (a parse or rule error that loses a statement).

Usage: ``NEWSPRISM_DATA=... PYTHONPATH=src python bench/exclusion_audit.py [--corpus clustmcms|nanco|both]
[--per 20] [--seed 0] [--reason "no finite verb"] [--jsonl out.jsonl] [--kept kept.jsonl]``
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _token(t: Any) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"text": t.text, "tag": t.tag_, "pos": t.pos_, "dep": t.dep_,
            "aux": [f"{c.text}/{c.tag_}/{c.dep_}" for c in t.children if c.dep_ in ("aux", "auxpass")],
            "head": f"{t.head.text}/{t.head.tag_}/{t.head.dep_}"}


def record() -> list[dict[str, Any]]:
    """Wrap the clause checks so that every excluded main frame leaves one row in the returned list."""
    import newsprism.extract.claims as C
    import newsprism.story.consolidate as K

    rows: list[dict[str, Any]] = []
    kept = record.kept = []  # type: ignore[attr-defined]
    checks: dict[str, dict[str, Any]] = {}  # clause text -> what the checks saw (one article at a time)
    current: dict[str, Any] = {}
    orig_check, orig_resolve, orig_extract = C.statement_check, C.resolve_subject, K.extract_frames

    def statement_check(text, title, content, root, quoted):
        why = orig_check(text, title, content, root, quoted)
        current.clear()
        current.update(root=_token(root), subject=_token(C.subject_token(root)))
        checks[text] = current.copy()
        return why

    def resolve_subject(subj, *args, **kw):
        out = orig_resolve(subj, *args, **kw)
        if current:
            current["subject"] = _token(subj)
            checks[next(reversed(checks))] = current.copy()
        return out

    def extract_frames(facts, doc):
        checks.clear()
        frames = orig_extract(facts, doc)
        text = facts.article.text
        for f in frames:
            if f.excluded is None and not f.inner:
                kept.append({"story": record.story, "article": f.article_id, "text": f.text, "subject": f.subject,
                             "subject_text": f.subject_text, "hypothetical": f.hypothetical,
                             "modality": f.claim.modality})
            if f.excluded is None or f.inner:
                continue
            seen = checks.get(f.text, {})
            rows.append({"story": record.story, "article": f.article_id, "reason": f.excluded, "text": f.text,
                         "content": f.content_text,
                         "before": text[max(0, f.claim.span.start - 300): f.claim.span.start],
                         "title": facts.article.title, **seen})
        return frames

    C.statement_check, C.resolve_subject, K.extract_frames = statement_check, resolve_subject, extract_frames
    return rows


record.story = ""  # type: ignore[attr-defined]


def run(corpus: str) -> list[dict[str, Any]]:
    from newsprism.nlp.models import Models
    from newsprism.settings import Settings

    settings = Settings()
    models = Models(settings)
    rows = record()
    if corpus in ("clustmcms", "both"):
        import audit_clustmcms as A
        from newsprism.evaluation.stories import front_matter, report_of

        audited = {p.stem for p in A.OUT.glob("*.json")}
        for sid, _, docs in A.selection():
            if sid not in audited:
                continue
            record.story = sid  # type: ignore[attr-defined]
            texts = [(f"clustmcms:{d['ID']}", front_matter(A.body(d), title=d.get("title"),
                                                         date=d.get("publish_date"))) for d in docs]
            report_of(texts, settings, models)
    if corpus in ("nanco", "both"):
        from newsprism.evaluation.nanco import analyse_question, default_data_dir, read_questions

        for q in read_questions(default_data_dir()):
            record.story = "nanco:" + (q["answers"][0].get("qid") or q["question"])  # type: ignore[attr-defined]
            analyse_question(q, settings, models)
    return rows


def show(rows: list[dict[str, Any]], per: int, seed: int, reason: str | None) -> None:
    counts = Counter(r["reason"] for r in rows)
    print("excluded main clauses per reason:", dict(counts.most_common()))
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by[r["reason"]].append(r)
    rng = random.Random(seed)
    for why, rs in sorted(by.items()):
        if reason and why != reason:
            continue
        sample = rs if len(rs) <= per else rng.sample(rs, per)
        print(f"\n=== {why}: {len(sample)} of {len(rs)}")
        for n, r in enumerate(sample, 1):
            root, subj = r.get("root") or {}, r.get("subject") or {}
            print(f"[{n}] {r['story']} a{r['article']}: {r['text']}")
            print(f"     root {root.get('text')}/{root.get('tag')}/{root.get('pos')}/{root.get('dep')} "
                  f"aux {root.get('aux')} subj {subj.get('text')}/{subj.get('tag')}/{subj.get('dep')}")
            if why == "unresolved pronoun":
                print(f"     before: …{r['before'][-200:]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=("clustmcms", "nanco", "both"), default="both")
    ap.add_argument("--per", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reason")
    ap.add_argument("--jsonl")
    ap.add_argument("--kept", help="also write every compared main clause with its subject to this file")
    args = ap.parse_args(argv)
    rows = run(args.corpus)
    if args.kept:  # the clauses compared, with their resolved subjects (to diff two runs)
        Path(args.kept).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in record.kept), "utf-8")
    if args.jsonl:
        Path(args.jsonl).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    show(rows, args.per, args.seed, args.reason)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
