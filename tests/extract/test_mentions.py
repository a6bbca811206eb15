"""Per-article mentions on hand-made texts with the real spaCy model."""

from __future__ import annotations

import pytest

from newsprism.model import Article, Mention
from newsprism.pipeline import parse
from newsprism.extract.mentions import find_mentions

pytestmark = pytest.mark.slow


def _mentions(text: str, models) -> tuple[Article, list[Mention]]:
    article = Article(id=1, text=text, source="-")
    facts, doc = parse(article, models)
    facts = find_mentions(facts, doc, models)
    for m in facts.mentions:  # every mention is the exact slice of the text
        assert text[m.span.start:m.span.end] == m.text
    return article, list(facts.mentions)


def _by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def test_mentions_title_word_is_role_not_org(models) -> None:
    text = ("It will take at least one week to withdraw, Ukraine's Defense Minister Oleksii Reznikov told "
            "Reuters on Thursday.")
    _, ms = _mentions(text, models)
    by = _by_text(ms)
    assert by["Oleksii Reznikov"].label == "PERSON"
    assert by["Oleksii Reznikov"].role == "Ukraine's Defense Minister"
    assert "Defense" not in by  # the title word is not an organisation
    assert by["Ukraine"].label == "GPE"


def test_mentions_strip_honorific_and_possessive(models) -> None:
    text = "The Kremlin said the withdrawal was no embarrassment for Mr Putin. Mr Putin's spokesman declined to comment."
    _, ms = _mentions(text, models)
    putins = [m for m in ms if "Putin" in m.text]
    assert len(putins) == 2 and {m.text for m in putins} == {"Putin"}
    assert all(m.label == "PERSON" for m in putins)


def test_mentions_apposition_role(models) -> None:
    text = ("\u201cThe army leaves in a triathlon mode,\u201d Andriy Yermak, a senior presidential adviser, tweeted. "
            "The mayor of Mykolayiv, Oleksandr Sienkovych, said the building was destroyed.")
    _, ms = _mentions(text, models)
    by = _by_text(ms)
    assert by["Andriy Yermak"].role == "senior presidential adviser"
    assert by["Oleksandr Sienkovych"].label == "PERSON"
    assert by["Oleksandr Sienkovych"].role == "mayor of Mykolayiv"


def test_mentions_demonym_is_norp(models) -> None:
    text = "Ukrainian troops entered the town. The government confirmed that Ukrainian forces were there."
    _, ms = _mentions(text, models)
    assert [m.label for m in ms if m.text == "Ukrainian"] == ["NORP", "NORP"]


def test_mentions_skip_embeds_and_credits(models) -> None:
    text = ("Residents of the city welcomed the soldiers on Friday.\n\n"
            "The region greets them pic.twitter.com/dXVBgPIjal \u2014 Anton Gerashchenko (@Gerashchenko_en) "
            "November 11, 2022\n\n"
            "President Volodymyr Zelenskyy said it was a historic day.\n\n"
            "With reporting by AP, Reuters, and dpa")
    _, ms = _mentions(text, models)
    texts = {m.text for m in ms}
    assert "Volodymyr Zelenskyy" in texts
    assert not texts & {"Anton Gerashchenko", "AP", "Reuters", "dpa"}


def test_mentions_place_cues_override_person_label(models) -> None:
    text = "Fierce fighting continues in Bakhmut and Soledar in the eastern region, the military said."
    _, ms = _mentions(text, models)
    by = _by_text(ms)
    assert "Fierce" not in by  # a capitalised adjective at a sentence start is not a name
    assert by["Soledar"].label in ("GPE", "LOC")


def test_mentions_a_time_zone_code_is_no_entity(models) -> None:
    """"at 17:06 pm (1336 GMT)": the code says which clock, it names no organisation (the tagger calls it one)."""
    _, ms = _mentions("A strong quake jolted part of Qeshm island at 17:06 pm (1336 GMT) on Sunday, state television "
                      "said.", models)
    texts = {m.text for m in ms}
    assert "GMT" not in texts and "Qeshm" in texts
