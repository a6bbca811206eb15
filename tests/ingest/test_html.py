"""HTML pages: main text, metadata, date precedence, stubs and malformed markup, from real files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsprism.errors import IngestError
from newsprism.ingest.html import draft_from_html, strip_wall_edges, stub_reason
from newsprism.ingest.sources import iter_drafts
from newsprism.model import ArticleDraft

from .conftest import DATA, TODAY

BODY = ("<p>The council said on Monday that the new tram line would open in the spring, after delays caused by a "
        "shortage of parts and a dispute with the main contractor over costs.</p>"
        "<p>About 14,000 passengers a day are expected to use the line in its first year, according to the city's "
        "transport department, which plans to run a tram every six minutes at peak times.</p>"
        "<p>Shopkeepers along the route said the building work had cut their trade by a third since last summer.</p>")


def page(head: str = "", body: str = BODY) -> bytes:
    return f"<!DOCTYPE html><html><head><title>Tram line delayed</title>{head}</head><body><article>" \
           f"<h1>Tram line delayed</h1>{body}</article></body></html>".encode()


def jsonld(**fields) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **fields})}</script>'


def meta(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{value}">'


def extract(markup: bytes, **kw) -> ArticleDraft:
    return draft_from_html(markup, "page.html", today=TODAY, **kw)


def test_article_page_text_and_metadata(file_settings):
    (d,) = iter_drafts([str(DATA / "article.html")], file_settings, today=TODAY)
    assert isinstance(d, ArticleDraft) and d.source_kind == "html"
    assert d.title == "Storm closes Harbour Bridge for two days"
    assert d.outlet == "The Coastal Herald" and d.author == "Maria Lopez; Tom Reed"
    assert d.text.startswith("The Harbour Bridge will stay closed")  # headline not repeated in the body
    assert d.text.endswith("the electricity network operator said.")
    assert d.text.count("\n\n") == 4  # five paragraphs
    for boilerplate in ("Most read", "All rights reserved", "Accept all cookies", "Home", "Subscribe"):
        assert boilerplate not in d.text


def test_jsonld_dates_win_and_keep_the_local_day(file_settings):
    d = draft_from_html((DATA / "article.html").read_bytes(), "a", today=TODAY)
    # JSON-LD says 2023-03-13T23:40-05:00 (03-14 in UTC, and the meta tag says 03-14): the publisher's day counts
    assert d.published == dt.date(2023, 3, 13) and d.published_source == "json-ld"
    assert d.modified == dt.date(2023, 3, 14)  # JSON-LD dateModified, kept apart from published
    assert d.notes == []


def test_future_jsonld_date_dropped_then_meta(file_settings):
    d = draft_from_html((DATA / "future_date.html").read_bytes(), "f", today=TODAY)
    assert d.published == dt.date(2023, 6, 2) and d.published_source == "meta"
    assert d.notes == ["dropped future published date 2099-01-01 from json-ld"]


def test_meta_dates_when_no_jsonld():
    d = extract(page(meta("article:published_time", "2023-04-01T10:00:00+02:00")
                     + meta("article:modified_time", "2023-04-03T08:00:00+02:00")))
    assert (d.published, d.published_source, d.modified) == (dt.date(2023, 4, 1), "meta", dt.date(2023, 4, 3))


def test_broken_jsonld_falls_back_to_meta():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>'
    d = extract(page(head + meta("article:published_time", "2023-04-01")))
    assert (d.published, d.published_source) == (dt.date(2023, 4, 1), "meta")


def test_htmldate_is_the_last_resort():
    d = extract(page(), url="https://news.example/2023/02/07/tram-line.html")
    assert (d.published, d.published_source) == (dt.date(2023, 2, 7), "htmldate")
    assert d.outlet == "news.example"  # no site name anywhere: the host


def test_no_date_is_none_not_a_guess():
    # the text mentions "Monday" and the page has no date: nothing is guessed from free text
    d = extract(page())
    assert d.published is None and d.published_source is None and d.modified is None


def test_every_date_in_the_future_gives_none():
    d = extract(page(jsonld(datePublished="2099-05-05") + meta("article:published_time", "2098-01-01")))
    assert d.published is None
    assert d.notes == ["dropped future published date 2099-05-05 from json-ld",
                       "dropped future published date 2098-01-01 from meta"]


def test_modified_before_published_is_dropped():
    d = extract(page(jsonld(datePublished="2023-05-05", dateModified="2023-05-01")))
    assert d.published == dt.date(2023, 5, 5) and d.modified is None
    assert d.notes == ["modified date 2023-05-01 precedes published 2023-05-05; modified dropped"]


def test_jsonld_publisher_and_headline():
    d = extract(page(jsonld(headline="H", publisher={"@type": "Organization", "name": "Tram Times"},
                            author="Ann Lee")))
    assert d.outlet == "Tram Times" and d.author == "Ann Lee"


@pytest.mark.parametrize("name, reason_start", [
    ("consent.html", "paywall/consent stub, not an article"),
    ("paywall.html", "paywall/consent stub, not an article"),
    ("nav_only.html", "too short to be an article"),
])
def test_stubs_are_errors_not_articles(file_settings, name, reason_start):
    (err,) = iter_drafts([str(DATA / name)], file_settings, today=TODAY)
    assert isinstance(err, IngestError) and err.skipped
    assert err.source == str(DATA / name) and err.reason.startswith(reason_start)


def test_stub_reason_keeps_a_real_article_that_mentions_subscribers():
    text = ("The streaming service said on Tuesday it had lost 200,000 subscribers in the quarter. " +
            "Its shares fell by 8% in early trading as analysts questioned the price rise announced in May. " * 3)
    assert stub_reason(text, min_words=40) is None


def test_malformed_html_extracts_what_it_can(file_settings):
    (d,) = iter_drafts([str(DATA / "malformed.html")], file_settings, today=TODAY)
    assert isinstance(d, ArticleDraft)
    assert d.title == "Water main bursts on Elm Street"
    assert d.published == dt.date(2023, 2, 20) and d.published_source == "meta"
    assert d.text.startswith("A water main burst under Elm Street")
    assert "Police closed the road" in d.text and "1.2 million" in d.text


def test_legacy_encoded_page():
    markup = ('<html><head><meta charset="windows-1252"><title>Caf\u00e9 prices</title></head><body><article>'
              '<p>Caf\u00e9 owners said \u201cprices\u201d rose by a fifth.</p>' + BODY + "</article></body></html>")
    d = extract(markup.encode("cp1252"))
    assert d.title == "Café prices" and d.text.startswith("Café owners said “prices” rose by a fifth.")


def test_empty_and_garbage_html(tmp_path, file_settings):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"  \n ")
    (tmp_path / "garbage.html").write_bytes(b"<<<>>><html><</html>")
    errors = list(iter_drafts([str(tmp_path / n) for n in ("empty.html", "blank.html", "garbage.html")],
                              file_settings, today=TODAY))
    assert [e.reason for e in errors] == ["empty file (0 bytes)", "empty: only whitespace",
                                          "no article text found in the HTML (extraction failed)"]


def test_oversized_html_uses_the_download_cap(tmp_path, file_settings):
    path = tmp_path / "huge.html"
    path.write_bytes(page(body="".join(f"<p>{n}</p>{BODY}" for n in range(200))))  # ~100 KB
    (err,) = iter_drafts([str(path)], file_settings.with_(max_download_bytes=50_000), today=TODAY)
    assert err.reason.startswith("oversized:") and err.reason.endswith("bytes of html > limit 50,000")


def test_paywall_prompt_after_a_teaser_is_a_stub():
    teaser = ("<p>The car parts maker said on Wednesday it would close its plant in the north of the city, cutting "
              "about 300 jobs by the end of the year, and move production to a site it opened last spring.</p>"
              "<p>Union leaders said they had not been consulted and called a meeting for Thursday evening.</p>")
    prompt = "<p>Subscribe now to continue reading. Already a subscriber? Sign in.</p>"
    with pytest.raises(IngestError, match=r"paywall stub, not an article \(only 53 words before a subscription"):
        extract(page(body=teaser + prompt))


def test_prompt_after_a_full_article_is_removed_with_a_note():
    prompt = "<p>Already a subscriber? Sign in to continue reading.</p>"
    d = extract(page(body="".join(f"<p>Update {n}.</p>" + BODY for n in range(3)) + prompt))
    assert "subscriber" not in d.text and d.text.endswith("by a third since last summer.")
    assert d.notes == ["removed 1 subscribe/consent paragraph at the edges"]


@pytest.mark.parametrize("text", [
    "Parliament passed the consent law on Friday. Consent must now be explicit, the minister said. " * 4
    + "Campaigners said the law was overdue. Critics said consent rules were already clear in practice. " * 3,
    "Voters must register by Friday to take part in the referendum, the election commission said on Monday. " * 5,
    "The bakery sold 4,000 cookies on its first day. Its cookies cost two euros each, the owner said. " * 5,
])
def test_news_about_consent_or_registration_is_not_a_stub(text):
    assert stub_reason(text, min_words=40) is None
    assert strip_wall_edges(text.replace(". ", ".\n\n"))[1] == 0


def test_canonical_url_gives_url_and_outlet():
    d = extract(page('<link rel="canonical" href="https://www.paper.example/city/tram-line-delayed">'))
    assert d.url == "https://www.paper.example/city/tram-line-delayed" and d.outlet == "paper.example"


def test_microdata_time_element_before_htmldate():
    body = '<p>By Ann Lee, <time itemprop="datePublished" datetime="2023-01-05T21:00:00-08:00">5 Jan</time></p>' + BODY
    d = extract(page(body=body), url="https://news.example/2022/12/30/tram.html")
    assert (d.published, d.published_source) == (dt.date(2023, 1, 5), "microdata")
