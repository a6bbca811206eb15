"""Fetch one URL with httpx, under guards: every failure is a `FetchError` whose reason is one short phrase.

Guards, checked on every hop (redirects are followed by hand so each one passes the same checks):

- scheme http or https only;
- the host must not resolve to a loopback, private, link-local, reserved, multicast or unspecified address unless
  ``settings.allow_private``; the address the connection actually reached is checked again (a DNS answer may change
  between the check and the connection);
- at most ``settings.max_redirects`` redirects;
- hard connect and read timeouts, plus an overall deadline (``settings.max_fetch_seconds``) against slow drips;
- content type: HTML, XML/RSS/Atom/JSON feeds or plain text; anything else is refused before the body is read;
- size: ``Content-Length`` over ``settings.max_download_bytes`` is refused at once, and the streamed body is cut
  off as soon as it passes the cap (the cap counts decoded bytes, so a compression bomb stops too).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError
from ..settings import Settings

HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json", "application/json"}
TEXT_TYPES = {"text/plain", "text/markdown"}
_REDIRECTS = {301, 302, 303, 307, 308}
_USER_AGENT = "newsprism/0.1 (news comparison; +https://github.com/newsprism)"
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,"
           "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body and what the server said about it."""

    url: str  # the final URL, after redirects
    content: bytes
    media_type: str  # lower-cased, without parameters; "" when the server sent none
    charset: str | None
    kind: str  # "html" | "feed" | "text" | "" (unknown: sniff the content)


def _secs(value: float) -> str:
    return f"{value:g}s"


def forbidden_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why this address may not be fetched without ``allow_private`` ("loopback", "private", ...), else None."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for label, flag in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                        ("unspecified", ip.is_unspecified), ("multicast", ip.is_multicast),
                        ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return label
    return None


class Fetcher:
    """One HTTP client for a run of ingestion. Use as a context manager; `fetch` never raises anything but
    `FetchError`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        timeout = httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                write=settings.read_timeout, pool=settings.connect_timeout)
        # trust_env=False: no proxy from the environment may stand between the address check and the server.
        self._client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                                    headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT})

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- guards ------------------------------------------------------------------------------------------------

    def _check_address(self, source: str, host: str, ip_text: str) -> None:
        try:
            ip = ipaddress.ip_address(ip_text.split("%", 1)[0])
        except ValueError:
            return
        label = forbidden_kind(ip)
        if label and not self.settings.allow_private:
            what = "private address" if label == "private" else f"private address ({label})"
            via = "" if host == ip_text else f" (host {host})"
            raise FetchError(source, f"refused {what} {ip}{via}; --allow-private permits it",
                             code="fetch.private-address")

    def _check_url(self, source: str, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(source, f"unsupported URL scheme {parts.scheme!r} (only http and https)",
                             code="fetch.scheme")
        host = parts.hostname
        if not host:
            raise FetchError(source, "URL has no host", code="fetch.bad-url")
        if self.settings.allow_private:
            return
        try:
            ipaddress.ip_address(host)
            addresses = [host]
        except ValueError:
            try:
                infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                           type=socket.SOCK_STREAM)
            except (socket.gaierror, UnicodeError) as exc:
                why = exc.args[-1] if exc.args else exc
                raise FetchError(source, f"DNS lookup failed for {host} ({why})", code="fetch.dns") from None
            addresses = sorted({info[4][0] for info in infos})
        for address in addresses:
            self._check_address(source, host, address)

    def _check_peer(self, source: str, host: str, response: httpx.Response) -> None:
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer:
            self._check_address(source, host, str(peer[0]))

    # -- fetching ----------------------------------------------------------------------------------------------

    def fetch(self, url: str, *, source: str | None = None) -> Fetched:
        """GET ``url`` under every guard.

        Args:
            url: an http(s) URL.
            source: the name to report errors under (default: the URL).

        Raises:
            FetchError: with the reason, e.g. "HTTP 404 Not Found", "read timed out after 5s",
                "refused private address (loopback) 127.0.0.1; --allow-private permits it".
        """
        source = source or url
        s = self.settings
        deadline = time.monotonic() + s.max_fetch_seconds
        current = url
        for hop in range(s.max_redirects + 2):
            if hop > s.max_redirects:
                raise FetchError(source, f"too many redirects (more than {s.max_redirects})", code="fetch.redirect")
            self._check_url(source, current)
            try:
                with self._client.stream("GET", current) as response:
                    if not s.allow_private:
                        self._check_peer(source, urlsplit(current).hostname or "", response)
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(source, f"HTTP {response.status_code} redirect without a Location",
                                             code="fetch.redirect")
                        current = str(response.url.join(location))
                        continue
                    return self._read(source, current, response, deadline)
            except httpx.ConnectTimeout:
                raise FetchError(source, f"connect timed out after {_secs(s.connect_timeout)}",
                                 code="fetch.timeout") from None
            except httpx.ReadTimeout:
                raise FetchError(source, f"read timed out after {_secs(s.read_timeout)}",
                                 code="fetch.timeout") from None
            except httpx.TimeoutException:
                raise FetchError(source, f"timed out after {_secs(s.read_timeout)}", code="fetch.timeout") from None
            except httpx.ConnectError as exc:
                raise FetchError(source, _connect_reason(exc), code="fetch.connect") from None
            except httpx.RemoteProtocolError as exc:
                raise FetchError(source, f"broken HTTP response ({exc})", code="fetch.http") from None
            except httpx.HTTPError as exc:
                raise FetchError(source, f"HTTP failure ({type(exc).__name__}: {exc})", code="fetch.http") from None
            except httpx.InvalidURL as exc:
                raise FetchError(source, f"invalid URL ({exc})", code="fetch.bad-url") from None
        raise AssertionError("unreachable")

    def _read(self, source: str, url: str, response: httpx.Response, deadline: float) -> Fetched:
        s = self.settings
        if response.status_code >= 400:
            raise FetchError(source, f"HTTP {response.status_code} {response.reason_phrase}".rstrip(),
                             code="fetch.http-status")
        if response.status_code != 200:
            raise FetchError(source, f"HTTP {response.status_code} {response.reason_phrase} (no page to read)".rstrip(),
                             code="fetch.http-status")
        header = response.headers.get("content-type", "")
        media_type = header.split(";", 1)[0].strip().lower()
        charset = None
        for param in header.split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset":
                charset = value.strip().strip("'\"") or None
        if not media_type:
            kind = ""
        elif media_type in HTML_TYPES:
            kind = "html"
        elif media_type in FEED_TYPES or media_type.endswith(("+xml", "+json")):
            kind = "feed"
        elif media_type in TEXT_TYPES:
            kind = "text"
        else:
            raise FetchError(source, f"unsupported content type {media_type} (expected HTML, a feed or plain text)",
                             code="fetch.content-type")
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > s.max_download_bytes:
            raise FetchError(source, f"response too large: {int(length):,} bytes > limit {s.max_download_bytes:,}",
                             code="fetch.too-large")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > s.max_download_bytes:
                raise FetchError(source, f"response too large: over the {s.max_download_bytes:,}-byte limit",
                                 code="fetch.too-large")
            if time.monotonic() > deadline:
                raise FetchError(source, f"timed out after {_secs(s.max_fetch_seconds)} in all (download too slow)",
                                 code="fetch.timeout")
            chunks.append(chunk)
        return Fetched(url=url, content=b"".join(chunks), media_type=media_type, charset=charset, kind=kind)


def _connect_reason(exc: httpx.ConnectError) -> str:
    text = str(exc)
    low = text.lower()
    if "refused" in low:
        return "connection refused"
    if "name or service not known" in low or "nodename nor servname" in low or "name resolution" in low:
        return f"DNS lookup failed ({text})"
    return f"connection failed ({text})" if text else "connection failed"
