"""Grouping the stored articles into stories, kept in the database, and reading those stories back.

`StoreGrouping` keeps one `StoryGrouper` in step with the store: ``update`` places every stored article that is
in no grouped story yet (in id order: each joins its story or founds one) and writes the memberships
(``added_by = "grouping"``, `newsprism.storage.grouped`); ``regroup`` runs grouping afresh over every stored
article and records what moved. The grouper's state is rebuilt from the stored partition (each member replayed
into its stored story, no decision taken) when the process starts or another process wrote meanwhile, so
incremental grouping goes on from what the database says, including a regroup's corrections. What grouping
reads of an article (`newsprism.stories.features`) is computed once, when the article is first grouped, and
stored beside it (migration 0004): the replay and a regroup load it instead of reading every text again (a stored
row of an older feature version, or a missing one, is recomputed and written back).

Grouping runs without the sentence embedder (its vectors are not stored, and the dev figures do not need it); a
report in another language than every recent story's is compared with them by the multilingual embedder, loaded
on first need, so an English-only store never loads it (setting ``group_across_languages``). A story is keyed by its
founding article (its first member in id order), and its id is the ``stories`` row found by that key, so ids
survive every later update and regroup that keeps the story. Copies join their original's story, and an
original stored after its copies (a re-rooted copy group) joins theirs.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..model import Article
from ..storage import grouped
from ..storage.orm import ArticleRow
from .features import FEATURES_VERSION, ArticleFeatures, decode, encode, featurise
from .grouping import StoryGrouper

LOAD_BATCH = 1000  # articles read per query while replaying the stored partition


@dataclass(frozen=True, slots=True)
class GroupedStory:
    id: int  # the stories row
    founder: int  # the founding article's id
    title: str | None
    articles: tuple[Article, ...]  # in id order


class StoreGrouping:
    """Grouping state for one store, kept in step with its database (see the module docstring).

    Args:
        store: the article store (`newsprism.storage.Store`).
        make_grouper: a fresh grouper (default: the default model, no sentence embedder, and the multilingual
            embedder across languages unless the store's settings turn it off).
    """

    def __init__(self, store: Any, *, make_grouper: Callable[[], StoryGrouper] | None = None) -> None:
        self.store = store
        self.make_grouper = make_grouper or _default_grouper(store.settings)
        self.grouper: StoryGrouper | None = None
        self.epoch: int | None = None
        # The database lock serialises processes; this one the threads of one process (the API's), which share
        # the grouper, without leaning on the database's busy timeout.
        self._lock = threading.Lock()

    def update(self) -> grouped.PartitionChange:
        """Place every stored article not in a grouped story yet; write and return what changed."""
        with self._lock, grouped.locked(self.store) as (s, epoch):
            new = grouped.ungrouped(s)
            if not new:
                return grouped.PartitionChange()  # nothing to place: no replay either
            if self.grouper is None or epoch != self.epoch:
                self._replay(s)
            scores = self._place(s, new)
            change = grouped.apply(s, self._target(), scores)
            self.epoch = grouped.bump(s, epoch)
        return change

    def regroup(self) -> grouped.PartitionChange:
        """Group every stored article afresh (id order); move what the new grouping puts elsewhere."""
        with self._lock, grouped.locked(self.store) as (s, epoch):
            self.grouper = self.make_grouper()
            ids = list(s.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))
            scores = self._place(s, ids)
            change = grouped.apply(s, self._target(), scores)
            self.epoch = grouped.bump(s, epoch)
        return change

    # -- in memory -------------------------------------------------------------------------------------------

    def _target(self) -> dict[int, int]:
        g = self.grouper
        assert g is not None
        return {int(doc): int(g.story_id(doc)) for doc in g.story_of}  # type: ignore[call-overload]

    def _replay(self, s: Any) -> None:
        """A grouper holding the stored partition: each grouped article put back in its story, in id order."""
        g = self.grouper = self.make_grouper()
        founder = {a: f for a, (_, f) in grouped.partition(s).items()}
        ids = sorted(founder)
        for chunk in range(0, len(ids), LOAD_BATCH):
            for aid, feats in _features(s, ids[chunk:chunk + LOAD_BATCH]):
                g.place_in(aid, feats, None, founder[aid])

    def _place(self, s: Any, ids: list[int]) -> dict[int, float | None]:
        """Place these articles (id order) with the grouper's decisions; their join probabilities."""
        g = self.grouper
        assert g is not None
        scores: dict[int, float | None] = {}
        for chunk in range(0, len(ids), LOAD_BATCH):
            part = ids[chunk:chunk + LOAD_BATCH]
            copies = grouped.copies_of(s, part)
            copy_of = {r[0]: r[1] for r in s.execute(select(ArticleRow.id, ArticleRow.copy_of)
                                                     .where(ArticleRow.id.in_(part)))}
            for aid, feats in _features(s, part):
                if aid in g.story_of:
                    continue
                placed = [c for c in copies.get(aid, ()) if c in g.story_of]
                if placed:  # an original stored after its copies joins the story they are in
                    g.place_in(aid, feats, None, g.story_id(placed[0]))
                    scores[aid] = None
                    continue
                scores[aid] = g.add_features(aid, feats, copy_of=copy_of.get(aid)).probability
        return scores


def _default_grouper(settings: Any) -> Callable[[], StoryGrouper]:
    if not settings.group_across_languages:
        return StoryGrouper
    models: list[Any] = []  # the models, made on the first multilingual embedding (one per grouping)

    def embed_xl(texts: list[str]) -> Any:
        if not models:
            from ..nlp.models import Models

            models.append(Models(settings))
        return models[0].multilingual_embedder.embed(texts)

    return lambda: StoryGrouper(embed_xl=embed_xl)


def _features(s: Any, ids: list[int]) -> list[tuple[int, ArticleFeatures]]:
    """(article, grouping features) for these articles in id order: loaded where stored, else computed from the
    text and stored (an article grouped before migration 0004, or under another feature version)."""
    out: dict[int, ArticleFeatures] = {}
    missing = []
    for aid, published, text in grouped.features_of(s, ids, FEATURES_VERSION):
        if text is None:
            missing.append(aid)
        else:
            out[aid] = decode(text, published)
    if missing:
        fresh = {}
        for row in s.execute(select(ArticleRow.id, ArticleRow.title, ArticleRow.text, ArticleRow.published)
                             .where(ArticleRow.id.in_(missing))):
            out[row.id] = featurise(row.title, row.text, row.published)
            fresh[row.id] = encode(out[row.id])
        grouped.write_features(s, fresh, FEATURES_VERSION)
    return sorted(out.items())


_GROUPINGS: "weakref.WeakKeyDictionary[Any, StoreGrouping]" = weakref.WeakKeyDictionary()


def grouping_for(store: Any) -> StoreGrouping:
    """The one `StoreGrouping` of this store object (a long-lived process replays the partition once)."""
    found = _GROUPINGS.get(store)
    if found is None:
        found = _GROUPINGS[store] = StoreGrouping(store)
    return found


def group_stored(store: Any) -> grouped.PartitionChange:
    """Group the articles stored since the last grouping (`StoreGrouping.update`)."""
    return grouping_for(store).update()


def stored_stories(store: Any, *, story_id: int | None = None) -> list[GroupedStory]:
    """Every grouped story with its articles (or the one with ``story_id``), in story id order."""
    heads, members = grouped.read_grouped(store)
    if story_id is not None:
        heads = [h for h in heads if h[0] == story_id]
    articles = {a.id: a for a in store.get_many(a for h in heads for a in members.get(h[0], ()))}
    return [GroupedStory(sid, founder, user or report or first, tuple(articles[a] for a in members.get(sid, ())))
            for sid, founder, user, report, first in heads]


def stories_json(stories: Sequence[GroupedStory], updates: dict[int, list[dict[str, Any]]] | None = None
                 ) -> dict[str, Any]:
    """``{"stories": [{"id", "title", "articles": [{"id", "source", "url", "title", "published"}], "updates"}]}``."""
    updates = updates or {}
    return {"stories": [{"id": s.id, "title": s.title,
                         "articles": [article_json(a) for a in s.articles],
                         "updates": updates.get(s.id, [])} for s in stories]}


def article_json(a: Article) -> dict[str, Any]:
    return {"id": a.id, "source": a.outlet or a.source, "url": a.url, "title": a.title,
            "published": a.published.isoformat() if a.published else None}


def rebuild(stories: Sequence[GroupedStory], engine: Any,
            done: Callable[[GroupedStory, dict[str, Any]], None] | None = None) -> list[dict[str, Any]]:
    """Every story's report, analysed on ``engine`` (each article extracted once, inside its story's analysis);
    ``done`` is called with each story and its report, in story order."""
    reports = engine.analyse([list(s.articles) for s in stories])
    if done is not None:
        for s, r in zip(stories, reports):
            done(s, r)
    return reports
