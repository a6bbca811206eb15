"""A real HTTP server on 127.0.0.1 (http.server in a thread) serving pages, feeds and misbehaving endpoints."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import pytest

from newsprism.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
TODAY = dt.date(2026, 1, 15)  # fixed "today" so that the future-date rules do not depend on the clock


@dataclass
class Reply:
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before the headers
    drip: float = 0.0  # seconds between single bytes of the body
    length: bool = True  # send Content-Length


def _file(name: str, content_type: str) -> Callable[[str], Reply]:
    return lambda base: Reply(content_type=content_type,
                              body=(DATA / name).read_bytes().replace(b"__BASE__", base.encode()))


def _redirect(target: str, status: int = 302) -> Callable[[str], Reply]:
    return lambda base: Reply(status=status, content_type=None, headers=(("Location", target),))


ROUTES: dict[str, Callable[[str], Reply]] = {
    "/article.html": _file("article.html", "text/html; charset=utf-8"),
    "/consent.html": _file("consent.html", "text/html; charset=utf-8"),
    "/paywall.html": _file("paywall.html", "text/html"),
    "/rss.xml": _file("rss_full.xml", "application/rss+xml"),
    "/atom.xml": _file("atom.xml", "application/atom+xml; charset=utf-8"),
    "/feed.json": _file("feed.json", "application/feed+json"),
    "/broken.xml": _file("broken.xml", "application/xml"),
    "/teasers.xml": _file("teasers.xml", "application/rss+xml"),
    "/feed-as-html": _file("rss_full.xml", "text/html"),  # a feed served with the wrong type: content decides
    "/no-type": _file("atom.xml", None),
    "/text.txt": lambda base: Reply(content_type="text/plain; charset=windows-1252",
                                    body=(" date 2023-01-09 " + "Caf\u00e9 owners in the old town said on Monday that "
                                          "rents had risen by a fifth. " * 3).encode("cp1252")),
    # two hops (within a limit of 3), then the article
    "/hop1": _redirect("/hop2"),
    "/hop2": _redirect("/article.html", 301),
    # five hops: over the limit
    **{f"/loop{n}": _redirect(f"/loop{n + 1}") for n in range(1, 6)},
    "/loop6": _file("article.html", "text/html"),
    # a legacy page whose only encoding label is the HTTP header (latin-1, which browsers read as windows-1252)
    "/legacy.html": lambda base: Reply(content_type="text/html; charset=ISO-8859-1", body=(
        "<html><head><title>No\u00ebl prices</title></head><body><article><h1>No\u00ebl prices</h1>"
        "<p>Le caf\u00e9 \u201cChez No\u00ebl\u201d a co\u00fbt\u00e9 5 \u20ac \u2014 d\u00e9j\u00e0 vu, said the "
        "mayor\u2019s office. Prices in Z\u00fcrich and S\u00e3o Paulo rose by 12% in a year, according to the "
        "na\u00efve fa\u00e7ade survey.</p><p>Shop owners said they expected the trend to continue into next year, "
        "and several of them planned to close their doors before the end of the winter season.</p>"
        "</article></body></html>").encode("cp1252")),
    "/relative.xml": lambda base: Reply(content_type="application/rss+xml", body=(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Relative</title><item><title>Bridge</title>'
        b"<link>/article.html</link><description>Short teaser.</description></item></channel></rss>")),
    "/404": lambda base: Reply(status=404, body=b"<h1>Not found</h1>"),
    "/500": lambda base: Reply(status=500, body=b"<h1>Server error</h1>"),
    "/slow": lambda base: Reply(delay=2.0, body=b"<p>late</p>"),
    "/drip": lambda base: Reply(drip=0.05, body=b"x" * 60, content_type="text/plain"),
    "/big": lambda base: Reply(content_type="text/plain", body=b"word " * 50_000),
    "/big-chunked": lambda base: Reply(content_type="text/plain", body=b"word " * 50_000, length=False),
    "/image.png": lambda base: Reply(content_type="image/png", body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "/empty": lambda base: Reply(content_type="text/html", body=b""),
    "/redirect-no-location": lambda base: Reply(status=302, content_type=None),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection; a body without Content-Length ends at close

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        route = ROUTES.get(self.path.split("?", 1)[0])
        base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
        reply = route(base) if route else Reply(status=404, body=b"no such route")
        try:
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            if reply.length:
                self.send_header("Content-Length", str(len(reply.body)))
            for key, value in reply.headers:
                self.send_header(key, value)
            self.end_headers()
            if reply.drip:
                for i in range(len(reply.body)):
                    self.wfile.write(reply.body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(reply.drip)
            else:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, size cap): that is what those tests want

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server():
    """Base URL of a live HTTP server on 127.0.0.1 serving `ROUTES`."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def net_settings(tmp_path) -> Settings:
    """Settings for tests against the local server: private addresses allowed, short timeouts, small caps."""
    return Settings(db_url=f"sqlite:///{tmp_path / 'x.db'}", cache_dir=tmp_path, allow_private=True,
                    connect_timeout=1.0, read_timeout=0.3, max_fetch_seconds=1.0, max_download_bytes=100_000,
                    max_redirects=3)


@pytest.fixture
def file_settings(tmp_path) -> Settings:
    return Settings(db_url=f"sqlite:///{tmp_path / 'x.db'}", cache_dir=tmp_path, max_text_bytes=20_000)
