"""Story grouping measured with B-cubed precision / recall / F1 per document, against a TF-IDF baseline.

Shared by the ECB+ and Clust-McMs evaluators (``evaluation/ecbplus.py``, ``evaluation/clustmcms.py``) and by
``bench/train_grouping.py`` and ``bench/stream.py``. Each corpus is split in two halves by gold story (split A
trains the join model and tunes the baseline's threshold, split B is held apart), and every figure is given for
A, B and both together: each half is grouped as its own stream, never seeing the other.

The baseline is the usual one of the stream-clustering literature: single pass over the stream, each article's
title-and-lead TF-IDF vector compared with every story centroid, joining the closest if its cosine reaches a
threshold (tuned on split A by grid search), else starting a story.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from . import PRFigures
from ..stories.features import featurise, tfidf
from ..stories.grouping import Centroid, StoryGrouper


@dataclass(frozen=True, slots=True)
class StreamDoc:
    """One document of an evaluation stream with its gold story (``None``: in no story, e.g. an 'other' bucket)."""

    id: Hashable
    title: str
    text: str
    published: dt.date | None
    gold: Hashable | None
    split: str  # "A" (train / tune) or "B" (held apart)


@dataclass(frozen=True, slots=True)
class B3Score(PRFigures):
    """B-cubed figures of one grouping (same attributes as `Score`, so the CLI prints both alike)."""

    feature: str
    precision: float
    recall: float
    found: int  # stories found
    gold: int  # gold stories


def b_cubed(pred: dict[Hashable, Hashable], gold: dict[Hashable, Hashable], feature: str = "b3") -> B3Score:
    """B-cubed over the documents of ``gold`` (doc -> story); ``pred`` may hold more documents (ignored)."""
    docs = list(gold)
    p_members: dict[Hashable, set] = defaultdict(set)
    g_members: dict[Hashable, set] = defaultdict(set)
    for d in docs:
        p_members[pred[d]].add(d)
        g_members[gold[d]].add(d)
    prec = rec = 0.0
    for d in docs:
        c, g = p_members[pred[d]], g_members[gold[d]]
        both = len(c & g)
        prec += both / len(c)
        rec += both / len(g)
    n = len(docs) or 1
    return B3Score(feature, prec / n, rec / n, len(p_members), len(g_members))


def stream_order(docs: Sequence[StreamDoc], seed: int = 14) -> list[StreamDoc]:
    """The order the documents arrive in: by publication date (undated last), shuffled within a date (seeded),
    so that one story's documents do not arrive together by construction of the file."""
    rng = random.Random(seed)
    shuffled = list(docs)
    rng.shuffle(shuffled)
    return sorted(shuffled, key=lambda d: d.published or dt.date.max)


Grouping = Callable[[Sequence[StreamDoc]], dict[Hashable, Hashable]]


def newsprism_grouping(embed: Callable | None = None, **kwargs: object) -> Grouping:
    def run(docs: Sequence[StreamDoc]) -> dict[Hashable, Hashable]:
        g = StoryGrouper(embed=embed, **kwargs)  # type: ignore[arg-type]
        g.add_many([(d.id, d.title, d.text, d.published) for d in docs])
        return {d.id: g.story_id(d.id) for d in docs}
    return run


def baseline_grouping(threshold: float) -> Grouping:
    """Single-pass TF-IDF (title + lead) centroid clustering with a fixed threshold (exhaustive comparison)."""
    def run(docs: Sequence[StreamDoc]) -> dict[Hashable, Hashable]:
        df: Counter = Counter()
        stories: list[tuple[Hashable, Centroid]] = []
        out: dict[Hashable, Hashable] = {}
        for n, d in enumerate(docs):
            f = featurise(d.title, d.text, d.published)
            vec = tfidf(f.head, df, n)
            best, best_cos = None, threshold
            for sid, c in stories:
                cos = c.cos(vec)
                if cos >= best_cos:
                    best, best_cos = (sid, c), cos
            if best is None:
                best = (d.id, Centroid())
                stories.append(best)
            best[1].add(vec)
            out[d.id] = best[0]
            df.update(set(f.head))
        return out
    return run


def tune_baseline(docs: Sequence[StreamDoc], variant: str, grid: Iterable[float] | None = None) -> float:
    """The baseline threshold with the best B³ F1 on ``docs`` (split A)."""
    grid = list(grid or [round(0.05 * i, 2) for i in range(2, 19)])
    best = max(grid, key=lambda t: score_variant(baseline_grouping(t)(docs), docs, variant).f1)
    return best


def gold_map(docs: Iterable[StreamDoc], variant: str) -> dict[Hashable, Hashable]:
    """doc -> gold story. ``without-other``: documents in no story left out; ``other-singletons``: each its own."""
    out: dict[Hashable, Hashable] = {}
    for d in docs:
        if d.gold is not None:
            out[d.id] = d.gold
        elif variant == "other-singletons":
            out[d.id] = ("other", d.id)
    return out


def score_variant(pred: dict, docs: Sequence[StreamDoc], variant: str, feature: str = "b3") -> B3Score:
    return b_cubed(pred, gold_map(docs, variant), feature)


def evaluate_stream(docs: Sequence[StreamDoc], variants: Sequence[str], embed: Callable | None = None,
                    *, seed: int = 14, embed_xl: Callable | None = None) -> list[B3Score]:
    """B³ of newsprism's grouping and of the tuned baseline, per split (A, B, all) and variant. ``embed_xl``: the
    multilingual embedder for stories told in several languages (used with ``embed`` in the first row, and alone in
    the "as stored" row: the grouping `newsprism stories` gives)."""
    parts = {"A": [d for d in docs if d.split == "A"], "B": [d for d in docs if d.split == "B"], "all": list(docs)}
    parts = {k: stream_order(v, seed) for k, v in parts.items()}
    systems: list[tuple[str, Grouping]] = [("newsprism", newsprism_grouping(embed, embed_xl=embed_xl))]
    if embed is not None and embed_xl is not None:
        # what the store's grouping runs (`newsprism.stories.stored`): no sentence embedder, across languages
        systems.append(("newsprism as stored", newsprism_grouping(None, embed_xl=embed_xl)))
    if embed is not None:
        systems.append(("newsprism, no embeddings", newsprism_grouping(None)))
    out: list[B3Score] = []
    for variant in variants:
        t = tune_baseline(parts["A"], variant)
        for name, run in systems + [(f"tf-idf baseline (t={t:.2f} tuned on A)", baseline_grouping(t))]:
            for split, part in parts.items():
                label = f"{variant}, split {split}: {name}" if len(variants) > 1 else f"split {split}: {name}"
                out.append(score_variant(run(part), part, variant, label))
    return out
