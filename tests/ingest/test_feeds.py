"""Feed files: RSS, Atom, JSON Feed, broken feeds, teasers without a reachable link, detection by content."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from newsprism.errors import IngestError
from newsprism.ingest.feeds import fragment_text, parse_json_feed, parse_xml_feed
from newsprism.ingest.sniff import sniff
from newsprism.ingest.sources import iter_drafts
from newsprism.model import ArticleDraft

from .conftest import DATA, TODAY


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, ArticleDraft)], [i for i in items if isinstance(i, IngestError)]


def test_rss_entries_with_full_content(file_settings):
    drafts, errors = split(iter_drafts([str(DATA / "rss_full.xml")], file_settings, today=TODAY))
    assert errors == []
    first, second = drafts
    assert (first.title, first.url, first.source) == ("Parliament approves three new schools",
                                                      "https://gazette.example/news/schools",
                                                      "https://gazette.example/news/schools")
    assert first.outlet == "Valley Gazette" and first.author == "Lena Fischer" and first.source_kind == "feed"
    # pubDate "Tue, 11 Apr 2023 22:30:00 -0500" is the 12th in UTC; the entry's own day is kept
    assert first.published == dt.date(2023, 4, 11) and first.published_source == "feed"
    assert first.text.startswith("The regional parliament approved a plan on Tuesday to build three new primary")
    assert "\n\n" in first.text  # <p> blocks became paragraphs
    assert second.published == dt.date(2023, 4, 16)


def test_atom_published_updated_kept_apart(file_settings):
    drafts, errors = split(iter_drafts([str(DATA / "atom.xml")], file_settings, today=TODAY))
    assert errors == []
    first, second = drafts
    assert (first.published, first.published_source, first.modified) == (dt.date(2023, 4, 11), "feed",
                                                                          dt.date(2023, 4, 12))
    assert first.author == "Piotr Nowak" and first.outlet == "Northern Chronicle"
    # only <updated>: used as the date, and marked so
    assert (second.published, second.published_source, second.modified) == (dt.date(2023, 4, 16), "feed-updated",
                                                                             None)


def test_json_feed(file_settings):
    drafts, errors = split(iter_drafts([str(DATA / "feed.json")], file_settings, today=TODAY))
    assert errors == []
    assert [d.outlet for d in drafts] == ["Metro Wire", "Metro Wire"]
    assert drafts[0].author == "Kofi Mensah" and drafts[0].published == dt.date(2023, 4, 11)
    assert drafts[1].text.startswith("Firefighters brought a blaze") and "<p>" not in drafts[1].text


def test_broken_feed_parsed_as_far_as_it_goes(file_settings):
    drafts, errors = split(iter_drafts([str(DATA / "broken.xml")], file_settings, today=TODAY))
    assert [d.title for d in drafts] == ["Fire at recycling plant brought under control"]
    partial = [e for e in errors if not e.skipped]
    assert len(partial) == 1
    assert str(partial[0]).startswith(f"{DATA / 'broken.xml'}: malformed feed (")
    assert partial[0].reason.endswith("parsed as far as it goes: 1 of 2 entries read kept")


def test_feed_with_nothing_readable_is_skipped(tmp_path, file_settings):
    path = tmp_path / "cut.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item><title>A', "utf-8")
    drafts, errors = split(iter_drafts([str(path)], file_settings, today=TODAY))
    assert drafts == [] and len(errors) >= 1 and errors[-1].skipped
    assert all(e.skipped for e in errors)


def test_feed_without_entries(tmp_path, file_settings):
    path = tmp_path / "empty.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>', "utf-8")
    (err,) = iter_drafts([str(path)], file_settings, today=TODAY)
    assert err.reason == "feed has no entries"


def test_teaser_without_reachable_link_is_reported(tmp_path, file_settings):
    shutil.copy(DATA / "teasers.xml", tmp_path / "teasers.xml")  # links are "__BASE__/...", not URLs
    drafts, errors = split(iter_drafts([str(tmp_path / "teasers.xml")], file_settings, today=TODAY))
    assert drafts == [] and len(errors) == 3
    assert errors[0].reason == "feed entry holds only a teaser (13 words) and no link to its full text"


def test_future_entry_date_dropped(tmp_path, file_settings):
    text = " ".join(["word"] * 200)
    path = tmp_path / "f.json"
    path.write_text(json.dumps({"version": "https://jsonfeed.org/version/1", "title": "T", "items": [
        {"id": "1", "url": "https://t.example/1", "content_text": text, "date_published": "2099-01-01T00:00:00Z"}]}))
    (d,) = iter_drafts([str(path)], file_settings, today=TODAY)
    assert d.published is None and d.notes == ["dropped future published date 2099-01-01 from feed"]


@pytest.mark.parametrize("content, problem", [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "malformed JSON feed"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": "nope"}', "no items list"),
])
def test_malformed_json_feeds(content, problem):
    feed = parse_json_feed(content)
    assert feed.entries == [] and problem in feed.problem


def test_json_that_is_not_a_feed(tmp_path, file_settings):
    path = tmp_path / "data.json"
    path.write_text('{"name": "not a feed"}')
    (err,) = iter_drafts([str(path)], file_settings, today=TODAY)
    assert err.reason == "JSON that is not a JSON Feed (no jsonfeed.org version)"


def test_feed_detected_by_content_not_extension(tmp_path, file_settings):
    path = tmp_path / "news.txt"
    shutil.copy(DATA / "atom.xml", path)
    drafts, errors = split(iter_drafts([str(path)], file_settings, today=TODAY))
    assert errors == [] and [d.source_kind for d in drafts] == ["feed", "feed"]


@pytest.mark.parametrize("data, name, hint, kind", [
    (b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "", "", "feed"),
    (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "x.txt", "", "feed"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "", "", "feed"),
    (b"<!DOCTYPE html><html><body>", "x.xml", "", "html"),
    (b"  <html><head>", "", "", "html"),
    (b"<p>Fragment</p>", "page.htm", "", "html"),
    (b'{"version": "https://jsonfeed.org/version/1", "items": []}', "", "", "jsonfeed"),
    (b'{"a": 1}', "", "feed", "json"),
    (b"Plain words < and > signs", "a.txt", "", "text"),
    (b"<rss version='2.0'>", "", "html", "feed"),
    (b"Just text", "", "html", "html"),
])
def test_sniff(data, name, hint, kind):
    assert sniff(data, name=name, hint=hint) == kind


def test_fragment_text():
    assert fragment_text("<p>One &amp; two.</p><p>Three<br>four.</p><script>x()</script>") == \
        "One & two.\n\nThree\nfour."
    assert fragment_text("Plain &eacute;t&eacute;") == "Plain été"
    assert fragment_text(None) == ""


def test_xml_feed_parser_never_fetches_a_string_url():
    # bytes that look like a URL are parsed as a (non-)feed, never fetched
    feed = parse_xml_feed(b"http://127.0.0.1:9/feed.xml")
    assert feed.entries == []


def test_xml_that_is_not_a_feed(tmp_path, file_settings):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    "<url><loc>https://x.example/</loc></url></urlset>", "utf-8")
    (err,) = iter_drafts([str(path)], file_settings, today=TODAY)
    assert err.reason == "XML that is not an RSS or Atom feed (root element <urlset>)"


def test_rss10_dc_date_is_the_published_date():
    rdf = (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           b'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x">'
           b'<title>RDF News</title></channel><item rdf:about="https://r.example/1"><title>One</title>'
           b"<link>https://r.example/1</link><description>Short.</description>"
           b"<dc:date>2023-03-06T23:00:00-05:00</dc:date></item></rdf:RDF>")
    (entry,) = parse_xml_feed(rdf).entries
    assert (entry.published, entry.published_source, entry.link) == (dt.date(2023, 3, 6), "feed", "https://r.example/1")


def test_undefined_entity_is_reported_but_entries_kept():
    body = " ".join(["word"] * 130)
    rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T&nbsp;News</title><item><title>A</title>'
           f"<link>https://a.example/1</link><description>{body}</description></item></channel></rss>").encode()
    feed = parse_xml_feed(rss)
    assert feed.problem == "malformed feed (undefined entity)" and len(feed.entries) == 1


# -- issue 12: one badly typed JSON Feed item; an RSS file with an internal DTD subset --------------------------


def _json_feed_with(bad_item: dict) -> bytes:
    feed = json.loads((DATA / "feed.json").read_text("utf-8"))
    feed["items"].insert(1, bad_item)
    return json.dumps(feed).encode()


@pytest.mark.parametrize("bad_item, why", [
    ({"id": "x", "url": "https://wire.example/x", "title": ["a", "list"], "content_text": "Some text."}, "title"),
    ({"id": "y", "url": "https://wire.example/y", "authors": 42, "content_text": "Some text."}, "authors"),
    ({"id": "z", "url": ["https://wire.example/z"], "author": "Jo", "date_published": 20230101,
      "content_text": "Some text."}, "url"),
])
def test_json_feed_badly_typed_item_reported_and_the_rest_kept(tmp_path, file_settings, bad_item, why):
    path = tmp_path / "feed.json"
    path.write_bytes(_json_feed_with(bad_item))
    items = list(iter_drafts([str(path)], file_settings, today=TODAY))
    drafts = [i for i in items if isinstance(i, ArticleDraft)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.title for d in drafts] == ["Parliament approves three new schools",
                                         "Fire at recycling plant brought under control"]
    assert len(errors) == 1 and "unexpected" not in str(errors[0]) and why in errors[0].reason, [str(e) for e in errors]
    assert "item 2" in str(errors[0])


def test_rss_file_with_internal_dtd_subset_is_a_feed(tmp_path, file_settings):
    rss = (DATA / "rss_full.xml").read_bytes()
    declared = rss.replace(b'<rss', b'<!DOCTYPE rss [\n<!ENTITY nbsp "&#160;">\n<!ENTITY mdash "&#8212;">\n]>\n<rss', 1)
    assert sniff(declared, name="news.xml") == "feed"
    assert sniff(declared, name="news.txt") == "feed"
    path = tmp_path / "news.xml"
    path.write_bytes(declared)
    drafts = [i for i in iter_drafts([str(path)], file_settings, today=TODAY) if isinstance(i, ArticleDraft)]
    assert drafts and all(d.source_kind == "feed" for d in drafts)
