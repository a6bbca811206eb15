"""Stories in the store and full-text search, on SQLite and PostgreSQL alike (the `db_url` fixture)."""

from __future__ import annotations

import threading

import pytest

from newsprism.model import ArticleDraft
from newsprism.settings import Settings
from newsprism.storage import Store, migrate
from newsprism.storage.search import search_articles, words
from newsprism.storage.stories import Stories, fingerprint

TEXTS = [
    ("Flood in Riverton", "The river rose two metres overnight and the mayor of Riverton ordered an evacuation."),
    ("Riverton recovers", "Shops reopened in Riverton on Tuesday as the water fell back below the bridge."),
    ("Dam inspection", "Engineers inspected the dam upstream and said the spillway held; the river is falling."),
    ("Café owners count losses", "The café on Quay Street lost its stock; owners said insurers would pay."),
]


@pytest.fixture
def store(db_url):
    with Store(Settings(db_url=db_url)) as s:
        yield s


def _add(store, title, text, source=None):
    article, _ = store.add_draft(ArticleDraft(text=text, source=source or f"test:{title}", title=title))
    return article


def test_stories_migrate_to_one_head_on_both_databases(store):
    assert migrate.current(store.engine) == migrate.head()


def test_stories_create_list_and_members(store):
    a, b, c = (_add(store, *t) for t in TEXTS[:3])
    stories = Stories(store)
    story = stories.create(title="Riverton flood", name="riverton", articles=[a.id, b.id])
    assert story.articles == 2 and story.revision == 0 and not story.has_report
    assert stories.by_name("riverton").id == story.id
    assert stories.add_articles(story.id, [b.id, c.id]) == [c.id]  # b was there already
    assert stories.members(story.id) == [a.id, b.id, c.id]
    with pytest.raises(KeyError):
        stories.add_articles(story.id, [9999])
    with pytest.raises(ValueError):
        stories.create(name="riverton")
    assert [s.id for s in stories.list()] == [story.id]
    assert [u["kind"] for u in stories.updates(story.id)] == ["articles", "articles"]


def test_stories_report_is_kept_with_what_it_was_built_from(store):
    a, b = (_add(store, *t) for t in TEXTS[:2])
    stories = Stories(store)
    story = stories.create(articles=[a.id])
    built_from = stories.current_fingerprint(story.id)
    assert built_from == fingerprint([(a.id, a.content_hash, None)])
    report = {"schema": "newsprism.report/9", "anything": ["opaque", 1]}
    assert stories.save_report(story.id, report, built_from=built_from, pipeline_version="v1", title="T",
                               independent_sources=1, divergences=0)
    stored = stories.report(story.id)
    assert stored.schema == "newsprism.report/9" and stored.fingerprint == built_from and stored.revision == 1
    import json

    assert json.loads(stored.text) == report
    assert stories.get(story.id).title == "T"  # no user title: the report's
    # a newer article set: the stored report is no longer current
    stories.add_articles(story.id, [b.id])
    revision, fp, version, now = stories.state(story.id)
    assert (revision, fp, version) == (1, built_from, "v1") and now != built_from
    # a report of the current set is stored; one of the old set, arriving later, does not replace it
    assert stories.save_report(story.id, {"schema": "s", "n": 2}, built_from=now, pipeline_version="v1",
                               title=None, independent_sources=2, divergences=0)
    assert not stories.save_report(story.id, {"schema": "s", "n": 1}, built_from=built_from,
                                   pipeline_version="v1", title=None, independent_sources=1, divergences=0)
    assert stories.report(story.id).revision == 2 and stories.report(story.id).fingerprint == now


def test_stories_concurrent_writers_to_one_story_leave_a_consistent_store(store):
    stories = Stories(store)
    story = stories.create(title="busy")
    articles = [_add(store, f"T{i}", f"Article number {i} about the harbour strike and its pickets.", f"s{i}")
                for i in range(24)]
    errors = []

    def writer(chunk):
        try:
            for a in chunk:
                stories.add_articles(story.id, [a.id, articles[0].id])  # everyone also re-adds the first
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(articles[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert stories.members(story.id) == sorted(a.id for a in articles)
    added = [i for u in stories.updates(story.id) for i in u["detail"]["added"]]
    assert sorted(added) == sorted(a.id for a in articles)  # each added exactly once


@pytest.mark.parametrize("query, titles", [
    ("riverton", {"Flood in Riverton", "Riverton recovers"}),
    ("RIVER", {"Flood in Riverton", "Dam inspection"}),  # whole words: "river", not "Riverton"
    ("river riverton", {"Flood in Riverton"}),  # every word
    ("café", {"Café owners count losses"}),  # accents kept on both databases
    ("cafe", set()),
    ("dam OR flood", set()),  # no operators: "or" is a word
    ('"; DROP TABLE articles; --', set()),
    ("", set()),
])
def test_search_finds_the_same_articles_on_both_databases(store, query, titles):
    for t in TEXTS:
        _add(store, *t)
    found = search_articles(store, query, limit=10)
    assert {a.title for a in found.articles} == titles
    assert found.total == len(titles)
    assert store.count() == len(TEXTS)


def test_search_pages_newest_first(store):
    made = [_add(store, f"Note {i}", f"The ferry timetable changes on day {i} of the month.", f"f{i}")
            for i in range(5)]
    first = search_articles(store, "ferry timetable", limit=2)
    second = search_articles(store, "ferry timetable", limit=2, offset=2)
    assert [a.id for a in first.articles + second.articles] == [a.id for a in reversed(made)][:4]
    assert first.total == 5


def test_search_words():
    assert words("Kherson's  withdrawal, 2022!") == ["kherson", "s", "withdrawal", "2022"]
