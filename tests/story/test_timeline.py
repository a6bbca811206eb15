"""Timeline stage: hand-built stories for the rules, the example story for the must-show entries."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
from handmade import handmade_story, span  # noqa: E402

from newsprism.model import Article, ArticleFacts, Quote, Story, TimeExpr  # noqa: E402
from newsprism.extract.sentences import split_sentences  # noqa: E402
from newsprism.story.timeline import build_timeline, date_label, value_bounds  # noqa: E402


@pytest.fixture(scope="module")
def timeline():
    return build_timeline(handmade_story(), None).timeline


@pytest.mark.parametrize("value,granularity,mod,label", [
    ("2022-03", "month", "start", "early March 2022"),
    ("2022-09", "month", "end", "late September 2022"),
    ("2022-09", "month", None, "September 2022"),
    ("2022-11-10TEV", "part_of_day", None, "10 Nov 2022, evening"),
    ("2022-11-11T05:00", "time", None, "11 Nov 2022, 05:00"),
    ("2022-11-09", "day", None, "9 Nov 2022"),
    ("2014", "year", None, "2014"),
    ("2022-W45", "week", None, "week of 7 Nov 2022"),
    ("2022-11-09", "day", "approx", "about 9 Nov 2022"),
])
def test_timeline_label_at_its_own_granularity(value, granularity, mod, label):
    assert date_label(value, granularity, mod) == label


def test_timeline_value_bounds():
    assert value_bounds("2022-02") == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    assert value_bounds("2022-W45") == (dt.date(2022, 11, 7), dt.date(2022, 11, 13))
    assert value_bounds("PAST_REF") is None and value_bounds("P1W") is None


def test_timeline_merges_one_event_across_sources(timeline):
    nov9 = [t for t in timeline if t.value == "2022-11-09"]
    assert len(nov9) == 1
    assert sorted({s.article_id for s in nov9[0].evidence}) == [1, 2, 3]
    assert len(nov9[0].evidence) == 3


def test_timeline_keeps_background_apart(timeline):
    by_value = {t.value: t for t in timeline}
    assert by_value["2014"].background and by_value["2022-03"].background
    assert by_value["2022-03"].label == "early March 2022"
    assert not any(by_value[v].background for v in ("2022-11-09", "2022-11-10", "2022-11-11T05:00"))


def test_timeline_is_ordered_and_skips_durations(timeline):
    assert [t.value for t in timeline] == ["2014", "2022-03", "2022-11-09", "2022-11-10", "2022-11-11T05:00"]
    assert not any(t.value.startswith("P") for t in timeline)


def test_timeline_flags_dates_resting_on_an_inferred_publication_date(timeline):
    by_value = {t.value: t for t in timeline}
    assert by_value["2022-11-10"].inferred  # "Thursday" in the undated copy
    assert not by_value["2022-11-09"].inferred  # also given absolutely by dated sources


def test_timeline_links_the_temporal_divergence(timeline):
    story = handmade_story()
    end = next(t for t in timeline if t.value == "2022-11-11T05:00")
    assert end.divergence is not None and story.divergences[end.divergence].type == "temporal"
    assert all(t.divergence is None for t in timeline if t is not end)


def test_timeline_ignores_dates_inside_direct_quotes_and_non_story_lines():
    text = ('"We took the town today," the commander said on Monday.\n\nPhoto: taken on Monday (Reuters)')
    a = Article(1, text, "q.txt", published=dt.date(2023, 5, 3))
    d = dt.date(2023, 5, 1)
    facts = ArticleFacts(a, split_sentences(a), quotes=(Quote(span(a, "We took the town today,"), True, "the commander"),),
                         times=(TimeExpr(span(a, "today"), "2023-05-03", "day", start=dt.date(2023, 5, 3),
                                         end=dt.date(2023, 5, 3), anchored="published"),
                                TimeExpr(span(a, "Monday"), "2023-05-01", "day", start=d, end=d, anchored="published"),
                                TimeExpr(span(a, "Monday", 2), "2023-05-01", "day", start=d, end=d,
                                         anchored="published")))
    assert facts.sentences[1].kind != "story"
    out = build_timeline(Story(articles=(a,), facts=(facts,)), None).timeline
    assert [(t.value, t.evidence[0].start) for t in out] == [("2023-05-01", 0)]


def test_timeline_without_publication_dates_uses_the_latest_named_day():
    story = handmade_story()
    undated = tuple(replace(f, article=replace(f.article, published=None, published_inferred=None)) for f in story.facts)
    out = build_timeline(replace(story, facts=undated, articles=tuple(f.article for f in undated)), None).timeline
    assert {t.value for t in out if t.background} == {"2014", "2022-03"}


@pytest.mark.slow
def test_timeline_kherson_withdrawal_on_its_resolved_days(kherson_story):
    from newsprism.report import build_report

    report = build_report(kherson_story)
    wanted = {"2022-11-09": "announced it would withdraw", "2022-11-10": "began withdrawing troops",
              "2022-11-11T05:00": "finished withdrawing"}
    for value, words in wanted.items():
        hits = [t for t in report["timeline"] if t["value"] == value and not t["background"]
                and any(words in e["text"] for e in t["evidence"])]
        assert hits, f"no timeline entry on {value} for '{words}'"
    crimea = [t for t in report["timeline"] if t["value"] == "2014"]
    assert crimea and all(t["background"] for t in crimea) and crimea[0]["articles"] == [1, 4]


@pytest.mark.slow
def test_timeline_kherson_against_gold(kherson_story):
    import json

    from newsprism.evaluation.gold_timeline import score
    from newsprism.report import build_report

    gold = json.loads((Path(__file__).resolve().parents[1] / "gold/kherson/timeline.json").read_text("utf-8"))
    timeline, background = score(build_report(kherson_story), gold)
    assert timeline.precision >= 0.85 and timeline.recall >= 0.85, timeline.as_dict()
    assert background.precision >= 0.95, background.as_dict()


@pytest.mark.slow
def test_timeline_describes_each_date_by_its_own_clause(models):
    text = "On Monday, officials said the bridge, which was built in 1998, had collapsed into the river."
    a = Article(1, text, "b.txt", published=dt.date(2023, 5, 3))
    mon = dt.date(2023, 5, 1)
    facts = ArticleFacts(a, split_sentences(a), times=(
        TimeExpr(span(a, "Monday"), "2023-05-01", "day", start=mon, end=mon, anchored="published"),
        TimeExpr(span(a, "1998"), "1998", "year", start=dt.date(1998, 1, 1), end=dt.date(1998, 12, 31))))
    story = Story(articles=(a,), facts=(facts,))
    out = {t.value: t for t in build_timeline(story, models).timeline}
    assert out["1998"].background and not out["2023-05-01"].background
    assert out["1998"].evidence[0].text(a) == "the bridge, which was built in 1998"  # the clause with its noun
    assert out["2023-05-01"].evidence[0].text(a) == text


def _day(a: Article, text: str, value: str, n: int = 1) -> TimeExpr:
    d = dt.date.fromisoformat(value[:10])
    gran = "time" if "T" in value else "day"
    return TimeExpr(span(a, text, n), value, gran, start=d, end=d, anchored="published")


def test_timeline_ignores_dates_inside_wire_style_quotation_marks():
    # ``…'' quotes that the quote stage did not attribute: "today" is the speaker's, not the article's day
    text = "``Today, I'm here to tell you we have our suspect,'' the agent said on Tuesday."
    a = Article(1, text, "w.txt", published=dt.date(2023, 5, 5))
    facts = ArticleFacts(a, split_sentences(a), times=(_day(a, "Today", "2023-05-05"), _day(a, "Tuesday", "2023-05-02")))
    out = build_timeline(Story(articles=(a,), facts=(facts,)), None).timeline
    assert [t.value for t in out] == ["2023-05-02"]


def test_timeline_bare_clock_time_takes_its_sentences_day():
    # the time stage put "10:35 a.m." on the publication day; the sentence says Friday
    text = "The blast occurred at about 10:35 a.m. Friday, toppling a building."
    a = Article(1, text, "c.txt", published=dt.date(2023, 5, 6))
    facts = ArticleFacts(a, split_sentences(a), times=(_day(a, "10:35 a.m.", "2023-05-06T10:35"),
                                                       _day(a, "Friday", "2023-05-05")))
    out = build_timeline(Story(articles=(a,), facts=(facts,)), None).timeline
    assert [t.value for t in out] == ["2023-05-05T10:35"]
    assert out[0].label == "5 May 2023, 10:35"


def test_timeline_drops_clock_times_of_routines_and_of_days_counted_from_another_event():
    text = ("The show airs weekdays from 6:00 a.m. to 9:00 a.m. Eastern. "
            "A jogger saw the car at 6 a.m. 10 days before the murder. "
            "Troops finished withdrawing at 5am local time.")
    a = Article(1, text, "r.txt", published=dt.date(2023, 5, 6))
    facts = ArticleFacts(a, split_sentences(a), times=(
        _day(a, "6:00 a.m.", "2023-05-06T06:00"), _day(a, "9:00 a.m.", "2023-05-06T09:00"),
        _day(a, "6 a.m.", "2023-05-06T06:00"), _day(a, "5am", "2023-05-06T05:00")))
    out = build_timeline(Story(articles=(a,), facts=(facts,)), None).timeline
    assert [(t.value, t.evidence[0].text(a)) for t in out] == [
        ("2023-05-06T05:00", "Troops finished withdrawing at 5am local time.")]


@pytest.mark.slow
def test_timeline_merges_one_event_named_by_the_same_word_across_sources(models):
    # worded too differently for sentence similarity, but both date "the debate" to the same Monday
    t1 = "Instant polls showed the challenger was the clear winner of Monday's debate in Ohio."
    t2 = "Monday's debate might not move many votes, analysts warned."
    t3 = "The senator said Monday that taxes would rise."
    a1 = Article(1, t1, "1.txt", published=dt.date(2023, 5, 3))
    a2 = Article(2, t2 + " " + t3, "2.txt", published=dt.date(2023, 5, 4))
    facts = (ArticleFacts(a1, split_sentences(a1), times=(_day(a1, "Monday", "2023-05-01"),)),
             ArticleFacts(a2, split_sentences(a2), times=(_day(a2, "Monday", "2023-05-01"),
                                                           _day(a2, "Monday", "2023-05-01", 2))))
    out = build_timeline(Story(articles=(a1, a2), facts=facts), models).timeline
    assert len(out) == 2  # the debate (two sources) and the senator's statement (a reporting verb names no event)
    debate = next(t for t in out if len(t.evidence) == 2)
    assert {e.article_id for e in debate.evidence} == {1, 2}


def test_timeline_early_month_before_the_story_is_background():
    # "early December" ends about 10 December: history for a story published on 7 January
    text = "Rallies have been held since early December. Officials met on Thursday."
    a = Article(1, text, "e.txt", published=dt.date(2000, 1, 7))
    dec = TimeExpr(span(a, "early December"), "1999-12", "month", mod="start", start=dt.date(1999, 12, 1),
                   end=dt.date(1999, 12, 31), anchored="published")
    facts = ArticleFacts(a, split_sentences(a), times=(dec, _day(a, "Thursday", "2000-01-06")))
    out = {t.value: t for t in build_timeline(Story(articles=(a,), facts=(facts,)), None).timeline}
    assert out["1999-12"].background and out["1999-12"].label == "early December 1999"
    assert not out["2000-01-06"].background


@pytest.mark.slow
def test_timeline_never_dates_a_generic_today(models):
    """Issue 11: "today" meaning nowadays gets no date from the time stage, so the timeline has no entry for it;
    the deictic "today" of the same story keeps its entry."""
    from newsprism.extract.times import find_times
    from newsprism.pipeline import parse

    text = ("In 1990, few families in the valley owned a car. Today, most of them own two.\n\n"
            "The council voted today to build a second bridge over the river.")
    a = Article(1, text, "g.txt", published=dt.date(2023, 5, 5))
    facts, doc = parse(a, models)
    facts = find_times(facts, doc, models)
    out = build_timeline(Story(articles=(a,), facts=(facts,)), None).timeline
    texts = [e.text(a) for t in out if t.value == "2023-05-05" for e in t.evidence]
    assert texts and all("bridge" in x for x in texts)
    assert not any("Today, most" in e.text(a) for t in out for e in t.evidence)


def test_timeline_skips_a_line_that_is_only_a_date(models):
    """"(June 26, 2005)" on a line of its own dates the page, not an event: no timeline entry reads as a date alone."""
    text = "(June 26, 2005)\n\nA deputy was shot dead outside a bakery on June 20, 2005, police said."
    a = Article(1, text, "d.txt", published=dt.date(2005, 6, 26))
    stamp, shot = dt.date(2005, 6, 26), dt.date(2005, 6, 20)
    facts = ArticleFacts(a, split_sentences(a), times=(
        TimeExpr(span(a, "June 26, 2005"), "2005-06-26", "day", start=stamp, end=stamp),
        TimeExpr(span(a, "June 20, 2005"), "2005-06-20", "day", start=shot, end=shot)))
    out = build_timeline(Story(articles=(a,), facts=(facts,)), models).timeline
    assert [t.value for t in out] == ["2005-06-20"]


def test_timeline_dates_that_may_merge_share_a_bucket():
    # the grouping reads pairs bucket by bucket: every compatible pair must lie in one bucket, and no bucket may
    # hold two dates of different days
    from newsprism.model import Span
    from newsprism.story.timeline import _Candidate, _compatible, _day_buckets

    values = ["2022-11-10", "2022-11-10TEV", "2022-11-10T15:00", "2022-11-10T09:30", "2022-11", "2022-11",
              "2022-W45", "XXXX-WXX-4", "XXXX-WXX-4", "2022-11-11", "2022", "2022-11-11TNI"]
    cands = [_Candidate(TimeExpr(Span(1, k, k + 1), v, "day"), Span(1, 0, 10), "x") for k, v in enumerate(values)]
    bucket_of = {k: b for b, idx in enumerate(_day_buckets(cands)) for k in idx}
    for i in range(len(cands)):
        for j in range(i + 1, len(cands)):
            if _compatible(cands[i].time, cands[j].time):
                assert bucket_of[i] == bucket_of[j], (values[i], values[j])
    assert bucket_of[0] == bucket_of[1] == bucket_of[2] and bucket_of[0] != bucket_of[9]
    assert bucket_of[4] == bucket_of[5] != bucket_of[0]
