"""The reasons given for one actor's acts are answers to one question ("why did X do it?"): two aims of one actor
read closer in the aspects' similarity (``aim_weight``); whether they give the same reason is the positions' job.

Short texts written for these tests; cosines set by hand."""

from __future__ import annotations

import numpy as np

from newsprism.extract.frame import Frame
from newsprism.model import Claim, Span
from newsprism.story.aspects import AspectParams, group_aspects

P = AspectParams()


def _frame(aid: int, text: str, subject: str, subject_text: str, aim: bool = True) -> Frame:
    span = Span(aid, 0, len(text))
    claim = Claim(id=f"a{aid}-c1", span=span, sentence_index=0, predicate=None if aim else "order")
    return Frame(claim=claim, text=text, content=span, content_text=text, lemmas=frozenset(), families=frozenset(),
                 subject=subject, subject_text=subject_text, aim=aim)


def _vectors(gram: list[list[float]]) -> np.ndarray:
    """Unit vectors whose pairwise cosines are the given matrix."""
    w, v = np.linalg.eigh(np.asarray(gram, dtype=np.float64))
    return (v * np.sqrt(np.clip(w, 0, None))).astype(np.float32)


FRAMES = [
    _frame(1, "Governor Ada Velt ordered checks of every truck", "e1", "Governor Ada Velt", aim=False),
    _frame(2, "to curb the smuggling of fuel", "e1", "Ada Velt"),
    _frame(3, "in an effort to stop traffickers", "governor", "the governor"),
    _frame(4, "to protest the checks at the bridge", "e2", "the truckers' union"),
    _frame(5, "to cut the cost of the ferry", "e1", "Ada Velt"),
]
COS = [[1.0, 0.3, 0.3, 0.3, 0.3],
       [0.3, 1.0, 0.52, 0.52, 0.2],
       [0.3, 0.52, 1.0, 0.52, 0.2],
       [0.3, 0.52, 0.52, 1.0, 0.2],
       [0.3, 0.2, 0.2, 0.2, 1.0]]


def test_aim_aspects_the_reasons_of_one_actor_are_one_question():
    # the governor's two reasons, under another name each, at a moderate cosine: one aspect; the statement of the
    # act stays with the statements
    groups = group_aspects(FRAMES, _vectors(COS), P, actors=[None, "e1", "e1", "e2", "e1"])
    assert [1, 2] in groups and [0] in groups


def test_aim_aspects_another_actor_and_an_unrelated_reason_stay_apart():
    # trap: the truckers' reason is no answer to why the governor acted, however close it reads; a reason of the
    # governor's that reads far from the others ("to cut costs") is another question
    groups = group_aspects(FRAMES, _vectors(COS), P, actors=[None, "e1", "e1", "e2", "e1"])
    assert [3] in groups and [4] in groups


def test_aim_aspects_without_actors_wording_alone_decides():
    assert all(len(g) == 1 for g in group_aspects(FRAMES, _vectors(COS), P))


def test_aim_aspects_one_question_two_reasons_stay_two_positions():
    # one aspect holds every reason of the act; "to cut costs" and "to protect the workers" are two answers to it
    from newsprism.story.aspects import same_position

    cut = _frame(1, "to cut the cost of the night shift", "e1", "Ada Velt")
    protect = _frame(2, "to protect the workers of the night shift", "e1", "Ada Velt")
    curb = _frame(3, "in an effort to curb the cost of the night shift", "e1", "Ada Velt")
    assert not same_position(cut, protect, 0.45, P)
    assert same_position(cut, curb, 0.65, P)
