"""Fetch one URL with httpx, under guards: every failure is a `FetchError` whose reason is one short phrase.

Guards, checked on every hop (redirects are followed by hand so each one passes the same checks):

- scheme http or https only; credentials in a URL (``user:secret@``) are never stored or printed (`redact_url`);
- the address: a host is resolved once, at connection time, by our own network backend, and only an address that
  passes the check is connected to, so a DNS answer that changes between a check and the connection (DNS
  rebinding) cannot reach a forbidden address. Loopback, private, reserved, multicast and unspecified addresses
  need ``settings.allow_private``; link-local ones (169.254.0.0/16, fe80::/10) and the cloud metadata endpoints
  need ``settings.allow_link_local`` as well, a separate, explicit permission;
- at most ``settings.max_redirects`` redirects;
- time: connect and read timeouts per socket operation, and an overall deadline (``settings.max_fetch_seconds``, or
  the caller's tighter one) enforced on every socket operation of the request: connect, TLS, sending, the response
  headers and the body. A server that drips its headers or body a byte at a time is cut off at the deadline;
- content type: HTML, XML/RSS/Atom/JSON feeds or plain text; anything else is refused before the body is read;
- size: ``Content-Length`` over ``settings.max_download_bytes`` is refused at once, and the streamed body is cut
  off as soon as it passes the cap (the cap counts decoded bytes, so a compression bomb stops too).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from ..errors import FetchError
from ..settings import Settings
from .urls import redact_text, redact_url

HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json", "application/json"}
TEXT_TYPES = {"text/plain", "text/markdown"}
_REDIRECTS = {301, 302, 303, 307, 308}
_USER_AGENT = "newsprism/0.1 (news comparison; +https://github.com/newsprism)"
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,"
           "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1")
# Cloud metadata endpoints (AWS/GCP/Azure/OpenStack, AWS ECS, AWS IPv6, Alibaba, Oracle): never fetched by accident.
_METADATA = {ipaddress.ip_address(a) for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254",
                                                "100.100.100.200", "192.0.0.192")}

_LINK_LOCAL_OPTION = "--allow-link-local"
IP = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body and what the server said about it."""

    url: str  # the final URL, after redirects, without credentials
    content: bytes
    media_type: str  # lower-cased, without parameters; "" when the server sent none
    charset: str | None
    kind: str  # "html" | "feed" | "text" | "" (unknown: sniff the content)
    etag: str | None = None  # validators for the next conditional GET
    last_modified: str | None = None
    not_modified: bool = False  # 304: the server says nothing changed since the validators sent; no content


def _secs(value: float) -> str:
    return f"{value:g}s"


def forbidden_kind(ip: IP) -> str | None:
    """What kind of non-public address this is ("loopback", "link-local", "private", ...), else None."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in _METADATA:
        return "cloud metadata"
    for label, flag in (("link-local", ip.is_link_local), ("loopback", ip.is_loopback),
                        ("unspecified", ip.is_unspecified), ("multicast", ip.is_multicast),
                        ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return label
    return None if ip.is_global else "non-public"


def address_refusal(ip: IP, settings: Settings) -> str | None:
    """Why ``settings`` forbid connecting to ``ip`` (the phrase of the error line), or None when allowed."""
    label = forbidden_kind(ip)
    if label is None:
        return None
    if label in ("link-local", "cloud metadata"):
        if settings.allow_link_local:
            return None
        return f"refused {label} address {ip}; only --allow-link-local permits it"
    if settings.allow_private:
        return None
    what = "private address" if label == "private" else f"private address ({label})"
    return f"refused {what} {ip}; --allow-private permits it"


class _Refused(Exception):
    """Raised inside the network backend; carries the reason out through httpx unchanged."""

    def __init__(self, reason: str, *, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


class _Clock:
    """The deadline of the request in flight, shared by the backend and its streams."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        self.expired = False

    def budget(self, timeout: float | None, error: type[Exception]) -> float | None:
        """The timeout for the next socket operation: the operation's own, or less if the deadline is nearer."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            self.expired = True
            raise error("overall deadline passed")
        if timeout is None or left < timeout * 0.9:
            self.expired = True  # if this operation times out, it is the deadline that cut it off
            return left
        self.expired = False
        return timeout


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, clock: _Clock) -> None:
        self._stream = stream
        self._clock = clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._clock.budget(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._clock.budget(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._stream.start_tls(ssl_context, server_hostname, self._clock.budget(timeout,
                                                                                          httpcore.ConnectTimeout))
        return _DeadlineStream(inner, self._clock)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, but it resolves the host itself, connects only to an address the settings allow,
    and puts every socket operation under the request's overall deadline."""

    def __init__(self, settings: Settings, clock: _Clock) -> None:
        self._settings = settings
        self._clock = clock
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            why = exc.args[-1] if exc.args else exc
            raise _Refused(f"DNS lookup failed for {host} ({why})", code="fetch.dns") from None
        refusal = None
        for info in infos:
            address = str(info[4][0])
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            refusal = address_refusal(ip, self._settings)
            if refusal:
                via = "" if host.strip("[]") == address else f" (host {host})"
                raise _Refused(refusal + via, code="fetch.link-local" if _LINK_LOCAL_OPTION in refusal
                               else "fetch.private-address")  # one forbidden answer is enough: a rebinding host mixes them
        if not infos:
            raise _Refused(f"DNS lookup failed for {host} (no address)", code="fetch.dns")
        last: Exception | None = None
        for info in infos:
            try:
                stream = self._inner.connect_tcp(str(info[4][0]), port,
                                                 self._clock.budget(timeout, httpcore.ConnectTimeout),
                                                 local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
                continue
            return _DeadlineStream(stream, self._clock)
        raise last or httpcore.ConnectError("no address to connect to")

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise _Refused("unix sockets are not fetched", code="fetch.scheme")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        super().__init__(trust_env=False)
        # httpx builds its httpcore pool without a way to pass a network backend: build the same pool with ours.
        self._pool = httpcore.ConnectionPool(ssl_context=self._pool._ssl_context, network_backend=backend)


class Fetcher:
    """One HTTP client for a run of ingestion. Use as a context manager; `fetch` never raises anything but
    `FetchError`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._clock = _Clock()
        timeout = httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                write=settings.read_timeout, pool=settings.connect_timeout)
        # trust_env=False: no proxy from the environment may stand between the address check and the server.
        self._client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                                    transport=_GuardedTransport(_GuardedBackend(settings, self._clock)),
                                    headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT})

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _check_url(self, source: str, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(source, f"unsupported URL scheme {parts.scheme!r} (only http and https)", code="fetch.scheme")
        try:
            host = parts.hostname
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError as exc:
            raise FetchError(source, f"invalid URL ({exc})", code="fetch.bad-url") from None
        if not host:
            raise FetchError(source, "URL has no host", code="fetch.bad-url")
        try:  # an address literal is refused before anything else happens (the backend checks names)
            refusal = address_refusal(ipaddress.ip_address(host), self.settings)
        except ValueError:
            refusal = None
        if refusal:
            raise FetchError(source, refusal, code="fetch.link-local" if _LINK_LOCAL_OPTION in refusal
                             else "fetch.private-address")

    def fetch(self, url: str, *, source: str | None = None, deadline: float | None = None,
              etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` under every guard.

        Args:
            url: an http(s) URL (it may carry credentials; they are sent, never reported).
            source: the name to report errors under (default: the URL without credentials).
            deadline: a `time.monotonic` time by which the whole fetch must be done, if sooner than
                ``settings.max_fetch_seconds`` from now (a feed's budget for its teaser links).
            etag, last_modified: validators of an earlier response: the GET is conditional (``If-None-Match``,
                ``If-Modified-Since``) and a 304 answer comes back as ``Fetched(not_modified=True)``.

        Raises:
            FetchError: with the reason, e.g. "HTTP 404 Not Found", "read timed out after 5s",
                "refused private address (loopback) 127.0.0.1; --allow-private permits it".
        """
        source = redact_url(source or url)
        s = self.settings
        own = time.monotonic() + s.max_fetch_seconds
        self._clock.deadline = min(own, deadline) if deadline is not None else own
        self._clock.expired = False
        overall = _secs(round(self._clock.deadline - time.monotonic() + 0.0005, 3))
        try:
            conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
            return self._fetch(url, source, conditional)
        except httpx.TimeoutException as exc:
            if self._clock.expired:
                raise FetchError(source, f"timed out after {overall} in all (download too slow)", code="fetch.timeout") from None
            if isinstance(exc, httpx.ConnectTimeout):
                raise FetchError(source, f"connect timed out after {_secs(s.connect_timeout)}", code="fetch.timeout") from None
            if isinstance(exc, httpx.ReadTimeout):
                raise FetchError(source, f"read timed out after {_secs(s.read_timeout)}", code="fetch.timeout") from None
            raise FetchError(source, f"timed out after {_secs(s.read_timeout)}", code="fetch.timeout") from None
        except _Refused as exc:
            raise FetchError(source, exc.reason, code=exc.code) from None
        except httpx.ConnectError as exc:
            raise FetchError(source, _connect_reason(exc), code="fetch.connect") from None
        except httpx.RemoteProtocolError as exc:
            raise FetchError(source, redact_text(f"broken HTTP response ({exc})"), code="fetch.http") from None
        except httpx.HTTPError as exc:
            raise FetchError(source, redact_text(f"HTTP failure ({type(exc).__name__}: {exc})"), code="fetch.http") from None
        except httpx.InvalidURL as exc:
            raise FetchError(source, redact_text(f"invalid URL ({exc})"), code="fetch.bad-url") from None
        finally:
            self._clock.deadline = None

    def _fetch(self, url: str, source: str, conditional: dict[str, str] | None = None) -> Fetched:
        s = self.settings
        current = url
        for hop in range(s.max_redirects + 2):
            if hop > s.max_redirects:
                raise FetchError(source, f"too many redirects (more than {s.max_redirects})", code="fetch.redirect")
            self._check_url(source, current)
            with self._client.stream("GET", current, headers=conditional or None) as response:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(source, f"HTTP {response.status_code} redirect without a Location", code="fetch.redirect")
                    current = str(response.url.join(location))
                    continue
                if response.status_code == 304 and conditional:
                    return Fetched(url=redact_url(current), content=b"", media_type="", charset=None, kind="",
                                   etag=conditional.get("If-None-Match"),
                                   last_modified=conditional.get("If-Modified-Since"), not_modified=True)
                return self._read(source, redact_url(current), response)
        raise AssertionError("unreachable")

    def _read(self, source: str, url: str, response: httpx.Response) -> Fetched:
        s = self.settings
        if response.status_code >= 400:
            raise FetchError(source, f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), code="fetch.http-status")
        if response.status_code != 200:
            raise FetchError(source, f"HTTP {response.status_code} {response.reason_phrase} (no page to read)".rstrip(), code="fetch.http-status")
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
            raise FetchError(source, f"unsupported content type {media_type} (expected HTML, a feed or plain text)", code="fetch.content-type")
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > s.max_download_bytes:
            raise FetchError(source, f"response too large: {int(length):,} bytes > limit {s.max_download_bytes:,}", code="fetch.too-large")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > s.max_download_bytes:
                raise FetchError(source, f"response too large: over the {s.max_download_bytes:,}-byte limit", code="fetch.too-large")
            chunks.append(chunk)
        return Fetched(url=url, content=b"".join(chunks), media_type=media_type, charset=charset, kind=kind,
                       etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))


def _connect_reason(exc: httpx.ConnectError) -> str:
    text = redact_text(str(exc))
    low = text.lower()
    if "refused" in low:
        return "connection refused"
    if "name or service not known" in low or "nodename nor servname" in low or "name resolution" in low:
        return f"DNS lookup failed ({text})"
    return f"connection failed ({text})" if text else "connection failed"
