"""Fuzzing (issue 12) of the readers of untrusted bytes: decoders, sniffing, HTML, feeds, front matter. No exception
but the documented ones escapes, and the text every span will point into is exactly what normalisation makes.

A few hundred examples in the suite; ``bench/fuzz.py`` runs the same properties with 10,000 examples each
(``NEWSPRISM_FUZZ_EXAMPLES``)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsprism.errors import IngestError
from newsprism.ingest.feeds import parse_json_feed, parse_xml_feed
from newsprism.ingest.sniff import sniff
from newsprism.ingest.textfile import decode_text, near_utf8, parse_text
from newsprism.text import fold_invisible, normalise

N = int(os.environ.get("NEWSPRISM_FUZZ_EXAMPLES", "60"))
FUZZ = hsettings(max_examples=N, deadline=None, suppress_health_check=list(HealthCheck))
# Text with the characters that have broken readers before: invisible, bidi, C1, surrogate-free astral, marks.
CHARS = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    list("\u00ad\u200b\u200d\u2060\ufeff\u202e\u2066\u0085\u0093\r\n\t \u00a0") + ["\U0001F389", "\u0301"])
TEXT = st.text(CHARS, max_size=300)
PIECES = st.sampled_from([b"<", b">", b"<!DOCTYPE rss [", b"<!ENTITY a \"x\">", b"]>", b"<rss version='2.0'>",
                          b"<item>", b"<title>", b"&a;", b"<?xml version='1.0'?>", b"{", b'"items": [', b"\xef\xbb\xbf",
                          b"\xff\xfe", b"\x00", b"\xc3", b"\xa9", b"\xe2\x80", b"---\n", b"title: x\n", b" date 2023-01-01 "])
BYTES = st.lists(st.one_of(PIECES, st.binary(max_size=30), TEXT.map(lambda t: t.encode("utf-8"))),
                 max_size=30).map(b"".join)


@FUZZ
@given(TEXT)
def test_fuzz_normalise_is_idempotent_and_folding_keeps_words(text):
    once = normalise(text)
    assert normalise(once) == once
    assert not any("\u0080" <= ch <= "\u009f" for ch in once)
    assert fold_invisible(fold_invisible(once)) == fold_invisible(once)


@FUZZ
@given(BYTES)
def test_fuzz_decoders_return_text_or_say_why(data):
    if not data:
        return
    try:
        decoded = decode_text(data)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(decoded.text, str) and decoded.encoding
    if decoded.replaced:
        assert decoded.problem() and "\n" not in decoded.problem()
    lenient = near_utf8(data)
    if lenient is not None and not lenient.replaced:
        assert lenient.text == data.decode("utf-8")


@FUZZ
@given(BYTES, st.sampled_from(["", "a.txt", "a.html", "a.xml", "a.json"]), st.sampled_from(["", "html", "feed"]))
def test_fuzz_sniff_always_answers_a_kind(data, name, hint):
    assert sniff(data, name=name, hint=hint) in ("html", "feed", "jsonfeed", "json", "xml", "text")


@FUZZ
@given(BYTES)
def test_fuzz_feed_readers_never_raise(data):
    for parse in (parse_xml_feed, parse_json_feed):
        feed = parse(data)
        for entry in feed.entries:
            assert entry.text == normalise(entry.text)
        for _, _, reason in feed.rejected:
            assert "\n" not in reason


@FUZZ
@given(TEXT, TEXT)
def test_fuzz_front_matter_text_is_exactly_normalised(head, body):
    raw = f"---\ntitle: {head}\n---\n{body}"
    draft = parse_text(raw, "fuzz.txt")
    assert draft.text == normalise(draft.text)  # the stored text is a fixed point: offsets into it stay exact


@FUZZ
@given(BYTES)
def test_fuzz_html_reader_gives_a_draft_or_one_line(data):
    from newsprism.ingest.html import draft_from_html

    try:
        draft = draft_from_html(b"<html><body><p>" + data + b"</p></body></html>", "fuzz.html", min_words=1)
    except IngestError as err:
        assert "\n" not in err.reason
        return
    assert draft.text and draft.text == normalise(draft.text)
    assert all("\n" not in p for p in draft.problems)
