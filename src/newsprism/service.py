"""What every surface calls, one function per use case: ``ingest_sources`` (sources -> stored articles, one
transaction per article) and ``analyse_sources`` (sources -> stored articles -> the report of their story).
The CLI, the API and the benchmarks only translate in and out of these.

The core raises or reports; it never prints. Skipped sources come back as `IngestError`s, one per source (or feed
entry), so a surface can show each in one line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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
                   progress: IngestProgress | None = None, stdin: BinaryIO | None = None) -> IngestResult:
    """Read every source and store each article in its own transaction.

    Directories and globs are expanded first, so progress knows the total and a problem with one file can never
    cost the rest of its folder.

    Args:
        sources: paths, directories, globs, ``-`` or URLs (see `newsprism.ingest.sources.iter_drafts`).
        settings: limits and duplicate-detection parameters.
        store: where the articles go.
        progress: called after each file, URL or stream with (done, total, source).
        stdin: the binary stream ``-`` reads.

    Returns:
        The articles, counts, and every skipped source with its reason.

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
