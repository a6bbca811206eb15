"""Stories in the store: a story is a set of stored articles and the latest report built from exactly that set.

Tables (migration 0002): ``stories`` (id, name, title, the report as JSON text with its schema id, the pipeline
version and the article-set fingerprint it was built from, a revision counter, counts for listing),
``story_articles`` (membership; ``added_by`` and ``score`` leave room for automatic grouping) and
``story_updates`` (a log: articles added, report rebuilt).

The fingerprint is a hash over each member's id, content hash and copy link, so it changes exactly when the
article set, or its copy structure, changes; the service compares it (and the pipeline version) with what the
stored report was built from to decide whether a rebuild is needed. Every write is one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update

from ..errors import StorageError
from .orm import ArticleRow, StoryArticleRow, StoryRow, StoryUpdateRow
from .store import Store


@dataclass(frozen=True, slots=True)
class StoryRecord:
    """A stored story without its report text (``has_report`` says whether one is stored)."""

    id: int
    name: str | None
    title: str | None  # the user's title, else the report's
    articles: int
    independent_sources: int | None
    divergences: int | None
    created_at: dt.datetime
    updated_at: dt.datetime
    built_at: dt.datetime | None
    revision: int
    fingerprint: str | None
    pipeline_version: str | None
    report_schema: str | None
    has_report: bool
    founder: int | None = None  # the founding article of a grouped story; None for a person's story


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A story's stored report, as the JSON text it was saved as, with what it was built from."""

    story_id: int
    text: str
    schema: str | None
    fingerprint: str | None
    pipeline_version: str | None
    revision: int


CHANGES = "changes"  # the update kind `watch` writes: what a reader of the story needs to know changed


def fingerprint(members: Iterable[tuple[int, str, int | None]]) -> str:
    """A hash of an article set: (id, content hash, copy_of) of each member, in id order."""
    h = hashlib.sha256()
    for aid, digest, copy_of in sorted(members):
        h.update(f"{aid}:{digest}:{copy_of if copy_of is not None else ''};".encode())
    return h.hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite gives naive datetimes back: they were written in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


class Stories:
    """Story reads and writes over a `Store`'s database.

    Args:
        store: the article store whose database holds the stories.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def _tx(self, *, write: bool = False):  # noqa: ANN202 - the store's transaction context
        return self.store._transaction(write=write)  # noqa: SLF001 - one package, one transaction discipline

    # -- writing ---------------------------------------------------------------------------------------------

    def create(self, *, title: str | None = None, name: str | None = None, articles: Iterable[int] = (),
               added_by: str = "user") -> StoryRecord:
        """A new story holding ``articles``.

        Raises:
            KeyError: an article id is not stored (nothing is created).
            ValueError: a story with this ``name`` exists.
        """
        ids = sorted(set(articles))
        try:
            return self.get(self._create(title, name, ids, added_by))
        except StorageError as exc:
            if name is not None and self.by_name(name) is not None:  # another writer took the name meanwhile
                raise ValueError(f"a story named {name!r} exists") from exc
            raise

    def _create(self, title: str | None, name: str | None, ids: list[int], added_by: str) -> int:
        with self._tx(write=True) as s:
            if name is not None and s.scalar(select(StoryRow.id).where(StoryRow.name == name)) is not None:
                raise ValueError(f"a story named {name!r} exists")
            self._check_articles(s, ids)
            now = _now()
            row = StoryRow(name=name, title=title, created_at=now, updated_at=now, revision=0)
            s.add(row)
            s.flush()
            self._add(s, row.id, ids, added_by, now)
            return row.id

    def add_articles(self, story_id: int, articles: Iterable[int], *, added_by: str = "user",
                     score: float | None = None) -> list[int]:
        """Put articles in a story (those already in it are left as they are); return the ids newly added.

        Raises:
            KeyError: no such story, or an article id is not stored (nothing is added).
        """
        ids = sorted(set(articles))
        with self._tx(write=True) as s:
            # The story's row is locked (FOR UPDATE on PostgreSQL; SQLite's write lock is already held), so
            # writers to one story take turns and never both insert the same membership.
            if s.get(StoryRow, story_id, with_for_update=True) is None:
                raise KeyError(story_id)
            self._check_articles(s, ids)
            return self._add(s, story_id, ids, added_by, _now(), score)

    @staticmethod
    def _check_articles(s: Any, ids: list[int]) -> None:
        if not ids:
            return
        known = set(s.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(ids))))
        missing = [i for i in ids if i not in known]
        if missing:
            raise KeyError(missing[0])

    @staticmethod
    def _add(s: Any, story_id: int, ids: list[int], added_by: str, now: dt.datetime,
             score: float | None = None) -> list[int]:
        if not ids:
            return []
        present = set(s.scalars(select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == story_id,
                                                                          StoryArticleRow.article_id.in_(ids))))
        new = [i for i in ids if i not in present]
        if not new:
            return []
        s.add_all(StoryArticleRow(story_id=story_id, article_id=i, added_at=now, added_by=added_by, score=score)
                  for i in new)
        s.execute(update(StoryRow).where(StoryRow.id == story_id).values(updated_at=now))
        s.add(StoryUpdateRow(story_id=story_id, at=now, kind="articles",
                             detail=json.dumps({"added": new, "by": added_by})))
        return new

    def save_report(self, story_id: int, report: dict[str, Any], *, built_from: str, pipeline_version: str,
                    title: str | None, independent_sources: int, divergences: int,
                    changes: dict[str, Any] | None = None) -> bool:
        """Store a report built from the article set whose fingerprint is ``built_from``; ``changes`` (what it
        changed for a reader, from ``watch``) is logged with it, in the same transaction, as an update of kind
        ``changes``.

        A report for an older article set never replaces one for the story's current set (two builds racing),
        so the stored report always describes the set its fingerprint names.

        Returns:
            Whether it was stored.
        """
        text = json.dumps(report, ensure_ascii=False, separators=(",", ":"))
        with self._tx(write=True) as s:
            row = s.get(StoryRow, story_id, with_for_update=True)
            if row is None:
                raise KeyError(story_id)
            current = self._fingerprint(s, story_id)
            if built_from != current and row.fingerprint == current and row.pipeline_version == pipeline_version:
                return False
            now = _now()
            row.report, row.report_schema = text, report.get("schema")
            row.fingerprint, row.pipeline_version = built_from, pipeline_version
            row.revision = (row.revision or 0) + 1
            row.built_at = row.updated_at = now
            row.report_title, row.independent_sources, row.divergences = title, independent_sources, divergences
            s.add(StoryUpdateRow(story_id=story_id, at=now, kind="report",
                                 detail=json.dumps({"revision": row.revision, "fingerprint": built_from,
                                                    "pipeline_version": pipeline_version})))
            if changes:
                s.add(StoryUpdateRow(story_id=story_id, at=now, kind=CHANGES, detail=json.dumps(changes)))
            return True

    # -- reading ---------------------------------------------------------------------------------------------

    def get(self, story_id: int) -> StoryRecord:
        """The story with this id; ``KeyError`` if none."""
        found = self._records(StoryRow.id == story_id)
        if not found:
            raise KeyError(story_id)
        return found[0]

    def by_name(self, name: str) -> StoryRecord | None:
        found = self._records(StoryRow.name == name)
        return found[0] if found else None

    def list(self) -> list[StoryRecord]:
        """Every story, most recently updated first."""
        return self._records(None)

    def _records(self, where: Any) -> list[StoryRecord]:
        counts = select(StoryArticleRow.story_id, func.count().label("n")) \
            .group_by(StoryArticleRow.story_id).subquery()
        founder = ArticleRow.__table__.alias("founder_article")
        query = select(StoryRow.id, StoryRow.name, StoryRow.title, StoryRow.report_title, founder.c.title.label("ft"),
                       StoryRow.created_at,
                       StoryRow.updated_at, StoryRow.built_at, StoryRow.revision, StoryRow.fingerprint,
                       StoryRow.pipeline_version, StoryRow.report_schema, StoryRow.independent_sources,
                       StoryRow.divergences, (StoryRow.report.is_not(None)).label("has_report"), StoryRow.founder,
                       func.coalesce(counts.c.n, 0).label("n")) \
            .outerjoin(counts, counts.c.story_id == StoryRow.id) \
            .outerjoin(founder, founder.c.id == StoryRow.founder) \
            .order_by(StoryRow.updated_at.desc(), StoryRow.id.desc())
        if where is not None:
            query = query.where(where)
        with self._tx() as s:
            rows = s.execute(query).all()
        # a grouped story's title before its first report: its founding article's
        return [StoryRecord(id=r.id, name=r.name, title=r.title or r.report_title or r.ft, articles=int(r.n),
                            independent_sources=r.independent_sources, divergences=r.divergences,
                            created_at=_aware(r.created_at), updated_at=_aware(r.updated_at),  # type: ignore[arg-type]
                            built_at=_aware(r.built_at), revision=r.revision or 0, fingerprint=r.fingerprint,
                            pipeline_version=r.pipeline_version, report_schema=r.report_schema,
                            has_report=bool(r.has_report), founder=r.founder) for r in rows]

    def members(self, story_id: int) -> list[int]:
        """The story's article ids, in id order (``KeyError`` if no such story)."""
        with self._tx() as s:
            if s.get(StoryRow, story_id) is None:
                raise KeyError(story_id)
            return list(s.scalars(select(StoryArticleRow.article_id)
                                  .where(StoryArticleRow.story_id == story_id)
                                  .order_by(StoryArticleRow.article_id)))

    def of_article(self, article_id: int) -> list[int]:
        """Ids of the stories holding an article."""
        with self._tx() as s:
            return list(s.scalars(select(StoryArticleRow.story_id).where(StoryArticleRow.article_id == article_id)
                                  .order_by(StoryArticleRow.story_id)))

    def current_fingerprint(self, story_id: int) -> str:
        """The fingerprint of the story's article set as it is now."""
        with self._tx() as s:
            return self._fingerprint(s, story_id)

    def current_fingerprints(self) -> dict[int, str]:
        """The current fingerprint of every story, in one read (for listing)."""
        members: dict[int, list[tuple[int, str, int | None]]] = {}
        with self._tx() as s:
            for r in s.execute(select(StoryArticleRow.story_id, ArticleRow.id, ArticleRow.content_hash,
                                      ArticleRow.copy_of)
                               .join(ArticleRow, StoryArticleRow.article_id == ArticleRow.id)):
                members.setdefault(r.story_id, []).append((r.id, r.content_hash, r.copy_of))
            ids = s.scalars(select(StoryRow.id)).all()
        return {i: fingerprint(members.get(i, ())) for i in ids}

    @staticmethod
    def _fingerprint(s: Any, story_id: int) -> str:
        rows = s.execute(select(ArticleRow.id, ArticleRow.content_hash, ArticleRow.copy_of)
                         .join(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
                         .where(StoryArticleRow.story_id == story_id)).all()
        return fingerprint((r.id, r.content_hash, r.copy_of) for r in rows)

    def report(self, story_id: int) -> StoredReport | None:
        """The stored report (None if none was built yet); ``KeyError`` if no such story."""
        with self._tx() as s:
            row = s.execute(select(StoryRow.report, StoryRow.report_schema, StoryRow.fingerprint,
                                   StoryRow.pipeline_version, StoryRow.revision)
                            .where(StoryRow.id == story_id)).first()
        if row is None:
            raise KeyError(story_id)
        if row.report is None:
            return None
        return StoredReport(story_id, row.report, row.report_schema, row.fingerprint, row.pipeline_version,
                            row.revision or 0)

    def state(self, story_id: int) -> tuple[int, str | None, str | None, str]:
        """(revision, fingerprint built from, pipeline version built with, current fingerprint) in one read."""
        with self._tx() as s:
            row = s.execute(select(StoryRow.revision, StoryRow.fingerprint, StoryRow.pipeline_version)
                            .where(StoryRow.id == story_id)).first()
            if row is None:
                raise KeyError(story_id)
            return row.revision or 0, row.fingerprint, row.pipeline_version, self._fingerprint(s, story_id)

    def changes(self, story_ids: Iterable[int] | None = None) -> dict[int, list[dict[str, Any]]]:
        """Updates of kind ``changes`` per story, oldest first (every story's, or these stories')."""
        query = select(StoryUpdateRow).where(StoryUpdateRow.kind == CHANGES).order_by(StoryUpdateRow.id)
        if story_ids is not None:
            query = query.where(StoryUpdateRow.story_id.in_(sorted(set(story_ids))))
        out: dict[int, list[dict[str, Any]]] = {}
        with self._tx() as s:
            for r in s.scalars(query):
                out.setdefault(r.story_id, []).append(
                    {"id": r.id, "at": _aware(r.at).isoformat(timespec="seconds"),  # type: ignore[union-attr]
                     **json.loads(r.detail or "{}")})
        return out

    def updates(self, story_id: int, *, after: int = 0) -> list[dict[str, Any]]:
        """The story's update log after the entry ``after``, oldest first."""
        with self._tx() as s:
            rows = s.scalars(select(StoryUpdateRow).where(StoryUpdateRow.story_id == story_id,
                                                          StoryUpdateRow.id > after)
                             .order_by(StoryUpdateRow.id)).all()
            return [{"id": r.id, "at": _aware(r.at).isoformat(timespec="seconds"),  # type: ignore[union-attr]
                     "kind": r.kind, "detail": json.loads(r.detail) if r.detail else None} for r in rows]


__all__ = ["Stories", "StoryRecord", "StoredReport", "StorageError", "fingerprint"]
