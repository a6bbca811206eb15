"""URLs and feeds over a real HTTP server on 127.0.0.1: guards, errors, redirects, feeds with teasers."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket

import pytest

from newsprism.errors import FetchError, IngestError
from newsprism.ingest.fetch import Fetcher, forbidden_kind
from newsprism.ingest.sources import iter_drafts
from newsprism.model import ArticleDraft

from .conftest import TODAY


def run(sources, settings):
    items = list(iter_drafts(sources, settings, today=TODAY))
    return ([i for i in items if isinstance(i, ArticleDraft)], [i for i in items if isinstance(i, IngestError)])


def one_error(source, settings) -> IngestError:
    drafts, errors = run([source], settings)
    assert drafts == [] and len(errors) == 1, (drafts, [str(e) for e in errors])
    assert errors[0].skipped
    return errors[0]


def test_fetch_article_page(server, net_settings):
    drafts, errors = run([f"{server}/article.html"], net_settings)
    assert errors == []
    (d,) = drafts
    assert d.source_kind == "url" and d.url == f"{server}/article.html" and d.source == f"{server}/article.html"
    assert d.title == "Storm closes Harbour Bridge for two days"
    assert d.published == dt.date(2023, 3, 13) and d.published_source == "json-ld"
    assert "42,000 vehicles" in d.text


def test_fetch_refuses_loopback_without_allow_private(server, net_settings):
    err = one_error(f"{server}/article.html", net_settings.with_(allow_private=False))
    assert isinstance(err, FetchError)
    assert str(err).startswith(f"{server}/article.html: refused private address (loopback) 127.0.0.1")


def test_fetch_refuses_localhost_name(server, net_settings):
    port = server.rsplit(":", 1)[1]
    err = one_error(f"http://localhost:{port}/article.html", net_settings.with_(allow_private=False))
    assert "refused private address (loopback)" in err.reason and "(host localhost)" in err.reason


@pytest.mark.parametrize("address, kind", [
    ("10.1.2.3", "private"), ("192.168.0.1", "private"), ("172.16.5.4", "private"), ("169.254.169.254", "cloud metadata"), ("169.254.1.1", "link-local"), ("100.100.100.200", "cloud metadata"), ("100.64.0.1", "non-public"),
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"), ("fe80::1", "link-local"),
    ("0.0.0.0", "unspecified"), ("fc00::1", "private"), ("224.0.0.1", "multicast"), ("240.0.0.1", "private"),
    ("93.184.216.34", None), ("2606:4700::6810:84e5", None),
])
def test_forbidden_kind_ranges(address, kind):
    assert forbidden_kind(ipaddress.ip_address(address)) == kind


def test_redirect_chain_within_limit(server, net_settings):
    drafts, errors = run([f"{server}/hop1"], net_settings)
    assert errors == []
    assert drafts[0].url == f"{server}/article.html"  # the final URL after two hops
    assert drafts[0].source == f"{server}/hop1"  # reported under what the user asked for


def test_redirect_chain_over_limit(server, net_settings):
    err = one_error(f"{server}/loop1", net_settings)
    assert err.reason == "too many redirects (more than 3)"


def test_redirect_without_location(server, net_settings):
    assert "redirect without a Location" in one_error(f"{server}/redirect-no-location", net_settings).reason


@pytest.mark.parametrize("path, reason", [("/404", "HTTP 404 Not Found"), ("/500", "HTTP 500 Internal Server Error")])
def test_http_errors(server, net_settings, path, reason):
    err = one_error(server + path, net_settings)
    assert str(err) == f"{server}{path}: {reason}"


def test_read_timeout(server, net_settings):
    err = one_error(f"{server}/slow", net_settings)
    assert err.reason == "read timed out after 0.3s"


def test_overall_deadline_against_drip(server, net_settings):
    # each byte arrives well within the read timeout, but the whole body would take 3 s
    err = one_error(f"{server}/drip", net_settings.with_(read_timeout=1.0, max_fetch_seconds=0.5))
    assert err.reason == "timed out after 0.5s in all (download too slow)"


def test_oversized_response_by_content_length(server, net_settings):
    err = one_error(f"{server}/big", net_settings)
    assert err.reason == "response too large: 250,000 bytes > limit 100,000"


def test_oversized_response_streamed(server, net_settings):
    err = one_error(f"{server}/big-chunked", net_settings)
    assert err.reason == "response too large: over the 100,000-byte limit"


def test_wrong_content_type(server, net_settings):
    err = one_error(f"{server}/image.png", net_settings)
    assert err.reason == "unsupported content type image/png (expected HTML, a feed or plain text)"


def test_empty_response(server, net_settings):
    assert one_error(f"{server}/empty", net_settings).reason == "empty response"


def test_consent_page_is_not_an_article(server, net_settings):
    assert "paywall/consent stub" in one_error(f"{server}/consent.html", net_settings).reason


def test_connection_refused(net_settings):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert one_error(f"http://127.0.0.1:{port}/", net_settings).reason == "connection refused"


def test_dns_failure(net_settings):
    err = one_error("http://no-such-host.invalid/news", net_settings.with_(allow_private=False))
    assert err.reason.startswith("DNS lookup failed for no-such-host.invalid")


def test_unsupported_scheme(net_settings):
    with Fetcher(net_settings) as fetcher, pytest.raises(FetchError, match="unsupported URL scheme 'ftp'"):
        fetcher.fetch("ftp://example.org/file.txt")


def test_plain_text_url_with_declared_charset(server, net_settings):
    drafts, errors = run([f"{server}/text.txt"], net_settings)
    assert errors == []
    (d,) = drafts
    assert d.source_kind == "url" and d.published == dt.date(2023, 1, 9) and d.published_source == "marker"
    assert d.text.startswith("Café owners") and d.encoding == "cp1252"


@pytest.mark.parametrize("path, outlet", [("/rss.xml", "Valley Gazette"), ("/atom.xml", "Northern Chronicle"),
                                          ("/feed.json", "Metro Wire"), ("/feed-as-html", "Valley Gazette"),
                                          ("/no-type", "Northern Chronicle")])
def test_feeds_over_http(server, net_settings, path, outlet):
    drafts, errors = run([server + path], net_settings)
    assert errors == []
    assert [d.title for d in drafts] == ["Parliament approves three new schools",
                                         "Fire at recycling plant brought under control"]
    assert {d.outlet for d in drafts} == {outlet} and {d.source_kind for d in drafts} == {"feed"}
    assert all(d.published_source in ("feed", "feed-updated") for d in drafts)


def test_broken_feed_over_http(server, net_settings):
    drafts, errors = run([f"{server}/broken.xml"], net_settings)
    assert [d.url for d in drafts] == ["https://harbour.example/fire"]
    partial = [e for e in errors if not e.skipped]
    assert len(partial) == 1 and partial[0].source == f"{server}/broken.xml"
    assert partial[0].reason.startswith("malformed feed (")


def test_teaser_feed_fetches_full_text(server, net_settings):
    drafts, errors = run([f"{server}/teasers.xml"], net_settings)
    (d,) = drafts
    assert d.source == f"{server}/article.html" and d.source_kind == "feed"
    assert d.title == "Storm closes Harbour Bridge" and d.outlet == "Coastal Herald headlines"  # the feed's word
    assert d.published == dt.date(2023, 3, 14) and d.published_source == "feed"
    assert d.notes == ["feed date 2023-03-14 kept over the page's 2023-03-13 (json-ld)"]
    assert "cable anchors" in d.text and len(d.text.split()) > 150  # the full article, not the teaser
    by_source = {e.source: e.reason for e in errors}
    assert by_source[f"{server}/missing.html"] == ("feed entry holds only a teaser (9 words) and its full text "
                                                   "could not be read: HTTP 404 Not Found")
    assert "paywall/consent stub" in by_source[f"{server}/paywall.html"]
    assert all(e.skipped for e in errors) and len(errors) == 2


def test_one_bad_url_does_not_stop_the_rest(server, net_settings):
    drafts, errors = run([f"{server}/404", f"{server}/article.html", f"{server}/image.png", f"{server}/atom.xml"],
                         net_settings)
    assert len(drafts) == 3 and [e.source for e in errors] == [f"{server}/404", f"{server}/image.png"]


@pytest.mark.parametrize("url, shown", [
    ("http://10.0.0.7/news", "refused private address 10.0.0.7"),
    ("http://169.254.169.254/latest/meta-data/", "refused cloud metadata address 169.254.169.254"),
    ("http://[::1]:8080/", "refused private address (loopback) ::1"),
    ("http://[::ffff:127.0.0.1]/", "refused private address (loopback) ::ffff:7f00:1"),
])
def test_private_addresses_refused_before_connecting(net_settings, url, shown):
    with Fetcher(net_settings.with_(allow_private=False)) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(url)
    assert info.value.reason.startswith(shown)


def test_legacy_page_decoded_with_http_charset(server, net_settings):
    drafts, errors = run([f"{server}/legacy.html"], net_settings)
    assert errors == []
    (d,) = drafts
    # trafilatura's own detection reads these bytes as cp1257 ("Noėl", "Sćo Paulo"); the HTTP label is used first
    assert d.title == "Noël prices"
    assert d.text.startswith("Le café “Chez Noël” a coûté 5 € — déjà vu") and "São Paulo" in d.text


def test_relative_entry_link_resolved_against_the_feed_url(server, net_settings):
    drafts, errors = run([f"{server}/relative.xml"], net_settings)
    assert errors == [] and drafts[0].url == f"{server}/article.html" and drafts[0].title == "Bridge"


def test_connected_peer_is_checked_again(server, net_settings):
    class RacyFetcher(Fetcher):
        def _check_url(self, source, url):  # as if DNS had answered with a public address, then changed
            return None

    with RacyFetcher(net_settings.with_(allow_private=False)) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(f"{server}/article.html")
    assert info.value.reason.startswith("refused private address (loopback) 127.0.0.1")
