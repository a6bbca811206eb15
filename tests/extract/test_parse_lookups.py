"""The parse lookups that replace whole-document scans (long articles made them quadratic) give what the scans
gave: the sentence starts set before the parser, the entity at a token, the entities inside a sentence, the
mention at a token and the test of a character against the quotes."""

from __future__ import annotations

import pytest

from newsprism.extract.parsed import entities_within, entity_at
from newsprism.extract.sentences import parse_article
from newsprism.extract.subjects import mention_at
from newsprism.intervals import Intervals
from newsprism.model import Article

TEXT = "\n\n".join(
    f"Mayor Ada Velt of Northport said on Monday that {n} families in Lakeside had lost power. "
    f"The Harbor Authority and Jon Reese of Mill County disputed the figure. "
    f'"We counted {n + 7} homes," Reese told the Northport Gazette.'
    for n in range(12, 60, 4))


@pytest.fixture(scope="module")
def parsed(models):
    return parse_article(Article(id=1, text=TEXT, source="-"), models)


def test_sentence_starts_are_the_splitters(parsed) -> None:
    facts, doc = parsed
    starts = {s.span.start for s in facts.sentences}
    assert {t.idx for t in doc if t.is_sent_start} == starts
    assert all(t.is_sent_start is False for t in doc if t.idx not in starts)


def test_entity_lookups_match_a_scan(parsed) -> None:
    _, doc = parsed
    assert len(doc.ents) > 20
    for t in doc:
        assert entity_at(doc, t.i) == next((e for e in doc.ents if e.start <= t.i < e.end), None)
    for sent in doc.sents:
        assert list(entities_within(doc, sent.start, sent.end)) == list(sent.ents)
    assert entities_within(doc, 0, 0) == ()


def test_mention_at_matches_a_scan(parsed, models) -> None:
    from newsprism.extract.mentions import find_mentions

    facts, doc = parsed
    mentions = find_mentions(facts, doc, models).mentions
    assert isinstance(mentions, tuple) and len(mentions) >= 32  # long enough to be indexed
    for label in (None, "PERSON", "GPE"):
        for t in doc:
            scan = next((m for m in mentions if (label is None or m.label == label)
                         and m.span.start <= t.idx < m.span.end), None)
            assert mention_at(t, mentions, label) == scan
    assert mention_at(doc[0], list(mentions)) == next((m for m in mentions if m.span.start <= 0 < m.span.end), None)


@pytest.mark.parametrize("regions", [[], [(5, 9)], [(10, 40), (12, 15), (50, 51)], [(30, 35), (0, 100)]])
def test_intervals_match_a_scan(regions) -> None:
    index = Intervals(sorted(regions))
    ordered = sorted(regions)
    for char in range(0, 120):
        assert index.covers(char) == any(a <= char < b for a, b in regions)
        assert [k for k in index.covering(char) if char < ordered[k][1]] == \
            [k for k, (a, b) in enumerate(ordered) if a <= char < b]
