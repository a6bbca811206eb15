"""The summary states a divergence only when it is sure of it, and never joins clauses about different subjects
(issue 10). The hand-built story of the renderer tests, with its divergences changed one slot at a time."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))

import pytest  # noqa: E402

from handmade import handmade_story  # noqa: E402
from newsprism.story.summary import summarise  # noqa: E402


def _divergence_sentences(story):
    return [s for s in summarise(story, None).summary if s.kind == "divergence"]


def test_summary_states_a_confident_divergence():
    assert _divergence_sentences(handmade_story())


def test_summary_leaves_out_a_divergence_it_is_not_sure_of():
    story = handmade_story()
    story = replace(story, divergences=tuple(replace(d, confidence=0.6) for d in story.divergences))
    assert not _divergence_sentences(story)


@pytest.mark.parametrize("kind", ["claim", "numeric"])
def test_summary_never_joins_two_sides_about_different_subjects(kind):
    # (a temporal divergence is of one event, whoever each sentence names first: the example's "finished by 5 am"
    # / "at least a week" is stated, tests/story/test_summary.py)
    # a count told inside a clause about something else ("part of the crowd became unruly"; while "police
    # intervened … where he was shot 11 times") is as far from one question as two claims of different subjects
    story = handmade_story()
    d = story.divergences[0]
    claim = replace(d, type=kind, positions=(replace(d.positions[0], subject="bridge"),
                                                replace(d.positions[1], subject="ferry")))
    same = replace(claim, positions=tuple(replace(p, subject="bridge") for p in claim.positions))
    assert not _divergence_sentences(replace(story, divergences=(claim,)))
    assert _divergence_sentences(replace(story, divergences=(same,)))


def test_summary_divergence_sides_stand_alone():
    # a side that opens on a pronoun ("They also said 40,000 troops …") leans on the sentence its article put
    # before it; in the summary that pronoun would take another subject, so the divergence is not a sentence of it
    story = handmade_story()
    first = story.article(1)
    leaning = replace(first, text=first.text.replace("Officials said 40,000", "They also said 40,000"))
    assert len(leaning.text) == len(first.text)  # the same spans
    numeric = tuple(d for d in story.divergences if d.type == "numeric")
    assert _divergence_sentences(replace(story, divergences=numeric))
    story = replace(story, divergences=numeric,
                    articles=tuple(leaning if a.id == 1 else a for a in story.articles))
    assert not _divergence_sentences(story)
