"""Every kind of source in, `ArticleDraft`s (or `IngestError`s) out: the one entry point of ingestion.

A source is a file, a directory (walked recursively in name order, hidden entries and documentation files such as
README/LICENSE/PROVENANCE skipped), a glob, ``-`` for standard input, or an http(s) URL. Its bytes are sniffed
(`sniff`) and sent to the text, HTML or feed reader. One bad source never stops the others: its problem is yielded
as an `IngestError` and the iteration goes on.
"""

from __future__ import annotations

import datetime as dt
import errno
import glob
import os
import re
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterator, Sequence
from urllib.parse import urljoin, urlsplit

from ..errors import IngestError
from ..settings import Settings
from .urls import redact_text, redact_url
from .sniff import sniff
from ..model import ArticleDraft
from .textfile import draft_from_text_bytes

if TYPE_CHECKING:  # pragma: no cover - the readers of pages, feeds and URLs are imported where first used
    from .feeds import ParsedFeed
    from .fetch import Fetched, Fetcher

Item = ArticleDraft | IngestError

_XML_ROOT = re.compile(rb"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<([\w.:-]+)", re.S)
_GLOB_CHARS = re.compile(r"[*?\[]")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# Files that describe a folder rather than report news; skipped when a directory is walked (not when named).
_DOC_FILES = re.compile(r"^(readme|license|licence|copying|notice|provenance|changelog|authors)(\.(md|txt|rst))?$",
                        re.I)


def iter_drafts(sources: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None,
                today: dt.date | None = None) -> Iterator[Item]:
    """Read every source, in order, and yield one draft per article or one error per problem.

    Args:
        sources: paths, directories, globs, ``-`` (standard input) or http(s) URLs.
        settings: limits, timeouts and ``allow_private``.
        stdin: the binary stream ``-`` reads (default: ``sys.stdin.buffer``).
        today: the date after which a date is "in the future" (default: today).

    Yields:
        `ArticleDraft` per article; `IngestError` per skipped source or entry (``skipped=True``), or per problem on
        a source that still gave articles (``skipped=False``, e.g. a malformed feed parsed as far as it goes).
    """
    reader = _Reader(settings, stdin=stdin, today=today or dt.date.today())
    try:
        for source in sources:
            for item in reader.read_source(source):
                yield _one_line(item) if isinstance(item, IngestError) else item
    finally:
        reader.close()


def drafts_from_fetched(fetched: "Fetched", settings: Settings, *, today: dt.date | None = None) -> list[Item]:
    """The drafts (and skipped entries) of a response fetched already (``newsprism watch`` fetches conditionally
    itself), read exactly as a URL source would be."""
    reader = _Reader(settings, stdin=None, today=today or dt.date.today())
    try:
        url = fetched.url
        kind = sniff(fetched.content, name=urlsplit(url).path, hint=fetched.kind)
        if not fetched.content.strip():
            return [IngestError(url, "empty response", code="ingest.empty-source")]
        return list(_guarded(url, reader._read_bytes(fetched.content, url, kind=kind, page_kind="url",  # noqa: SLF001
                                                     text_kind="url", url=url, charset=fetched.charset)))
    finally:
        reader.close()


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Items of one source; an error raised while reading it becomes that source's error line."""
    try:
        yield from items
    except IngestError as err:
        yield err
    except Exception as exc:  # noqa: BLE001 - one source must never end the run; say what broke
        yield IngestError(source, f"unexpected {type(exc).__name__}: {exc}", code="ingest.internal")


def _one_line(err: IngestError) -> IngestError:
    """The error on one line (library messages sometimes hold line breaks), with no URL credentials in it."""
    source, reason = redact_text(err.source), redact_text(err.reason)
    if "\n" in reason or "\r" in reason:
        reason = " ".join(reason.split())
    if (source, reason) == (err.source, err.reason):
        return err
    return type(err)(source, reason, skipped=err.skipped)


def expand_source(source: str) -> Iterator[Path | IngestError]:
    """The files one path, directory or glob stands for, in a stable order."""
    path = Path(source)
    if path.is_dir():
        yield from _walk(path)
    elif path.exists():
        yield path
    elif _GLOB_CHARS.search(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield IngestError(source, "no file matches this pattern", code="ingest.not-found")
        for match in matches:
            p = Path(match)
            if p.is_dir():
                yield from _walk(p)
            elif p.is_file():
                yield p
    elif os.path.lexists(source):
        yield IngestError(source, _os_reason(source), code="ingest.unreadable")
    else:
        yield IngestError(source, "no such file or directory", code="ingest.not-found")


def _os_reason(path: str | Path, exc: OSError | None = None) -> str:
    """Why a path cannot be read, in a few words: a link loop, a broken link, a permission."""
    if exc is None:
        try:
            os.stat(path)
        except OSError as err:
            exc = err
        else:
            return "cannot read"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return f"broken symbolic link (to {os.readlink(path)})"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def _walk(root: Path) -> Iterator[Path | IngestError]:
    entries: list[tuple[tuple[str, ...], Path | IngestError]] = []

    def unreadable(exc: OSError) -> None:  # os.walk would skip a folder it cannot list without a word
        where = Path(exc.filename) if exc.filename else root
        rel = where.relative_to(root).parts if where.is_relative_to(root) else ()
        entries.append((rel, IngestError(str(where), f"cannot read directory: {_os_reason(where, exc)}",
                                                 code="ingest.unreadable")))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):  # followlinks=False: no loop traps us
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = Path(dirpath).relative_to(root).parts
        for name in filenames:
            if not name.startswith(".") and not _DOC_FILES.match(name):
                entries.append((rel + (name,), Path(dirpath) / name))
    for _, p in sorted(entries, key=lambda e: e[0]):
        yield p


class _Reader:
    """The state of one ingestion run: settings, the lazily opened HTTP client, the reference date."""

    def __init__(self, settings: Settings, *, stdin: BinaryIO | None, today: dt.date) -> None:
        self.settings = settings
        self.stdin = stdin
        self.today = today
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from .fetch import Fetcher  # httpx: only when a URL is read

            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    # -- sources -----------------------------------------------------------------------------------------------

    def read_source(self, source: str) -> Iterator[Item]:
        if source == "-":
            yield from _guarded(source, self._read_stdin())
        elif _URL.match(source):
            yield from _guarded(redact_url(source), self._read_url(source))
        else:
            # each file of a folder or glob is guarded on its own: one bad file never costs its siblings
            for item in expand_source(source):
                if isinstance(item, IngestError):
                    yield item
                else:
                    yield from _guarded(str(item), self._read_file(item))

    def _limit_for(self, kind: str) -> int:
        return self.settings.max_text_bytes if kind == "text" else self.settings.max_download_bytes

    def _read_file(self, path: Path) -> Iterator[Item]:
        source = str(path)
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):  # a FIFO, socket or device could block or never end
                yield IngestError(source, "not a regular file", code="ingest.not-a-file")
                return
            size = info.st_size
            if size == 0:
                yield IngestError(source, "empty file (0 bytes)", code="ingest.empty-source")
                return
            with path.open("rb") as fh:
                head = fh.read(65536)
                kind = sniff(head, name=path.name)
                limit = self._limit_for(kind)
                if size > limit:
                    what = "text" if kind == "text" else kind.replace("jsonfeed", "feed")
                    yield IngestError(source, f"oversized: {size:,} bytes of {what} > limit {limit:,}",
                                      code="ingest.oversized")
                    return
                data = head + fh.read(limit + 1 - len(head))
                if len(data) > limit:  # the file grew after stat
                    yield IngestError(source, f"oversized: more than {limit:,} bytes", code="ingest.oversized")
                    return
        except OSError as exc:
            reason = _os_reason(path, exc)
            yield IngestError(source, reason if "link" in reason else f"cannot read: {reason}",
                              code="ingest.unreadable")
            return
        kind = sniff(data, name=path.name)
        yield from self._read_bytes(data, source, kind=kind, page_kind="html", text_kind="text")

    def _read_stdin(self) -> Iterator[Item]:
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        cap = max(self.settings.max_text_bytes, self.settings.max_download_bytes)
        data = stream.read(cap + 1)
        if not data:
            yield IngestError("-", "empty input on standard input", code="ingest.empty-source")
            return
        kind = sniff(data)
        if len(data) > self._limit_for(kind):
            yield IngestError("-", f"oversized: more than {self._limit_for(kind):,} bytes on standard input",
                              code="ingest.oversized")
            return
        yield from self._read_bytes(data, "-", kind=kind, page_kind="stdin", text_kind="stdin")

    def _read_url(self, url: str) -> Iterator[Item]:
        source = redact_url(url)  # what is stored and printed; the credentials only go to the server
        fetched = self.fetcher.fetch(url)
        kind = sniff(fetched.content, name=urlsplit(fetched.url).path, hint=fetched.kind)
        if not fetched.content.strip():
            yield IngestError(source, "empty response", code="ingest.empty-source")
            return
        yield from self._read_bytes(fetched.content, source, kind=kind, page_kind="url", text_kind="url",
                                    url=fetched.url, charset=fetched.charset)

    # -- content -----------------------------------------------------------------------------------------------

    def _read_bytes(self, data: bytes, source: str, *, kind: str, page_kind: str, text_kind: str,
                    url: str | None = None, charset: str | None = None) -> Iterator[Item]:
        s = self.settings
        if kind == "html":
            from .html import draft_from_html  # trafilatura: only for pages

            draft = draft_from_html(data, source, source_kind=page_kind, url=url, charset=charset,
                                    min_words=s.min_article_words, today=self.today)
            yield from self._with_problems(self._checked(draft))
        elif kind in ("feed", "jsonfeed"):
            from .feeds import parse_json_feed, parse_xml_feed  # feedparser: only for feeds

            feed = parse_json_feed(data) if kind == "jsonfeed" else parse_xml_feed(data)
            for entry in feed.entries:
                if url and entry.link and not _URL.match(entry.link):
                    entry.link = urljoin(url, entry.link)  # relative entry links point into the feed's site
                if entry.link:
                    entry.link = redact_url(entry.link)
            yield from self._read_feed(feed, source)
        elif kind == "xml":
            root = _XML_ROOT.match(data.lstrip(b"\xef\xbb\xbf"))
            what = f" (root element <{root.group(1).decode('ascii', 'replace')}>)" if root else ""
            yield IngestError(source, f"XML that is not an RSS or Atom feed{what}", code="ingest.not-a-feed")
        elif kind == "json":
            yield IngestError(source, "JSON that is not a JSON Feed (no jsonfeed.org version)",
                              code="ingest.not-a-feed")
        else:
            draft = draft_from_text_bytes(data, source, max_text_bytes=s.max_text_bytes, source_kind=text_kind,
                                          declared=charset)
            if url and not draft.url:
                draft.url = url
            yield from self._with_problems(self._checked(self._drop_future(draft)))

    @staticmethod
    def _with_problems(item: Item) -> Iterator[Item]:
        """The item, then one problem line per damage it was read with (the article itself is kept)."""
        yield item
        if isinstance(item, ArticleDraft):
            for problem in item.problems:
                yield IngestError(item.source, problem, skipped=False, code="ingest.damaged")

    def _checked(self, draft: ArticleDraft) -> Item:
        size = len(draft.text.encode("utf-8"))
        if size > self.settings.max_text_bytes:
            limit = self.settings.max_text_bytes
            return IngestError(draft.source, f"oversized: {size:,} bytes of text > limit {limit:,}",
                               code="ingest.oversized")
        return draft

    def _drop_future(self, draft: ArticleDraft) -> ArticleDraft:
        if draft.published and draft.published > self.today:
            draft.notes.append(f"dropped future published date {draft.published} from {draft.published_source}")
            draft.published, draft.published_source = None, None
        if draft.modified and draft.modified > self.today:
            draft.notes.append(f"dropped future modified date {draft.modified}")
            draft.modified = None
        return draft

    def _read_feed(self, feed: ParsedFeed, source: str) -> Iterator[Item]:
        for n, link, reason in feed.rejected:
            yield IngestError(link or f"{source}#entry-{n}", reason, code="ingest.broken-feed")
        if not feed.entries:
            if not feed.rejected or feed.problem:
                yield IngestError(source, f"{feed.problem}; no entries could be read" if feed.problem
                                  else "feed has no entries", code="ingest.broken-feed")
            return
        yielded = 0
        # One budget for all the teaser links of this feed: a feed of slow links must not take hours.
        budget = time.monotonic() + self.settings.max_feed_seconds
        for n, entry in enumerate(feed.entries, 1):
            entry_source = entry.link or f"{source}#entry-{n}"
            try:
                draft = self._entry_draft(feed, entry, entry_source, budget)
            except IngestError as err:
                yield err
                continue
            except Exception as exc:  # noqa: BLE001 - one entry must not cost the rest of the feed
                yield IngestError(entry_source, f"unexpected {type(exc).__name__}: {exc}", code="ingest.internal")
                continue
            yielded += 1
            yield self._checked(draft)
        if feed.problem:
            yield IngestError(source, f"{feed.problem}; parsed as far as it goes: {yielded} of "
                                      f"{len(feed.entries)} entries read kept", skipped=yielded == 0,
                                          code="ingest.broken-feed")

    def _entry_draft(self, feed: ParsedFeed, entry, entry_source: str, budget: float) -> ArticleDraft:
        from .html import draft_from_html

        s = self.settings
        if entry.words >= s.feed_teaser_words:
            draft = ArticleDraft(text=entry.text, source=entry_source, source_kind="feed", url=entry.link)
        elif entry.link and _URL.match(entry.link):
            if time.monotonic() >= budget:
                raise IngestError(entry_source, f"feed entry holds only a teaser ({entry.words} words) and the "
                                                f"feed's fetch budget ({s.max_feed_seconds:g}s) is spent",
                                  code="ingest.feed-teaser")
            try:
                fetched = self.fetcher.fetch(entry.link, deadline=budget)
                kind = sniff(fetched.content, name=urlsplit(fetched.url).path, hint=fetched.kind)
                if kind != "html":
                    raise IngestError(entry.link, f"its link gives {kind}, not an HTML page", code="ingest.feed-teaser")
                draft = draft_from_html(fetched.content, entry_source, source_kind="feed", url=fetched.url,
                                        charset=fetched.charset, min_words=s.min_article_words, today=self.today)
            except IngestError as err:
                raise IngestError(entry_source, f"feed entry holds only a teaser ({entry.words} words) and its "
                                                f"full text could not be read: {err.reason}",
                                                    code="ingest.feed-teaser") from None
        elif not entry.words:
            raise IngestError(entry_source, "feed entry has no text and no link to its full text",
                              code="ingest.feed-entry-empty")
        else:
            raise IngestError(entry_source, f"feed entry holds only a teaser ({entry.words} words) "
                                            "and no link to its full text", code="ingest.feed-teaser")
        # The entry's own metadata wins over the page's: it is what the outlet published in its feed.
        draft.title = entry.title or draft.title
        draft.outlet = feed.title or draft.outlet
        draft.author = entry.author or draft.author
        if entry.published:
            if entry.published > self.today:
                draft.notes.append(f"dropped future published date {entry.published} from {entry.published_source}")
            else:
                if draft.published and draft.published != entry.published:
                    draft.notes.append(f"feed date {entry.published} kept over the page's {draft.published} "
                                       f"({draft.published_source})")
                draft.published, draft.published_source = entry.published, entry.published_source
                draft.modified = entry.modified if entry.modified and entry.modified <= self.today else draft.modified
        return draft
