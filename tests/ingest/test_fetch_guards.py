"""Fetch guards against hostile servers (issue 12): the overall deadline covers connect, headers and body; a feed's
teaser links share one budget; link-local and metadata addresses need their own permission; the address connected
to is the address checked; credentials in URLs are never stored or printed."""

from __future__ import annotations

import socket
import time

import pytest

from newsprism.errors import FetchError, IngestError
from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.sources import iter_drafts
from newsprism.model import ArticleDraft

from . import conftest
from .conftest import TODAY, Reply
from .slow_servers import header_drip, slow_connect


def run(sources, settings):
    items = list(iter_drafts(sources, settings, today=TODAY))
    return ([i for i in items if isinstance(i, ArticleDraft)], [i for i in items if isinstance(i, IngestError)])


def test_fetch_header_drip_is_cut_off_at_the_overall_deadline(net_settings):
    # each byte comes well within the 0.3 s read timeout; only the overall deadline (1 s) can stop it
    with header_drip() as (base, _), Fetcher(net_settings) as fetcher:
        start = time.monotonic()
        with pytest.raises(FetchError) as info:
            fetcher.fetch(f"{base}/article.html")
        took = time.monotonic() - start
    assert "in all" in info.value.reason and "1s" in info.value.reason, info.value.reason
    assert took < 1.6, took


def test_fetch_slow_connect_is_a_connect_timeout(net_settings):
    with slow_connect() as base, Fetcher(net_settings.with_(max_fetch_seconds=2.0)) as fetcher:
        start = time.monotonic()
        with pytest.raises(FetchError) as info:
            fetcher.fetch(f"{base}/a.html")
    assert info.value.reason == "connect timed out after 1s" and time.monotonic() - start < 1.6


def test_fetch_slow_body_is_cut_off_at_the_overall_deadline(server, net_settings):
    with Fetcher(net_settings.with_(read_timeout=1.0)) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(f"{server}/drip")
    assert "in all" in info.value.reason


@pytest.fixture
def drip_feed(server, monkeypatch):
    with header_drip() as (base, accepted):
        items = "".join(f"<item><title>T{n}</title><link>{base}/story{n}.html</link><description>Short teaser "
                        f"{n}.</description></item>" for n in range(8))
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Drip</title>{items}</channel></rss>'
        monkeypatch.setitem(conftest.ROUTES, "/drip-teasers.xml",
                            lambda b: Reply(content_type="application/rss+xml", body=body.encode()))
        yield f"{server}/drip-teasers.xml", accepted


def test_feed_teaser_budget_bounds_a_feed_of_dripping_links(drip_feed, net_settings):
    url, accepted = drip_feed
    start = time.monotonic()
    drafts, errors = run([url], net_settings.with_(max_feed_seconds=2.0))
    took = time.monotonic() - start
    assert drafts == [] and len(errors) == 8
    assert took < 3.0, took  # 8 links x 1 s each without a shared budget
    assert all("\n" not in str(e) for e in errors)
    assert any("fetch budget" in e.reason for e in errors), [e.reason for e in errors]


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/",
                                 "http://[::ffff:169.254.169.254]/", "http://169.254.1.1:8080/x"])
def test_link_local_refused_even_with_allow_private(net_settings, url):
    start = time.monotonic()
    with Fetcher(net_settings) as fetcher, pytest.raises(FetchError) as info:  # net_settings allow private
        fetcher.fetch(url)
    assert "link-local" in info.value.reason or "cloud metadata" in info.value.reason, info.value.reason
    assert "--allow-link-local" in info.value.reason
    assert time.monotonic() - start < 0.5  # refused, not tried


def test_redirect_to_link_local_refused(server, net_settings, monkeypatch):
    monkeypatch.setitem(conftest.ROUTES, "/to-metadata", lambda b: Reply(
        status=302, content_type=None, headers=(("Location", "http://169.254.169.254/latest/"),)))
    with Fetcher(net_settings) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(f"{server}/to-metadata")
    assert "cloud metadata" in info.value.reason


def test_dns_rebinding_never_reaches_the_private_address(server, net_settings, monkeypatch):
    """The first DNS answer is public, every later one loopback: the request must never reach the server."""
    hits = []
    monkeypatch.setitem(conftest.ROUTES, "/rebind", lambda b: hits.append(1) or Reply(body=b"<p>secret</p>"))
    port = int(server.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]])

    def fake(host, *args, **kwargs):
        if host != "rebind.example":
            return real(host, *args, **kwargs)
        return next(answers, [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))])

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with Fetcher(net_settings.with_(allow_private=False, connect_timeout=0.3)) as fetcher:
        with pytest.raises(FetchError):
            fetcher.fetch(f"http://rebind.example:{port}/rebind")
    assert hits == []


def test_credentials_never_stored_or_printed(server, net_settings):
    with_secret = server.replace("http://", "http://reader:s3cret@")
    drafts, errors = run([f"{with_secret}/article.html", f"{with_secret}/404"], net_settings)
    (d,) = drafts
    assert "s3cret" not in repr(d) and d.source == f"{server}/article.html" and d.url == f"{server}/article.html"
    (e,) = errors
    assert "s3cret" not in str(e) and "reader" not in str(e) and e.source == f"{server}/404"


def test_redact_url():
    from newsprism.ingest.urls import redact_url

    assert redact_url("https://u:p@example.org:8443/a?b=c") == "https://example.org:8443/a?b=c"
    assert redact_url("https://example.org/a@b") == "https://example.org/a@b"
