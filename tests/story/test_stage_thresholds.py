"""The alignment, comparison and origin thresholds are settings: a changed value changes what the stage decides
(short texts written for the test)."""

from __future__ import annotations

import pytest

from newsprism.extract.claims import extract_frames
from newsprism.model import Article
from newsprism.pipeline import extract
from newsprism.settings import Settings
from newsprism.story.align import relate
from newsprism.story.compare import numeric_conflict
from newsprism.story.independence import shared_sentences


@pytest.fixture(scope="module")
def facts_and_frame(models):
    def one(text: str, aid: int):
        facts, doc = extract(Article(id=aid, text=text, source=f"t-{aid}", outlet=f"Outlet {aid}"), models)
        return facts, extract_frames(facts, doc)[0]

    return one


def test_same_fact_and_related_thresholds(facts_and_frame):
    _, a = facts_and_frame("The council approved the new budget for the harbour on Monday evening.", 1)
    _, b = facts_and_frame("Harbour fees rose sharply last spring, a spokeswoman for the port said.", 2)
    assert relate(a, b, 0.5) == "related"
    assert relate(a, b, 0.5, Settings(related_sim=0.6)) is None
    assert relate(a, b, 0.5, Settings(same_fact_sim=0.45)) == "same"


def test_numeric_conflict_similarity_threshold(facts_and_frame):
    _, a = facts_and_frame("A storm in the valley destroyed two bridges, the mayor said.", 1)
    _, b = facts_and_frame("A storm in the valley destroyed five bridges, the mayor said.", 2)
    assert numeric_conflict(a, b, 0.7) is not None
    assert numeric_conflict(a, b, 0.7, Settings(numeric_conflict_sim=0.8)) is None


def test_shared_sentences_minimum_length(facts_and_frame):
    text = "The mayor opened the rebuilt bridge.\nTraffic resumed on Friday morning after the works ended."
    fa, _ = facts_and_frame(text, 1)
    fb, _ = facts_and_frame(text, 2)
    assert len(shared_sentences([fa, fb], 0.6)[(1, 2)]) == 2
    assert len(shared_sentences([fa, fb], 0.6, min_words=Settings(origin_min_sentence_words=7)
                                .origin_min_sentence_words)[(1, 2)]) == 1


def test_threshold_settings_are_checked():
    from newsprism.errors import ConfigError

    with pytest.raises(ConfigError):
        Settings(same_fact_sim=1.5)
    with pytest.raises(ConfigError):
        Settings(unique_per_article=0)
