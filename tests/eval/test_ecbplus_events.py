"""ECB+ event-coreference scorer: reading CROMER XML and the pair logic on a hand-written two-document fixture in
ECB+'s format (tests/data/ecbplus, written for the test), then the whole path through the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.evaluation.ecbplus_events import (
    default_data_dir, evaluate, pairs_of, read_document, stories, validated,
)

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "ecbplus"
DOCS = sorted((FIXTURE / "1").glob("*.xml"))


def _read():
    return [(d.stem, *read_document(d)[:3]) for d in DOCS]


def test_document_text_sentences_and_event_instances():
    text, where, events, url = read_document(FIXTURE / "1" / "1_2ecb.xml")
    assert text.startswith("A ferry sank off Dover on Sunday, officials said. A fishing boat")
    a, b = where[1]
    assert text[a:b] == "A fishing boat rescued the twelve people on board."
    assert events == {0: {"ACT_SINK"}, 1: {"ACT_RESCUE"}} and url is None  # an ecb file has no page URL


def test_stories_are_topic_and_suffix_and_validated_sentences_are_read():
    assert [(s, len(d)) for s, d in stories(FIXTURE)] == [("1ecb", 2)]
    assert ("1_2ecb", 2) not in validated(FIXTURE) and ("1_1ecb", 2) in validated(FIXTURE)


def _report(groups_key: str, groups: list) -> dict:
    read = _read()
    return {"articles": [{"id": n + 1, "source": f"ecbplus:{name}", "text": text}
                         for n, (name, text, _, _) in enumerate(read)], groups_key: groups}


def _span(article: int, sentence: int) -> dict:
    name, text, where, _ = _read()[article - 1]
    a, b = where[sentence]
    return {"article": article, "start": a, "end": b, "text": text[a:b]}


def test_gold_pairs_share_an_event_and_system_pairs_share_an_aspect():
    report = _report("aspects", [{"positions": [{"evidence": [_span(1, 0)]}, {"evidence": [_span(2, 0)]}]},
                                 {"positions": [{"evidence": [_span(1, 2), _span(2, 1)]}]}])
    gold, system, placed, units, cross = pairs_of(_read(), validated(FIXTURE), report)
    assert gold == {(("1_1ecb", 0), ("1_2ecb", 0)), (("1_1ecb", 1), ("1_2ecb", 1))}
    # two positions of one aspect are still one aspect; the second aspect pairs a wrong couple
    assert system == {(("1_1ecb", 0), ("1_2ecb", 0)), (("1_1ecb", 2), ("1_2ecb", 1))}
    assert (placed, units, cross) == (4, 5, 6)


def test_without_aspects_agreements_and_divergences_are_the_groups():
    report = _report("agreements", [{"evidence": [_span(1, 1), _span(2, 1)]}])
    report["divergences"] = []
    _, system, *_ = pairs_of(_read(), validated(FIXTURE), report)
    assert system == {(("1_1ecb", 1), ("1_2ecb", 1))}


def test_fixture_runs_through_the_real_pipeline(models):
    scores = {s.feature: s for s in evaluate(FIXTURE, models)}
    assert scores["ecbplus-events/pairs"].gold == 2
    assert scores["ecbplus-events/placed"].detail["sentences"] == 5


DATA = default_data_dir()


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "ECBplus_coreference_sentences.csv").is_file(), reason=f"no ECB+ data at {DATA}")
def test_ecbplus_dev_first_story_runs(models):
    scores = {s.feature: s for s in evaluate(DATA, models, limit=1)}
    assert scores["ecbplus-events/pairs"].gold > 0


def test_numbers_split_by_the_corpus_tokens_are_one_number_again():
    from newsprism.evaluation.ecbplus_events import _detokenise

    words = "as many as 20 , 000 people , stocks fell 5 . 4 per cent at 8 : 13am on 8 / 2 / 2013 .".split()
    assert _detokenise(words) == "as many as 20,000 people, stocks fell 5.4 per cent at 8:13am on 8/2/2013."
    # a year then a count, and a date's day then its year, stay apart
    assert _detokenise("in 2010 , 200 people on March 2 , 2013".split()) == "in 2010, 200 people on March 2, 2013"
    # a height then a weight: the measure's last number is no thousands group
    assert _detokenise("he is 5 - foot - 8 , 135 pounds".split()) == "he is 5 - foot - 8, 135 pounds"
