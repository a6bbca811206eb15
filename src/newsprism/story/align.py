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
from typing import Iterator, Literal, Sequence

import numpy as np

from ..extract.figures import counted_noun
from ..extract.frame import Frame, same_speaker
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
    return {c for f in frame.claim.figures if (c := counted_noun(f))}


def block_keys(frame: Frame) -> set[str]:
    keys = {"e:" + e for e in frame.claim.entities}
    keys |= {"n:" + n for n in counted_nouns(frame)}
    keys |= {"f:" + f for f in frame.families}
    keys |= {"w:" + w for w in frame.lemmas if len(w) > 3 and w.isalpha()}  # long postings are skipped in align
    return keys


def nearest_neighbours(vectors: np.ndarray, k: int, block: int = 1024) -> list[tuple[int, int, float]]:
    """The ``k`` most similar other rows of each row, as (i, j, cosine) with i != j (vectors are normalised)."""
    out: list[tuple[int, int, float]] = []
    for b, top, neg in _top_k(vectors, k, block):
        # one conversion per block, not per element (float32 -> float is exact either way)
        for r, (cols, vals) in enumerate(zip(top.tolist(), (-np.take_along_axis(neg, top, axis=1)).tolist())):
            out.extend((b + r, c, v) for c, v in zip(cols, vals))
    return out


def _top_k(vectors: np.ndarray, k: int, block: int = 1024) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """Per block of rows: its first row, the columns of each row's ``k`` most similar other rows, and the block's
    negated cosines (the row itself at 1.0)."""
    n = len(vectors)
    if n < 2:
        return
    k = min(k, n - 1)
    for b in range(0, n, block):
        sims = vectors[b : b + block] @ vectors.T
        rows = np.arange(sims.shape[0])
        sims[rows, b + rows] = -1.0
        neg = np.negative(sims, out=sims)  # in place: the block is not needed as it was
        yield b, _smallest_columns(neg, k), neg


def _smallest_columns(values: np.ndarray, k: int, rows: int = 64) -> np.ndarray:
    """The columns of each row's ``k`` smallest values, as ``np.argpartition(values, k - 1, axis=1)[:, :k]``
    (``argsort`` when ``k`` reaches the last column), a few rows at a time. numpy selects in each row on its own,
    so the columns (and which of equal values are taken) are the same; but the full-size index array it would
    build (8 bytes per cell: 41 MB per block at 5,000 claims), freshly mapped memory each block, cost more than
    the selection."""
    n = values.shape[1]
    top = np.empty((len(values), k), dtype=np.intp)
    for r in range(0, len(values), rows):
        part = values[r:r + rows]
        top[r:r + rows] = (np.argpartition(part, k - 1, axis=1) if k < n - 1 else np.argsort(part, axis=1))[:, :k]
    return top


def _distinct_sources(a: Frame, b: Frame) -> bool:
    """Different articles; or one article quoting two different named speakers (a debate inside one report)."""
    if a.article_id != b.article_id:
        return True
    return bool(a.speaker_key and b.speaker_key and a.speaker_key != b.speaker_key)


def figure_match(a: Frame, b: Frame) -> bool:
    """Both state the same value for the same counted noun ("40,000 troops" in both)."""
    for fa in a.claim.figures:
        for fb in b.claim.figures:
            if fa.value == fb.value and fa.kind == fb.kind and counted_noun(fa) and \
                    counted_noun(fa) == counted_noun(fb):
                return True
    return False


def _modality_class(f: Frame) -> str:
    m = f.claim.modality
    return "firm" if m in ("asserted", "confirmed") else m


# The fixed cut-offs of ``relate`` (its settable ones are in Settings); ``_relations`` applies the same ones on arrays.
FORECAST_SAME_SIM = 0.78  # a forecast and a firm statement of one speaker, reworded
FAMILY_SAME_SIM, FAMILY_SAME_WORDS = 0.7, 0.2  # a shared event family and some shared words
WORDS_SAME_SIM, WORDS_SAME_WORDS = 0.68, 0.3  # many shared words
TOLD_SAME_SIM = 0.4  # one speaker's one event told as done (or begun)
RELATED_LOW_SIM = 0.3  # below related_sim: related only with a shared entity and event family


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
        classes == {"firm", "predicted"} and sim >= FORECAST_SAME_SIM and bool(a.claim.speaker and b.claim.speaker)
        and same_speaker(a, b)))
    if a.event and a.event == b.event and sim < s.same_fact_sim and {a.aspect, b.aspect} & {"completed"} and \
            {a.aspect, b.aspect} & {"ongoing", "forecast", "began"}:
        compatible = False  # "attempting to enter" is not "had entered"
    if compatible and (sim >= s.same_fact_sim or (sim >= s.same_fact_sim_with_slots and figure_match(a, b))
                       or (sim >= FAMILY_SAME_SIM and fams and words >= FAMILY_SAME_WORDS)
                       or (sim >= WORDS_SAME_SIM and words >= WORDS_SAME_WORDS)):
        return "same"
    # the same speaker reporting the same event as done (or begun): wording may differ a lot
    # ("its troops finished withdrawing ..." / "its forces had left Kherson by early Friday")
    if compatible and sim >= TOLD_SAME_SIM and a.event and a.event == b.event and a.aspect == b.aspect and \
            a.aspect in ("completed", "began") and a.claim.speaker and b.claim.speaker and same_speaker(a, b):
        return "same"
    if sim >= s.related_sim or (ents and fams and sim >= RELATED_LOW_SIM):
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

    The candidates are judged all at once on arrays (``_relations``): ``relate`` itself runs only on the pairs
    whose relation depends on a check that compares slots one by one (one speaker, one figure), so a story of
    thousands of claims makes no per-pair Python call for most of its pairs. The decisions are ``relate``'s.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    settings = settings or Settings()
    if len(frames) != len(vectors):
        raise ValueError("one vector per frame")
    n = len(frames)
    if n < 2:
        return []
    keys = _candidate_keys(frames, vectors, k, max_posting)
    first, second = keys // n, keys % n
    # 1. different sources only: other articles, or two named speakers of one article
    art = np.array([f.article_id for f in frames])
    spk = _codes([f.speaker_key or None for f in frames])
    distinct = (art[first] != art[second]) | ((spk[first] >= 0) & (spk[second] >= 0) & (spk[first] != spk[second]))
    first, second = first[distinct], second[distinct]
    # 2. the cosine of each pair, the same float32 dot product as ``vectors[i] @ vectors[j]`` (one (1 x d) @ (d x 1)
    #    product per pair, stacked), as a Python float
    sims = np.empty(len(first), dtype=np.float32)
    for c in range(0, len(first), 4096):
        a, b = first[c:c + 4096], second[c:c + 4096]
        sims[c:c + 4096] = (vectors[a][:, None, :] @ vectors[b][:, :, None]).ravel()
    sim = sims.astype(np.float64)
    relation = _relations(frames, first, second, sim, settings)
    # 3. the pairs with a relation, with what they share
    ents = [frozenset(f.claim.entities) for f in frames]
    fams = [f.families for f in frames]
    pairs: list[Pair] = []
    for i, j, x, rel in zip(first.tolist(), second.tolist(), sim.tolist(), relation):
        if rel is None:
            continue
        e = ents[i] & ents[j]
        fm = fams[i] & fams[j]
        pairs.append(Pair(i, j, x, rel, tuple(sorted(e)) if e else (), tuple(sorted(fm)) if fm else ()))
    return pairs


def _codes(values: Sequence[object]) -> np.ndarray:
    """One integer per distinct value (in order of appearance), -1 for None."""
    seen: dict[object, int] = {}
    return np.array([-1 if v is None else seen.setdefault(v, len(seen)) for v in values], dtype=np.int64)


def posting_pairs(postings: Sequence[Sequence[int]], n: int) -> np.ndarray:
    """Every pair (x < y) of items inside each posting (ascending items below ``n``), as keys ``x * n + y``, with
    repeats (a pair sharing two postings comes twice). Plain numpy: scipy.sparse costs about 0.1 s to import on
    every run."""
    triu: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    parts = []
    for p in postings:
        if len(p) not in triu:
            triu[len(p)] = np.triu_indices(len(p), 1)
        a, b = triu[len(p)]
        items = np.asarray(p, dtype=np.int64)
        parts.append(items[a] * n + items[b])
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _candidate_keys(frames: Sequence[Frame], vectors: np.ndarray, k: int, max_posting: int) -> np.ndarray:
    """The candidate pairs (i < j) as sorted keys ``i * n + j``: the claims sharing a block key of a posting of
    at most ``max_posting`` claims, and each claim's ``k`` nearest neighbours."""
    n = len(frames)
    index: dict[str, list[int]] = defaultdict(list)
    for m, f in enumerate(frames):
        for key in block_keys(f):
            index[key].append(m)
    parts = [posting_pairs([p for p in index.values() if 2 <= len(p) <= max_posting], n)]
    for b, top, _ in _top_k(vectors, k):  # the pairs of ``nearest_neighbours``, as keys on arrays
        rows = np.arange(b, b + len(top), dtype=np.int64)[:, None]
        parts.append((np.minimum(rows, top) * n + np.maximum(rows, top)).ravel())
    keys = np.sort(np.concatenate(parts))
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys


_UNDER_WAY = ("ongoing", "forecast", "began")


def _relations(frames: Sequence[Frame], first: np.ndarray, second: np.ndarray, sim: np.ndarray,
               settings: Settings) -> list[Relation | None]:
    """``relate`` of every pair (``first[x]``, ``second[x]``) at cosine ``sim[x]``, on arrays.

    ``relate`` runs in Python on the pairs where the outcome can hang on ``same_speaker`` (a forecast against a
    firm statement at a high cosine; one speaker's one event told as done) or on ``figure_match`` (a cosine between
    ``same_fact_sim_with_slots`` and ``same_fact_sim``, both with figures); the array rules are ``relate``'s for
    every other pair."""
    s = settings
    x, y = first, second
    pol = _codes([f.claim.polarity for f in frames])
    cls = [_modality_class(f) for f in frames]
    klass = _codes(cls)
    firm = np.array([c == "firm" for c in cls])
    predicted = np.array([c == "predicted" for c in cls])
    spoken = np.array([bool(f.claim.speaker) for f in frames])
    event = _codes([f.event or None for f in frames])
    aspect = _codes([f.aspect for f in frames])
    done = np.array([f.aspect == "completed" for f in frames])
    under_way = np.array([f.aspect in _UNDER_WAY for f in frames])
    told = np.array([f.aspect in ("completed", "began") for f in frames])
    figured = np.array([bool(f.claim.figures) for f in frames])
    both_spoken = spoken[x] & spoken[y]
    same_polarity = pol[x] == pol[y]
    one_event = (event[x] >= 0) & (event[x] == event[y])
    forecast_pair = (firm[x] & predicted[y]) | (predicted[x] & firm[y])
    # where one speaker or one figure decides: ``relate`` itself
    by_rule = (same_polarity & forecast_pair & (sim >= FORECAST_SAME_SIM) & both_spoken) \
        | ((sim >= s.same_fact_sim_with_slots) & (sim < s.same_fact_sim) & figured[x] & figured[y]) \
        | ((sim >= TOLD_SAME_SIM) & one_event & (aspect[x] == aspect[y]) & told[x] & both_spoken)
    compatible = same_polarity & (klass[x] == klass[y])
    compatible &= ~(one_event & (sim < s.same_fact_sim) & (done[x] | done[y]) & (under_way[x] | under_way[y]))
    # shared words, event families and entities (small Python sets, one intersection each), only for the pairs
    # whose relation they can decide: the others' are left at 0 / False, never read
    fam = [f.families for f in frames]
    ent = [frozenset(f.claim.entities) for f in frames]
    lem = [f.lemmas for f in frames]
    sizes = np.array([len(ls) for ls in lem], dtype=np.int64)
    words = np.zeros(len(x), dtype=np.float64)
    fams = np.zeros(len(x), dtype=bool)
    ents = np.zeros(len(x), dtype=bool)
    worded = np.flatnonzero(compatible & (sim >= min(WORDS_SAME_SIM, FAMILY_SAME_SIM)) & ~(sim >= s.same_fact_sim))
    if len(worded):
        xs, ys = x[worded].tolist(), y[worded].tolist()
        common = np.array([len(lem[i] & lem[j]) for i, j in zip(xs, ys)], dtype=np.int64)
        # float64 division: Python's ``int / int``
        words[worded] = common / np.maximum(1, sizes[x[worded]] + sizes[y[worded]] - common)
        fams[worded] = [not fam[i].isdisjoint(fam[j]) for i, j in zip(xs, ys)]
    same = compatible & ((sim >= s.same_fact_sim) | ((sim >= FAMILY_SAME_SIM) & fams & (words >= FAMILY_SAME_WORDS))
                         | ((sim >= WORDS_SAME_SIM) & (words >= WORDS_SAME_WORDS)))
    # below ``related_sim``, a pair is related only with a shared entity and a shared event family
    low = np.flatnonzero(~same & ~(sim >= s.related_sim) & (sim >= RELATED_LOW_SIM))
    if len(low):
        xs, ys = x[low].tolist(), y[low].tolist()
        ents[low] = [not ent[i].isdisjoint(ent[j]) for i, j in zip(xs, ys)]
        fams[low] = [not fam[i].isdisjoint(fam[j]) for i, j in zip(xs, ys)]
    related = (sim >= s.related_sim) | (ents & fams & (sim >= RELATED_LOW_SIM))
    out: list[Relation | None] = ["same" if a else "related" if b else None
                                  for a, b in zip(same.tolist(), related.tolist())]
    for p in np.flatnonzero(by_rule).tolist():
        i, j = int(x[p]), int(y[p])
        out[p] = relate(frames[i], frames[j], float(sim[p]), s)
    return out
