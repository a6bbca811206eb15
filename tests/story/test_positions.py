"""Positions (issue 10): statements that say the same thing join one position, on short stories written for the test.

Each rule has its trap beside it: a rounded figure is one figure, another value is not; one stated figure joins
statements with different subjects, another figure does not; a title held by one person is that person, a title
two people hold is neither.
"""

from __future__ import annotations

import datetime as dt

import pytest

from consolidation_helpers import consolidated
from newsprism.model import Article, Figure, Span
from newsprism.report import build_report, check_evidence
from newsprism.story.aspects import AspectParams, same_figure, same_figures, same_position, subject_matcher
from newsprism.story.consolidate import story_frames


def _articles(texts: dict[int, str]) -> list[Article]:
    return [Article(id=n, text=t, source=f"p{n}", outlet=f"Outlet {n}", published=dt.date(2024, 5, 6))
            for n, t in texts.items()]


def _figure(value: float, qualifier: str | None = None, counts: str = "protesters") -> Figure:
    return Figure(span=Span(1, 0, 1), value=value, qualifier=qualifier, counts=counts)


def test_positions_a_rounded_figure_is_the_same_figure_another_value_is_not():
    assert same_figure(_figure(1311, "more than"), _figure(1310, "at least"))
    assert not same_figure(_figure(1311), _figure(1310))  # two exact counts that differ are two values
    assert not same_figure(_figure(1311, "about"), _figure(1200, "about"))  # rounding does not stretch that far
    assert not same_figure(_figure(1311, "about"), _figure(1311, "about", counts="police"))


def test_positions_a_floor_and_a_ceiling_are_two_claims():
    # "at least eight years" / "no more than eight years": bounds from opposite sides state no one value
    assert not same_figure(_figure(8, "at least", "years"), _figure(8, "at most", "years"))
    assert not same_figure(_figure(100, "more than"), _figure(100, "up to"))
    # the trap: bounds on one side, or a bound and the figure it bounds, still meet
    assert same_figure(_figure(8, "at least", "years"), _figure(8, "more than", "years"))
    assert same_figure(_figure(8, "at least", "years"), _figure(8, None, "years"))


def test_positions_a_house_number_is_no_shared_quantity():
    from newsprism.extract.frame import Frame
    from newsprism.model import Claim
    from newsprism.story.aspects import same_figures

    def frame(aid: int, *figures: Figure) -> Frame:
        claim = Claim(id=f"a{aid}-c1", span=Span(aid, 0, 10), sentence_index=0, figures=figures)
        return Frame(claim=claim, text="-", content=claim.span, content_text="-", lemmas=frozenset(),
                     families=frozenset())

    address = _figure(31, counts="Changi South Avenue")  # "at 31 Changi South Avenue 2": where, not how many
    assert not same_figures(frame(1, address), frame(2, address))
    assert same_figures(frame(1, _figure(31)), frame(2, _figure(31)))


def _together(report, *words) -> bool:
    """One position of one aspect has evidence containing every word (each in some evidence span)."""
    return any(all(any(w in e["text"] for e in p["evidence"]) for w in words)
               for a in report["aspects"] for p in a["positions"])


FIGURES = {
    1: "More than 1,311 protesters were detained in Corvale on Saturday, the interior ministry said.\n\n"
       "The new law lets cafes in Corvale sell wine to go for the next three years.\n\n"
       "Outside, thousands of readers had crowded into Corvale to honour the poet Ilse Varn, whose death has "
       "prompted gratitude for her 60 years of writing.",
    2: "At least 1,310 protesters were held in Corvale on Saturday, according to the interior ministry.\n\n"
       "Wine to go has been authorised in Corvale for a period of three years.\n\n"
       "\"We are also here to celebrate the 60 years of writing of our poet Ilse Varn,\" one reader said.",
    3: "Police in Corvale detained 640 protesters on Saturday, the mayor said.\n\n"
       "Cafes in Corvale may sell wine to go for two years under the new law.",
}


@pytest.fixture(scope="module")
def figures_report(models):
    return build_report(consolidated(_articles(FIGURES), models))


def test_positions_rounded_counts_of_one_quantity_are_one_position(figures_report):
    assert check_evidence(figures_report) == []
    assert _together(figures_report, "1,311", "1,310")
    assert not _together(figures_report, "1,311", "640") and not _together(figures_report, "1,310", "640")
    numeric = [d for d in figures_report["divergences"] if d["type"] == "numeric"]
    assert not any({"1,311", "1,310"} <= {w for e in d["evidence"] for w in e["text"].split()} for d in numeric)


def test_positions_one_stated_figure_joins_statements_with_other_subjects(figures_report):
    # "the new law lets cafes ..." / "wine to go has been authorised ...": other subjects, one fact
    assert _together(figures_report, "next three years", "period of three years")
    assert not _together(figures_report, "three years", "two years")


def test_positions_a_figure_shared_beside_another_fact_is_a_detail(models):
    # the crowd of thousands is not the reader's celebration, though both name the poet's "60 years of writing"
    story = consolidated(_articles(FIGURES), models)
    frames = [f for f in story_frames(story, models) if "60 years" in f.text and not f.aim]  # the statements
    crowd, reader = sorted(frames, key=lambda f: f.article_id)
    vectors = models.embedder.embed([crowd.content_text, reader.content_text])
    close = subject_matcher(frames, models.embedder.embed, entities=story.entities)
    cos = float(vectors[0] @ vectors[1])
    assert cos >= AspectParams().position_sim_anchored  # close enough that only the figure rule decides
    assert not same_figures(crowd, reader) and not same_position(crowd, reader, cos, AspectParams(), close)
    # the same figures and no other do join them
    wine = [f for f in story_frames(story, models) if "three years" in f.text]
    assert len(wine) == 2 and same_figures(*wine)


TITLES = {
    1: "Governor Tom Reyes ordered the transport police on Monday to carry out extra safety checks of lorries "
       "crossing the Dunmore bridge.",
    2: "On Monday the governor directed the transport police to conduct enhanced safety checks on lorries at the "
       "Dunmore bridge.",
    3: "Reyes thanked the transport police for the extra checks at the bridge.",
}


def _matcher(texts, models):
    story = consolidated(_articles(texts), models)
    frames = [f for f in story_frames(story, models) if f.subject_text]
    return frames, subject_matcher(frames, models.embedder.embed, entities=story.entities)


def _frame(frames, aid: int, subject_word: str):
    return next(f for f in frames if f.article_id == aid and subject_word in (f.subject_text or ""))


def test_positions_a_title_one_person_holds_is_that_person(models):
    frames, close = _matcher(TITLES, models)
    governor, reyes, short = _frame(frames, 2, "governor"), _frame(frames, 1, "Reyes"), _frame(frames, 3, "Reyes")
    assert close(governor, reyes) and close(reyes, governor)
    assert close(short, reyes)  # "Reyes" is the one full name of the story that holds it


def test_positions_a_title_two_people_hold_is_neither(models):
    texts = dict(TITLES)
    texts[3] = "Governor Ana Brandt of the neighbouring province thanked the transport police for the checks at " \
               "the Dunmore bridge."
    frames, close = _matcher(texts, models)
    governor, reyes, brandt = _frame(frames, 2, "governor"), _frame(frames, 1, "Reyes"), _frame(frames, 3, "Brandt")
    assert not close(governor, reyes) and not close(governor, brandt)
    assert not close(reyes, brandt)


def test_positions_descriptions_alike_and_never_an_agreement(models):
    """Two outlets describing one participant by the same head noun hold one position; a position of
    descriptions alone is no agreement (no origin states the fact)."""
    import numpy as np

    from newsprism.extract.claims import extract_frames
    from newsprism.model import Article
    from newsprism.pipeline import extract
    from newsprism.story.aspects import AspectParams, same_position
    from newsprism.story.consolidate import agreement_of

    def frames(aid: int, text: str):
        facts, doc = extract(Article(id=aid, text=text, source="-"), models)
        return extract_frames(facts, doc)

    a = next(f for f in frames(1, "Jane Roe, the harbour's longest-serving pilot, said the ferry would sail.\n")
             if f.description)
    b = next(f for f in frames(2, "Jane Roe, the longest-serving pilot at the harbour, retired on Friday.\n")
             if f.description)
    va, vb = models.embedder.embed([a.content_text, b.content_text])
    assert same_position(a, b, float(va @ vb), AspectParams())
    vectors = np.stack([va, vb])
    assert agreement_of([a, b], [0, 1], vectors, {1: 1, 2: 2}) is None


def test_positions_a_description_never_joins_a_statement_that_does_not_name_its_participant(models):
    """"Harbour Lights, the sequel to the hit film Seaview" says what Harbour Lights is: "There's a new dawn for
    Seaview" reads close but says nothing of it; a statement that names it may say the same."""
    from newsprism.extract.claims import extract_frames
    from newsprism.pipeline import extract
    from newsprism.story.aspects import _NEVER, pair_table

    def frames(aid: int, text: str):
        facts, doc = extract(Article(id=aid, text=text, source="-"), models)
        return extract_frames(facts, doc)

    described = [f for f in frames(1, "The studio released Harbour Lights, the sequel to the hit film Seaview, on "
                                      "Friday.\n") if f.description]
    assert [f.subject_text for f in described] == ["Harbour Lights"]
    fs = described + frames(2, "There's a new dawn for Seaview.\n") + \
        frames(3, "Critics said Harbour Lights was a fine sequel to the film Seaview.\n")
    vectors = models.embedder.embed([f.content_text for f in fs])
    table = pair_table([0, 1, 2], fs, vectors, AspectParams())
    assert float(table.cos[0, 1]) >= AspectParams().on_story_sim  # close words: only the rule keeps them apart
    assert table.scores[0, 1] == _NEVER and table.scores[0, 2] >= AspectParams().position_link


def test_positions_place_within_a_place_is_a_shared_participant():
    """"at Windsor Castle" is "in Windsor": a place named after a place of the story counts as that place."""
    from newsprism.model import Entity
    from newsprism.story.aspects import place_within

    ents = [Entity("e1", "Tarbury", "GPE", (), ()), Entity("e2", "Tarbury Castle", "FAC", (), ()),
            Entity("e3", "Tarbury Smith", "PERSON", (), ()), Entity("e4", "Lendon", "GPE", (), ())]
    assert place_within(ents) == {"e2": "e1"}


def test_positions_two_shared_places_anchor_a_paraphrase(models):
    """Crowds gathering in two places and crowds thronging the same two places (one named by a landmark in it)
    say the same at a moderate cosine; with one shared place only they do not."""
    from newsprism.extract.claims import extract_frames
    from newsprism.model import Article
    from newsprism.pipeline import extract
    from newsprism.story.aspects import AspectParams, same_position

    def frame(aid: int, text: str):
        facts, doc = extract(Article(id=aid, text=text, source="-"), models)
        return extract_frames(facts, doc)[0]

    a = frame(1, "Vast crowds gathered in Tarbury and Lendon for the festival.\n")
    b = frame(2, "Huge crowds thronged the streets of Lendon and Tarbury Castle to watch the parade.\n")
    cos = 0.65  # between the anchored and the plain position cosine
    assert same_position(a, b, cos, AspectParams(), within={"n:tarbury castle": "n:tarbury"})
    assert not same_position(a, b, cos, AspectParams())


def test_positions_aims_alike_join_and_are_never_an_agreement(models):
    """Two outlets giving one reason for the board's act in other words hold one position, which is no agreement
    (an aim does not state the act); an aim and its opposite ("to open …" / "to close …") never join by the
    moderate cosine alone, and a negated aim never joins an affirmed one."""
    import numpy as np

    from newsprism.extract.claims import extract_frames
    from newsprism.model import Article
    from newsprism.pipeline import extract
    from newsprism.story.consolidate import agreement_of

    def aim(aid: int, text: str):
        facts, doc = extract(Article(id=aid, text=text, source="-"), models)
        return next(f for f in extract_frames(facts, doc) if f.aim)

    a = aim(1, "The harbour board closed the pier on Monday to stop the smuggling of fuel.\n")
    b = aim(2, "The harbour board shut the pier in an effort to curb fuel smuggling.\n")
    c = aim(3, "The harbour board closed the pier so as not to stop the smuggling of fuel.\n")
    va, vb, vc = models.embedder.embed([a.content_text, b.content_text, c.content_text])
    assert same_position(a, b, float(va @ vb), AspectParams())
    assert agreement_of([a, b], [0, 1], np.stack([va, vb]), {1: 1, 2: 2}) is None
    assert not same_position(a, c, float(va @ vc), AspectParams())


DESCRIBED = {
    1: "The new unit, Norra Ferry Services, will offer night crossings to island residents from June.",
    2: "A new group dedicated to ferry services will offer night crossings to island residents, its chief said.",
    3: "A new group dedicated to ferry services will cancel night crossings to island residents, its chief said.",
}


def test_positions_a_description_doing_the_named_one_s_act_is_that_participant(models):
    """A name and a description of it that read a little apart (MiniLM about 0.7, under the 0.75 two descriptions
    need) are one participant when they do the same act to the same thing; doing another act, they are not."""
    frames, close = _matcher(DESCRIBED, models)
    unit, group, other = _frame(frames, 1, "Norra"), _frame(frames, 2, "group"), _frame(frames, 3, "group")
    vectors = models.embedder.embed([unit.subject_text, group.subject_text])
    assert 0.65 <= float(vectors[0] @ vectors[1]) < 0.75  # only the act decides
    assert close(unit, group) and close(group, unit)
    assert not close(unit, other)


SENTENCED = {
    1: "The Norland man was given 18 months of probation on Thursday (May 9) after pleading guilty to three "
       "charges of stalking.",
    2: "For his actions spanning three years, the Norland youth, now aged 20, was on Thursday (May 9) ordered to "
       "undergo 18 months' probation.",
    3: "For his actions spanning three years, the Norland youth, now aged 20, was on Thursday (May 9) ordered to "
       "undergo 12 months' probation.",
}


def test_positions_a_shared_count_and_day_join_one_participant_described_two_ways(models):
    """"The Norland man" and "the Norland youth" are not shown to be one participant, but the same 18 months on
    the same day, worded alike, are the same event; another term on that day is not."""
    story = consolidated(_articles(SENTENCED), models)
    frames = {f.article_id: f for f in story_frames(story, models) if "probation" in f.text and not f.inner}
    close = subject_matcher(list(frames.values()), models.embedder.embed, entities=story.entities)
    assert not close(frames[1], frames[2])
    vectors = models.embedder.embed([frames[n].content_text for n in (1, 2, 3)])
    cos = vectors @ vectors.T
    assert cos[0, 1] >= AspectParams().position_sim and cos[0, 2] >= AspectParams().position_sim
    assert same_position(frames[1], frames[2], float(cos[0, 1]), AspectParams(), close)
    assert not same_position(frames[1], frames[3], float(cos[0, 2]), AspectParams(), close)
