"""An aspect only one origin speaks to is shown as that origin's answer (report version 3), after the shared ones."""

from __future__ import annotations

import numpy as np

from newsprism.extract.frame import Frame
from newsprism.model import Claim, Span
from newsprism.story.consolidate import build_aspects


def _frame(aid: int, start: int, text: str) -> Frame:
    span = Span(aid, start, start + len(text))
    claim = Claim(id=f"a{aid}-c{start}", span=span, sentence_index=0, speaker=None, speaker_entity=None,
                  entities=(), figures=(), times=(), predicate="extend", polarity="affirmed", modality="asserted")
    return Frame(claim=claim, text=text, content=span, content_text=text, lemmas=frozenset(), families=frozenset(),
                 subject="council", subject_text="The council")


def test_single_origin_aspect_listed_after_shared_ones():
    frames = [_frame(1, 0, "The council extended the permit."), _frame(2, 0, "The council extended the permit."),
              _frame(3, 0, "The council will vote again in May.")]
    vectors = np.eye(3, dtype=np.float32)
    origins = {1: 1, 2: 2, 3: 3}
    aspects = build_aspects(frames, vectors, [[0, 1], [2]], [[[0, 1]], [[2]]], origins, {0: 1.0, 1: 1.0, 2: 0.5},
                            [], {}, limit=10)
    assert [a.origins for a in aspects] == [(1, 2), (3,)]
    assert aspects[1].positions[0].origins == (3,)
    assert build_aspects(frames, vectors, [[0, 1], [2]], [[[0, 1]], [[2]]], origins, {}, [], {}, limit=1)[0].origins \
        == (1, 2)
