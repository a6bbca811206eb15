"""What every surface calls, one function per use case: ``ingest_sources`` (sources -> stored articles, one
transaction per article) and ``analyse_sources`` (sources -> stored articles -> the report of their story).
The CLI, the API and the benchmarks only translate in and out of these.

The core raises or reports; it never prints. Skipped sources come back as `IngestError`s, one per source (or feed
entry), so a surface can show each in one line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from .errors import EmptyIngestError, IngestError, StorageError
from .model import Article
from .settings import Settings
from .storage import ArticleStore

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")

IngestProgress = Callable[[int, int, str], None]  # (sources done, sources in all, the source just read)
StageProgress = Callable[[str, int, int], None]  # (stage, done, total): "extract" per article, then story stages


@dataclass(slots=True)
class IngestResult:
    """What one ingest run did.

    ``articles`` holds every article the sources gave, whether stored now or already stored before, in source
    order and without repeats.
    """

    articles: list[Article] = field(default_factory=list)
    created: int = 0
    skipped: list[IngestError] = field(default_factory=list)  # sources (or feed entries) that gave no article
    problems: list[IngestError] = field(default_factory=list)  # sources read only in part
    notes: list[str] = field(default_factory=list)  # informative: e.g. a future date dropped
    stories: list[int] = field(default_factory=list)  # grouped stories whose article set this run changed

    @property
    def ingested(self) -> int:
        return len(self.articles)

    @property
    def already_stored(self) -> int:
        return self.ingested - self.created

    @property
    def copies(self) -> int:
        return sum(1 for a in self.articles if a.copy_of is not None)

    def summary_line(self) -> str:
        """The closing line: ``N ingested, N copies, N skipped``."""
        line = f"{self.ingested} ingested, {self.copies} copies, {len(self.skipped)} skipped"
        if self.already_stored:
            line += f" ({self.already_stored} already in the database)"
        return line


def ingest_sources(sources: Sequence[str], settings: Settings, store: ArticleStore, *,
                   progress: IngestProgress | None = None, stdin: BinaryIO | None = None,
                   group: bool = True) -> IngestResult:
    """Read every source and store each article in its own transaction.

    Directories and globs are expanded first, so progress knows the total and a problem with one file can never
    cost the rest of its folder.

    Args:
        sources: paths, directories, globs, ``-`` or URLs (see `newsprism.ingest.sources.iter_drafts`).
        settings: limits and duplicate-detection parameters.
        store: where the articles go.
        progress: called after each file, URL or stream with (done, total, source).
        stdin: the binary stream ``-`` reads.
        group: put the new articles in their stories (`newsprism.stories.stored.group_stored`) once stored.

    Returns:
        The articles, counts, every skipped source with its reason, and the grouped stories changed.

    Raises:
        StorageError: the database failed on every article tried (nothing could be stored).
    """
    from .ingest.urls import redact_url
    from .ingest.sources import iter_drafts

    result = IngestResult()
    seen: set[int] = set()
    storage_errors = 0
    units = expand_sources(sources)
    for n, unit in enumerate(units, 1):
        items: Iterable[object] = [unit] if isinstance(unit, IngestError) else \
            iter_drafts([unit], settings, stdin=stdin)
        for item in items:
            if isinstance(item, IngestError):
                (result.skipped if item.skipped else result.problems).append(item)
                continue
            try:
                article, created = store.add_draft(item)  # type: ignore[arg-type]
            except IngestError as err:
                result.skipped.append(err)
            except StorageError as err:
                storage_errors += 1
                skipped = IngestError(item.source, f"not stored: {err}",  # type: ignore[attr-defined]
                                      code="store.failed")
                skipped.detail = getattr(err, "detail", None)  # type: ignore[attr-defined] - shown with -v only
                result.skipped.append(skipped)
            else:
                result.created += created
                result.notes.extend(f"{item.source}: {note}" for note in item.notes)  # type: ignore[attr-defined]
                if article.id not in seen:
                    seen.add(article.id)
                    result.articles.append(article)
        if progress:
            progress(n, len(units), unit.source if isinstance(unit, IngestError) else redact_url(unit))
    if storage_errors and not result.articles:
        raise StorageError(f"the database refused every article ({storage_errors}): {result.skipped[-1].reason}",
                           code="store.failed")
    # A later source may have re-rooted a copy group, so read the links back as they are now.
    fresh = {a.id: a for a in store.get_many(seen)}
    result.articles = [fresh.get(a.id, a) for a in result.articles]
    # Always, not only when this run stored something: a run killed between storing and grouping left articles
    # that the next run places (update() costs one query when there is nothing to place).
    if group and result.articles and hasattr(store, "_transaction"):
        from .stories.stored import group_stored

        result.stories = group_stored(store).touched
    return result


def expand_sources(sources: Sequence[str]) -> list[str | IngestError]:
    """Every file a path, directory or glob stands for (absolute, in name order); URLs and ``-`` as given."""
    from .ingest.sources import expand_source

    out: list[str | IngestError] = []
    for source in sources:
        if source == "-" or _URL.match(source):
            out.append(source)
            continue
        for item in expand_source(absolute_source(source)):
            out.append(item if isinstance(item, IngestError) else str(item))
    return out


def absolute_source(source: str) -> str:
    """A path or glob made absolute, so the same file is the same source whatever the working directory.

    URLs and ``-`` are returned unchanged. Idempotent ingest keys on (source, content), so a relative path would
    store the same file again when run from another folder.
    """
    if source == "-" or _URL.match(source):
        return source
    return os.path.abspath(os.path.expanduser(source))


def story_articles(articles: Iterable[Article]) -> list[Article]:
    """The articles of one story, with copy links that stay inside the story.

    An article may be linked to an original from another run that is not among these sources. Within the story the
    earliest member of its copy group (dated before undated, earliest published, then first ingested) stands in as
    the original, so copies are still never counted as independent sources and no link points outside the story.
    """
    articles = list(articles)
    present = {a.id for a in articles}
    groups: dict[int, list[Article]] = {}
    for a in articles:
        groups.setdefault(a.copy_of if a.copy_of is not None else a.id, []).append(a)
    out: dict[int, Article] = {}
    for root, members in groups.items():
        if root in present:
            out.update({a.id: a for a in members})
            continue
        members.sort(key=lambda a: (a.published is None, a.published or dt.date.max, a.id))
        head, rest = members[0], members[1:]
        out[head.id] = dataclasses.replace(head, copy_of=None, copy_kind=None, copy_similarity=None)
        out.update({a.id: dataclasses.replace(a, copy_of=head.id) for a in rest})
    return [out[a.id] for a in articles]


@dataclass(slots=True)
class Analysis:
    """What one analysis run did: the report, the ingest behind it, and the stages that failed (one line each)."""

    report: dict[str, Any]
    ingest: IngestResult
    problems: list[str]


def analyse_sources(sources: Sequence[str], *, settings: Settings, store: ArticleStore, models: Any = None,
                    progress: IngestProgress | None = None, stage_progress: StageProgress | None = None,
                    on_ingested: Callable[[IngestResult], None] | None = None,
                    stdin: BinaryIO | None = None) -> Analysis:
    """Ingest the sources, then build the report of the story told by exactly their articles.

    A stage that breaks on one article is one line in ``Analysis.problems`` (and the report's problems), never a
    lost report.

    Args:
        sources: as for `ingest_sources`.
        settings: limits, duplicate detection, thresholds.
        store: where the articles go.
        models: loaded models to reuse (a `newsprism.nlp.models.Models`); loaded from ``settings`` if None.
        progress: ingest progress, as for `ingest_sources`.
        stage_progress: called as ``(stage, done, total)`` while the story is built.
        on_ingested: called with the ingest result before the analysis starts (a surface reports skipped
            sources as they are known).
        stdin: the binary stream ``-`` reads.

    Returns:
        The report (``newsprism.report/1``), the ingest result and the stage problems.

    Raises:
        EmptyIngestError: no source gave an article.
        StorageError: the database failed on every article tried.
    """
    result = ingest_sources(sources, settings, store, progress=progress, stdin=stdin)
    if on_ingested:
        on_ingested(result)
    if not result.articles:
        raise EmptyIngestError("no article could be ingested from the sources given: nothing to analyse")
    report, problems = analyse_articles(result.articles, settings=settings, models=models,
                                        skipped=[str(e) for e in result.skipped], progress=stage_progress)
    return Analysis(report, result, problems)


def analyse_articles(articles: Sequence[Article], *, settings: Settings, models: Any = None,
                     skipped: Sequence[str] = (), progress: StageProgress | None = None,
                     ) -> tuple[dict[str, Any], list[str]]:
    """The report of the story told by these stored articles, and the stage problems (one line each)."""
    from .nlp.models import Models
    from .pipeline import build_story
    from .report.build import build_report

    story = build_story(story_articles(articles), models or Models(settings), progress, strict=False)
    return build_report(story, skipped=list(skipped)), list(story.problems)


# -- stories: kept in the store, rebuilt only when their articles or the pipeline change --------------------------

# The modules whose code decides what a report says: a change in any of them is a new pipeline version.
_CORE = ("model.py", "text.py", "pipeline.py", "lexicon", "nlp", "extract", "story", "report")


@functools.cache
def pipeline_version() -> str:
    """``VERSION+HASH``: the package version and a hash of the core's source and schema files.

    A stored story whose report was built by another version is rebuilt on its next read, so a code change never
    leaves a stale report behind.
    """
    from importlib import resources

    from . import __version__

    h = hashlib.sha256()
    root = resources.files("newsprism")
    for name in _CORE:
        for path in sorted(_files(root.joinpath(name)), key=lambda p: str(p)):
            h.update(str(path).rsplit("newsprism", 1)[-1].encode())
            h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def _files(node: Any) -> list[Any]:
    if node.is_file():
        return [node] if node.name.endswith((".py", ".json", ".txt")) else []
    return [f for child in node.iterdir() if child.name != "__pycache__" for f in _files(child)]


def report_title(report: dict[str, Any], *, limit: int = 140) -> str | None:
    """A story's title from its report: the statement of its best-supported agreement (two or more independent
    sources), else the first original article's title."""
    best = max((g for g in report.get("agreements") or () if (g.get("independent_sources") or 0) >= 2),
               key=lambda g: (g["independent_sources"], g.get("score") or 0), default=None)
    title = best["statement"] if best else (report.get("story") or {}).get("title")
    if title and len(title) > limit:
        title = title[: limit - 1].rstrip() + "…"
    return title


@dataclass(slots=True)
class StoryBuild:
    """What `build_story_report` did: the story as stored now and whether its report was rebuilt."""

    story: Any  # storage.stories.StoryRecord
    rebuilt: bool
    report: dict[str, Any] | None = None  # the report built now (None when the stored one was current)
    problems: list[str] = field(default_factory=list)  # stages that failed in this build, one line each


def story_is_current(built_from: str | None, built_with: str | None, current: str) -> bool:
    """Whether a stored report (built from ``built_from`` with ``built_with``) still describes the story."""
    return built_from == current and built_with == pipeline_version()


def build_story_report(store: Any, story_id: int, settings: Settings, *, models: Any = None,
                       progress: StageProgress | None = None, force: bool = False) -> StoryBuild:
    """Bring a story's stored report up to date: rebuilt only if its article set or the pipeline version changed.

    Raises:
        KeyError: no such story.
        StorageError: the database failed.
    """
    from .storage.stories import Stories

    stories = Stories(store)
    _, built_from, built_with, current = stories.state(story_id)
    if not force and story_is_current(built_from, built_with, current):
        return StoryBuild(stories.get(story_id), rebuilt=False)
    # The set read now may already differ from `current` (a writer in between): the fingerprint is of what is
    # analysed.
    articles = store.get_many(stories.members(story_id))
    if not articles:
        return StoryBuild(stories.get(story_id), rebuilt=False)
    report, problems = analyse_articles(articles, settings=settings, models=models, progress=progress)
    save_story_report(store, story_id, articles, report)
    return StoryBuild(stories.get(story_id), rebuilt=True, report=report, problems=problems)


def save_story_report(store: Any, story_id: int, articles: Sequence[Article], report: dict[str, Any], *,
                      changes: dict[str, Any] | None = None) -> bool:
    """Store the report built from exactly ``articles`` as the story's (on any engine), with what it changed
    (``changes``, logged with it); whether it was stored."""
    from .storage.stories import Stories, fingerprint

    return Stories(store).save_report(
        story_id, report, built_from=fingerprint((a.id, a.content_hash, a.copy_of) for a in articles),
        pipeline_version=pipeline_version(), title=report_title(report),
        independent_sources=report["story"]["independent_articles"],
        divergences=len(report.get("divergences") or ()), changes=changes)


def keep_story(store: Any, name: str, article_ids: Iterable[int], settings: Settings, *, models: Any = None,
               progress: StageProgress | None = None) -> tuple[StoryBuild, dict[str, Any]]:
    """Add the articles to the story called ``name`` (created if new) and bring its report up to date.

    Returns:
        What was built, and the story's report (the stored one when nothing changed).
    """
    import json

    from .storage.stories import Stories

    stories = Stories(store)
    found = stories.by_name(name)
    if found is None:
        try:
            found = stories.create(name=name, articles=article_ids)
        except ValueError:  # another process created it meanwhile
            found = stories.by_name(name)
    stories.add_articles(found.id, article_ids)
    build = build_story_report(store, found.id, settings, models=models, progress=progress)
    report = build.report if build.report is not None else json.loads(stories.report(found.id).text)
    return build, report


def story_summary(record: Any, current: str | None = None, updates: int = 0) -> dict[str, Any]:
    """A stored story as the JSON every surface lists (``newsprism stories --kept --json``, ``GET /api/stories``).

    ``grouped``: grouping made the story (else a person did); ``updates``: how many updates ``watch`` recorded.

    ``status``: ``current`` (its report describes its articles, with this pipeline), ``stale`` (articles or
    pipeline changed since), ``empty`` (no article yet).
    """
    if record.articles == 0:
        status = "empty"
    elif record.has_report and current is not None and story_is_current(record.fingerprint,
                                                                         record.pipeline_version, current):
        status = "current"
    else:
        status = "stale"
    iso = (lambda d: d.isoformat(timespec="seconds") if d else None)
    return {"id": record.id, "name": record.name, "title": record.title, "articles": record.articles,
            "independent_sources": record.independent_sources, "divergences": record.divergences,
            "updated": iso(record.updated_at), "built": iso(record.built_at), "revision": record.revision,
            "report_schema": record.report_schema, "status": status, "grouped": record.founder is not None,
            "updates": updates}


def list_stories(store: Any) -> list[dict[str, Any]]:
    """Every stored story (`story_summary`), most recently updated first."""
    from .storage.stories import Stories

    stories = Stories(store)
    current = stories.current_fingerprints()
    updates = stories.changes()
    return [story_summary(r, current.get(r.id), len(updates.get(r.id, ()))) for r in stories.list()]
