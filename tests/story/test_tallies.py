"""Records and scores (figures of kind "tally") and the divergence of one participant's record told two ways
(compare.tally_holders, compare.tally_conflicts)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.model import Article
from newsprism.pipeline import extract

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def figures(models):
    def of(text: str) -> list[tuple[str, str]]:
        facts, _ = extract(Article(id=1, text=text, source="-"), models)
        return [(f.kind, f.span.text(facts.article)) for f in facts.figures]

    return of


def test_a_record_or_a_score_is_one_tally_not_two_counts(figures):
    assert figures("Mara Lind (24-3, 11 KOs) beat Ada Velt in Delmore.") == [("tally", "24-3"), ("count", "11")]
    assert figures("Rahm (45-7-2) lost again.") == [("tally", "45-7-2")]
    assert ("tally", "88-72") in figures("Friday's 88-72 loss in Delmore was the last straw.")
    # the traps: a rising pair is a range, a date is no tally
    assert [k for k, _ in figures("Some 10-20 people were hurt on 2008-12-09.")] == ["count"]


def _records(texts: dict[int, str], models) -> list[dict]:
    from consolidation_helpers import written_report

    return [d for d in written_report(texts, models)["divergences"]
            if d["type"] == "numeric" and "record" in d["explanation"]]


def test_one_participants_record_told_two_ways_is_a_divergence(models):
    found = _records({
        1: "The bout drew a full house in Delmore. Mara Lind (24-3, 11 KOs) beat Ada Velt on points on Saturday.",
        2: "Velt had not lost in two years. Champion Mara Lind, 25-3, stopped Ada Velt in the fifth round.",
    }, models)
    assert len(found) == 1
    assert {p["article"]: p["value"] for p in found[0]["positions"]} == {1: "24-3", 2: "25-3"}
    assert found[0]["question"].startswith("What record: “")


def test_a_record_one_origin_tells_as_it_changes_is_not_contested(models):
    # before and after the bout, in one article: the record moves on, neither side is wrong
    assert _records({
        1: "The bout drew a full house in Delmore. Mara Lind (23-3) met Ada Velt on Saturday. After the win, Mara "
           "Lind (24-3) said she would rest.",
        2: "Velt had not lost in two years. Champion Mara Lind (24-3, 11 KOs) beat Ada Velt on points.",
    }, models) == []
