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


def test_nn_chain_in_place_same_merges():
    rng = np.random.default_rng(3)
    for levels in (None, 4):
        sim = random_sim(rng, 25, levels)
        dist = np.clip(1.0 - sim, 0.0, None).astype(np.float64)
        dist = (dist + dist.T) / 2
        np.fill_diagonal(dist, 0.0)
        assert _nn_chain_average(dist.copy(), overwrite=True) == _nn_chain_average(dist)
