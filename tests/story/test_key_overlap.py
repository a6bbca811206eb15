"""The aspect similarity's key bonuses, computed with plain numpy, equal the sparse matrix products they replace
(frames x keys incidence, row-normalised weights): random key sets, checked against scipy.sparse."""

import math
import random

import numpy as np
from scipy.sparse import csr_matrix

from newsprism.story.aspects import _sharing, _weighted_overlap


def _random_keys(rng: random.Random, n: int, vocab: int) -> list[set]:
    return [set(rng.sample(range(vocab), rng.randint(0, min(4, vocab)))) for _ in range(n)]


def _incidence(keys, weights=None):
    rows = [r for r, ks in enumerate(keys) for _ in ks]
    cols = [k for ks in keys for k in ks]
    data = [weights[k] if weights else 1.0 for ks in keys for k in ks]
    return csr_matrix((np.asarray(data, dtype=np.float64), (rows, cols)), shape=(len(keys), 1 + max(cols, default=0)))


def test_weighted_overlap_is_the_normalised_product():
    rng = random.Random(7)
    for trial in range(30):
        n, vocab = rng.randint(1, 40), rng.randint(1, 25)
        keys = _random_keys(rng, n, vocab)
        weights = {k: math.log((n + 1) / (rng.randint(1, n) + 0.5)) + 0.01 for k in range(vocab)}
        E = _incidence(keys, weights).toarray()
        norms = np.sqrt((E * E).sum(axis=1))
        E = E / np.where(norms == 0, 1, norms)[:, None]
        want = E @ E.T
        got = np.zeros((n, n))
        for rows, cols, vals in _weighted_overlap(keys, weights):
            got[np.ix_(rows, cols)] = vals
        assert np.allclose(got, want, atol=1e-12), trial
        assert ((got != 0) == (want != 0)).all(), trial  # only pairs sharing a key get a value


def test_sharing_marks_exactly_the_pairs_with_a_common_key():
    rng = random.Random(11)
    for trial in range(30):
        n, vocab = rng.randint(1, 40), rng.randint(1, 10)
        keys = _random_keys(rng, n, vocab)
        M = _incidence(keys)
        assert (_sharing(keys, n) == ((M @ M.T).toarray() > 0)).all(), trial


def test_no_keys_no_bonus():
    assert not _sharing([set(), set()], 2).any()
    assert all(len(cols) == 0 for _, cols, _ in _weighted_overlap([set(), set()], {}))


def test_weighted_overlap_frames_with_one_key_set_share_one_row_of_values():
    """Frames naming the same entities get their values once, bit for bit those of the frame computed alone."""
    keys = [{"a", "b"}, {"c"}, {"a", "b"}, {"b"}, {"a", "b"}]
    weights = {"a": 0.3, "b": 1.7, "c": 0.9}
    groups = _weighted_overlap(keys, weights)
    assert sorted(rows for rows, _, _ in groups) == [[0, 2, 4], [1], [3]]
    for rows, cols, vals in groups:
        for r in rows:
            norm = math.sqrt(sum(weights[k] ** 2 for k in keys[r]))
            alone = {c: sum((weights[k] / norm) * (weights[k] / math.sqrt(sum(weights[x] ** 2 for x in keys[c])))
                            for k in keys[r] if k in keys[c]) for c in range(len(keys))}
            assert dict(zip(cols.tolist(), vals.tolist())) == {c: v for c, v in alone.items() if v}
