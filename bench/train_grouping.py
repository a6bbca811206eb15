"""Train the story grouper's join-or-new model (`newsprism.stories.grouping.JoinModel`) on split A of the dev data.

The stream of split A (ECB+ odd topics, Clust-McMs even stories; see `newsprism.evaluation.grouping`) is replayed
in arrival order with every article put in its gold story. Before each article is placed, the stories that
blocking proposes give one training pair each: the features of (article, story) and whether the story is the
article's gold story. A logistic regression (L2, scipy) is fit on those pairs, with and without the embedding
feature; then the join threshold is the one with the best mean B³ F1 over the two corpora's split A. Split B is
never read here. Prints the `JoinModel(...)` to paste into grouping.py, and the B³ figures on A and B.
``--train-split B`` swaps the halves (train and tune on B, A held apart): the held-out figure the other way round.

    python bench/train_grouping.py [--data DIR] [--train-split A|B] [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism.evaluation import clustmcms, ecbplus  # noqa: E402
from newsprism.evaluation.grouping import newsprism_grouping, score_variant, stream_order  # noqa: E402
from newsprism.nlp.models import Models  # noqa: E402
from newsprism.settings import Settings  # noqa: E402
from newsprism.stories.features import featurise  # noqa: E402
from newsprism.stories.grouping import EMBED_FEATURES, FEATURES, JoinModel, StoryGrouper  # noqa: E402


def pairs(docs, embed):
    """(X, y) of teacher-forced (article, candidate story) pairs, and blocking recall (gold story proposed)."""
    g = StoryGrouper(embed=embed)
    X, y, found, needed = [], [], 0, 0
    vecs = embed([featurise(d.title, d.text, d.published).embed_text for d in docs]) if embed else [None] * len(docs)
    for d, v in zip(docs, vecs):
        gold = d.gold if d.gold is not None else ("other", d.id)
        f = featurise(d.title, d.text, d.published)
        cands = g.candidate_features(f, v)
        if gold in g.stories:
            needed += 1
            found += any(sid == gold for sid, _, _ in cands)
        for sid, feats, penalty in cands:
            X.append(feats + [penalty])
            y.append(1.0 if sid == gold else 0.0)
        g.place_in(d.id, f, v, gold)
    return np.array(X), np.array(y), found / max(needed, 1)


def fit(X, y, l2=1e-3, sample_weight=None):
    """Logistic regression weights (bias first) minimising the mean log loss (each pair weighted by
    ``sample_weight``, default 1) plus an L2 penalty."""
    Xb = np.hstack([np.ones((len(X), 1)), X])
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)

    def loss(w):
        z = Xb @ w
        ll = np.mean(sw * (np.logaddexp(0, z) - y * z))
        p = 1 / (1 + np.exp(-z))
        return ll + l2 * w[1:] @ w[1:], Xb.T @ (sw * (p - y)) / len(y) + 2 * l2 * np.r_[0, w[1:]]

    return minimize(loss, np.zeros(Xb.shape[1]), jac=True, method="L-BFGS-B").x


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path)
    ap.add_argument("--train-split", choices=["A", "B"], default="A")
    ap.add_argument("--threshold", type=float, help="join at this probability instead of the one best on the "
                    "training split (the shipped model joins at 0.5: see grouping.DEFAULT_MODEL)")
    args = ap.parse_args()
    if args.data:
        os.environ["NEWSPRISM_DATA"] = str(args.data)
    embed = Models(Settings()).embedder.embed
    corpora = {"ecbplus": (ecbplus.load(ecbplus.default_data_dir()), "all"),
               "clustmcms": (clustmcms.load(clustmcms.default_data_dir()), "without-other")}
    Xs, ys = [], []
    for name, (docs, _) in corpora.items():
        X, y, recall = pairs(stream_order([d for d in docs if d.split == args.train_split]), embed)
        print(f"{name}: {len(y)} pairs, {int(y.sum())} positive; blocking proposes the gold story {recall:.3f}")
        Xs.append(X)
        ys.append(y)
    X, y = np.vstack(Xs), np.concatenate(ys)
    # The time penalty is a fixed rule (dev data spans days, not weeks): it is subtracted, not learnt.
    n = len(FEATURES)
    w = fit(X[:, :n], y)
    w3 = fit(X[:, [i for i in range(n) if i not in EMBED_FEATURES]], y)
    base = JoinModel(bias=float(w[0]), weights=tuple(float(v) for v in w[1:]),
                     bias_no_embed=float(w3[0]), weights_no_embed=tuple(float(v) for v in w3[1:]))

    def mean_f1(model, split, with_embed=True):
        out = []
        for docs, variant in corpora.values():
            part = stream_order([d for d in docs if d.split == split])
            out.append(score_variant(newsprism_grouping(embed if with_embed else None, model=model)(part), part, variant).f1)
        return out

    grid = [round(0.05 * i, 2) for i in range(4, 19)]
    best = args.threshold or max(grid, key=lambda t: np.mean(mean_f1(JoinModel(**{**_fields(base), "threshold": t}),
                                                                     args.train_split)))
    model = JoinModel(**{**_fields(base), "threshold": best})
    print(f"\n{_literal(model)}\n")
    for split in "AB":
        e, c = mean_f1(model, split)
        e3, c3 = mean_f1(model, split, with_embed=False)
        print(f"split {split}: ecbplus F1 {e:.3f} (no embeddings {e3:.3f}); clustmcms without-other F1 {c:.3f} "
              f"(no embeddings {c3:.3f})")


def _fields(m: JoinModel) -> dict:
    return {"bias": m.bias, "weights": m.weights, "bias_no_embed": m.bias_no_embed,
            "weights_no_embed": m.weights_no_embed, "threshold": m.threshold}


def _literal(m: JoinModel) -> str:
    r = lambda v: round(v, 3)  # noqa: E731
    return (f"JoinModel(bias={r(m.bias)}, weights={tuple(map(r, m.weights))}, bias_no_embed={r(m.bias_no_embed)}, "
            f"weights_no_embed={tuple(map(r, m.weights_no_embed))}, threshold={m.threshold})")


if __name__ == "__main__":
    main()
