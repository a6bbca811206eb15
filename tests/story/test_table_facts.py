"""Agreements inside one position: complete-linkage groups that an agreement across origins is not lost to."""
from __future__ import annotations

import numpy as np

from newsprism.story.aspects import PairTable, table_facts


def _table() -> PairTable:
    # 0 and 1 are versions of one wire text (one origin), 2 is another outlet's report: 0 says the same as 1 and
    # as 2, but 1 and 2 do not say the same (1 adds a claim 2 contradicts)
    same = np.array([[True, True, True],
                     [True, True, False],
                     [True, False, True]])
    cos = np.array([[1.0, 0.9, 0.8],
                    [0.9, 1.0, 0.5],
                    [0.8, 0.5, 1.0]], dtype=np.float32)
    return PairTable(order=[0, 1, 2], cos=cos, same=same, scores=cos.copy())


def test_reading_order_without_origins():
    # greedy in reading order: 1 joins 0 first and 2 cannot join them
    assert table_facts(_table(), [0, 1, 2]) == [[0, 1], [2]]


def test_statement_confirmed_by_another_origin_goes_first():
    origin = {0: 10, 1: 10, 2: 20}
    groups = table_facts(_table(), [0, 1, 2], origin)
    assert [0, 2] in groups  # the agreement across the two origins
    assert groups == [[0, 2], [1]]


def test_groups_stay_complete_linkage():
    table = _table()
    for origin in ({0: 10, 1: 10, 2: 20}, {0: 10, 1: 20, 2: 30}, {0: 10, 1: 20, 2: 20}):
        for group in table_facts(table, [0, 1, 2], origin):
            assert all(table.same[a, b] for a in group for b in group)
