"""The partition of stored articles into grouped stories, as the database holds it (migration 0003).

A grouped story is a ``stories`` row with a ``founder`` (its first article in id order); its members are
``story_articles`` rows with ``added_by = 'grouping'``, at most one per article (a partial unique index). Grouping
decides in memory (`newsprism.stories.stored`); this module reads the partition and writes a new one as a diff:
articles added, articles moved between stories (a merge, or a regroup correcting a join), stories left empty
removed. Each change is logged in the receiving story's ``story_updates``; a story merged away hands its own
log to the story that received most of its articles. An article a person had already put in the story grouping
places it in keeps its one row there, now grouping's.

What grouping read of each article is kept beside (``grouping_features``, migration 0004: JSON text this module
does not interpret, with the version of the extraction that wrote it), so a process rebuilding its grouping state
loads it instead of reading every text again (`features_of`, `write_features`).

Every write runs inside `locked`: one write transaction holding the ``grouping_epoch`` row (``FOR UPDATE`` on
PostgreSQL; SQLite's write lock is held already), which it bumps, so writers take turns and a process holding
grouping state in memory can tell that another one wrote meanwhile.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from .orm import GROUPING_EPOCH as EPOCH_KEY
from .orm import ArticleRow, GroupingFeaturesRow, IndexMetaRow, StoryArticleRow, StoryRow, StoryUpdateRow
from .store import lock_meta

BY = "grouping"


@dataclass(slots=True)
class PartitionChange:
    """What one grouping write changed (story ids are the ``stories`` rows')."""

    added: dict[int, list[int]] = field(default_factory=dict)  # story -> articles new to the store's partition
    moved: dict[int, list[int]] = field(default_factory=dict)  # story -> articles moved into it
    created: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)  # stories left empty by moves (merged away)

    @property
    def touched(self) -> list[int]:
        """Stories whose article set changed and that still exist."""
        return sorted((set(self.added) | set(self.moved)) - set(self.removed))


@contextmanager
def locked(store: Any) -> Iterator[tuple[Session, int]]:
    """A write transaction holding the grouping lock; yields (session, the epoch read). Bump before leaving."""
    with store._transaction(write=True) as s:  # noqa: SLF001 - one package, one transaction discipline
        row = s.get(IndexMetaRow, EPOCH_KEY, with_for_update=True)
        if row is None:  # migration 0003 inserts it; a database whose row was lost gets it back, once
            lock_meta(s)
            row = s.get(IndexMetaRow, EPOCH_KEY, with_for_update=True, populate_existing=True)
            if row is None:
                row = IndexMetaRow(key=EPOCH_KEY, value="0")
                s.add(row)
                s.flush()
        yield s, int(row.value)


def epoch(store: Any) -> int:
    with store._transaction() as s:  # noqa: SLF001
        value = s.scalar(select(IndexMetaRow.value).where(IndexMetaRow.key == EPOCH_KEY))
    return int(value or 0)


def bump(s: Session, old: int) -> int:
    s.execute(update(IndexMetaRow).where(IndexMetaRow.key == EPOCH_KEY).values(value=str(old + 1)))
    return old + 1


def partition(s: Session) -> dict[int, tuple[int, int]]:
    """article -> (story id, founder) for every grouped article."""
    rows = s.execute(select(StoryArticleRow.article_id, StoryRow.id, StoryRow.founder)
                     .join(StoryRow, StoryRow.id == StoryArticleRow.story_id)
                     .where(StoryArticleRow.added_by == BY))
    return {r.article_id: (r.id, r.founder) for r in rows}


def ungrouped(s: Session) -> list[int]:
    """Ids of the stored articles in no grouped story, in id order."""
    grouped = select(StoryArticleRow.article_id).where(StoryArticleRow.added_by == BY)
    return list(s.scalars(select(ArticleRow.id).where(ArticleRow.id.not_in(grouped)).order_by(ArticleRow.id)))


def copies_of(s: Session, ids: list[int]) -> dict[int, list[int]]:
    """original -> its copies, for these originals (copy links may have been re-rooted since a copy was read)."""
    out: dict[int, list[int]] = defaultdict(list)
    for chunk in range(0, len(ids), 500):
        for aid, orig in s.execute(select(ArticleRow.id, ArticleRow.copy_of)
                                   .where(ArticleRow.copy_of.in_(ids[chunk:chunk + 500]))):
            out[orig].append(aid)
    return out


def features_of(s: Session, ids: list[int], version: int) -> list[tuple[int, dt.date | None, str | None]]:
    """(article, published, stored grouping features of this ``version`` or None) for these articles, by id."""
    feats = (select(GroupingFeaturesRow.article_id, GroupingFeaturesRow.features)
             .where(GroupingFeaturesRow.version == version).subquery())
    return [(r[0], r[1], r[2]) for r in s.execute(
        select(ArticleRow.id, ArticleRow.published, feats.c.features)
        .outerjoin(feats, feats.c.article_id == ArticleRow.id)
        .where(ArticleRow.id.in_(ids)).order_by(ArticleRow.id))]


def write_features(s: Session, rows: Mapping[int, str], version: int) -> None:
    """Store the grouping features of these articles (replacing any of another version)."""
    if not rows:
        return
    ids = sorted(rows)
    s.execute(delete(GroupingFeaturesRow).where(GroupingFeaturesRow.article_id.in_(ids)))
    s.execute(insert(GroupingFeaturesRow), [{"article_id": a, "version": version, "features": rows[a]} for a in ids])


def apply(s: Session, target: Mapping[int, int], scores: Mapping[int, float | None] | None = None
          ) -> PartitionChange:
    """Make the stored partition equal ``target`` (article -> founder) for the articles it names.

    Stories are found by founder (created when new); an article whose story changed is moved, and logged in
    the story it joins; a grouped story left with no member is removed (its articles went elsewhere: a merge).
    """
    scores = scores or {}
    now = dt.datetime.now(dt.timezone.utc)
    current = partition(s)
    founders = sorted(set(target.values()))
    story_of_founder = {f: sid for f, sid in s.execute(select(StoryRow.founder, StoryRow.id)
                                                        .where(StoryRow.founder.is_not(None)))}
    change = PartitionChange()
    for f in founders:
        if f not in story_of_founder:
            row = StoryRow(founder=f, created_at=now, updated_at=now, revision=0)
            s.add(row)
            s.flush()
            story_of_founder[f] = row.id
            change.created.append(row.id)
    # A person may have put an article in a grouped story too (added_by 'user'): when grouping places it there,
    # that row becomes the grouping's (one row per story and article), and the log says so.
    by_person = {(r[0], r[1]) for r in s.execute(select(StoryArticleRow.story_id, StoryArticleRow.article_id)
                                                 .join(StoryRow, StoryRow.id == StoryArticleRow.story_id)
                                                 .where(StoryRow.founder.is_not(None),
                                                        StoryArticleRow.added_by != BY))}
    moved_from: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    adopted: dict[int, list[int]] = defaultdict(list)  # story -> articles a person had put there already
    for article in sorted(target):
        sid = story_of_founder[target[article]]
        was = current.get(article)
        if was is not None and was[0] == sid:
            continue
        if (sid, article) in by_person:
            adopted[sid].append(article)
            if was is not None:  # first, as an article has one grouping row at most
                s.execute(delete(StoryArticleRow).where(StoryArticleRow.story_id == was[0],
                                                        StoryArticleRow.article_id == article))
            s.execute(update(StoryArticleRow).where(StoryArticleRow.story_id == sid,
                                                    StoryArticleRow.article_id == article)
                      .values(added_by=BY, score=scores.get(article)))
        elif was is None:
            s.add(StoryArticleRow(story_id=sid, article_id=article, added_at=now, added_by=BY,
                                  score=scores.get(article)))
        if was is None:
            change.added.setdefault(sid, []).append(article)
        else:
            moved_from[sid][was[0]].append(article)
            change.moved.setdefault(sid, []).append(article)
    s.flush()
    for sid, sources in moved_from.items():
        for old, ids in sources.items():
            ids = [a for a in ids if a not in adopted.get(sid, ())]
            if ids:
                s.execute(update(StoryArticleRow).where(StoryArticleRow.story_id == old,
                                                        StoryArticleRow.article_id.in_(ids)).values(story_id=sid))
    s.flush()
    left = set(s.scalars(select(StoryArticleRow.story_id).distinct()))
    for sources in moved_from.values():
        for old in sources:
            if old not in left and old not in change.removed:
                change.removed.append(old)
    if change.removed:
        _hand_over(s, change.removed, moved_from)
        s.execute(delete(StoryRow).where(StoryRow.id.in_(change.removed), StoryRow.founder.is_not(None)))
    for sid, ids in change.added.items():
        detail: dict[str, Any] = {"added": ids, "by": BY}
        if adopted.get(sid):
            detail["already_added_by_user"] = [a for a in ids if a in adopted[sid]]
        s.add(StoryUpdateRow(story_id=sid, at=now, kind="articles", detail=json.dumps(detail)))
    for sid, sources in moved_from.items():
        for old, ids in sorted(sources.items()):
            detail = {"articles": ids, "from": old, "by": BY}
            if adopted.get(sid) and set(ids) & set(adopted[sid]):
                detail["already_added_by_user"] = [a for a in ids if a in adopted[sid]]
            s.add(StoryUpdateRow(story_id=sid, at=now, kind="merged" if old in change.removed else "moved",
                                 detail=json.dumps(detail)))
    touched = change.touched
    if touched:
        s.execute(update(StoryRow).where(StoryRow.id.in_(touched)).values(updated_at=now))
    change.removed.sort()
    return change


def _hand_over(s: Session, removed: list[int], moved_from: Mapping[int, Mapping[int, list[int]]]) -> None:
    """Before grouped stories left empty are deleted, their update log goes to the story that received most of
    their articles (the lowest id on a tie): each entry keeps its order and says which story it was logged on
    (``"story"`` in its detail). (A story a person still has an article in is not empty, and is kept.)"""
    received: dict[int, list[tuple[int, int]]] = defaultdict(list)  # removed story -> [(-articles, receiver)]
    for sid, sources in moved_from.items():
        for old, ids in sources.items():
            if old in removed:
                received[old].append((-len(ids), sid))
    for old in removed:
        if not received[old]:
            continue
        heir = min(received[old])[1]
        for row in s.scalars(select(StoryUpdateRow).where(StoryUpdateRow.story_id == old)):
            detail = json.loads(row.detail) if row.detail else {}
            if isinstance(detail, dict) and "story" not in detail:
                detail["story"] = old
            row.story_id, row.detail = heir, json.dumps(detail)
    s.flush()


def grouped_stories(s: Session) -> list[tuple[int, int, str | None, str | None, str | None]]:
    """(story id, founder, user title, report title, founding article's title) of every grouped story, by id."""
    founder = ArticleRow.__table__.alias("founder_article")
    return [tuple(r) for r in s.execute(  # type: ignore[misc]
        select(StoryRow.id, StoryRow.founder, StoryRow.title, StoryRow.report_title, founder.c.title)
        .outerjoin(founder, founder.c.id == StoryRow.founder)
        .where(StoryRow.founder.is_not(None)).order_by(StoryRow.id))]


def read_grouped(store: Any) -> tuple[list[tuple[int, int, str | None, str | None, str | None]], dict[int, list[int]]]:
    """In one read transaction: every grouped story (as ``grouped_stories``) and each story's article ids, in id
    order."""
    with store._transaction() as s:  # noqa: SLF001 - one package, one transaction discipline
        heads = grouped_stories(s)
        members: dict[int, list[int]] = {}
        for article, (sid, _) in sorted(partition(s).items()):
            members.setdefault(sid, []).append(article)
    return heads, members
