"""Publication dates of undated articles: inferred from their content and the story's dated articles."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.model import Article, Story
from newsprism.pipeline import parse
from newsprism.story.pubdates import infer_publication_dates
from newsprism.extract.times import find_times


def story_of(models, articles):
    facts = []
    for article in articles:
        f, doc = parse(article, models)
        facts.append(find_times(f, doc, models))
    return Story(articles=tuple(articles), facts=tuple(facts))


@pytest.fixture(scope="module")
def kherson_inferred(models, kherson_articles):
    return infer_publication_dates(story_of(models, kherson_articles), models)


def test_pubdates_kherson_undated_report_is_dated_friday(kherson_inferred):
    article = kherson_inferred.article(3)
    assert article.published is None
    inferred = article.published_inferred
    assert inferred is not None
    assert inferred.value == dt.date(2022, 11, 11)
    assert inferred.method == "agreement-with-dated-articles"
    texts = {(s.article_id, kherson_inferred.article(s.article_id).text[s.start:s.end]) for s in inferred.evidence}
    assert (3, "Thursday evening") in texts  # its own weekday ...
    assert (3, "Thursday night") in texts  # ... a night told as past ...
    assert (4, "late on November 10") in texts  # ... and the dated article that dates the same address
    assert "2022-11-10" in inferred.reason


def test_pubdates_times_re_resolved_from_the_inferred_date(kherson_inferred):
    facts = next(f for f in kherson_inferred.facts if f.article.id == 3)
    assert facts.article is kherson_inferred.article(3)  # story.articles and facts agree
    by_text = {facts.article.text[t.span.start:t.span.end]: t for t in facts.times}
    assert by_text["Thursday night"].value == "2022-11-10TNI"
    assert by_text["Thursday night"].anchored == "inferred"
    assert by_text["Wednesday"].value == "2022-11-09"
    assert by_text["February"].value == "2022-02"
    assert not any(t.value.startswith("XXXX") for t in facts.times)


def test_pubdates_dated_articles_untouched(kherson_inferred, kherson_articles):
    for original in kherson_articles:
        if original.published is not None:
            assert kherson_inferred.article(original.id) == original
    assert kherson_inferred.problems == ()


def test_pubdates_weekdays_alone_stay_undated(models):
    article = Article(id=7, text="Officials said on Thursday that talks had stalled. On Friday night, shelling resumed.",
                      source="-")
    story = infer_publication_dates(story_of(models, [article]), models)
    assert story.article(7).published_inferred is None
    assert len(story.problems) == 1
    assert story.problems[0].startswith("article 7: left undated")
    assert "weekday" in story.problems[0]


def test_pubdates_no_dates_at_all_stays_undated(models):
    article = Article(id=8, text="The council met and agreed a budget. Residents welcomed the news.", source="-")
    story = infer_publication_dates(story_of(models, [article]), models)
    assert story.article(8).published_inferred is None
    assert "no date" in story.problems[0]


def test_pubdates_absolute_date_alone_only_bounds_it(models):
    # "On November 9" says the report is from then or later, not which day: undated, with the span of days
    article = Article(id=9, text="On November 9, 2022, the ministry announced the withdrawal. Troops left the city.",
                      source="-")
    story = infer_publication_dates(story_of(models, [article]), models)
    assert story.article(9).published_inferred is None
    assert "from 2022-11-09" in story.problems[0]


def test_pubdates_unanchored_weekday_is_not_guessed_from_nearby_dated_articles(models):
    dated = Article(id=1, text="The council met on Tuesday and agreed a budget.", source="-",
                    published=dt.date(2022, 11, 11))
    undated = Article(id=2, text="Officials said on Monday night that the budget was too small.", source="-")
    story = infer_publication_dates(story_of(models, [dated, undated]), models)
    # Monday night told as past fits any day of the week after some Monday; nothing ties it to the dated report
    assert story.article(2).published_inferred is None
    assert story.problems and story.problems[0].startswith("article 2: left undated")


def test_pubdates_yesterday_with_weekday_pins_the_day(models):
    dated = Article(id=1, text="Mayor Jane Ortiz opened the new bridge over the river on Tuesday, officials said.",
                    source="-", published=dt.date(2022, 11, 8))
    undated = Article(id=2, text="Mayor Jane Ortiz opened the new bridge yesterday (Tuesday) after years of delays, "
                      "officials said.", source="-")
    story = infer_publication_dates(story_of(models, [dated, undated]), models)
    inferred = story.article(2).published_inferred
    # the agreement fixes the week, "yesterday (Tuesday)" the day after, though the dated report is from Tuesday
    assert inferred is not None and inferred.value == dt.date(2022, 11, 9)


def test_pubdates_agreeing_reports_from_different_days_leave_it_undated(models):
    # The same Monday vote told by one report on the day and one two days later: the undated third could be
    # from either news cycle, so no date is given.
    a = Article(id=1, text="Senator Alice Moreno won the leadership vote on Monday, party officials said.",
                source="-", published=dt.date(2022, 11, 7))
    b = Article(id=2, text="Senator Alice Moreno won the leadership vote on Monday and named her deputies.",
                source="-", published=dt.date(2022, 11, 9))
    c = Article(id=3, text="Senator Alice Moreno won the leadership vote on Monday by a wide margin.", source="-")
    story = infer_publication_dates(story_of(models, [a, b, c]), models)
    assert story.article(3).published_inferred.value is None  # no day; the week after the vote as bounds
    assert "do not fix" in story.problems[0]


def test_pubdates_agreeing_reports_of_one_day_give_that_day(models):
    a = Article(id=1, text="Senator Alice Moreno won the leadership vote on Monday, party officials said.",
                source="-", published=dt.date(2022, 11, 8))
    c = Article(id=3, text="Senator Alice Moreno won the leadership vote on Monday night by a wide margin.",
                source="-")
    story = infer_publication_dates(story_of(models, [a, c]), models)
    inferred = story.article(3).published_inferred
    assert inferred is not None and inferred.value == dt.date(2022, 11, 8)
    assert inferred.method == "agreement-with-dated-articles"


def test_pubdates_agreeing_report_from_a_later_day_is_not_taken_for_the_same_cycle(models):
    # The dated report came out the day after the Tuesday vote; the undated one may be from the Tuesday itself
    # (the earliest day its content allows), so the two weak signals disagree and no date is given.
    a = Article(id=1, text="Senator Alice Moreno won the leadership vote on Tuesday, party officials said.",
                source="-", published=dt.date(2022, 11, 9))
    c = Article(id=2, text="Senator Alice Moreno won the leadership vote on Tuesday by a wide margin.", source="-")
    story = infer_publication_dates(story_of(models, [a, c]), models)
    inferred = story.article(2).published_inferred
    assert inferred.value is None and (inferred.earliest, inferred.latest) == (dt.date(2022, 11, 8),
                                                                              dt.date(2022, 11, 14))


def test_pubdates_today_in_the_articles_own_voice_is_the_publication_day(models):
    # Read with no reference date, "today" must not count as a full date (no year is stated); matched with the
    # dated report's Friday ceremony (same event word, a name in common) it is that Friday.
    a = Article(id=1, text="Poland joined NATO on Friday at a ceremony in Missouri, officials said.",
                source="-", published=dt.date(1999, 3, 12))
    c = Article(id=2, text="Poland today joined NATO at a ceremony in Missouri.", source="-")
    story = infer_publication_dates(story_of(models, [a, c]), models)
    inferred = story.article(2).published_inferred
    assert inferred is not None and inferred.value == dt.date(1999, 3, 12)
    assert inferred.method == "agreement-with-dated-articles"


def test_pubdates_bounds_when_no_single_day_is_pinned(models):
    # the Monday vote told by reports of two days: no one day, but the content bounds it to the week after Monday
    a = Article(id=1, text="Senator Alice Moreno won the leadership vote on Monday, party officials said.",
                source="-", published=dt.date(2022, 11, 7))
    b = Article(id=2, text="Senator Alice Moreno won the leadership vote on Monday and named her deputies.",
                source="-", published=dt.date(2022, 11, 9))
    c = Article(id=3, text="Senator Alice Moreno won the leadership vote on Monday by a wide margin.", source="-")
    story = infer_publication_dates(story_of(models, [a, b, c]), models)
    inferred = story.article(3).published_inferred
    assert inferred is not None and inferred.value is None and inferred.method == "bounds"
    assert (inferred.earliest, inferred.latest) == (dt.date(2022, 11, 7), dt.date(2022, 11, 13))
    assert [story.article(3).text[s.start:s.end] for s in inferred.evidence] == ["Monday"]
    assert "between" in inferred.reason and "no single day" in inferred.reason
    assert story.article(3).reference_date is None  # nothing is resolved against a range
    assert story.problems and story.problems[0].startswith("article 3: left undated")


def test_pubdates_no_bounds_without_dated_articles_or_wider_than_a_week(models):
    alone = Article(id=9, text="On November 9, 2022, the ministry announced the withdrawal. Troops left the city.",
                    source="-")
    story = infer_publication_dates(story_of(models, [alone]), models)
    assert story.article(9).published_inferred is None  # no dated article: "from 9 November" bounds nothing above
    dated = Article(id=1, text="The council met and agreed a budget.", source="-", published=dt.date(2022, 11, 11))
    wide = Article(id=2, text="On November 9, 2022, the council met. Residents welcomed the news.", source="-")
    story = infer_publication_dates(story_of(models, [dated, wide]), models)
    assert story.article(2).published_inferred is None  # 9 to 21 November: more than a week, said as undated


@pytest.mark.parametrize("header", [
    "Updated: March 7, 2024 18:40 GMT\n",
    "Friday, March 8, 2024\n",
    "",  # a dateline opening the lead (below)
])
def test_pubdates_an_undated_page_is_dated_by_its_header_stamp(models, header):
    """A page's own stamp dates it (the earliest one), and its weekdays then count from it: "on Thursday" in a page
    stamped Friday 8 March 2024 is 7 March. An event date in the text ("on March 1, 2024") is no stamp."""
    lead = ("WNS Mar 8, 2024, 06.10AM IST HARBOURTOWN: " if not header else "") + \
        "The ferry ran aground on Thursday off Harbourtown, officials said. It had last been inspected on March 1, 2024."
    a = Article(id=1, text=f"Ferry runs aground off Harbourtown\n{header}{lead}", source="-")
    story = infer_publication_dates(story_of(models, [a]), models)
    inferred = story.article(1).published_inferred
    assert inferred is not None and inferred.method == "time-stamp"
    assert inferred.value == (dt.date(2024, 3, 7) if header.startswith("Updated") else dt.date(2024, 3, 8))
    thursday = next(t for t in story.facts[0].times if story.article(1).text[t.span.start:t.span.end] == "Thursday")
    assert thursday.start == dt.date(2024, 3, 7)


def test_pubdates_an_event_date_in_the_lead_is_no_stamp(models):
    a = Article(id=1, text="Ferry runs aground\nOn March 1, 2024, the ferry ran aground on a sandbank.", source="-")
    story = infer_publication_dates(story_of(models, [a]), models)
    inferred = story.article(1).published_inferred
    assert inferred is None or inferred.method != "time-stamp"
