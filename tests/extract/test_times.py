"""Time expressions: found in real parses and resolved against the publication date by the news rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsprism.model import Article, Story
from newsprism.pipeline import parse
from newsprism.extract.times import find_times

FRIDAY = dt.date(2022, 11, 11)
GOLD = Path(__file__).resolve().parents[1] / "gold" / "kherson" / "times.json"


def times_of(models, text: str, published: dt.date | None = FRIDAY):
    article = Article(id=1, text=text, source="-", published=published)
    facts, doc = parse(article, models)
    found = find_times(facts, doc, models).times
    return {text[t.span.start:t.span.end]: t for t in found}


@pytest.mark.parametrize(("text", "surface", "value", "granularity"), [
    ("Reznikov told Reuters on Thursday that the pullout would take time.", "Thursday", "2022-11-10", "day"),
    ("The Kremlin remained defiant on Friday.", "Friday", "2022-11-11", "day"),
    ("Talks will resume on Monday in Geneva.", "Monday", "2022-11-14", "day"),
    ("A flag flew over the square for the first time since early March.", "early March", "2022-03", "month"),
    ("Troops finished withdrawing at 5am local time.", "5am local time", "2022-11-11T05:00", "time"),
    ("There were indications on Thursday night that forces were closer.", "Thursday night", "2022-11-10TNI",
     "part_of_day"),
    ("A rocket attack killed two civilians overnight, officials said.", "overnight", "2022-11-10TNI", "part_of_day"),
    ("In late October, the government said more bodies had been found.", "late October", "2022-10", "month"),
    ("The peninsula was seized in 2014.", "2014", "2014", "year"),
    ("He said it will take at least one week to withdraw.", "at least one week", "P1W", "duration"),
])
def test_times_resolves_news_expressions(models, text, surface, value, granularity):
    found = times_of(models, text)
    assert surface in found, sorted(found)
    assert found[surface].value == value
    assert found[surface].granularity == granularity


def test_times_keeps_modifiers_and_durations(models):
    found = times_of(models, "It will take at least one week, and talks begin in early March.")
    assert found["at least one week"].kind == "duration"
    assert found["at least one week"].mod == "at least"
    assert found["early March"].mod == "start"
    assert found["early March"].value == "2023-03"  # a future verb takes the coming March


def test_times_yesterday_takes_the_named_weekday(models):
    found = times_of(models, "Forces began withdrawing yesterday (Wednesday), the report said.")
    assert found["yesterday"].value == "2022-11-09"
    assert found["Wednesday"].value == "2022-11-09"


def test_times_quote_deixis_uses_the_speech_date(models):
    text = 'In his nightly address late on November 10, Zelenskiy said: "Today we have good news from the south."'
    found = times_of(models, text)
    assert found["late on November 10"].value == "2022-11-10"
    assert found["late on November 10"].mod == "end"
    assert found["Today"].value == "2022-11-10"  # said on the 10th, not the publication day


def test_times_event_anchored_duration_stays_a_duration(models):
    found = times_of(models, "The withdrawal came six weeks after Putin annexed the region.")
    assert found["six weeks"].value == "P6W"
    assert found["six weeks"].anchored == "none"


def test_times_refuses_ages_and_counts(models):
    text = ("Nadiia Nizarenko, 85, spoke to reporters. Svitlana, her 63-year-old daughter, agreed. "
            "The city had a pre-war population of 280,000.")
    assert times_of(models, text) == {}


def test_times_undated_article_keeps_relative_values_underspecified(models):
    found = times_of(models, "Reznikov told Reuters on Thursday. Crimea was seized in 2014.", published=None)
    assert found["Thursday"].value == "XXXX-WXX-4"
    assert found["Thursday"].anchored == "none"
    assert found["2014"].value == "2014"
    assert found["2014"].anchored == "absolute"


def test_times_anchor_says_where_the_date_came_from(models):
    found = times_of(models, "The Kremlin remained defiant on Friday.")
    assert found["Friday"].anchored == "published"


def test_times_example_story_against_gold(models, kherson_articles):
    """The pinned baseline on the hand gold: resolved dates recall >= 0.9 (the issue's bar)."""
    from newsprism.evaluation.gold_times import score
    from newsprism.report import build_report, check_evidence, validate
    from newsprism.story.pubdates import infer_publication_dates

    facts = []
    for article in kherson_articles:
        f, doc = parse(article, models)
        facts.append(find_times(f, doc, models))
    story = infer_publication_dates(Story(articles=tuple(kherson_articles), facts=tuple(facts)), models)
    report = build_report(story)
    validate(report)
    assert check_evidence(report) == []
    scores = {s.feature: s for s in score(report, json.loads(GOLD.read_text("utf-8")))}
    assert scores["times.value"].recall >= 0.95
    assert scores["times.value"].precision >= 0.95
    assert scores["times.span"].precision >= 0.95
    assert scores["times.published_inferred"].recall == 1.0
    assert scores["times.non_temporal_refused"].precision == 1.0


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Three doctors were shot between 1994 and 1997.", dt.date(1999, 5, 7), {"1994": "1994", "1997": "1997"}),
    ("The vote is set for Saturday, April 25.", dt.date(1998, 4, 24), {"Saturday, April 25": "1998-04-25"}),
    ("The company said its third-quarter earnings will be lower.", dt.date(1989, 10, 30),
     {"third-quarter": "1989-Q3"}),
    ("Profit rose in the third quarter ended Sept. 30.", dt.date(1989, 11, 2),
     {"the third quarter": "1989-Q3", "Sept. 30": "1989-09-30"}),
    ("The offer had been set to expire Nov. 6.", dt.date(1989, 11, 2), {"Nov. 6": "1989-11-06"}),
    ("Growth slowed in recent months.", dt.date(1998, 2, 6), {"recent months": "PXM"}),
    ("It may take a few days.", dt.date(1998, 2, 6), {"a few days": "PXD"}),
    ("Castro said the group would leave at noon Thursday.", dt.date(2000, 4, 3), {"noon Thursday": "2000-04-06T12:00"}),
])
def test_times_general_rules_beyond_the_example(models, text, published, expected):
    found = times_of(models, text, published)
    assert {k: found[k].value for k in expected if k in found} == expected, sorted(found)


@pytest.mark.parametrize("surface, value", [("today", "XXXX-XX-XX"), ("July", "XXXX-07"), ("last week", None),
                                            ("November 9, 2022", "2022-11-09"), ("March 2022", "2022-03")])
def test_times_without_reference_date_never_invent_one(models, surface, value):
    """With no publication date, only what reads the same against any date gets a value; the rest stays masked."""
    from newsprism.extract.times import resolve

    got = resolve(surface, None, "past", models)
    if value is None:
        assert got is None or got.start is None
    else:
        assert got is not None and got.value == value
        assert (got.start is None) == ("X" in value)


@pytest.mark.parametrize("surface, tense, value", [
    ("July", "past", "2016-07"), ("July", "future", "2017-07"), ("September", "past", "2016-09"),
    ("January", "unknown", "2017-01"), ("five years", "past", "P5Y"), ("90 minutes", "past", "PT90M"),
    ("last week", "past", "2016-W36"), ("2012", "past", "2012")])
def test_times_calendar_rules_match_the_recogniser_choice(models, surface, tense, value):
    """Month names, counted durations and calendar units by arithmetic: the tense picks a month's year."""
    from newsprism.extract.times import resolve

    assert resolve(surface, dt.date(2016, 9, 15), tense, models).value == value


@pytest.mark.parametrize(("text", "surface"), [
    ("That's not the case today.", "today"),
    ("Today, under the national programme, every child gets a free meal.", "Today"),
    ("In 1990, only a few families owned a car. Today, most do.", "Today"),
    ("Prices are higher today than they were a decade ago.", "today"),
    ("Few towns had a doctor a century ago. Today, nearly all of them have a clinic.", "Today"),
    ("Today's young voters care about climate.", "Today"),
    ("The old struggles, even today, divide the streets of the city.", "today"),
    ("A merchant bought the bridge in the spring. Today, it is owned by a charity.", "Today"),
    ("Many of today's small cars run on batteries.", "today"),
])
def test_times_generic_today_gets_no_date(models, text, surface):
    """"today" meaning nowadays (present tense with a sign of the general present) is PRESENT_REF: no day."""
    t = times_of(models, text)[surface]
    assert (t.value, t.start, t.end) == ("PRESENT_REF", None, None)


@pytest.mark.parametrize(("text", "surface"), [
    ("The minister said today that the plan would go ahead.", "today"),
    ("The summit opens today in Brussels.", "today"),
    ("Markets are down sharply today.", "today"),
    ("The company is meeting investors today.", "today"),
    ("He arrived on Monday and left today.", "today"),
    ("Today's vote was delayed.", "Today"),
    ("“Today, I'm here to tell you we have our suspect,” the agent said.", "Today"),
    ("Today is a sad day for the city.", "Today"),
    ("I know about the stories today.", "today"),
])
def test_times_deictic_today_keeps_its_date(models, text, surface):
    t = times_of(models, text)[surface]
    assert (t.value, t.start) == ("2022-11-11", FRIDAY)


@pytest.mark.parametrize("text", [
    "The poll was first published by USA Today and later by others.",
    "This is VOA Today.",
    "The senator told NBC’s “Today” show that he would run.",
])
def test_times_today_in_a_name_is_no_time(models, text):
    """A capitalised "Today" inside a sentence, after a name, names a paper or a show."""
    assert not [t for t in times_of(models, text) if "today" in t.lower()]


def test_times_today_opening_a_sentence_or_a_title_case_headline_stays_a_day(models):
    for text, surface in [("The polls are closed. Today the count begins.", "Today"),
                          ("Senate Votes Today On Budget", "Today")]:
        assert times_of(models, text)[surface].value == "2022-11-11"


@pytest.mark.parametrize("tense", ["past", "present", "future", "unknown"])
@pytest.mark.parametrize("mod", [None, "start"])
def test_times_undated_own_rules_read_as_the_recogniser(models, tense, mod):
    """Without a reference date, a bare month or today / yesterday / tomorrow is read at the two probe dates by the
    module's own calendar rules instead of the recogniser: the masked reading must be the recogniser's exactly."""
    from newsprism.extract import times as T

    words = [*T._MONTHS, "today", "yesterday", "tomorrow", "2012", "five years", "november 11", "nov. 11, 2022",
             "3rd of may"]
    for word in words:
        mine = T._resolve_recognizer(word, word, None, tense, models, mod)
        probes = [T._resolve_recognizer(word, word, probe, tense, models, mod) for probe in T._PROBES]
        assert all(p is not None for p in probes), word
        masked = T._masked_reading(probes[0], probes[1])
        assert mine == masked, (word, mine, masked)
    assert T._own_probe_readings("february", tense, mod)[0] is not None  # no recogniser call for these


def test_times_last_this_next_unit_is_calendar_arithmetic(models):
    """"last month" / "this week" / "next year" are counted from the reference date by the stage's own rules (the
    recogniser reads "last month" on 31 December as December)."""
    from newsprism.extract.times import resolve

    ref = dt.date(2020, 12, 31)
    assert resolve("last month", ref, "past", models).value == "2020-11"
    assert resolve("next year", ref, "future", models).value == "2021"
    week = resolve("this week", dt.date(2022, 11, 11), "past", models)
    assert (week.value, week.start, week.end) == ("2022-W45", dt.date(2022, 11, 7), dt.date(2022, 11, 13))
    assert resolve("several years", ref, "past", models).granularity == "duration"  # still the recogniser's


def _ordinal(day: int) -> str:
    return "th" if day in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def test_times_calendar_days_read_as_the_recogniser(models):
    """Calendar days are resolved by the stage's own arithmetic: on random days, forms, reference dates and
    tenses, exactly what the recogniser's readings give (the choice of year included)."""
    import random

    from newsprism.extract import times as T
    from newsprism.lexicon.calendar import MONTHS

    rng = random.Random(5)
    forms = ["{M} {d}", "{M} {d}, {y}", "{d} {M} {y}", "{d} {M}", "{m}. {d}", "{M} {d}{o}", "{m}. {d}, {y}",
             "{d}{o} of {M}", "{M} {d} {y}"]
    checked = 0
    while checked < 150:
        month, day, year = rng.randint(1, 12), rng.randint(1, 31), rng.randint(1990, 2030)
        name = MONTHS[month - 1]
        low = rng.choice(forms).format(M=name, m="sept" if month == 9 else name[:3], d=day, y=year, o=_ordinal(day))
        ref = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 11000))
        tense = rng.choice(["past", "present", "future", "unknown"])
        mine = T._resolve_month_day(low, ref, tense)
        if mine is None:  # an impossible day: left to the recogniser
            continue
        assert mine == T._resolve_recognizer(low, low, ref, tense, models, None), (low, ref, tense)
        checked += 1
    assert T._resolve_month_day("november 3th", dt.date(2022, 11, 11), "past") is None
    assert T._resolve_month_day("february 29", dt.date(2022, 11, 11), "past") is None


@pytest.mark.parametrize("surface, tense, value", [
    ("November 11", "past", "2022-11-11"), ("Nov. 10", "past", "2022-11-10"), ("January 5", "future", "2023-01-05"),
    ("January 5", "past", "2022-01-05"), ("December 1", "unknown", "2022-12-01"),  # the nearer
    ("Veterans Day", "past", "2022-11-11"), ("Christmas", "past", "2021-12-25"), ("Christmas", "future", "2022-12-25"),
    ("5am", "past", "2022-11-11T05:00"), ("three weeks ago", "past", "2022-10-21"), ("two years ago", "past", "2020"),
])
def test_times_read_against_the_report_day(models, surface, tense, value):
    """Calendar days by tense, holidays, clock times and counts back, in a report of 11 November 2022."""
    from newsprism.extract.times import resolve

    assert resolve(surface, dt.date(2022, 11, 11), tense, models).value == value


def test_times_modifier_kept_and_calendar_day_without_a_reference(models):
    from newsprism.extract.times import resolve

    assert resolve("about 5am", dt.date(2022, 11, 11), "past", models).mod == "approx"
    undated = resolve("November 11", None, "past", models)
    assert (undated.value, undated.relative) == ("XXXX-11-11", True)
    assert resolve("9 November 2022", None, "past", models).value == "2022-11-09"


def test_times_holidays_clock_times_and_counts_back_read_as_the_recogniser(models):
    """Fixed-date holidays, clock times and "N days/weeks/months/years ago" are resolved by the stage's own
    arithmetic: on random reference dates and tenses, exactly what the recogniser's readings give."""
    import random

    from newsprism.extract import times as T
    from newsprism.lexicon.calendar import FIXED_HOLIDAYS

    rng = random.Random(11)
    clocks = ["5am", "5 am", "5 a.m.", "11 p.m.", "12 a.m.", "12:30 p.m.", "5:05 pm", "05:30am", "12:45 a.m.", "7 a.m"]
    counts = ["a", "one", "two", "three", "ten", "twelve", "twenty", "2", "7", "15", "40"]
    phrases = [*FIXED_HOLIDAYS, *clocks,
               *(f"{c} {u}{'' if c in ('a', 'one') else 's'} ago" for c in counts
                 for u in ("day", "week", "month", "year"))]
    for low in phrases:
        for _ in range(4):
            ref = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randint(0, 12000))
            ref = ref.replace(day=min(ref.day, 28))  # the recogniser rolls "a month ago" on the 31st into the 1st
            tense = rng.choice(["past", "present", "future", "unknown"])
            mine = T._resolve_dated_phrase(low, ref, tense)
            assert mine is not None, low
            assert mine == T._resolve_recognizer(low, low, ref, tense, models, None), (low, ref, tense)
    # undated: the masked probe readings, as the recogniser's
    for low in ("veterans day", "5am", "a month ago"):
        probes = [T._resolve_recognizer(low, low, p, "past", models, None) for p in T._PROBES]
        assert T._resolve_recognizer(low, low, None, "past", models, None) == T._masked_reading(*probes)
    # counted back from a day the shorter month lacks: its last day
    back = T._resolve_dated_phrase("a month ago", dt.date(2022, 3, 31), "past")
    assert (back.value, back.start) == ("2022-02", dt.date(2022, 2, 28))
    assert T._resolve_dated_phrase("13pm", dt.date(2022, 3, 1), "past") is None  # left to the recogniser
    assert T._resolve_dated_phrase("a dozen years ago", dt.date(2022, 3, 1), "past") is None


def test_n_units_later_counts_from_the_text_never_from_the_report(models):
    """"six years later" follows an event the text told, not the day of the report: no date six years after
    publication, a span of time; counted from its sentence's own day where it names one."""
    crowned = times_of(models, "The hymn was sung at her wedding in 1947 and at her coronation six years later.")
    assert crowned["six years later"].value == "P6Y" and crowned["six years later"].start is None
    released = times_of(models, "Police arrested the driver on Monday, June 5, 2023, and released him two days later.")
    assert released["two days later"].start == dt.date(2023, 6, 7)
    assert released["two days later"].granularity == "day"


def test_is_set_to_schedules_the_act_whatever_its_participle(models):
    """"On Thursday, the bank is set to raise rates" (a Tuesday report): the coming Thursday, not the last one."""
    tuesday = dt.date(2022, 11, 8)
    found = times_of(models, "On Thursday, the central bank is set to raise its main interest rate.", tuesday)
    assert found["Thursday"].value == "2022-11-10"


def test_a_decade_with_its_s_is_no_date_in_its_first_year(models):
    """"between the 1930s and …": the decade 193x, never the year 1930."""
    found = times_of(models, "The film told her story between the 1930s and the end of her career.", dt.date(2008, 12, 12))
    assert "1930" not in found and found["1930s"].value == "193" and found["1930s"].start is None


def test_a_bare_month_abbreviation_before_a_day_and_a_year_is_a_date(models):
    """A dateline "TNN Nov 12, 2011, 05.51AM IST" (no full stop after "Nov"): the day, not only its year."""
    found = times_of(models, "TNN Nov 12, 2011, 05.51AM IST MUMBAI: A warship on Thursday stopped three boats.", None)
    stamp = next(t for surface, t in found.items() if surface.startswith("Nov 12, 2011"))
    assert stamp.value.startswith("2011-11-12")  # with its clock time where that is read too


def test_a_clock_time_with_a_full_stop_is_read_whole(models):
    """"as at 11.15am Singapore time": 11:15, not "15am" read as 03:00."""
    found = times_of(models, "Shares were down 1.6 per cent as at 11.15am Singapore time.", FRIDAY)
    assert "15am" not in found and found["11.15am"].value == "2022-11-11T11:15"


def test_a_year_that_ends_the_name_of_a_law_is_no_time(models):
    """"under the Fire Safety Order 2005" names a law; "the act was passed in 1998" dates an event."""
    assert not times_of(models, "Shops must follow the Regulatory Reform (Fire Safety) Order 2005.", FRIDAY)
    assert times_of(models, "The act was passed in 1998.", FRIDAY)["1998"].value == "1998"
