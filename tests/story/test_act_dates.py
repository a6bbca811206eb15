"""When an act was done (extract.act_dates) and the divergence of one act dated on days that do not meet
(compare.date_conflicts): the date must be the act's own, the act done once, the sides independent."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.extract.claims import extract_frames
from newsprism.model import Article
from newsprism.pipeline import extract

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def when(models):
    def of(text: str) -> list[list[str]]:
        facts, doc = extract(Article(id=1, text=text, source="-", published=dt.date(2025, 11, 27)), models)
        return [[t.value for t in f.when] for f in extract_frames(facts, doc) if not f.inner]

    return of


def test_act_dates_only_the_dates_hung_on_a_verb_told_as_done(when):
    assert when("On November 19, the frigate Tarvos sank a trawler off Delmore.") == [["2025-11-19"]]
    assert when("Mara Lind entered the Halden Clinic on Tuesday.") == [["2025-11-25"]]  # a name takes no date
    # the traps: another act's date (a noun's), a bound, and a plan
    assert when("The frigate Tarvos sank a trawler in its third strike since its deployment on November 2.") == [[]]
    assert when("By 1958, Mara Lind had left the stage.") == [[]]
    assert when("The frigate Tarvos will visit Delmore on Friday.") == [[]]


def _temporal(texts: dict[int, str], models) -> list[dict]:
    from consolidation_helpers import written_report

    return [d for d in written_report(texts, models, dt.date(2025, 11, 25))["divergences"] if d["type"] == "temporal"]


def test_date_conflicts_one_act_dated_on_two_days_by_two_origins(models):
    found = _temporal({
        1: "The navy said it had cleared the shipping lane. On November 18, the frigate Tarvos sank the trawler "
           "Ekawat after a gunbattle. No sailors were hurt.",
        2: "Pirates have been active off the coast for months. The frigate Tarvos sank the trawler Ekawat on "
           "November 19, officials said. The crew escaped in a skiff.",
    }, models)
    assert len(found) == 1
    sides = {p["article"]: p["value"] for p in found[0]["positions"]}
    assert sides == {1: "November 18", 2: "November 19"}


@pytest.mark.parametrize("one,other", [
    # one origin tells the act twice: two visits, not a contested date
    ("The frigate Tarvos visited the port of Delmore on May 3. Tarvos visited Delmore again on June 9.",
     "The frigate Tarvos visited Delmore on July 1."),
    # another origin tells it as a repeat
    ("The frigate Tarvos visited Delmore on May 3.", "The frigate Tarvos visited Delmore again on July 1."),
    # the same day written alike
    ("The frigate Tarvos sank the trawler Ekawat on November 19.",
     "On November 19, the frigate Tarvos sank the trawler Ekawat."),
    # another doer: not one act
    ("The frigate Tarvos sank the trawler Ekawat on November 18.",
     "The frigate Orlan sank the trawler Ekawat on November 19."),
])
def test_date_conflicts_acts_told_twice_alike_or_by_others_are_not_contested(models, one, other):
    assert _temporal({1: f"The navy patrols the coast. {one} No sailors were hurt.",
                      2: f"Pirates have been active for months. {other} The crew escaped."}, models) == []
