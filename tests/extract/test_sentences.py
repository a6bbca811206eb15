"""Sentence splitting and the kinds of non-story lines, on hand-made texts (no model needed)."""

from __future__ import annotations

import pytest

from newsprism.model import Article
from newsprism.extract.sentences import classify, split_sentences

TEXT = (
    "Troops enter the city\n\n"
    "By Jane Doe and John Smith\n\n"
    "Troops entered the city on Friday. Residents cheered in the streets.\n\n"
    "The city greets its soldiers pic.twitter.com/AbC123 — Anton Example (@example_en) November 11, 2022\n\n"
    "Residents celebrate in the main square. (AP Photo/Jane Roe)\n\n"
    "Officials said the operation was under way.\n\n"
    "With reporting by AP, Reuters, and dpa"
)


def _kinds(text: str) -> list[tuple[str, str]]:
    article = Article(id=1, text=text, source="-")
    return [(text[s.span.start:s.span.end], s.kind) for s in split_sentences(article)]


def test_sentences_offsets_are_exact_and_kinds_marked() -> None:
    got = _kinds(TEXT)
    assert got[0] == ("Troops enter the city", "heading")
    assert got[1] == ("By Jane Doe and John Smith", "byline")
    assert ("Troops entered the city on Friday.", "story") in got
    assert ("Residents cheered in the streets.", "story") in got
    assert ("Officials said the operation was under way.", "story") in got
    assert got[-1] == ("With reporting by AP, Reuters, and dpa", "credit")
    embed = [k for t, k in got if "pic.twitter.com" in t or "@example_en" in t]
    assert embed and set(embed) == {"embed"}
    assert any(k == "caption" for t, k in got if "AP Photo" in t)


def test_sentences_whole_embed_paragraph_is_embed() -> None:
    """syntok may split an embedded post in two; every part of its paragraph is still the embed."""
    text = "Huge crowds. Flowers everywhere! pic.twitter.com/xyz — A Person (@handle) March 3, 2023\n\nStory goes on."
    kinds = _kinds(text)
    assert [k for _, k in kinds[:-1]] == ["embed"] * (len(kinds) - 1)
    assert kinds[-1] == ("Story goes on.", "story")


def test_sentences_paragraph_index_and_line_breaks() -> None:
    article = Article(id=7, text="One sentence here.\nAnother line here.\n\nThird paragraph here.", source="-")
    sents = split_sentences(article)
    assert [s.paragraph for s in sents] == [0, 1, 2]
    assert all(s.span.article_id == 7 for s in sents)
    assert [s.index for s in sents] == [0, 1, 2]


@pytest.mark.parametrize(("text", "kind"), [
    ("(Reporting by Pavel Polityuk; Editing by Alex Richardson)", "credit"),
    ("Additional reporting by Jane Roe in London", "credit"),
    ("Reuters contributed to this report.", "credit"),
    ("By the end of the day, troops had left the city.", "story"),
    ("Photo: Residents in the square", "caption"),
    ("Read more: the war in maps", "heading"),
    ("— A Person (@handle) 11 November 2022", "embed"),
])
def test_sentences_classify(text: str, kind: str) -> None:
    assert classify(text, 1) == kind


@pytest.mark.parametrize("text", ["He said:", "The New York Times reports:", "political violence and is a serial liar,"])
def test_sentences_lines_that_are_not_headings(text: str) -> None:
    assert classify(text, 1) == "story"


def test_sentences_a_headline_and_its_deck_on_one_line_are_headings() -> None:
    a = Article(id=1, text="Storm Floods Harbour Town; 40 Rescued and 3 Ferries Sunk\n"
                           "A storm flooded the harbour town on Sunday. Crews rescued 40 people.", source="t")
    assert [s.kind for s in split_sentences(a)] == ["heading", "heading", "story", "story"]
    # a line of two sentences that ends like a sentence is the story's
    b = Article(id=2, text="The port reopened on Monday; ships queued outside.", source="t")
    assert [s.kind for s in split_sentences(b)] == ["story"]
