"""A statement printed alike in several articles (wire versions, copies) is answered once per pair by the position
rules (`twin_key`): the key must hold everything the rules read and nothing of where the sentence stands. The
texts are written for the test."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import numpy as np

from newsprism.extract.frame import Frame, twin_key
from newsprism.model import Claim, Figure, Span, TimeExpr
from newsprism.story.aspects import AspectParams, pair_table, same_position

P = AspectParams()
TEXT = "The council fined the ferry company $5,000 on Tuesday."


def _fined(aid: int, at: int, value: float = 5000, day: str = "2025-03-04", sentence: int = 0,
           text: str = TEXT) -> Frame:
    """The sentence at offset ``at`` of article ``aid``; its figure and date spans placed inside it."""
    span = Span(aid, at, at + len(text))
    money = Figure(span=Span(aid, at + 36, at + 42), value=value, unit="USD", kind="money", counts="company")
    tuesday = TimeExpr(span=Span(aid, at + 46, at + 53), value=day, granularity="day")
    claim = Claim(id=f"a{aid}-c{sentence}", span=span, sentence_index=sentence, entities=("e1",), figures=(money,),
                  times=(tuesday,), predicate="fine")
    return Frame(claim=claim, text=text, content=span, content_text=text, lemmas=frozenset({"council", "fine"}),
                 families=frozenset(), subject="e1", subject_text="The council", verb="fine", obj="company")


def test_twin_key_ignores_where_the_sentence_stands():
    assert twin_key(_fined(1, 0)) == twin_key(_fined(2, 380, sentence=7))


def test_twin_key_tells_apart_what_a_rule_can_read():
    base = twin_key(_fined(1, 0))
    assert twin_key(_fined(2, 0, value=5200)) != base  # another figure
    assert twin_key(_fined(2, 0, day="2025-03-05")) != base  # another day
    assert twin_key(replace(_fined(2, 0), hypothetical=True)) != base
    assert twin_key(replace(_fined(2, 0), claim=replace(_fined(2, 0).claim, polarity="negated"))) != base
    # the same figure placed elsewhere in the sentence is another reading (a rule may read where it stands)
    moved = _fined(2, 0)
    fig = replace(moved.claim.figures[0], span=Span(2, 10, 16))
    assert twin_key(replace(moved, claim=replace(moved.claim, figures=(fig,)))) != base


def test_pair_table_answers_twins_as_the_rules_do_pair_for_pair():
    # wire versions: one sentence in three articles, a version with another figure, another with another day
    frames = [_fined(1, 0), _fined(2, 120, sentence=3), _fined(3, 40, sentence=1), _fined(4, 0, value=9000),
              _fined(5, 0, day="2025-03-11"), _fined(6, 200, value=9000, sentence=5)]
    rng = np.random.default_rng(3)
    vectors = np.repeat(rng.normal(size=(1, 16)), len(frames), axis=0) + 0.05 * rng.normal(size=(len(frames), 16))
    # the verbatim copies embed alike; so, to the embedder, does the version that changed only the figure
    vectors[1] = vectors[2] = vectors[3] = vectors[0]
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    table = pair_table(list(range(len(frames))), frames, vectors, P)
    cos = (vectors @ vectors.T).astype(np.float64)
    for i, j in combinations(range(len(frames)), 2):
        assert bool(table.same[i, j]) is same_position(frames[i], frames[j], float(cos[i, j]), P), (i, j)
    assert table.same[0, 1] and table.same[0, 2]  # the copies say the same
    assert not table.same[0, 3] and table.same[3, 5]  # another value of one counted thing never; its twin does
