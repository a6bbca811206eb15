"""aspects.average_linkage is scipy's average linkage cut at a distance, merge for merge, ties included: random
similarity matrices (continuous, and coarse ones full of equal distances) against scipy on every threshold."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsprism.story.aspects import _nn_chain_average, average_linkage


def scipy_groups(sim: np.ndarray, threshold: float) -> list[list[int]]:
    dist = np.clip(1.0 - sim, 0.0, None).astype(np.float64)
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"), t=1.0 - threshold,
                      criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def random_sim(rng: np.random.Generator, n: int, levels: int | None) -> np.ndarray:
    x = rng.normal(size=(n, 8))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    sim = (x @ x.T).astype(np.float32)  # as the stage: float32 cosines
    if levels:  # coarse: many equal distances, so tie-breaking decides
        sim = np.round(sim * levels) / levels
    return sim


@pytest.mark.parametrize("levels", [None, 4, 10])
def test_same_clusters_as_scipy(levels):
    rng = np.random.default_rng(7 + (levels or 0))
    for trial in range(150):
        n = int(rng.integers(2, 40))
        sim = random_sim(rng, n, levels)
        for threshold in (0.9, 0.6, 0.45, 0.3, 0.0, -0.5):
            assert average_linkage(sim, threshold) == scipy_groups(sim, threshold), (trial, n, threshold)


def test_same_merge_distances_as_scipy():
    rng = np.random.default_rng(11)
    for levels in (None, 5):
        for _ in range(40):
            sim = random_sim(rng, int(rng.integers(2, 30)), levels)
            dist = np.clip(1.0 - sim, 0.0, None).astype(np.float64)
            dist = (dist + dist.T) / 2
            np.fill_diagonal(dist, 0.0)
            ours = sorted(d for _, _, d in _nn_chain_average(dist))
            theirs = linkage(squareform(dist, checks=False), method="average")[:, 2]
            assert ours == list(theirs)  # bit for bit


def test_all_equal_and_tiny_inputs():
    assert average_linkage(np.zeros((0, 0)), 0.5) == []
    assert average_linkage(np.ones((1, 1)), 0.5) == [[0]]
    flat = np.full((6, 6), 0.5, np.float32)
    for threshold in (0.4, 0.5, 0.6):
        assert average_linkage(flat, threshold) == scipy_groups(flat, threshold)


def test_symmetric_distances_bit_for_bit():
    """The block-wise distances equal the whole-matrix formula exactly (any block size, asymmetric input)."""
    from newsprism.story.aspects import symmetric_distances

    rng = np.random.default_rng(5)
    for n in (1, 2, 7, 30):
        sim = (rng.normal(size=(n, n)) * 0.5 + 0.5).astype(np.float32)  # not symmetric, some above 1
        ref = np.clip(1.0 - sim, 0.0, None).astype(np.float64)
        ref = (ref + ref.T) / 2
        np.fill_diagonal(ref, 0.0)
        for block in (1, 3, 8, 256):
            assert symmetric_distances(sim, block=block).tobytes() == ref.tobytes()


def test_symmetric_distances_over_their_similarities():
    """Distances written over the similarities they come from (`distance_room`) are the same, bit for bit; so is
    the combined similarity written in the room, float32 or float64 vectors."""
    from newsprism.story.aspects import AspectParams, combined_similarity, distance_room, symmetric_distances

    rng = np.random.default_rng(6)
    for n in (1, 2, 7, 30):
        sim = (rng.normal(size=(n, n)) * 0.5 + 0.5).astype(np.float32)
        for block in (1, 3, 8, 256):
            room, in_room = distance_room(n)
            in_room[...] = sim
            assert symmetric_distances(in_room, block=block, out=room) is room
            assert room.tobytes() == symmetric_distances(sim, block=block).tobytes()
    from newsprism.extract.frame import Frame
    from newsprism.model import Claim, Span

    frames = []
    for k, (subject, predicate) in enumerate([("e1", "order"), ("e1", "order"), ("e2", None), ("e1", "close")]):
        span = Span(k + 1, 0, 10)
        claim = Claim(id=f"a{k + 1}-c1", span=span, sentence_index=0, predicate=predicate, entities=("e3",))
        frames.append(Frame(claim=claim, text="x" * 10, content=span, content_text="x" * 10, lemmas=frozenset(),
                            families=frozenset(), subject=subject, subject_text=subject))
    vectors = rng.normal(size=(4, 16))
    vectors /= np.linalg.norm(vectors, axis=1)[:, None]
    for v in (vectors.astype(np.float32), vectors):
        _, in_room = distance_room(4)
        assert combined_similarity(frames, v, AspectParams(), out=in_room).tobytes() == \
            combined_similarity(frames, v, AspectParams()).tobytes()


def test_nn_chain_in_place_same_merges():
    rng = np.random.default_rng(3)
    for levels in (None, 4):
        sim = random_sim(rng, 25, levels)
        dist = np.clip(1.0 - sim, 0.0, None).astype(np.float64)
        dist = (dist + dist.T) / 2
        np.fill_diagonal(dist, 0.0)
        assert _nn_chain_average(dist.copy(), overwrite=True) == _nn_chain_average(dist)
