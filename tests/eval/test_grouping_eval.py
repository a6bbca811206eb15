"""The grouping evaluation's rows: newsprism with both embedders, as the store runs it, without embeddings, and the
tuned baseline, each scored per split."""

from __future__ import annotations

import datetime as dt

import numpy as np

from newsprism.evaluation.grouping import StreamDoc, evaluate_stream

D = dt.date(2025, 3, 4)
DOCS = [StreamDoc(i, title, text, D, gold, split) for i, (title, text, gold, split) in enumerate([
    ("Floods kill 12 in Valencia", "Flash floods killed 12 people in Valencia on Tuesday.", "flood", "A"),
    ("Valencia flood toll rises", "The death toll from the Valencia floods rose to 12.", "flood", "A"),
    ("Dock strike in Rotterdam", "Dock workers in Rotterdam began a strike over pay.", "strike", "B"),
    ("Rotterdam dockers walk out", "Dock workers at Rotterdam walked out in a pay dispute.", "strike", "B"),
])]


def _embed(calls):
    def embed(texts):
        calls.extend(texts)
        rows = np.array([[1.0, 0.2] if "lood" in t else [0.2, 1.0] for t in texts], np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return embed


def test_grouping_evaluation_reports_the_stored_grouping_beside_the_others():
    scores = evaluate_stream(DOCS, ["all"], _embed([]), embed_xl=_embed([]))
    systems = {s.feature.split(": ", 1)[1] for s in scores}
    assert {"newsprism", "newsprism as stored", "newsprism, no embeddings"} <= systems
    assert any(name.startswith("tf-idf baseline") for name in systems)
    assert {s.feature.split(":")[0] for s in scores} == {"split A", "split B", "split all"}
    assert all(0.0 <= s.precision <= 1.0 and 0.0 <= s.recall <= 1.0 for s in scores)
