"""Grouping at ingest, stored: every stored article in exactly one grouped story, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.model import ArticleDraft
from newsprism.service import ingest_sources
from newsprism.settings import Settings
from newsprism.storage import Store
from newsprism.storage import grouped
from newsprism.storage.orm import IndexMetaRow, StoryArticleRow
from newsprism.storage.stories import Stories
from newsprism.stories.stored import StoreGrouping, group_stored, stored_stories, stories_json
from processes import run_together

D = dt.date(2025, 3, 4)
FLOOD = [
    ("Floods kill 12 in Valencia", "Flash floods killed 12 people in Valencia on Tuesday, regional officials "
     "said. Rescuers searched the Turia valley for missing residents."),
    ("Valencia flood toll rises to 12", "The death toll from flash floods in Valencia rose to 12, officials in "
     "the Turia valley said, as rescuers kept searching for missing residents."),
]
STRIKE = ("Dock workers strike in Rotterdam", "Dock workers at the port of Rotterdam began a 48-hour strike over "
          "pay on Tuesday, the union FNV said, halting container traffic at the terminals.")


def _draft(title, text, source, published=D):
    return ArticleDraft(text=text, source=source, title=title, outlet=source.split(":")[0], published=published)


def _partition(store):
    return {a.id: s.id for s in stored_stories(store) for a in s.articles}


def test_stored_grouping_each_article_joins_its_story_and_membership_is_written(db_url):
    with Store(Settings(db_url=db_url)) as store:
        with store._transaction() as s:  # opening a new database wrote the index parameters, and kept this row
            assert s.get(IndexMetaRow, "grouping_epoch").value == "0"
        a, _ = store.add_draft(_draft(*FLOOD[0], "herald:a"))
        assert group_stored(store).created  # the first article founds a story
        b, _ = store.add_draft(_draft(*FLOOD[1], "daily:b"))
        c, _ = store.add_draft(_draft(*STRIKE, "gazette:c"))
        change = group_stored(store)
        stories = stored_stories(store)
        assert [[x.id for x in s.articles] for s in stories] == [[a.id, b.id], [c.id]]
        assert stories[0].founder == a.id and stories[0].title == FLOOD[0][0]
        assert change.added == {stories[0].id: [b.id], stories[1].id: [c.id]}
        with store._transaction() as s:
            rows = s.execute(select(StoryArticleRow.article_id, StoryArticleRow.added_by)).all()
        assert sorted(rows) == [(a.id, "grouping"), (b.id, "grouping"), (c.id, "grouping")]
        assert group_stored(store).touched == []  # nothing new: nothing written
        log = Stories(store).updates(stories[0].id)
        assert [(u["kind"], u["detail"]["added"]) for u in log] == [("articles", [a.id]), ("articles", [b.id])]


def test_stored_grouping_incremental_equals_one_batch_and_a_fresh_process_carries_on(db_url, tmp_path):
    drafts = [_draft(*FLOOD[0], "herald:a"), _draft(*STRIKE, "gazette:c"), _draft(*FLOOD[1], "daily:b")]
    with Store(Settings(db_url=db_url)) as store:
        for d in drafts:
            store.add_draft(d)
            StoreGrouping(store).update()  # a new process each time: state replayed from the database
        one_by_one = stories_json(stored_stories(store))
        assert [[x["id"] for x in s["articles"]] for s in one_by_one["stories"]] == [[1, 3], [2]]
        change = StoreGrouping(store).regroup()  # grouping afresh over the whole store moves nothing
        assert change.touched == [] and change.removed == []
        assert stories_json(stored_stories(store)) == one_by_one


def test_stored_grouping_a_copy_joins_its_original_story(db_url):
    with Store(Settings(db_url=db_url)) as store:
        original, _ = store.add_draft(_draft(*FLOOD[0], "herald:a"))
        store.add_draft(_draft(*STRIKE, "gazette:c"))
        group_stored(store)
        copy, _ = store.add_draft(_draft("Strike news", FLOOD[0][1], "wire:x"))  # same text, other title
        assert copy.copy_of == original.id
        group_stored(store)
        part = _partition(store)
        assert part[copy.id] == part[original.id]


def test_stored_regroup_records_moves_and_removes_a_story_merged_away(db_url):
    with Store(Settings(db_url=db_url)) as store:
        a, _ = store.add_draft(_draft(*FLOOD[0], "herald:a"))
        b, _ = store.add_draft(_draft(*FLOOD[1], "daily:b"))
        with grouped.locked(store) as (s, epoch):  # a wrong split, as a person or an older grouping left it
            grouped.apply(s, {a.id: a.id, b.id: b.id})
            grouped.bump(s, epoch)
        assert len(stored_stories(store)) == 2
        change = StoreGrouping(store).regroup()
        (story,) = stored_stories(store)
        assert [x.id for x in story.articles] == [a.id, b.id] and change.removed and change.touched == [story.id]
        merged = [u for u in Stories(store).updates(story.id) if u["kind"] == "merged"]
        assert merged[0]["detail"]["articles"] == [b.id] and merged[0]["detail"]["from"] == change.removed[0]


def test_stored_an_article_is_in_at_most_one_grouped_story(db_url):
    import pytest

    from newsprism.errors import StorageError

    with Store(Settings(db_url=db_url)) as store:
        a, _ = store.add_draft(_draft(*FLOOD[0], "herald:a"))
        group_stored(store)
        with pytest.raises(StorageError), store._transaction(write=True) as s:
            row = Stories(store)
            other = row._create(None, None, [], "user")
            s.add(StoryArticleRow(story_id=other, article_id=a.id, added_by="grouping",
                                  added_at=dt.datetime.now(dt.timezone.utc)))


def test_stored_ingest_groups_and_stories_json_lists_every_article_once(db_url, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, (title, text) in {"a.txt": FLOOD[0], "b.txt": FLOOD[1], "c.txt": STRIKE}.items():
        (folder / name).write_text(f"{title}\n\n{text}", "utf-8")
    settings = Settings(db_url=db_url)
    with Store(settings) as store:
        result = ingest_sources([str(folder)], settings, store)
        assert len(result.stories) == 2
    table = CliRunner().invoke(app, ["stories", "--db", db_url])
    assert table.exit_code == 0, table.output
    assert "2 stories" in table.stdout and "updates" in table.stdout
    listed = CliRunner().invoke(app, ["stories", "--json", "--db", db_url])
    assert listed.exit_code == 0, listed.output
    out = json.loads(listed.stdout)
    assert list(out) == ["stories"]
    ids = [a["id"] for s in out["stories"] for a in s["articles"]]
    assert sorted(ids) == [1, 2, 3] and len(ids) == len(set(ids))
    for s in out["stories"]:
        assert set(s) == {"id", "title", "articles", "updates"} and s["title"] == s["articles"][0]["title"]
        for a in s["articles"]:
            assert set(a) == {"id", "source", "url", "title", "published"}
    assert out["stories"][0]["articles"][0] == {"id": 1, "source": str(folder / "a.txt"), "url": None,
                                                "title": None, "published": None}  # a text file: no metadata


def _writer(db_url, part):
    with Store(Settings(db_url=db_url)) as store:  # a process of its own: own engine, own grouping state
        grouping = StoreGrouping(store)
        for d in part:
            store.add_draft(d)
            grouping.update()


def test_stored_two_writers_grouping_at_once_place_every_article_once(db_url):
    drafts = [_draft(*FLOOD[0], "herald:a"), _draft(*FLOOD[1], "daily:b"), _draft(*STRIKE, "gazette:c")] + \
        [_draft(f"Strike day {n}", f"{STRIKE[1]} Day {n} of the strike: {n * 37} ships waited.", f"wire:{n}")
         for n in range(6)]
    exits, failures = run_together(_writer, [(db_url, drafts[i::2]) for i in range(2)])
    assert exits == [0, 0] and failures == []
    with Store(Settings(db_url=db_url)) as store:
        ids = [a.id for s in stored_stories(store) for a in s.articles]
        assert sorted(ids) == list(range(1, len(drafts) + 1))  # every article, each in exactly one story


def test_stored_a_run_killed_before_grouping_is_made_good_by_the_next(db_url, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, (title, text) in {"a.txt": FLOOD[0], "b.txt": STRIKE}.items():
        (folder / name).write_text(f"{title}\n\n{text}", "utf-8")
    settings = Settings(db_url=db_url)
    with Store(settings) as store:
        ingest_sources([str(folder)], settings, store, group=False)  # stored, then killed before grouping
        assert stored_stories(store) == []
        again = ingest_sources([str(folder)], settings, store)  # the same sources: nothing new to store
        assert again.created == 0 and len(again.stories) == 2
        assert sorted(a.id for s in stored_stories(store) for a in s.articles) == [1, 2]


def _featurise_counted(monkeypatch):
    """Count the texts grouping reads (featurise calls in stories/stored)."""
    from newsprism.stories import stored

    read: list[str] = []
    real = stored.featurise

    def counted(title, text, published=None):
        read.append(title)
        return real(title, text, published)

    monkeypatch.setattr(stored, "featurise", counted)
    return read


def test_stored_grouping_keeps_each_articles_features_and_a_fresh_process_loads_them(db_url, monkeypatch):
    from newsprism.storage.orm import GroupingFeaturesRow
    from newsprism.stories.features import FEATURES_VERSION, decode, featurise

    with Store(Settings(db_url=db_url)) as store:
        drafts = [_draft(*FLOOD[0], "herald:a"), _draft(*STRIKE, "gazette:c")]
        for d in drafts:
            store.add_draft(d)
        group_stored(store)
        with store._transaction() as s:
            rows = {r.article_id: r for r in s.scalars(select(GroupingFeaturesRow))}
            assert sorted(rows) == [1, 2] and {r.version for r in rows.values()} == {FEATURES_VERSION}
            assert decode(rows[1].features, D) == featurise(*FLOOD[0], D)  # what grouping read, as it read it
        read = _featurise_counted(monkeypatch)
        store.add_draft(_draft(*FLOOD[1], "daily:b"))
        StoreGrouping(store).update()  # a new process: the stored partition is replayed from stored features
        assert read == [FLOOD[1][0]]  # only the new article's text was read
        assert [[a.id for a in s.articles] for s in stored_stories(store)] == [[1, 3], [2]]
        read.clear()
        StoreGrouping(store).regroup()  # a regroup reads no text either, and moves nothing
        assert read == [] and [[a.id for a in s.articles] for s in stored_stories(store)] == [[1, 3], [2]]


def test_stored_features_of_another_version_or_missing_are_recomputed_and_written_back(db_url, monkeypatch):
    from sqlalchemy import delete, update

    from newsprism.storage.orm import GroupingFeaturesRow
    from newsprism.stories.features import FEATURES_VERSION

    with Store(Settings(db_url=db_url)) as store:
        for d in (_draft(*FLOOD[0], "herald:a"), _draft(*STRIKE, "gazette:c")):
            store.add_draft(d)
        group_stored(store)
        with store._transaction(write=True) as s:  # an older extraction's row, and a database grouped before 0004
            s.execute(update(GroupingFeaturesRow).where(GroupingFeaturesRow.article_id == 1)
                      .values(version=FEATURES_VERSION - 1, features="{}"))
            s.execute(delete(GroupingFeaturesRow).where(GroupingFeaturesRow.article_id == 2))
        read = _featurise_counted(monkeypatch)
        store.add_draft(_draft(*FLOOD[1], "daily:b"))
        StoreGrouping(store).update()
        assert sorted(read) == sorted([FLOOD[0][0], STRIKE[0], FLOOD[1][0]])
        assert [[a.id for a in s.articles] for s in stored_stories(store)] == [[1, 3], [2]]
        with store._transaction() as s:
            assert {r.article_id: r.version for r in s.scalars(select(GroupingFeaturesRow))} == \
                {1: FEATURES_VERSION, 2: FEATURES_VERSION, 3: FEATURES_VERSION}


def test_stored_a_story_merged_away_hands_its_log_to_the_story_it_went_into(db_url):
    with Store(Settings(db_url=db_url)) as store:
        a, _ = store.add_draft(_draft(*FLOOD[0], "herald:a"))
        b, _ = store.add_draft(_draft(*FLOOD[1], "daily:b"))
        with grouped.locked(store) as (s, epoch):  # a wrong split
            grouped.apply(s, {a.id: a.id, b.id: b.id})
            grouped.bump(s, epoch)
        gone = next(st.id for st in stored_stories(store) if st.founder == b.id)
        change = StoreGrouping(store).regroup()
        assert change.removed == [gone]
        (story,) = stored_stories(store)
        log = Stories(store).updates(story.id)
        assert [(u["kind"], u["detail"].get("story")) for u in log] == \
            [("articles", None), ("articles", gone), ("merged", None)]  # the merged story's entry kept, in order
        assert log[1]["detail"]["added"] == [b.id]


def test_stored_grouping_places_an_article_where_a_person_had_put_it_too(db_url):
    with Store(Settings(db_url=db_url)) as store:
        a, _ = store.add_draft(_draft(*FLOOD[0], "herald:a"))
        group_stored(store)
        (flood,) = stored_stories(store)
        b, _ = store.add_draft(_draft(*FLOOD[1], "daily:b"))
        c, _ = store.add_draft(_draft(*STRIKE, "gazette:c"))
        Stories(store).add_articles(flood.id, [b.id])  # a person adds it before grouping sees it
        group_stored(store)
        assert _partition(store) == {a.id: flood.id, b.id: flood.id, c.id: _partition(store)[c.id]}
        added = Stories(store).updates(flood.id)[-1]["detail"]
        assert added == {"added": [b.id], "by": "grouping", "already_added_by_user": [b.id]}
        # a grouped article moved (by a regroup) into a story a person had also put it in
        strike = _partition(store)[c.id]
        with grouped.locked(store) as (s, epoch):
            grouped.apply(s, {b.id: c.id})  # a wrong join, then the person's correction
            grouped.bump(s, epoch)
        Stories(store).add_articles(flood.id, [b.id])
        assert _partition(store)[b.id] == strike
        change = StoreGrouping(store).regroup()
        assert change.moved == {flood.id: [b.id]} and _partition(store)[b.id] == flood.id
        with store._transaction() as s:
            rows = s.execute(select(StoryArticleRow.story_id, StoryArticleRow.added_by)
                             .where(StoryArticleRow.article_id == b.id)).all()
        assert rows == [(flood.id, "grouping")]


STORIES = [
    ("Floods kill 12 in Valencia", "Flash floods killed 12 people in Valencia on Tuesday, officials said."),
    ("Dock workers strike in Rotterdam", "Dock workers at the port of Rotterdam began a strike over pay."),
    ("Fire destroys market in Lagos", "A fire destroyed the main market in Lagos overnight, the fire service said."),
    ("Central bank raises interest rate", "The central bank raised its interest rate by half a point."),
    ("Ferry sinks off Cebu", "A ferry carrying 300 passengers sank off Cebu, the coast guard said."),
    ("Earthquake shakes Anatolia", "An earthquake of magnitude 6.1 shook eastern Anatolia on Tuesday."),
]
# no word, name or figure in common with the English report: only the meaning links them
CHINESE_FLOOD = ("瓦伦西亚暴雨后山洪造成多人死亡", "官员说，周二瓦伦西亚的山洪导致多人丧生。")


def test_stored_grouping_joins_a_report_in_another_language_unless_turned_off(tmp_path):
    """The stored stories are what grouping across languages gives: a Chinese report of a stored English story joins
    it (the multilingual model loaded for it), in a fresh process too; with the setting off it founds its own."""
    for across in (True, False):
        settings = Settings(db_url=f"sqlite:///{tmp_path / f'{across}.db'}", group_across_languages=across)
        with Store(settings) as store:
            ids = [store.add_draft(_draft(t, x, f"wire{i}:{i}"))[0].id for i, (t, x) in enumerate(STORIES)]
            group_stored(store)
        with Store(settings) as store:  # a new process: the English stories are replayed from the database
            chinese = store.add_draft(_draft(*CHINESE_FLOOD, "xinwen:c"))[0].id
            StoreGrouping(store).update()
            partition = _partition(store)
        assert (partition[chinese] == partition[ids[0]]) is across
        assert len(set(partition.values())) == len(STORIES) + (0 if across else 1)
