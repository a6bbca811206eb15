"""Aspects and positions: what the story's statements are about, and what each source says about it.

The representation DiverseSumm and NAnCo use: a question (the aspect) and the sources' answers grouped by meaning
(the positions). Similarity finds the aspect, never the position:

1. **centrality**: a statement is on the story when it shares a main entity (one that two or more independent
   origins name) or reads close to a statement of another origin; a round-up article ("five stories you might
   have missed") brings statements that are neither, and they are left out;
2. **aspects**: average-linkage clustering (no chaining: a group joins another only when the two are close on
   average) over a combined similarity: MiniLM cosine plus anchor slots — shared resolved entities (weighted by
   how rare they are in the story), the same event family or predicate, a shared figure, a shared date. Anchors
   are strong evidence: two paraphrases of the main event with a moderate cosine still meet. The reasons one actor
   is given for acting ("to curb smuggling" / "in an effort to locate drugs") answer one question: two aims of
   one named actor read closer (``aim_weight``);
3. **positions**: inside an aspect, average linkage over pair scores (`pair_table`): strict slot
   checks: same polarity, same certainty class, both asserted or both hypothetical, the same subject unless
   worded near-identically or stating the same figures and no other, no figure of the same counted noun with a value
   its qualifiers do not reconcile ("more than 1,311" and "at least 1,310" are one figure; a floor and a ceiling,
   "at least eight years" / "no more than eight years", are two claims). A subject is the same
   participant under another name when it is a short form of the one full name that contains it ("Musk" /
   "Elon Musk") or the title that only one of the story's entities holds ("the governor" / "Greg Abbott"). Shared
   participants besides the subject anchor a paraphrase; a place named after a place of the story counts as that
   place ("at Windsor Castle" / "in Windsor"). A name, figure or date told only in a relative clause that describes
   a participant ("Rahman, who beat Lewis in 2001, barely landed a punch") is background and anchors nothing. Two
   descriptions of one participant by the same head noun ("the biggest shareholder of Twitter" / "Twitter's largest
   shareholder") describe it alike; two aims of one
   participant's acts that read close ("to curb smuggling" / "in an effort to stop the smuggling") give its reason
   alike. A detail one side gives is no other position: a date within the other's date ("until July 2024" / "until
   July 1, 2024") anchors as a shared date, a count of years is a duration of years; one act dated in periods
   that do not meet ("approved the bond in 2009" / "in 2010") is never one position. A name and a title it carries
   ("Governor Ada Velt" / "the state's governor") are one person only with every other anchor shared; one predicate,
   counted figure and exact day shared make one position at a low cosine; a speaker telling its own act to come,
   or announcing a permission ("the governor announced that bars will be able to sell …"), states a decision
   (firm). One act of one subject on one named participant ("Ms Jones is due to meet President Ito and …" / "she
   will also meet President Ito at the summit …") is one proposition whatever else each sentence tells: such
   statements read ``act_weight`` closer as aspects and share a position at the on-story cosine. A pair the slots
   neither show alike nor keep apart (another subject, no shared anchor) counts by its wording alone; an
   incompatible pair (another polarity, certainty or hypothetical, another value of one counted thing, two
   different named subjects, opposite predicates of one subject: "opened" / "closed", "undamaged" / "damaged", or
   two steps of one process: "charged" / "convicted"; a description of a participant and a statement that does not
   name it) never shares a position.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from ..extract.claims import direct_quote
from ..extract.figures import casualty_family, counted_noun as _counted
from ..extract.frame import Frame, same_speaker, twin_key
from ..extract.quantities import VICTIM_FAMILIES, Quantity as QuantityRecord
from ..lexicon.antonyms import KEPT_APART, kept_apart, negated_by_prefix
from ..lexicon.calendar import TIME_UNITS
from ..lexicon.people import TITLE_ABBREVIATIONS, TITLE_HEADS
from ..lexicon.places import PLACE_LABELS
from ..model import Entity, Figure, TimeExpr

_LIGHT_PREDICATES = {"be", "have", "do", "say", "make", "get", "go", "come", "tell", "add"}


@dataclass(frozen=True, slots=True)
class AspectParams:
    """The thresholds of aspect and position grouping (from ``Settings``)."""

    aspect_link: float = 0.6  # average combined similarity for two groups to be one aspect
    position_sim: float = 0.72  # cosine for two statements to say the same thing (with compatible slots)
    position_sim_anchored: float = 0.6  # ... when they also share a figure or a date
    position_link: float = 0.4  # average pair score (`pair_table`) for two groups to be one position
    paraphrase_sim: float = 0.82  # near-identical wording: the subject may be named differently
    on_story_sim: float = 0.45  # a statement this close to one of another origin is on the story
    entity_weight: float = 0.15
    predicate_weight: float = 0.1
    figure_weight: float = 0.15
    date_weight: float = 0.1
    aim_weight: float = 0.25  # added to the similarity of two aims of one actor (`group_aspects`)
    act_weight: float = 0.25  # ... of two statements of one subject's one act on one named participant (`act_on`)

    def __post_init__(self) -> None:
        for name in ("aspect_link", "position_sim", "position_sim_anchored", "position_link", "paraphrase_sim",
                 "on_story_sim"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be in (0, 1]")


def figure_keys(frame: Frame) -> set[tuple[str, float, str]]:
    return _figure_keys(frame.claim.figures)


def _figure_keys(figures: Iterable[Figure]) -> set[tuple[str, float, str]]:
    return {(f.kind, f.value, _counted(f)) for f in figures if f.kind not in ("ordinal",)}


def date_keys(frame: Frame) -> set[str]:
    return _date_keys(frame.claim.times)


def _date_keys(times: Iterable[TimeExpr]) -> set[str]:
    return {t.value for t in times if t.kind in ("date", "time") and t.value and "X" not in t.value}


def predicate_key(frame: Frame) -> str | None:
    p = frame.event or frame.claim.predicate
    return None if p in _LIGHT_PREDICATES else p


def _holders(keys: Sequence[set]) -> dict:
    """Each key and the frames (row numbers, ascending) that hold it."""
    out: dict = defaultdict(list)
    for r, ks in enumerate(keys):
        for k in ks:
            out[k].append(r)
    return {k: np.asarray(rows) for k, rows in out.items()}


def _weighted_overlap(keys: Sequence[set], weights: dict) -> list[tuple[list[int], np.ndarray, np.ndarray]]:
    """The cosine of the weighted key sets of every pair of frames sharing a key (``E @ E.T`` of the row-normalised
    frames x keys weights, row by row), as (rows, columns, values): frames whose key sets iterate alike (a
    story's statements name the same few entities) have one row of values, computed once. Plain numpy:
    scipy.sparse costs about 0.1 s to import on every run, for products this small."""
    holders = _holders(keys)
    norms = [math.sqrt(sum(weights[k] ** 2 for k in ks)) or 1.0 for ks in keys]
    scaled = {k: np.array([weights[k] / norms[r] for r in rows]) for k, rows in holders.items()}
    # a row's values depend only on its keys in iteration order (the order of the float sums) and its norm, which
    # those keys give: rows with one ordered tuple of keys get the same values, bit for bit
    alike: dict[tuple, list[int]] = defaultdict(list)
    for r, ks in enumerate(keys):
        alike[tuple(ks)].append(r)
    acc = np.zeros(len(keys), dtype=np.float64)
    out = []
    for ks, rows in alike.items():
        r = rows[0]
        for k in ks:
            acc[holders[k]] += (weights[k] / norms[r]) * scaled[k]
        cols = np.flatnonzero(acc)
        out.append((rows, cols, acc[cols].copy()))
        acc[cols] = 0.0
    return out


def _sharing(keys: Sequence[set], n: int) -> np.ndarray:
    """Frames x frames: True where the two frames share a key."""
    mask = np.zeros((n, n), dtype=bool)
    for rows in _holders(keys).values():
        mask[np.ix_(rows, rows)] = True
    return mask


def combined_similarity(frames: Sequence[Frame], vectors: np.ndarray, p: AspectParams,
                        out: np.ndarray | None = None) -> np.ndarray:
    """Cosine plus anchor bonuses, for every pair of the given frames (a dense matrix; diagonal 1). ``out``: a
    float32 n x n array to write it in (`distance_room`); float32 vectors give the same values either way."""
    n = len(frames)
    if out is not None and vectors.dtype == np.float32:
        sim = np.matmul(vectors, vectors.T, out=out)  # the one BLAS product, its result written in place
    else:
        sim = (vectors @ vectors.T).astype(np.float32, copy=False)  # float32 vectors: no n x n copy
        if out is not None:
            out[...] = sim
            sim = out
    # entities: idf-weighted cosine of the entity sets (the story's main place, named everywhere, weighs little)
    ents = [set(f.claim.entities) | ({f.subject} if f.subject else set()) for f in frames]
    df: dict[str, int] = defaultdict(int)
    for es in ents:
        for e in es:
            df[e] += 1
    idf = {e: math.log((n + 1) / (c + 0.5)) for e, c in df.items()}
    # only the pairs sharing an entity get a bonus (a dense frames x keys product was the cost)
    for rows, cols, overlap in _weighted_overlap(ents, idf):
        sim[np.ix_(rows, cols)] += (p.entity_weight * overlap).astype(np.float32)
    for keys, w in (([{predicate_key(f)} - {None} for f in frames], p.predicate_weight),
                    ([figure_keys(f) for f in frames], p.figure_weight),
                    ([date_keys(f) for f in frames], p.date_weight)):
        np.add(sim, np.float32(w), out=sim, where=_sharing(keys, n))  # the same float32 sums as ``sim[mask] += w``
    np.fill_diagonal(sim, 1.0)
    return sim


def on_story(frames: Sequence[Frame], vectors: np.ndarray, origin: dict[int, int], p: AspectParams) -> np.ndarray:
    """Centrality of each frame: the share of the other origins it is connected to (a main entity they name, or a
    close statement of theirs). 0 marks an off-story statement (a round-up's other stories)."""
    n = len(frames)
    origins = sorted({origin[f.article_id] for f in frames})
    if len(origins) < 2:
        return np.ones(n, dtype=np.float32)
    o_of = np.array([origins.index(origin[f.article_id]) for f in frames])
    names: dict[str, set[int]] = defaultdict(set)
    for f, o in zip(frames, o_of):
        for e in set(f.claim.entities) | ({f.subject} if f.subject else set()):
            names[e].add(int(o))
    # origins each frame reads close to: any close frame among each origin's frames (the columns grouped by origin,
    # every origin has one), in blocks of rows
    by_origin = np.argsort(o_of, kind="stable")
    starts = np.flatnonzero(np.r_[True, o_of[by_origin][1:] != o_of[by_origin][:-1]])
    close = np.zeros((n, len(origins)), dtype=bool)
    for b in range(0, n, 1024):
        near = (vectors[b:b + 1024] @ vectors.T) >= p.on_story_sim
        close[b:b + 1024] = np.logical_or.reduceat(near[:, by_origin], starts, axis=1)
    # each frame's linked origins: the close ones, and those naming one of its main entities (one origin-row per
    # entity), never its own; the share as ``len(linked) / (origins - 1)`` (int / int, stored as float32)
    linked = close
    named_by: dict[str, np.ndarray] = {}
    for r, f in enumerate(frames):
        for e in set(f.claim.entities) | ({f.subject} if f.subject else set()):
            if len(names[e]) >= 2:
                if e not in named_by:
                    named_by[e] = np.zeros(len(origins), dtype=bool)
                    named_by[e][sorted(names[e])] = True
                linked[r] |= named_by[e]
    linked[np.arange(n), o_of] = False
    return (linked.sum(axis=1) / (len(origins) - 1)).astype(np.float32)


def average_linkage(sim: np.ndarray, threshold: float, room: np.ndarray | None = None) -> list[list[int]]:
    """Clusters whose members are, on average, at least ``threshold`` similar.

    Exactly scipy's ``fcluster(linkage(d, "average"), 1 - threshold, "distance")`` (same merges, same tie-breaking,
    tested against it), without importing ``scipy.cluster`` (about 0.4 s on every run) for one small matrix.
    ``room``: the float64 matrix ``sim`` lies in (`distance_room`), overwritten with the distances.
    """
    n = len(sim)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    dist = symmetric_distances(sim, out=room)
    merges = sorted(_nn_chain_average(dist, overwrite=True), key=lambda m: m[2])  # stable, as scipy's mergesort
    # scipy's labelling: the merges in distance order join the clusters holding their two slots (union-find);
    # a flat cluster is a top-most node whose merge distances (its own and every one below) are <= t
    cutoff = 1.0 - threshold
    parent = list(range(2 * n - 1))
    ok = [True] * n + [False] * (n - 1)  # node -> every merge in its subtree is within the cutoff
    up: list[int | None] = [None] * (2 * n - 1)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k, (x, y, d) in enumerate(merges):
        node, rx, ry = n + k, root(x), root(y)
        parent[rx] = parent[ry] = node
        up[rx] = up[ry] = node
        ok[node] = ok[rx] and ok[ry] and d <= cutoff
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        top = i
        while up[top] is not None and ok[up[top]]:  # type: ignore[index]
            top = up[top]  # type: ignore[assignment]
        groups[top].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def distance_room(n: int) -> tuple[np.ndarray, np.ndarray]:
    """An n x n float64 matrix and an n x n float32 view of the first half of each of its rows: a similarity
    written in the view becomes its distances in the same memory (``symmetric_distances(sim, out=room)``), so the
    clustering of a story's statements maps one full-size matrix, not two (first touching fresh memory costs as
    much as the clustering's own steps)."""
    room = np.empty((n, n), dtype=np.float64)
    return room, room.view(np.float32)[:, :n]


def symmetric_distances(sim: np.ndarray, block: int = 256, out: np.ndarray | None = None) -> np.ndarray:
    """``(D + D.T) / 2`` in float64 of ``D = max(0, 1 - sim)`` (computed in ``sim``'s precision), zero diagonal.

    One n x n float64 matrix (``out`` when given: `distance_room`, whose row r holds ``sim``'s row r, read before
    it is written), filled block by block: every full-size temporary of a story's statements costs as much as the
    clustering's own steps (mostly in first touching its memory). The same values as
    ``d = np.clip(1.0 - sim, 0.0, None).astype(np.float64); (d + d.T) / 2``, bit for bit."""
    n = len(sim)
    dist = np.empty((n, n), dtype=np.float64) if out is None else out
    for b in range(0, n, block):
        part = 1.0 - sim[b:b + block]  # a copy of the block's rows: they may lie where their distances go
        np.clip(part, 0.0, None, out=part)
        dist[b:b + block] = part
    for b in range(0, n, block):
        e = min(n, b + block)
        # the rows of this block right of the diagonal, with their mirror image below: each pair summed once
        both = dist[b:e, b:] + dist[b:, b:e].T
        both /= 2
        dist[b:e, b:] = both
        dist[b:, b:e] = both.T
    np.fill_diagonal(dist, 0.0)
    return dist


def _nn_chain_average(dist: np.ndarray, overwrite: bool = False) -> list[tuple[int, int, float]]:
    """The merges (slot x < slot y, distance) of average linkage by the nearest-neighbour chain, step for step as
    scipy's ``_hierarchy.nn_chain``: the first nearest neighbour by index wins a tie, the previous chain element is
    preferred when equally near, and the merged cluster takes slot y. ``d`` stays symmetric, so the merged
    clusters' distances are read as rows (contiguous, unlike columns). ``overwrite``: work in ``dist`` itself.

    Merged-away slots are masked by adding ``inf`` (``gone``) to the row read, and the merged cluster's row is
    written whole: the entries of merged-away slots are never read unmasked, so that saves a pass over the active
    slots per step without changing a value that is read. Its column (a strided write, the cost of a step) is
    written only in ``rows``: the live slots and at most 64 merged-away ones (taken again when more have gone)."""
    n = len(dist)
    d = dist if overwrite else dist.copy()
    size = np.ones(n, dtype=np.int64)
    gone = np.zeros(n, dtype=np.float64)  # 0 for a live slot, inf for a merged-away one
    row, new, part = np.empty(n), np.empty(n), np.empty(n)  # reused buffers: no allocation per step
    chain: list[int] = []
    out: list[tuple[int, int, float]] = []
    first = 0  # the first live slot: a merged-away slot never comes back, so it only moves right
    rows, live = np.arange(n), n  # the rows a merged column is written in (every live slot is one)
    for _ in range(n - 1):
        if not chain:
            while size[first] == 0:
                first += 1
            chain = [first]
        while True:
            x = chain[-1]
            if len(chain) > 1:
                y = chain[-2]
                current = float(d[x, y])
            else:
                y, current = -1, math.inf
            np.add(d[x], gone, out=row)  # distances are finite and >= 0: the live ones unchanged
            row[x] = math.inf
            i = int(row.argmin())  # the first index of the minimum, as scipy's strict "<" scan
            if row[i] < current:
                y, current = i, float(row[i])
            if len(chain) > 1 and y == chain[-2]:
                break
            chain.append(y)
        del chain[-2:]
        x, y = min(x, y), max(x, y)
        nx, ny = int(size[x]), int(size[y])
        out.append((x, y, current))
        size[x] = 0
        size[y] = nx + ny
        gone[x] = math.inf
        # (nx * d[x] + ny * d[y]) / (nx + ny), the same float operations in the same order, into the buffers
        np.multiply(d[x], nx, out=new)
        np.multiply(d[y], ny, out=part)
        new += part
        new /= nx + ny
        live -= 1
        if live + 64 < len(rows):
            rows = np.flatnonzero(size)
        d[rows, y] = new[rows]
        d[y] = new
    return out


def _firm(f: Frame) -> str:
    """The certainty class a position compares. A speaker telling its own act to come ("New York announced it will
    allow sales for three years") states a decision, firm as the act told done; a forecast of another's act ("the
    agency said prices will rise") stays a forecast."""
    m = f.claim.modality
    return "firm" if m in ("asserted", "confirmed") or _own_act(f) else m


def _own_act(f: Frame) -> bool:
    """A speaker telling its own act to come ("X said it will allow ..."), or a permission announced ("the governor
    announced that bars will be able to sell ...")."""
    return f.claim.modality == "predicted" and (f.granted or f.claim.speaker_entity is not None and
                                                 f.claim.speaker_entity == f.subject)


# qualifiers that say the stated value is rounded or a bound: "more than 1,311" and "at least 1,310" are one figure
_APPROXIMATE = {"about", "at least", "more than", "less than", "at most", "up to", "nearly", "almost", "over"}
APPROX_SHARE = 0.02  # ... when the values differ by at most this share of the larger


Quantity = tuple[Figure, str]  # a figure and the noun it counts (``counted_noun``), read once per figure


def same_figure(fa: Figure, fb: Figure) -> bool:
    """Two figures state one value of one counted thing: equal, or within ``APPROX_SHARE`` when either is rounded
    or a bound by its qualifier."""
    return _same_value((fa, _counted(fa)), (fb, _counted(fb)))


def _measure(q: Quantity) -> tuple[str, str]:
    """What a figure measures, as (kind, counted noun). A count of a unit of time is a duration of that unit: "at
    least three more years" (read as a count of "years") and "for the next three years" (a duration of a "year")
    state one period. A toll's act (``_toll``) is read apart (`_acts_apart`)."""
    f, c = q
    c = c.split(_ACT, 1)[0]
    if f.kind in ("count", "duration") and c in TIME_UNITS:
        return "duration", TIME_UNITS[c]
    return f.kind, c


def _same_value(x: Quantity, y: Quantity) -> bool:
    """``same_figure`` of two figures whose counted nouns are known."""
    (fa, ca), (fb, cb) = x, y
    if (fa.kind != fb.kind or ca != cb) and _measure(x) != _measure(y):
        return False
    if _bounds_apart(fa, fb):
        return False  # "at least eight years" / "no more than eight years": two claims, whatever the number
    if fa.value == fb.value:
        return True
    if _within(fa, fb) or _within(fb, fa):
        return True  # "injuring dozens" / "injuring 80": the one figure says what the other leaves vague
    approx = fa.qualifier in _APPROXIMATE or fb.qualifier in _APPROXIMATE
    return approx and abs(fa.value - fb.value) <= APPROX_SHARE * max(abs(fa.value), abs(fb.value))


_FLOORS, _CEILINGS = {"at least", "more than", "just over"}, {"at most", "less than", "up to", "just under", "nearly"}


def _bounds_apart(fa: Figure, fb: Figure) -> bool:
    """One figure a floor, the other a ceiling ("at least 8" / "up to 8"): they bound the value from opposite sides
    and never state one value."""
    return {fa.qualifier, fb.qualifier} & _FLOORS != set() and {fa.qualifier, fb.qualifier} & _CEILINGS != set()


def _within(vague: Figure, exact: Figure) -> bool:
    """A range or a vague count ("dozens": 24 to 99, "between 60 and 100") that holds an exact figure."""
    return vague.value_high is not None and exact.value_high is None and exact.qualifier is None and \
        vague.value <= exact.value <= vague.value_high


def _counted_figures(f: Frame) -> tuple[Quantity, ...]:
    """The frame's figures of a counted thing (those ``_figures_agree`` compares); a toll with the act it counts:
    "killing 10 people and injuring 80" counts the dead and the injured, two things."""
    acts = f.quantities if len(f.quantities) == len(f.claim.figures) else (None,) * len(f.claim.figures)
    return tuple((x, _toll(x, q, c)) for x, q in zip(f.claim.figures, acts) if (c := _counted(x)))


_ACT = "|"  # between a toll's counted noun and its act: "people|kill"


def _toll(f: Figure, q: QuantityRecord | None, counted: str) -> str:
    """The counted noun, with the act a casualty count counts ("people|kill", "people|wound")."""
    act = casualty_family(f) or (q.verb if q is not None else None)
    return f"{counted}{_ACT}{act}" if act in VICTIM_FAMILIES else counted


def _figures_agree(a: Frame, b: Frame) -> bool:
    """No figure of one counts the same thing as a figure of the other with another value."""
    return _counts_agree(_counted_figures(a), _counted_figures(b))


def _counts_agree(qa: Sequence[Quantity], qb: Sequence[Quantity]) -> bool:
    """``_figures_agree`` of two frames' ``_counted_figures``."""
    if not (qa and qb):
        return True  # most statements state no counted figure: no pair to scan
    return all(_measure(x) != _measure(y) or _acts_apart(x, y) or _same_value(x, y) for x in qa for y in qb)


def _acts_apart(x: Quantity, y: Quantity) -> bool:
    """Two tolls of different acts: the dead and the injured (a toll whose act is unknown may be either)."""
    ax, ay = x[1].partition(_ACT)[2], y[1].partition(_ACT)[2]
    return bool(ax and ay) and ax != ay


def _quantity(f: Figure) -> bool:
    """A figure that measures something: no ordinal, and no number that is part of a name or an address ("31 Changi
    South Avenue", "Terminal 2": what it "counts" is written as a name)."""
    return f.kind != "ordinal" and not (f.counts or "")[:1].isupper()


def _quantities(f: Frame) -> tuple[Quantity, ...]:
    """The frame's figures that measure something (``_quantity``)."""
    return tuple((x, _counted(x)) for x in f.claim.figures if _quantity(x))


def same_figures(a: Frame, b: Frame) -> bool:
    """Both state the same quantities and no other: every figure of each is a figure of the other, one of them of a
    named counted thing ("for the next three years" / "for a period of three years"). A figure shared only beside
    another ("hundreds of thousands honoured her, after her 70 years on the throne" / "we celebrate her 70-year
    reign") is a detail, not the fact; bare numbers, ordinals and house numbers are no anchor."""
    return _same_quantities(_quantities(a), _quantities(b))


def _same_quantities(qa: Sequence[Quantity], qb: Sequence[Quantity]) -> bool:
    """``same_figures`` of two frames' ``_quantities``."""
    return any(c for _, c in qa) and all(any(_same_value(x, y) for y in qb) for x in qa) and \
        all(any(_same_value(x, y) for x in qa) for y in qb)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a resolved day, not a month or a year
_CALENDAR = re.compile(r"\d{4}(?:-[0-9W]{2,3}(?:-\d{1,2})?)?")  # a resolved year, month, week or day


def _dates_meet(da: frozenset[str], db: frozenset[str]) -> bool:
    """One date named by both, or one date within the other ("until July 2024" / "until July 1, 2024", "in 2024" /
    "on May 3, 2024"): the finer date is a detail one side gives, not another date."""
    if da & db:
        return True
    return any((x.startswith(y + "-") or y.startswith(x + "-")) and _CALENDAR.fullmatch(x) and _CALENDAR.fullmatch(y)
               for x in da for y in db)


SubjectClose = Callable[[Frame, Frame], bool]


def named(f: Frame) -> bool:
    """The subject is a named entity or a speaker (not a common noun like "the area")."""
    return bool(f.subject) and (f.subject in f.claim.entities or f.subject.startswith(("s:", "n:")))


def same_subject_key(a: Frame, b: Frame) -> bool:
    return a.subject is not None and a.subject == b.subject


def place_within(entities: Sequence[Entity]) -> dict[str, str]:
    """Places named after a place of the story, mapped to it: "Windsor Castle" and "Windsor Great Park" lie in
    "Windsor" (a place whose name is another place's name and more words). Used only as shared participants."""
    places = {e.name.lower(): e.id for e in entities if e.type in PLACE_LABELS}
    out = {}
    for e in entities:
        if e.type not in PLACE_LABELS:
            continue
        words = e.name.lower().split()
        for k in range(len(words) - 1, 0, -1):
            inner = places.get(" ".join(words[:k]))
            if inner is not None and inner != e.id:
                out[e.id] = inner
                break
    return out


@dataclass(frozen=True, slots=True)
class PositionSlots:
    """What the rules of ``same_position`` read of one statement besides its frame, computed once per statement: an
    aspect's table asks the rules of every pair of its statements (about 120k pairs at 200 articles), and these
    values recomputed per pair were most of the rules' cost."""

    frame: Frame
    firm: str  # ``_firm``
    named: bool  # ``named``
    quoted: bool  # ``direct_quote`` (or the caller's ``quoted``)
    # the anchors the statement itself states: its figures, dates and participants, less those told only in its
    # relative clauses (``Frame.relatives``)
    figures: frozenset[tuple[str, float, str]]  # ``figure_keys`` of those figures
    dates: frozenset[str]  # ``date_keys`` of those times
    days: frozenset[str]  # the dates of ``date_keys`` (all, relative clauses too) that are one day
    predicate: str | None  # ``predicate_key``
    counted: tuple[Quantity, ...]  # ``_counted_figures``
    quantities: tuple[Quantity, ...]  # ``_quantities``
    participants: frozenset[str]  # those entities, a place counted as the place it lies in (``within``)
    subjects: frozenset[str | None]  # its subject, and the place that lies in
    content_days: frozenset[str]  # ``_content_days``
    content_dates: tuple[tuple[dt.date, dt.date], ...]  # ``_content_dates``
    told_in_subject: bool  # ``_told_in_subject``
    act_on: tuple[str, str] | None  # ``act_on``


def position_slots(f: Frame, quoted: Callable[[Frame], bool] = direct_quote,
                   within: Mapping[str, str] | None = None) -> PositionSlots:
    """The ``PositionSlots`` of one statement (``within``: ``place_within`` of the story's entities)."""
    w = within or {}
    return PositionSlots(
        frame=f, firm=_firm(f), named=named(f), quoted=quoted(f),
        figures=frozenset(_figure_keys(_outside_relatives(f, f.claim.figures))),
        dates=frozenset(_date_keys(_outside_relatives(f, f.claim.times))),
        days=frozenset(d for d in date_keys(f) if _DAY.fullmatch(d)), predicate=predicate_key(f),
        counted=_counted_figures(f), quantities=_quantities(f),
        participants=frozenset(w.get(e, e) for e in f.claim.entities if e not in f.aside_entities),
        subjects=frozenset({f.subject, w.get(f.subject or "", f.subject)}), content_days=_content_days(f),
        content_dates=_content_dates(f), told_in_subject=_told_in_subject(f), act_on=act_on(f))


def _outside_relatives(f: Frame, items: Sequence) -> list:
    """The frame's figures or times that lie outside its relative clauses: "Rahman, who beat Lewis in 2001, barely
    landed a punch" states nothing of 2001 itself."""
    return [x for x in items if not any(r.covers(x.span) for r in f.relatives)]


def act_on(f: Frame) -> tuple[str, str] | None:
    """What the subject does to whom: the predicate and the named participant that is its direct object ("will
    meet Joe Biden": (meet, Biden's key))."""
    p = predicate_key(f)
    return (p, f.obj_entity) if p and f.obj_entity and f.obj_entity != f.subject else None


_COPULAS = {"be", "remain", "become", "stay", "seem"}


def stance_word(f: Frame) -> str | None:
    """The word that says what the subject does or is: the main verb, or after a copula its complement ("the port
    is closed": "closed")."""
    return f.obj if f.verb in _COPULAS else f.verb


def opposed(a: Frame, b: Frame) -> bool:
    """The two statements' predicates never tell one act (``lexicon.antonyms``): they say the contrary of each other
    ("opened" / "closed", "rose" / "fell") or two steps of one process ("charged" / "convicted", "injured" /
    "killed"), whatever their subjects; or one verb told in opposite directions ("checked into" / "checked out")."""
    return any(kept_apart(x, y) for x in _senses(a) for y in _senses(b)) or \
        bool(a.verb and a.verb == b.verb and _opposite(a.particle, b.particle))


# what a verb told in a direction also says: "checked into" enters, "checked out" leaves (``lexicon.antonyms``)
_DIRECTION_SENSES = {"into": "enter", "out": "leave"}


def _senses(f: Frame) -> set[str]:
    """The stance word, and what the verb's direction says it does ("checked into the clinic": also "enter")."""
    out = {w} if (w := stance_word(f)) else set()
    if f.particle in _DIRECTION_SENSES and f.verb not in _COPULAS:
        out.add(_DIRECTION_SENSES[f.particle])
    return out


# directions that undo each other
_OPPOSITE_DIRECTIONS = ({"in", "into"}, {"out"}), ({"on", "onto"}, {"off"}), ({"up"}, {"down"})


def _opposite(x: str | None, y: str | None) -> bool:
    return any(x in one and y in other or y in one and x in other for one, other in _OPPOSITE_DIRECTIONS)


_RELATIVE = re.compile(r",\s*(?:who|which|whose|whom)\b", re.I)


def _told_in_subject(f: Frame) -> bool:
    """The subject as written carries a relative clause: another fact told inside the statement."""
    return bool(_RELATIVE.search(f.subject_text or ""))


_MONTH_DAY = re.compile(r"(?:\d{4}|XXXX)-(\d{2}-\d{2})")


def _days_apart(sa: PositionSlots, sb: PositionSlots) -> bool:
    """Both statements date what they tell on a day (its year may be unknown: "March 2") and no day of one is a day
    of the other (``_content_days``)."""
    return bool(sa.content_days and sb.content_days) and not sa.content_days & sb.content_days


def _dated_apart(sa: PositionSlots, sb: PositionSlots) -> bool:
    """One act (``_same_act``) that both statements date, and no date of one meets a date of the other: "voters in
    2009 approved the bond" / "voters in 2010 approved the bond" tell different years for it (a finer date inside
    the other's meets it: "in 2010" / "on May 3, 2010"). Statements of different main acts may date different
    clauses ("was a draft choice in 1978 and played 11 seasons" / "played on the title team in 1983")."""
    return bool(sa.content_dates and sb.content_dates) and not any(
        x0 <= y1 and y0 <= x1 for x0, x1 in sa.content_dates for y0, y1 in sb.content_dates) and \
        _same_act(sa.frame, sb.frame)


# a date bounded on one side only ("since 2009", "before May") is no period the act lies in
_OPEN_MODS = {"before", "after", "at least"}


def _content_dates(f: Frame) -> tuple[tuple[dt.date, dt.date], ...]:
    """The resolved periods the content is dated in (years, months, days); only dates inside the content count, as
    in ``_content_days``."""
    return tuple(sorted({(t.start, t.end) for t in f.claim.times
                         if t.kind in ("date", "time") and t.start and t.end and t.mod not in _OPEN_MODS
                         and f.content.covers(t.span)}))


def _content_days(f: Frame) -> frozenset[str]:
    """The month-days the content is dated on; only days inside the content count: "…, the ministry said on
    Tuesday" dates the saying."""
    return frozenset(m.group(1) for t in f.claim.times
                     if t.kind == "date" and f.content.covers(t.span) and (m := _MONTH_DAY.fullmatch(t.value or "")))


def _same_act(a: Frame, b: Frame) -> bool:
    """The two statements' main verbs tell one act: the same word, predicate or event family."""
    return stance_word(a) == stance_word(b) or bool(predicate_key(a) and predicate_key(a) == predicate_key(b)) or \
        bool(a.event and a.event == b.event)


def _titled(sa: PositionSlots, sb: PositionSlots) -> bool:
    """One subject is a name and the other a title that name carries as written ("Gov. Ada Velt" / "Virginia's
    governor", "Foreign Minister Lund" / "the minister"): the description may stand for that person."""
    for x, y in ((sa, sb), (sb, sa)):
        head = (y.frame.subject or "").split()[-1:]
        if x.named and not y.named and head and head[0] in TITLE_HEADS and \
                head[0] in _words(x.frame.subject_text or ""):
            return True
    return False


def _shares_figure_and_day(sa: PositionSlots, sb: PositionSlots) -> bool:
    """One figure of a counted thing stated by both, and one resolved day (not a month or a year) named by both."""
    return bool(sa.days & sb.days) and any(x[1] and _same_value(x, y) for x in sa.quantities for y in sb.quantities)


def same_position(a: Frame, b: Frame, cos: float, p: AspectParams, subject_close: SubjectClose = same_subject_key,
                  quoted: Callable[[Frame], bool] = direct_quote, within: Mapping[str, str] | None = None) -> bool:
    """Whether two statements say the same thing (strict: the slots must allow it, then the wording).

    ``subject_close`` decides whether two subjects name the same participant (the same resolved entity, or
    wordings such as "its troops" / "its forces"); ``quoted`` is ``direct_quote``, passed in when already known."""
    return same_position_slots(position_slots(a, quoted, within), position_slots(b, quoted, within), cos, p,
                               subject_close)


def same_position_slots(sa: PositionSlots, sb: PositionSlots, cos: float, p: AspectParams,
                        subject_close: SubjectClose = same_subject_key) -> bool:
    """``same_position`` of two statements' ``position_slots`` (its rules: a table builds each statement's slots
    once). ``subject_close`` is asked in the rules' order: a matcher may embed subject phrases as it is asked."""
    a, b = sa.frame, sb.frame
    ca, cb = a.claim, b.claim
    classes = {sa.firm, sb.firm}
    # a forecast and a firm statement say the same only as one speaker's words reworded ("X predicted the
    # Russians would …" / "X stated Russia intended to …"); else a forecast is not its outcome
    reworded_forecast = classes == {"firm", "predicted"} and cos >= p.position_sim and same_speaker(a, b) \
        and bool(ca.speaker and cb.speaker)
    if ca.polarity != cb.polarity or (len(classes) > 1 and not reworded_forecast) or a.hypothetical != b.hypothetical \
            or a.refused != b.refused:
        return False
    if not _counts_agree(sa.counted, sb.counted):
        return False
    if _days_apart(sa, sb) or _dated_apart(sa, sb):
        return False  # dated on different days or years, two events (or two dates of one: a divergence, never an
        # agreement) however alike the words ("hired him on June 27, 2001" / "was fired March 2")
    if cos < p.paraphrase_sim and sa.quoted and sb.quoted:
        return False  # outlets print one remark in the same words: other words are another remark
    if {a.aspect, b.aspect} & {"completed"} and {a.aspect, b.aspect} & {"ongoing", "began", "forecast"}:
        return False  # "had entered" is not "attempting to enter"
    if {a.aspect, b.aspect} & {"completed"} and (_own_act(a) or _own_act(b)):
        return False  # a decision told ("X said it will withdraw") is not the act told done ("X withdrew")
    if opposed(a, b) and (cos >= p.paraphrase_sim or subject_close(a, b)):
        return False  # "the port opened" / "the port closed": opposite predicates of one subject, however alike
    if cos >= p.paraphrase_sim and not (sa.named and sb.named and not subject_close(a, b)) and \
            not ((sa.told_in_subject or sb.told_in_subject) and not _same_act(a, b)):
        return True  # near-identical wording (the subject may be named differently: "Kherson" / "the area"), but
        # two different named subjects never say the same ("Lund does not think …" / "Holt does not think …"), and
        # a subject that carries a clause of its own ("Cheeks, who was fired March 2 as coach, is the fourth coach
        # since …") reads close to that clause's fact ("Cheeks was fired March 2"), not to the statement's
    # one speaker reporting one event as done (or begun), worded apart: "X said its troops finished withdrawing"
    # / "X said its forces had left the city"
    if a.event and a.event == b.event and a.aspect == b.aspect and a.aspect in ("completed", "began") and \
            ca.speaker and cb.speaker and same_speaker(a, b) and cos >= p.on_story_sim and subject_close(a, b):
        return True
    # the same stated quantities, at a moderate cosine, with no other event named: the same fact told with another
    # subject ("the legislation allows sales for three years" / "alcohol to-go has been authorized for the next
    # three years"); two different names still never say the same
    # so are a counted figure and an exact day both shared, worded alike: the same event told of a participant
    # described two ways ("the Singaporean man was given 21 months of probation on Thursday" / "the Singaporean
    # youth was on Thursday ordered to undergo 21 months' probation")
    # so are one predicate, a counted figure and an exact day all shared, at any cosine a rule asks for: the
    # statements then tell one act, one figure, one day, however differently the rest is worded ("the 65-year-old,
    # who had failed to ensure training, was fined $5,000 on Tuesday" / "a woman was fined $5,000 by a court on
    # Tuesday in relation to the death of a worker")
    figure = _same_quantities(sa.quantities, sb.quantities)
    if (figure and cos >= p.position_sim_anchored or cos >= p.position_sim and _shares_figure_and_day(sa, sb) or
            cos >= p.on_story_sim and bool(sa.predicate) and sa.predicate == sb.predicate and
            _shares_figure_and_day(sa, sb)) and \
            not (a.event and b.event and a.event != b.event) and \
            not (sa.named and sb.named and not subject_close(a, b)):
        return True
    # one act of one subject on one named participant is one proposition, whatever else each sentence tells ("Ms
    # Jones is due to meet President Ito and the French president, two leaders who …" / "she will also meet
    # President Ito at the summit on Wednesday, after meeting …"): the long rest lowers the cosine, not the fact
    if sa.act_on and sa.act_on == sb.act_on and cos >= p.on_story_sim and subject_close(a, b):
        return True
    # two aims of one aspect that read close give the same reason, whichever clause tells it ("the inspections were
    # needed to curb trafficking" / "the checks, meant to curb human trafficking"), unless two names act
    if a.aim and b.aim and cos >= p.position_sim and not (sa.named and sb.named and not subject_close(a, b)):
        return True
    # a name and a title it carries as written ("Governor Ada Velt" / "the state's governor") may be one person or
    # two (a story can have two governors): one only with every other anchor shared (predicate, date or figure, and
    # another participant)
    titled = False
    if not (a.subject is not None and b.subject is not None and subject_close(a, b)):
        titled = _titled(sa, sb)
        if not titled:
            return False
    # anchors are what each statement states itself: a name or a year shared only inside a relative clause
    # ("Rahman, who beat Lewis in 2001, barely landed a punch" / "Rahman fell to 45-7-2 since knocking out Lewis in
    # 2001") is a fact beside both statements, not theirs
    figures = figure or bool(sa.figures & sb.figures) or _dates_meet(sa.dates, sb.dates)
    predicate = bool(sa.predicate and sa.predicate == sb.predicate) or bool(a.event and a.event == b.event)
    # other participants besides the subject ("crowds gathered in London and Windsor" / "crowds thronged the
    # streets of London and Windsor Castle"), a place counted as the place it lies in ("at Windsor Castle" is
    # "in Windsor")
    shared = (sa.participants & sb.participants) - sa.subjects - sb.subjects
    others = bool(shared) or (a.obj is not None and a.obj == b.obj)
    # two descriptions of one participant naming it by the same head noun ("the world's richest man and the
    # biggest shareholder of Twitter" / "Twitter's largest shareholder") describe it alike
    described = a.description and b.description and bool(a.obj and a.obj in b.nouns or b.obj and b.obj in a.nouns)
    # two aims of one participant's acts ("ordered checks to curb smuggling" / "… in an effort to stop the
    # smuggling") give its reason alike when they read close; an aim negated ("so as not to …") keeps its polarity
    aimed = a.aim and b.aim
    # the same subject doing something else is another position ("the mayor visited" / "the mayor thanked")
    if not (predicate or figures or others or described or aimed):
        return False
    if titled and not (predicate and figures and shared):
        return False
    # anchors (a shared figure or date, two shared participants) are strong evidence at a moderate cosine
    anchored = figures or len(shared) >= 2 or described or aimed
    return cos >= p.position_sim or (cos >= p.position_sim_anchored and anchored)


_UNDER_WAY = ("ongoing", "began", "forecast")


def _codes(values: list) -> np.ndarray:
    """Each value as a small int (equal values, equal codes): slots compared pairwise in numpy."""
    seen: dict = {}
    return np.array([seen.setdefault(v, len(seen)) for v in values])


def incompatible(fs: Sequence[Frame], cos: np.ndarray, quoted: np.ndarray, p: AspectParams) -> np.ndarray:
    """Pairs that can never say the same thing on per-statement slots alone (any ``subject_close``): a different
    polarity, hypothetical, refusal or certainty class (unless one speaker's forecast reworded as firm, at a close
    wording), two direct quotes worded apart, completed against under way. One vectorised pass over the aspect's pairs
    (``cos`` is float64, as the rules compare it)."""
    pol = _codes([f.claim.polarity for f in fs])
    hyp = np.array([f.hypothetical for f in fs])
    refused = np.array([f.refused for f in fs])
    cls = [_firm(f) for f in fs]
    firm, predicted = np.array([c == "firm" for c in cls]), np.array([c == "predicted" for c in cls])
    klass = _codes(cls)
    done = np.array([f.aspect == "completed" for f in fs])
    under_way = np.array([f.aspect in _UNDER_WAY for f in fs])
    # a firm statement and a forecast may still be one speaker's words reworded: left to the rules at this cosine
    forecast_pair = ((firm[:, None] & predicted[None, :]) | (predicted[:, None] & firm[None, :])) & (cos >= p.position_sim)
    out = (pol[:, None] != pol[None, :]) | (hyp[:, None] != hyp[None, :]) | (refused[:, None] != refused[None, :])
    out |= (klass[:, None] != klass[None, :]) & ~forecast_pair
    out |= (cos < p.paraphrase_sim) & quoted[:, None] & quoted[None, :]
    out |= (done[:, None] & under_way[None, :]) | (under_way[:, None] & done[None, :])
    return out


def never_same(fs: Sequence[Frame], cos: np.ndarray, quoted: np.ndarray, p: AspectParams,
               apart: np.ndarray | None = None) -> np.ndarray:
    """Pairs ``same_position`` rejects on per-statement slots alone: `incompatible` (``apart``, when already
    computed), or a cosine below every wording threshold without one speaker's one event told as done (or begun),
    and without one predicate and one exact day stated by two statements that both state a figure (the rule of a
    shared predicate, figure and day reads those at a low cosine)."""
    told = np.array([bool(f.event and f.aspect in ("completed", "began") and f.claim.speaker) for f in fs])
    event = _codes([(f.event, f.aspect) for f in fs])
    one_event = told[:, None] & told[None, :] & (event[:, None] == event[None, :])
    pred = [predicate_key(f) if f.claim.figures else None for f in fs]
    day_pred = [{(pr, d) for d in date_keys(f) if _DAY.fullmatch(d)} if pr else set() for f, pr in zip(fs, pred)]
    if any(day_pred):
        one_event |= _sharing(day_pred, len(fs))
    acts = [{a} if (a := act_on(f)) else set() for f in fs]
    if any(acts):
        one_event |= _sharing(acts, len(fs))  # one act on one named participant (`same_position_slots`)
    apart = incompatible(fs, cos, quoted, p) if apart is None else apart
    return apart | ((cos < min(p.paraphrase_sim, p.position_sim_anchored, p.position_sim)) & ~one_event)


def _opposed_pairs(fs: Sequence[Frame]) -> np.ndarray:
    """Frames x frames: True where the two predicates are opposite (`opposed`), for the oppositions the aspect uses."""
    senses = [_senses(f) for f in fs]
    out = np.zeros((len(fs), len(fs)), dtype=bool)
    for x, y in KEPT_APART:
        in_x = np.array([not x.isdisjoint(w) for w in senses])
        in_y = np.array([not y.isdisjoint(w) for w in senses])
        if in_x.any() and in_y.any():
            out |= (in_x[:, None] & in_y[None, :]) | (in_y[:, None] & in_x[None, :])
    # a state and its negation by prefix ("undamaged" / "damaged"): the "un-" words are few
    unprefixed = [i for i, w in enumerate(senses) if any(x.startswith("un") for x in w)]
    for i in unprefixed:
        for j, w in enumerate(senses):
            if j != i and any(negated_by_prefix(x, y) for x in senses[i] for y in w):
                out[i, j] = out[j, i] = True
    directed = [i for i, f in enumerate(fs) if f.verb and f.particle]  # "checked into" / "checked out": few
    for k, i in enumerate(directed):
        for j in directed[k + 1:]:
            if fs[i].verb == fs[j].verb and _opposite(fs[i].particle, fs[j].particle):
                out[i, j] = out[j, i] = True
    np.fill_diagonal(out, False)  # a statement is never opposed to itself
    return out


def _unnamed_descriptions(fs: Sequence[Frame]) -> np.ndarray:
    """Frames x frames: True where row i is a description of a participant that frame j does not name (neither
    by its entity nor by a capitalised word of its name). What one participant is, never what a statement of others
    says ("New Moon, the sequel to the film Twilight" / "There's a new dawn for Twilight"), unless the two subjects
    are one participant after all (the caller asks)."""
    out = np.zeros((len(fs), len(fs)), dtype=bool)
    rows = [i for i, f in enumerate(fs) if f.description and f.subject is not None]
    if not rows:
        return out
    caps = [set(_name_words(f.text)) for f in fs]  # the capitalised words it writes: "a new dawn" names no Moon
    for i in rows:
        d = fs[i]
        words = _name_words(d.subject_text or "")
        out[i] = [not (d.subject in f.claim.entities or any(w in caps[j] for w in words)) and f.subject != d.subject
                  for j, f in enumerate(fs)]
    return out


_NEVER = -1e9  # the score of an incompatible pair: no average over an aspect's pairs can make up for it


@dataclass(frozen=True, slots=True)
class PairTable:
    """One aspect's statements (``order``: frame indices, sorted) and what their pairs are: ``cos`` (float32, as
    embedded), ``same`` (``same_position`` holds), ``scores`` (what positions are clustered on)."""

    order: list[int]
    cos: np.ndarray
    same: np.ndarray
    scores: np.ndarray


def pair_table(members: Sequence[int], frames: Sequence[Frame], vectors: np.ndarray, p: AspectParams,
               subject_close: SubjectClose = same_subject_key, within: Mapping[str, str] | None = None
               ) -> PairTable:
    """The pairs of one aspect's statements. A pair's score is its cosine where ``same_position`` shows the two say
    the same; `_NEVER` where they cannot (`incompatible` slots, a figure of one counted thing with another value,
    two different named subjects, opposite predicates of one subject, one act dated apart); where nothing decides,
    the cosine less the margin that makes two such statements one position only at ``position_sim`` (the wording
    alone then says it).
    ``same_position``'s rules run only on the pairs `never_same` leaves, on each statement's ``position_slots`` built
    once (``within``: ``place_within`` of the story's entities)."""
    order = sorted(members)
    fs = [frames[n] for n in order]
    cos = vectors[order] @ vectors[order].T
    cos64 = cos.astype(np.float64)
    slots = [position_slots(f, within=within) for f in fs]
    quoted = np.array([s.quoted for s in slots], dtype=bool)
    apart = incompatible(fs, cos64, quoted, p)
    floor = min(p.on_story_sim, p.position_sim_anchored)  # every rule of ``same_position`` asks at least this much
    same = np.zeros(cos.shape, dtype=bool)
    ii, jj = np.nonzero(np.triu(~((cos < floor) | never_same(fs, cos64, quoted, p, apart)), 1))
    # the pairs' rows, columns and cosines as Python values in one conversion each (not a numpy scalar read per
    # pair: ~120k pairs at 200 articles), the rules asked in the same row order; a pair of statements printed
    # alike elsewhere in the story (wire versions, copies) at the same cosine is answered once (`twin_key`)
    twin = _codes([twin_key(f) for f in fs]).tolist()
    answered: dict[tuple[int, int, float], bool] = {}
    held = []
    for i, j, c in zip(ii.tolist(), jj.tolist(), cos64[ii, jj].tolist()):
        key = (twin[i], twin[j], c)
        same_ij = answered.get(key)
        if same_ij is None:
            same_ij = answered[key] = same_position_slots(slots[i], slots[j], c, p, subject_close)
        held.append(same_ij)
    same[ii, jj] = held
    same[jj, ii] = held
    scores = cos64 - (p.position_sim - p.position_link)
    scores[same] = cos64[same]
    # the pair-specific vetoes, only where both statements have what they compare
    has_named = np.array([s.named for s in slots])
    subject = _codes([f.subject for f in fs])
    counted = np.array([bool(s.counted) for s in slots])
    opposed_pairs = _opposed_pairs(fs)
    dated = np.array([bool(s.content_dates) for s in slots])
    unnamed = _unnamed_descriptions(fs)
    unnamed |= unnamed.T
    check = ~same & ~apart & ((has_named[:, None] & has_named[None, :] & (subject[:, None] != subject[None, :]))
                              | (counted[:, None] & counted[None, :]) | opposed_pairs
                              | (dated[:, None] & dated[None, :]) | unnamed)
    for i, j in zip(*np.nonzero(np.triu(check, 1))):
        if (has_named[i] and has_named[j] or unnamed[i, j]) and not subject_close(fs[i], fs[j]) or \
                not _counts_agree(slots[i].counted, slots[j].counted) or \
                opposed_pairs[i, j] and (cos64[i, j] >= p.paraphrase_sim or subject_close(fs[i], fs[j])) or \
                _dated_apart(slots[i], slots[j]):
            apart[i, j] = apart[j, i] = True
    scores[apart] = _NEVER
    np.fill_diagonal(scores, 1.0)
    return PairTable(order, cos, same, scores)


def positions(members: Sequence[int], frames: Sequence[Frame], vectors: np.ndarray, p: AspectParams,
              subject_close: SubjectClose = same_subject_key, within: Mapping[str, str] | None = None
              ) -> list[list[int]]:
    """Groups of one aspect's statements that say the same thing (`pair_table`, then `table_positions`)."""
    return table_positions(pair_table(members, frames, vectors, p, subject_close, within), p)


def table_positions(table: PairTable, p: AspectParams) -> list[list[int]]:
    """Average linkage at ``position_link`` over the table's scores. Average, not complete, linkage: a paraphrase
    the rules cannot show alike with one member (another subject, no shared anchor) still joins a position most of
    whose members it matches; an incompatible pair never shares a position."""
    if len(table.order) < 2:
        return [list(table.order)]
    return [[table.order[k] for k in g] for g in average_linkage(table.scores, p.position_link)]


def same_facts(members: Sequence[int], frames: Sequence[Frame], vectors: np.ndarray, p: AspectParams,
               subject_close: SubjectClose = same_subject_key, within: Mapping[str, str] | None = None,
               origin_of: Mapping[int, int] | None = None) -> list[list[int]]:
    """Complete-linkage groups of statements (`pair_table`, then `table_facts`)."""
    table = pair_table(members, frames, vectors, p, subject_close, within)
    return table_facts(table, table.order, origin_of)


def table_facts(table: PairTable, members: Sequence[int], origin_of: Mapping[int, int] | None = None
                ) -> list[list[int]]:
    """Complete-linkage groups of some of the table's statements (one position): every pair of a group says the
    same thing by ``same_position``. What an agreement counts: a statement joins through no other (A like B and B
    like C never make A like C). Greedy: each statement joins the group all of whose members it matches with the
    best mean cosine. ``origin_of`` (frame index -> its independent origin): the statements that say the same as
    statements of more other origins go first, in order among equals, so an agreement across origins is not lost
    to the reading order (A joining B of its own origin first, when C of another origin says the same as A but not
    as B)."""
    at = {n: k for k, n in enumerate(table.order)}
    order = sorted(members)
    if origin_of is not None and len(order) > 2:
        rows_of = [at[n] for n in order]
        codes = _codes([origin_of[n] for n in order])
        one_hot = np.zeros((len(order), int(codes.max()) + 1), dtype=bool)
        one_hot[np.arange(len(order)), codes] = True
        # per statement, the origins among those it says the same as, less its own
        held = (table.same[np.ix_(rows_of, rows_of)].astype(np.int32) @ one_hot) > 0
        held[np.arange(len(order)), codes] = False
        confirmed = dict(zip(order, held.sum(axis=1).tolist()))
        order.sort(key=lambda n: -confirmed[n])  # stable: reading order among equals
    groups: list[list[int]] = []
    rows: list[list[int]] = []  # each group's rows in the table
    for n in order:
        k = at[n]
        best, best_score = -1, -1.0
        for gi, r in enumerate(rows):
            if table.same[k, r].all():
                score = float(table.cos[k, r].mean())
                if score > best_score:
                    best, best_score = gi, score
        if best < 0:
            best = len(groups)
            groups.append([])
            rows.append([])
        groups[best].append(n)
        rows[best].append(k)
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


def group_aspects(frames: Sequence[Frame], vectors: np.ndarray, p: AspectParams,
                  actors: Sequence[str | None] | None = None) -> list[list[int]]:
    """Aspects of the given frames (indices into ``frames``). ``actors``: each aim's actor (`aim_actors`), None for
    any other frame. The reasons one actor is given for acting answer one question ("why did X do it?") whatever
    their wording: two aims of one actor read ``aim_weight`` closer (whether they give the same reason is the
    positions' job); so do two statements of one subject's one act on one named participant (``act_weight``)."""
    room, in_room = distance_room(len(frames))
    sim = combined_similarity(frames, vectors, p, out=in_room)
    by_actor: dict[str, list[int]] = defaultdict(list)
    for n, a in enumerate(actors or ()):
        if a is not None and frames[n].aim:
            by_actor[a].append(n)
    _read_closer(sim, by_actor.values(), p.aim_weight)
    # one subject's one act on one named participant ("will meet Joe Biden") is one question however much else
    # each sentence tells
    by_act: dict[tuple, list[int]] = defaultdict(list)
    for n, f in enumerate(frames):
        if f.subject and (act := act_on(f)):
            by_act[(f.subject, act)].append(n)
    _read_closer(sim, by_act.values(), p.act_weight)
    return average_linkage(sim, p.aspect_link, room)


def _read_closer(sim: np.ndarray, groups: Iterable[list[int]], weight: float) -> None:
    """Add ``weight`` to the similarity of every pair inside each group of two or more frames."""
    for rows in groups:
        if len(rows) >= 2:
            sim[np.ix_(rows, rows)] += np.float32(weight)


def aim_actors(frames: Sequence[Frame], entities: Sequence[Entity]) -> list[str | None]:
    """Each aim's actor where it is one of the story's entities (`participant_resolver`: "the governor" is Greg
    Abbott), else None (any other frame too): a participant named is known across articles, a description ("her
    client" / "the woman") may be one participant or two, and its aims read as worded."""
    resolve = participant_resolver(entities)
    ids = {e.id for e in entities}
    return [a if f.aim and (a := resolve(f)) in ids else None for f in frames]


def _words(text: str) -> list[str]:
    return [TITLE_ABBREVIATIONS.get(w, w) for w in re.findall(r"[^\W\d_]+", text.lower())]


def _name_words(text: str) -> tuple[str, ...]:
    """The capitalised words of a name as written ("Gov. Greg Abbott" -> greg, abbott; titles dropped)."""
    caps = [w for w in re.findall(r"[^\W\d_]+", text) if w[:1].isupper()]
    titles = TITLE_ABBREVIATIONS.keys() | set(TITLE_ABBREVIATIONS.values())
    return tuple(w.lower() for w in caps if w.lower() not in titles)


_NAME_ONLY = re.compile(r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*")  # capitalised words only: a name as written


def participant_resolver(entities: Sequence[Entity]) -> Callable[[Frame], str | None]:
    """The story entity a subject names, read from its words, else the frame's resolved subject key:

    1. the subject is one entity's name, alias or stated role ("Musk", "the Tesla and SpaceX CEO": Elon Musk);
    2. its name words are part of the names of one entity only ("Mr. Musk");
    3. its head is a title only one of the story's people holds ("the governor": Greg Abbott, when no other
       governor is named; "Virginia's governor" likewise).
    Only one-to-one readings count: a form two entities could carry names neither."""
    exact: dict[str, set[str]] = defaultdict(set)
    words: list[tuple[frozenset[str], str]] = []
    titles: dict[str, set[str]] = defaultdict(set)
    # the words of the story's names: in a role ("Twitter CEO") they name the organisation, not the title
    named_words = {w for e in entities for t in (e.name, *e.aliases) for w in _words(t)}
    for e in entities:
        for text in (e.name, *e.aliases, *e.roles):
            exact[" ".join(_words(text))].add(e.id)
        if e.type in ("PERSON", "ORG"):
            words += [(frozenset(_name_words(t)), e.id) for t in (e.name, *e.aliases) if _name_words(t)]
        if e.type == "PERSON":
            for text in (e.name, *e.aliases, *e.roles):
                for w in _words(text):
                    if w in TITLE_ABBREVIATIONS.values() or text in e.roles and w not in named_words:
                        titles[w].add(e.id)

    def by_words(text: str, f: Frame) -> set[str]:
        ws = _words(text)
        if ws[:1] == ["the"]:
            ws = ws[1:]
        nw = set(_name_words(text))
        for ids in (exact.get(" ".join(ws), set()),
                    {eid for n, eid in words if nw and nw <= n},
                    titles.get(ws[-1], set()) if ws and not named(f) else set()):
            if ids:
                return ids
        return set()

    def resolve(f: Frame) -> str | None:
        text = (f.subject_text or "").strip()
        ids = by_words(text, f)
        if not ids:
            # a name set off by a comma before what describes it ("Elon Musk, Twitter Inc's biggest shareholder,",
            # "Musk, who is Twitter's largest shareholder"): the name alone names the participant
            head = text.split(",", 1)[0].strip()
            if head != text and _NAME_ONLY.fullmatch(head):
                ids = by_words(head, f)
        return next(iter(ids)) if len(ids) == 1 else f.subject

    return resolve


def subject_matcher(frames: Sequence[Frame], embed: Callable[[list[str]], np.ndarray], threshold: float = 0.75,
                    entities: Sequence[Entity] = (), described: float = 0.65) -> SubjectClose:
    """Two subjects name the same participant: the same story entity (``participant_resolver``: a name, an alias,
    a short form, a stated role or a title only one person holds), the same resolved key, or (unless both are
    named entities or speakers) subject phrases that MiniLM puts at ``threshold`` or above ("its troops" / "its
    forces", "the People's Bank of China" / "China's central bank"), or at ``described`` for a name and a
    description doing the same act to the same thing. A phrase is embedded only when a pair gets that
    far (most are decided by the names first: about one phrase in four of a story), once."""
    texts = {f.subject_text.strip() for f in frames if f.subject_text and f.subject_text.strip()}
    vectors: dict[str, np.ndarray] = {}

    def cosine(ta: str, tb: str) -> float:
        missing = [t for t in dict.fromkeys((ta, tb)) if t not in vectors]
        if missing:
            vectors.update(zip(missing, embed(missing)))
        return float(vectors[ta] @ vectors[tb])

    resolve = participant_resolver(entities)
    who = {id(f): resolve(f) for f in frames}
    is_named = {id(f): named(f) for f in frames}  # read once per frame: ``close`` is asked of ~75k pairs

    def close(a: Frame, b: Frame) -> bool:
        if same_subject_key(a, b):
            return True
        pa, pb = who.get(id(a)) or resolve(a), who.get(id(b)) or resolve(b)
        if pa is not None and pa == pb:
            return True
        na = is_named[id(a)] if id(a) in is_named else named(a)
        nb = is_named[id(b)] if id(b) in is_named else named(b)
        if na and nb:
            return False  # two names are the same participant only as one entity ("Eva Lund" is not "Mara Holt")
        ta, tb = (a.subject_text or "").strip(), (b.subject_text or "").strip()
        if ta not in texts or tb not in texts:
            return False
        # a name and a description of it doing the same act to the same thing ("The new unit, Nasdaq Digital
        # Assets, will offer custody services" / "A new group dedicated to digital assets will offer custody
        # services"): the description may read further from the name than two descriptions of one participant
        if na != nb and a.obj and a.obj == b.obj and predicate_key(a) and \
                predicate_key(a) == predicate_key(b):
            return cosine(ta, tb) >= described
        return cosine(ta, tb) >= threshold

    return close
