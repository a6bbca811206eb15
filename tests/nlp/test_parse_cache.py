"""Models.parse_texts: the parse of each text on its own (as nlp(text) gives it), in input order, one parse per
distinct text, bounded, and forgotten by clear_caches."""

from __future__ import annotations

TEXTS = ["The ferry left the harbour at dawn on Sunday.",
         "Residents said the water had risen by two metres overnight.",
         "The ferry left the harbour at dawn on Sunday.",
         "A spokesman for the port declined to comment."]


def sig(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in doc]


def test_parses_equal_single_calls_in_order(models):
    models.clear_caches()
    docs = models.parse_texts(TEXTS)
    assert [d.text for d in docs] == TEXTS
    assert [sig(d) for d in docs] == [sig(models.nlp(t)) for t in TEXTS]
    assert docs[0] is docs[2]  # one parse per distinct text
    again = models.parse_texts([TEXTS[1]])
    assert again[0] is docs[1]


def test_cache_is_bounded_and_cleared(models, monkeypatch):
    models.clear_caches()
    monkeypatch.setattr(models, "PARSE_CACHE_SIZE", 2)
    first = models.parse_texts([TEXTS[0]])[0]
    models.parse_texts([TEXTS[1], TEXTS[3]])  # TEXTS[0] is the least recently used: evicted
    assert models.parse_texts([TEXTS[0]])[0] is not first
    kept = models.parse_texts([TEXTS[0]])[0]
    models.clear_caches()
    assert models.parse_texts([TEXTS[0]])[0] is not kept
    assert models.parse_texts([]) == []
