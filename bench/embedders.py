"""Is the sentence embedder the limit of "same"? Two dev measurements, MiniLM (the default) against another
sentence-transformers model given as a folder (issue 10 names all-mpnet-base-v2, shipped as five part packages).

1. **ECB+ same-event sentences**: pairs of validated sentences from different documents of one gold story
   (topic + ecb/ecbplus), "same" when they hold mentions of one event instance (`ecbplus_events`). AUC of the
   cosine, on topics 1-10 and 11-20 apart.
2. **NAnCo answers**: the annotated answer spans of each question, pairs "same" when annotators put them in one
   group. Mean AUC of the cosine per question, and the balanced accuracy of a cosine threshold chosen on the other
   questions (leave one question out), the paper's sentence-embedding baseline. The answers are given here, not found:
   this bounds what the embedder can tell once the report's units are the answers.

The second model needs torch and sentence-transformers, which newsprism does not ship: run this script with a Python
that has them and newsprism on its path (``PYTHONPATH=src /path/to/venv/bin/python bench/embedders.py --other DIR``).
Without ``--other`` only MiniLM is measured. Measurement only: nothing here is used by the product.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism.evaluation import ecbplus_events, nanco  # noqa: E402


def auc(scores: np.ndarray, gold: np.ndarray) -> float:
    """Rank AUC (Mann-Whitney): the chance a "same" pair scores above a "different" one."""
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = int(gold.sum())
    return float((ranks[gold].sum() - pos * (pos + 1) / 2) / (pos * (len(gold) - pos)))


def balanced_accuracy(scores: np.ndarray, gold: np.ndarray, threshold: float) -> float:
    said = scores >= threshold
    return float(((said & gold).sum() / max(gold.sum(), 1) + (~said & ~gold).sum() / max((~gold).sum(), 1)) / 2)


def ecb_pairs(data: Path) -> list[tuple[int, str, str, bool]]:
    """(topic, sentence, sentence, same event) for validated sentences of different documents of one gold story."""
    checked = ecbplus_events.validated(data)
    out = []
    for story, docs in ecbplus_events.stories(data):
        topic = int("".join(c for c in story if c.isdigit()))
        units = []
        for doc in docs:
            text, where, events, _ = ecbplus_events.read_document(doc)
            units += [(doc.stem, text[a:b], events.get(s, set())) for s, (a, b) in where.items()
                      if (doc.stem, s) in checked]
        out += [(topic, x[1], y[1], bool(x[2] & y[2])) for x, y in combinations(units, 2) if x[0] != y[0]]
    return out


def nanco_questions(data: Path) -> list[tuple[list[str], list[object]]]:
    return [([a["Answer"] for a in q["answers"]], [a["cluster_global"] for a in q["answers"]])
            for q in nanco.read_questions(data)]


def measure(name: str, embed, ecb, questions) -> dict[str, object]:
    texts = sorted({t for _, a, b, _ in ecb for t in (a, b)} | {t for answers, _ in questions for t in answers})
    start = time.perf_counter()
    vectors = np.asarray(embed(texts), dtype=np.float64)
    seconds = time.perf_counter() - start
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    row = {t: i for i, t in enumerate(texts)}

    def cos(a: str, b: str) -> float:
        return float(vectors[row[a]] @ vectors[row[b]])

    topic = np.array([t for t, *_ in ecb])
    score = np.array([cos(a, b) for _, a, b, _ in ecb])
    gold = np.array([g for *_, g in ecb])
    per_question = []
    for answers, groups in questions:
        pairs = list(combinations(range(len(answers)), 2))
        per_question.append((np.array([cos(answers[i], answers[j]) for i, j in pairs]),
                             np.array([groups[i] == groups[j] for i, j in pairs])))
    grid = np.linspace(0.2, 0.95, 76)
    held_out = []
    for k, (s, g) in enumerate(per_question):
        others = [q for m, q in enumerate(per_question) if m != k]
        best = max(grid, key=lambda t: np.mean([balanced_accuracy(os_, og, t) for os_, og in others]))
        held_out.append(balanced_accuracy(s, g, best))
    return {"model": name, "texts": len(texts), "embed_s": round(seconds, 1), "ecb_pairs": len(ecb),
            "ecb_auc_topics_1_10": round(auc(score[topic <= 10], gold[topic <= 10]), 3),
            "ecb_auc_topics_11_20": round(auc(score[topic > 10], gold[topic > 10]), 3),
            "nanco_questions": len(per_question),
            "nanco_mean_auc": round(float(np.mean([auc(s, g) for s, g in per_question if 0 < g.sum() < len(g)])), 3),
            "nanco_threshold_ba": round(float(np.mean(held_out)), 3),
            "nanco_threshold_ba_per_question": [round(x, 3) for x in held_out]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--other", type=Path, help="a sentence-transformers model folder to compare with MiniLM")
    args = parser.parse_args(argv)
    ecb = ecb_pairs(ecbplus_events.default_data_dir())
    questions = nanco_questions(nanco.default_data_dir())
    from newsprism.nlp.models import Models
    from newsprism.settings import Settings

    print(json.dumps(measure("all-MiniLM-L6-v2", Models(Settings()).embedder.embed, ecb, questions)))
    if args.other:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(args.other), device="cpu")
        print(json.dumps(measure(args.other.name, lambda texts: model.encode(
            list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False), ecb, questions)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
