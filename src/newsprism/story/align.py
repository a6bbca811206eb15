"""Alignment: which claims of different articles report the same fact, or are about the same thing.

Cost stays near-linear in the number of claims: candidates come from blocking, never from all pairs:

1. an inverted index on entity ids, counted nouns and event families (postings longer than ``max_posting`` are
   skipped: a key that every claim shares, like the story's main place, separates nothing);
2. the ``k`` nearest neighbours of each claim vector (block-wise dot products, top-k kept per row).

Each candidate pair from different articles (or from different speakers inside one article) is then judged by
comparing slots, with the vector similarity as one signal among several. Similar is not equal: a high
similarity makes a pair a *candidate* for a conflict as much as for an agreement; ``compare`` decides conflicts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np

from ..extract.claims import Frame, same_speaker
from ..settings import Settings

Relation = Literal["same", "related"]



@dataclass(frozen=True, slots=True)
class Pair:
    """Two aligned frames (indices into the frame list, ``i < j``) and how they relate."""

    i: int
    j: int
    similarity: float
    relation: Relation
    shared_entities: tuple[str, ...] = ()
    shared_families: tuple[str, ...] = ()


def counted_nouns(frame: Frame) -> set[str]:
    return {(f.counts or f.unit or "").lower().split()[-1] for f in frame.claim.figures if (f.counts or f.unit)}


def block_keys(frame: Frame) -> set[str]:
    keys = {"e:" + e for e in frame.claim.entities}
    keys |= {"n:" + n for n in counted_nouns(frame)}
    keys |= {"f:" + f for f in frame.families}
    keys |= {"w:" + w for w in frame.lemmas if len(w) > 3 and w.isalpha()}  # long postings are skipped in align
    return keys


def nearest_neighbours(vectors: np.ndarray, k: int, block: int = 1024) -> list[tuple[int, int, float]]:
    """The ``k`` most similar other rows of each row, as (i, j, cosine) with i != j (vectors are normalised)."""
    n = len(vectors)
    out: list[tuple[int, int, float]] = []
    if n < 2:
        return out
    k = min(k, n - 1)
    for b in range(0, n, block):
        sims = vectors[b : b + block] @ vectors.T
        rows = np.arange(sims.shape[0])
        sims[rows, b + rows] = -1.0
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n - 1 else np.argsort(-sims, axis=1)[:, :k]
        # one conversion per block, not per element (float32 -> float is exact either way)
        for r, (cols, vals) in enumerate(zip(top.tolist(), np.take_along_axis(sims, top, axis=1).tolist())):
            out.extend((b + r, c, v) for c, v in zip(cols, vals))
    return out


def _distinct_sources(a: Frame, b: Frame) -> bool:
    """Different articles; or one article quoting two different named speakers (a debate inside one report)."""
    if a.article_id != b.article_id:
        return True
    return bool(a.speaker_key and b.speaker_key and a.speaker_key != b.speaker_key)


def figure_match(a: Frame, b: Frame) -> bool:
    """Both state the same value for the same counted noun ("40,000 troops" in both)."""
    for fa in a.claim.figures:
        for fb in b.claim.figures:
            if fa.value == fb.value and fa.kind == fb.kind and (fa.counts or fa.unit) and (
                    (fa.counts or fa.unit or "").split()[-1:] == (fb.counts or fb.unit or "").split()[-1:]):
                return True
    return False


def _modality_class(f: Frame) -> str:
    m = f.claim.modality
    return "firm" if m in ("asserted", "confirmed") else m


def relate(a: Frame, b: Frame, sim: float, settings: Settings | None = None) -> Relation | None:
    """The relation of two frames, or None when they are not about the same thing (thresholds: ``same_fact_sim``,
    ``same_fact_sim_with_slots``, ``related_sim`` of ``settings``).

    Why these rules: within one story every sentence is about the same place and people, so MiniLM puts
    most pairs at 0.6-0.75. "Same fact" needs paraphrase-level similarity, or a shared figure, or shared words
    and an event family on top of a good similarity; and the same polarity and certainty class.
    """
    s = settings or Settings()
    ents = set(a.claim.entities) & set(b.claim.entities)
    fams = a.families & b.families
    words = len(a.lemmas & b.lemmas) / max(1, len(a.lemmas | b.lemmas))
    classes = {_modality_class(a), _modality_class(b)}
    # a forecast and a firm statement are the same fact only as the same speaker's words, reworded ("X predicted
    # the Russians would ..." / "X stated Russia intended to ..."); else a forecast is not its outcome
    compatible = a.claim.polarity == b.claim.polarity and (len(classes) == 1 or (
        classes == {"firm", "predicted"} and sim >= 0.78 and bool(a.claim.speaker and b.claim.speaker)
        and same_speaker(a, b)))
    if a.event and a.event == b.event and sim < s.same_fact_sim and {a.aspect, b.aspect} & {"completed"} and \
            {a.aspect, b.aspect} & {"ongoing", "forecast", "began"}:
        compatible = False  # "attempting to enter" is not "had entered"
    if compatible and (sim >= s.same_fact_sim or (sim >= s.same_fact_sim_with_slots and figure_match(a, b))
                       or (sim >= 0.7 and fams and words >= 0.2) or (sim >= 0.68 and words >= 0.3)):
        return "same"
    # the same speaker reporting the same event as done (or begun): wording may differ a lot
    # ("its troops finished withdrawing ..." / "its forces had left Kherson by early Friday")
    if compatible and sim >= 0.4 and a.event and a.event == b.event and a.aspect == b.aspect and \
            a.aspect in ("completed", "began") and a.claim.speaker and b.claim.speaker and same_speaker(a, b):
        return "same"
    if sim >= s.related_sim or (ents and fams and sim >= 0.3):
        return "related"
    return None


def align(frames: Sequence[Frame], vectors: np.ndarray, *, k: int = 8, max_posting: int = 60,
          settings: Settings | None = None) -> list[Pair]:
    """Candidate pairs by blocking, judged by ``relate``.

    Args:
        frames: every claim frame of the story.
        vectors: their normalised embeddings, one row per frame.
        k: nearest neighbours per claim.
        max_posting: inverted-index keys with more claims than this are skipped (they block nothing).
        settings: the thresholds of ``relate`` (defaults when None).

    Returns:
        Pairs with a relation, each once (``i < j``).
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    settings = settings or Settings()
    if len(frames) != len(vectors):
        raise ValueError("one vector per frame")
    cands: set[tuple[int, int]] = set()
    index: dict[str, list[int]] = defaultdict(list)
    for n, f in enumerate(frames):
        for key in block_keys(f):
            index[key].append(n)
    for posting in index.values():
        if len(posting) > max_posting:
            continue
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                cands.add((posting[x], posting[y]))
    for i, j, _ in nearest_neighbours(vectors, k):
        cands.add((min(i, j), max(i, j)))
    pairs: list[Pair] = []
    for i, j in sorted(cands):
        a, b = frames[i], frames[j]
        if not _distinct_sources(a, b):
            continue
        sim = float(vectors[i] @ vectors[j])
        rel = relate(a, b, sim, settings)
        if rel is None:
            continue
        pairs.append(Pair(i, j, sim, rel, tuple(sorted(set(a.claim.entities) & set(b.claim.entities))),
                          tuple(sorted(a.families & b.families))))
    return pairs
