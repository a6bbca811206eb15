"""Where the story grouper errs on ECB+ dev and what it scores "as stored" (no sentence embedder; the multilingual
one across languages), per split, on both dev corpora.

    python bench/grouping_errors.py scores [--ecb-only]      B³ "as stored": ECB+ (all) and Clust-McMs (without-other)
    python bench/grouping_errors.py ecb A|B|all [GOLD]      ECB+ pieces per gold story, mixed stories; GOLD's pieces
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism.evaluation import clustmcms, ecbplus  # noqa: E402
from newsprism.evaluation.grouping import newsprism_grouping, score_variant, stream_order  # noqa: E402


def scores(ecb_only: bool) -> None:
    corpora = [("ecbplus", ecbplus.load(ecbplus.default_data_dir()), "all", None)]
    if not ecb_only:
        from newsprism.nlp.models import Models
        from newsprism.settings import Settings

        xl = Models(Settings()).multilingual_embedder.embed
        corpora.append(("clustmcms", clustmcms.load(clustmcms.default_data_dir()), "without-other", xl))
    for name, docs, variant, xl in corpora:
        for split in ("A", "B", "all"):
            part = stream_order([d for d in docs if split == "all" or d.split == split])
            s = score_variant(newsprism_grouping(None, embed_xl=xl)(part), part, variant)
            print(f"{name} {split}: F1 {s.f1:.3f} (P {s.precision:.3f} R {s.recall:.3f}) found {s.found} gold {s.gold}")


def ecb_errors(split: str, gold: str | None) -> None:
    docs = ecbplus.load(ecbplus.default_data_dir())
    part = stream_order([d for d in docs if split == "all" or d.split == split])
    pred = newsprism_grouping(None)(part)
    print(score_variant(pred, part, "all"))
    by_gold: dict = defaultdict(Counter)
    by_pred: dict = defaultdict(Counter)
    for d in part:
        by_gold[d.gold][pred[d.id]] += 1
        by_pred[pred[d.id]][d.gold] += 1
    for g, c in sorted(by_gold.items()):
        print(g, sum(c.values()), "pieces:", sorted(c.values(), reverse=True))
    print("--- mixed predicted stories")
    for p, c in by_pred.items():
        if len(c) > 1:
            print(p, dict(c))
    if gold:
        for p in by_gold[gold]:
            print("== piece", p, dict(by_pred[p]))
            for d in part:
                if pred[d.id] == p:
                    print("  ", d.id, d.gold, d.text[:200].replace("\n", " | "))


if __name__ == "__main__":
    if sys.argv[1] == "scores":
        scores("--ecb-only" in sys.argv)
    else:
        ecb_errors(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
