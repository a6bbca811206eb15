"""Would a learned pair classifier say "same position" better than the hand rules? Measured on NAnCo val, each
question held apart in turn (leave one question out: fit on three, score the fourth).

Each question's paragraphs run through the product's own path (``evaluation.nanco.analyse_question``), recording
consolidation's frames and subject matcher (``nanco_diagnose.record_consolidation``). For every answer pair whose
two answers each lie in a statement frame (a frame whose claim span covers more than half of the answer, as the
scorer reads a group's evidence), the pair is read at its closest two frames (MiniLM cosine) and described by what
``aspects.same_position_slots`` reads: the cosine, the combined similarity of aspects, the rules' own verdict,
subject, predicate, figures, dates, other participants, polarity / certainty / hypothetical agreement, aims,
descriptions, opposed predicates. A pair with no such frames has a zero row and a ``framed`` flag of 0 (the
system cannot group it either).

Printed per question (balanced accuracy, as ``newsprism evaluate --corpus nanco``): the report's own answer
(positions and agreements after clustering), the rules' verdict on the pair alone, the cosine with the threshold
best on the other three questions, and logistic regression (balanced class weights, scipy, L2 at three strengths)
fit on the other three. Then the weights fit on all four.

    NEWSPRISM_DATA=../shared/data PYTHONPATH=src python bench/train_positions.py
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nanco_diagnose import record_consolidation  # noqa: E402
from train_grouping import fit  # noqa: E402

FEATURES = ("cos", "combined", "rules", "subject", "predicate", "figures", "figure_key", "dates", "participants",
            "polarity", "certainty", "hypothetical", "aims", "descriptions", "opposed", "framed")


def pair_rows(questions) -> list[tuple[str, bool, bool, list[float]]]:
    """(question id, gold same, report same, features) per answer pair of every question."""
    from newsprism.evaluation.nanco import COVER, _locate, analyse_question, question_pairs
    from newsprism.nlp.models import Models
    from newsprism.settings import Settings
    from newsprism.story import aspects as A

    settings = Settings()
    models = Models(settings)
    rec = record_consolidation()
    out = []
    for q in questions:
        qid = q["answers"][0]["qid"]
        report, article_of = analyse_question(q, settings, models)
        frames = rec["frames"]
        texts = {a["id"]: a["text"] for a in report["articles"]}
        vec = models.embedder.embed([f.content_text for f in frames])
        covering = []
        for ans in q["answers"]:
            art = article_of[ans["Paragraph Id"]]
            where = _locate(texts[art], ans["Answer"])
            a, b = where or (0, 0)
            covering.append([n for n, f in enumerate(frames) if where and f.article_id == art and f.statement and
                             min(b, f.claim.span.end) - max(a, f.claim.span.start) > COVER * (b - a)])
        pairs, _, _ = question_pairs(q, report, article_of)
        used = sorted({n for c in covering for n in c})
        at = {n: k for k, n in enumerate(used)}
        combined = A.combined_similarity([frames[n] for n in used], vec[used], rec["params"]) if used else None
        close, within, p = rec["close"], rec["within"], rec["params"]
        slots = {n: A.position_slots(frames[n], within=within) for n in used}
        for (i, j), (gold, said) in zip(combinations(range(len(covering)), 2), pairs):
            best = max(((float(vec[m] @ vec[n]), m, n) for m in covering[i] for n in covering[j] if m != n),
                       default=None)
            row = [0.0] * len(FEATURES)
            if best is not None:
                c, m, n = best
                fa, fb, sa, sb = frames[m], frames[n], slots[m], slots[n]
                row = [c, float(combined[at[m], at[n]]), A.same_position_slots(sa, sb, c, p, close),
                       bool(fa.subject and fb.subject and close(fa, fb)),
                       bool(sa.predicate and sa.predicate == sb.predicate),
                       A._same_quantities(sa.quantities, sb.quantities), bool(sa.figures & sb.figures),
                       A._dates_meet(sa.dates, sb.dates),
                       len((sa.participants & sb.participants) - sa.subjects - sb.subjects),
                       fa.claim.polarity == fb.claim.polarity, sa.firm == sb.firm, fa.hypothetical == fb.hypothetical,
                       bool(fa.aim and fb.aim), bool(fa.description and fb.description), A.opposed(fa, fb), 1.0]
            out.append((qid, gold, said, [float(x) for x in row]))
    return out


def balanced_accuracy(gold: np.ndarray, said: np.ndarray) -> float:
    return float((said[gold].mean() + (~said[~gold]).mean()) / 2)


def main() -> int:
    from newsprism.evaluation.nanco import default_data_dir, read_questions

    rows = pair_rows(read_questions(default_data_dir()))
    qids = sorted({r[0] for r in rows})
    q = np.array([r[0] for r in rows])
    gold = np.array([r[1] for r in rows])
    said = np.array([r[2] for r in rows])
    X = np.array([r[3] for r in rows])
    cos, rules = X[:, FEATURES.index("cos")], X[:, FEATURES.index("rules")] > 0

    def per_question(pred: dict[str, np.ndarray]) -> list[float]:
        return [balanced_accuracy(gold[q == k], pred[k]) for k in qids]

    results = {"report (positions, agreements)": per_question({k: said[q == k] for k in qids}),
               "rules on the pair alone": per_question({k: rules[q == k] for k in qids})}
    grid = np.round(np.arange(0.30, 0.95, 0.01), 2)
    cos_pred = {}
    for k in qids:
        train = [x for x in qids if x != k]
        t = max(grid, key=lambda t: np.mean([balanced_accuracy(gold[q == x], cos[q == x] >= t) for x in train]))
        cos_pred[k] = cos[q == k] >= t
    results["cosine, threshold of the other three"] = per_question(cos_pred)
    scale = X.std(axis=0) + 1e-9  # features on one scale: the penalty then weighs them alike

    def balanced(y: np.ndarray) -> np.ndarray:
        return np.where(y, 0.5 / y.mean(), 0.5 / (1 - y.mean()))

    for l2 in (1e-3, 1e-2, 1e-1):
        pred = {}
        for k in qids:
            tr = q != k
            w = fit(X[tr] / scale, gold[tr].astype(float), l2, balanced(gold[tr]))
            pred[k] = (w[0] + (X[q == k] / scale) @ w[1:]) >= 0
        results[f"logistic regression, L2 {l2:g}, fit on the other three"] = per_question(pred)
    print(f"{'':58s} " + " ".join(f"{k:>6s}" for k in qids) + "   mean")
    for name, v in results.items():
        print(f"{name:58s} " + " ".join(f"{x:6.3f}" for x in v) + f"  {np.mean(v):.3f}")
    w = fit(X / scale, gold.astype(float), 1e-2, balanced(gold))
    print("\nweights fit on all four (features scaled by their spread), bias first:")
    print("  " + ", ".join(f"{n} {v:+.2f}" for n, v in zip(("bias",) + FEATURES, w)))
    print(f"pairs {len(rows)}, gold same {int(gold.sum())}, framed {int(X[:, -1].sum())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
