"""Watching feeds: poll, ingest what is new, group it into stories, rebuild those stories, keep what changed.

Each feed is polled with a conditional GET (``If-None-Match`` / ``If-Modified-Since`` from the feed's last
answer) through the guarded fetcher of ingest, so a poll never hangs (connect, read and overall deadlines) and a
304 fetches nothing. A feed that fails waits ``interval * 2**failures`` (at most ``MAX_BACKOFF``) before its next
poll; the others go on. New entries are stored (copies linked as at ingest) and grouped into the stored stories
(`newsprism.stories.stored`); each story whose article set changed is analysed and its report stored. The new
report is compared with the story's previous stored report, and what changed is stored as the story's
**update** (``story_updates``, kind ``changes``): new agreements, new divergences, changed source counts, and
corrections (the same outlet giving a different value for the same figure). Updates live in the database, so
``newsprism stories``, the API and the web app show them.

Only the feeds' own state (validators and backoff) is a JSON file, written atomically after every poll, so a
restarted ``watch`` carries on where it stopped without reading a feed again.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IngestError, NewsprismError
from ..settings import Settings
from .stored import group_stored

MAX_BACKOFF = 6 * 3600.0


def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "15m", "2h"; ``ValueError`` otherwise."""
    t = text.strip().lower()
    scale = {"s": 1, "m": 60, "h": 3600}.get(t[-1:], None)
    number = t[:-1] if scale else t
    try:
        value = float(number) * (scale or 1)
    except ValueError:
        raise ValueError(f"not an interval: {text!r} (e.g. 30s, 15m, 2h)") from None
    if value <= 0:
        raise ValueError(f"interval must be positive: {text!r}")
    return value


@dataclass(slots=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll: float = 0.0  # wall-clock seconds (time.time()) before which the feed is not polled
    last_error: str | None = None
    fetched: int = 0  # full responses read
    not_modified: int = 0  # 304 answers


@dataclass(slots=True)
class PollResult:
    polled: list[str] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)
    skipped: list[IngestError] = field(default_factory=list)  # entries that gave no article
    new_articles: list[int] = field(default_factory=list)
    touched: list[int] = field(default_factory=list)  # story ids rebuilt
    updates: list[dict[str, Any]] = field(default_factory=list)


def digest(report: dict[str, Any]) -> dict[str, Any]:
    """What updates compare: agreements, divergences, source counts, each outlet's figures."""
    outlets = {a["id"]: (a.get("outlet") or a.get("url") or a.get("path") or str(a["id"]))
               for a in report.get("articles", [])}
    figures: dict[str, list] = {}
    for f in report.get("figures", []):
        if not f.get("counts"):
            continue  # a bare number is no claim to correct
        key = json.dumps([outlets.get(f["article"]), f["counts"], f.get("unit")])
        figures.setdefault(key, [f["article"], f["value"]])
        if f["article"] > figures[key][0]:
            figures[key] = [f["article"], f["value"]]  # the outlet's latest article says what it says now
    story = report.get("story", {})
    return {"agreements": sorted({g.get("statement", "") for g in report.get("agreements", [])}),
            "divergences": sorted({f"{d.get('type')}: {d.get('topic')}" for d in report.get("divergences", [])}),
            "sources": {"articles": story.get("articles"), "independent": story.get("independent_origins",
                                                                                     story.get("independent_articles")),
                        "outlets": story.get("outlets")},
            "figures": figures}


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The update between two digests of one story (empty dict: nothing changed that a reader needs to know)."""
    out: dict[str, Any] = {}
    new_agreements = sorted(set(after["agreements"]) - set(before["agreements"]))
    new_divergences = sorted(set(after["divergences"]) - set(before["divergences"]))
    if new_agreements:
        out["new_agreements"] = new_agreements
    if new_divergences:
        out["new_divergences"] = new_divergences
    if after["sources"] != before["sources"]:
        out["sources"] = {"before": before["sources"], "after": after["sources"]}
    corrections = []
    for key, (article, value) in after["figures"].items():
        old = before["figures"].get(key)
        if old is not None and article != old[0] and value != old[1]:
            outlet, counts, unit = json.loads(key)
            corrections.append({"outlet": outlet, "counts": counts, "unit": unit, "before": old[1], "after": value,
                                "article": article, "earlier_article": old[0]})
    if corrections:
        out["corrections"] = corrections
    return out


def rebuild_story(store: Any, story_id: int, analyse: Callable[[Sequence[Any]], dict[str, Any]],
                  new: set[int] = frozenset()) -> dict[str, Any] | None:  # type: ignore[assignment]
    """Rebuild a stored story's report with ``analyse`` and store it with what changed since its previous report
    (one transaction); return that update (None: a new story, or nothing a reader needs to know changed).
    ``new``: the articles just stored, named in the update."""
    from ..service import save_story_report
    from ..storage.stories import Stories

    stories = Stories(store)
    stored = stories.report(story_id)
    articles = store.get_many(stories.members(story_id))
    report = analyse(articles)
    change = changes(digest(json.loads(stored.text)), digest(report)) if stored is not None else {}
    update = {"articles": sorted(new & {a.id for a in articles}), **change} if change else None
    save_story_report(store, story_id, articles, report, changes=update)
    return update


class Watcher:
    """Polls feeds and keeps stories and their updates (see the module docstring).

    Args:
        feeds: feed URLs.
        settings: fetch guards and limits (``allow_private`` for feeds on 127.0.0.1).
        store: the article store.
        state_path: the JSON state file.
        interval: seconds between polls of one feed.
        analyse: story articles -> report (default: the local engine's analysis, models loaded once).
        clock: wall clock (tests).
    """

    def __init__(self, feeds: Sequence[str], settings: Settings, store: Any, *, state_path: Path,
                 interval: float = 900.0, analyse: Callable[[Sequence[Any]], dict[str, Any]] | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self.settings, self.store, self.interval, self.clock = settings, store, interval, clock
        self.state_path = Path(state_path)
        self._analyse = analyse
        state = json.loads(self.state_path.read_text("utf-8")) if self.state_path.exists() else {}
        known = {f["url"]: FeedState(**f) for f in state.get("feeds", [])}
        self.feeds = [known.get(url, FeedState(url)) for url in dict.fromkeys(feeds)]
        self._fetcher = None

    # -- polling -----------------------------------------------------------------------------------------------

    def poll(self) -> PollResult:
        """Poll every feed that is due once; ingest, group, rebuild, record updates; save the state."""
        from ..ingest.fetch import Fetcher
        from ..ingest.sources import drafts_from_fetched

        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        result = PollResult()
        for feed in self.feeds:
            if self.clock() < feed.next_poll:
                continue
            result.polled.append(feed.url)
            try:
                fetched = self._fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
            except IngestError as exc:
                self._backoff(feed, exc)
                result.failed.append(exc)
                continue
            feed.failures, feed.last_error = 0, None
            feed.next_poll = self.clock() + self.interval
            if fetched.not_modified:
                feed.not_modified += 1
                result.not_modified.append(feed.url)
                continue
            feed.fetched += 1
            feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
            for item in drafts_from_fetched(fetched, self.settings):
                if isinstance(item, IngestError):
                    result.skipped.append(item)
                    continue
                try:
                    article, created = self.store.add_draft(item)
                except NewsprismError as exc:
                    result.skipped.append(IngestError(item.source, f"not stored: {exc}"))
                    continue
                if created:
                    result.new_articles.append(article.id)
        if result.new_articles:
            self._rebuild(result)
        self.save()
        return result

    def _backoff(self, feed: FeedState, exc: IngestError) -> None:
        feed.failures += 1
        feed.last_error = exc.reason if hasattr(exc, "reason") else str(exc)
        feed.next_poll = self.clock() + min(self.interval * 2 ** feed.failures, MAX_BACKOFF)

    def _rebuild(self, result: PollResult) -> None:
        """Group the new articles, rebuild each story they changed, and store what changed as its update."""
        for sid in group_stored(self.store).touched:
            update = rebuild_story(self.store, sid, self.analyse, set(result.new_articles))
            result.touched.append(sid)
            if update is not None:
                result.updates.append({"story": sid, **update})

    def analyse(self, articles: Sequence[Any]) -> dict[str, Any]:
        if self._analyse is None:
            from ..engine.local import LocalEngine

            engine = LocalEngine(self.settings)
            self._analyse = lambda arts: engine.analyse([arts])[0]
        return self._analyse(articles)

    # -- state -------------------------------------------------------------------------------------------------

    def save(self) -> None:
        state = {"feeds": [asdict(f) for f in self.feeds]}
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, self.state_path)  # atomic: a killed watch never leaves half a state file

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def seconds_to_next(self) -> float:
        return max(0.0, min(f.next_poll for f in self.feeds) - self.clock()) if self.feeds else self.interval
