"""The store: records out (not rows), idempotent ingest, one transaction per article, recovery after a kill."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsprism.errors import IngestError, StorageError
from newsprism.model import ArticleDraft
from newsprism.model import Article
from newsprism.service import ingest_sources
from newsprism.storage import Store

KHERSON = Path(__file__).resolve().parents[2] / "examples" / "kherson"


def _db_file(store: Store) -> str:
    return store.engine.url.database  # type: ignore[return-value]


def test_store_add_draft_returns_article_records_with_ids_in_order(store, example_drafts):
    out = [store.add_draft(d) for d in example_drafts]
    assert [created for _, created in out] == [True] * 4
    articles = [a for a, _ in out]
    assert all(isinstance(a, Article) for a in articles)
    assert [a.id for a in articles] == [1, 2, 3, 4]
    # metadata carried over: the date marker of three files, none for 002_ (the undated wire copy)
    assert [a.published.isoformat() if a.published else None for a in articles] == \
        ["2022-11-11", "2022-11-12", None, "2022-11-11"]
    assert articles[0].published_source == "marker" and articles[2].published_source is None
    assert store.get(3) == articles[2]
    assert [a.id for a in store.list()] == [1, 2, 3, 4]
    assert store.get(1).text == example_drafts[0].text  # stored text is the normalised text, unchanged


def test_store_meets_the_store_protocol(store):
    from newsprism.storage import ArticleStore

    members = [m for m in vars(ArticleStore) if not m.startswith("_")]
    assert members and all(callable(getattr(store, m)) for m in members)


def test_store_get_unknown_id_raises_key_error(store):
    with pytest.raises(KeyError):
        store.get(42)


def test_store_reingest_same_source_same_content_is_the_same_row(store, example_drafts):
    first, created = store.add_draft(example_drafts[0])
    again, created_again = store.add_draft(dataclasses.replace(example_drafts[0]))
    assert created and not created_again
    assert again == first
    assert store.count() == 1


def test_store_reingest_changed_content_from_same_source_is_a_new_row(store, example_drafts):
    d = example_drafts[0]
    store.add_draft(d)
    changed = dataclasses.replace(d, text=d.text + "\n\nA correction was appended to this report later.")
    article, created = store.add_draft(changed)
    assert created and article.id == 2
    assert article.copy_kind == "near" and article.copy_of == 1  # the update is linked, not a new witness


def test_store_empty_draft_is_refused_and_nothing_written(store):
    with pytest.raises(IngestError, match="no text"):
        store.add_draft(ArticleDraft(text=" \n\u200b\n ", source="blank.txt"))
    assert store.count() == 0


def test_store_one_refused_write_loses_nothing_else(store, example_drafts, db_settings):
    # A real refusal by the database: a trigger aborts one insert in the middle of the run.
    con = sqlite3.connect(_db_file(store))
    con.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.source LIKE '%002_%' "
                "BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END")
    con.commit()
    con.close()
    stored = []
    for d in example_drafts:
        try:
            stored.append(store.add_draft(d)[0].source)
        except StorageError as exc:
            assert "refused by test trigger" in str(exc)
    assert [Path(s).name[:3] for s in stored] == ["000", "001", "003"]
    con = sqlite3.connect(_db_file(store))
    n_articles, = con.execute("SELECT count(*) FROM articles").fetchone()
    n_sigs, = con.execute("SELECT count(*) FROM minhash_signatures").fetchone()
    orphans, = con.execute("SELECT count(*) FROM minhash_bands WHERE article_id NOT IN (SELECT id FROM articles)"
                           ).fetchone()
    con.close()
    assert (n_articles, n_sigs, orphans) == (3, 3, 0)


def test_store_sqlite_uses_wal_and_foreign_keys(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_store_creates_the_folder_of_a_new_sqlite_file(tmp_path, db_settings):
    target = tmp_path / "deep" / "er" / "n.db"
    with Store(db_settings.with_(db_url=f"sqlite:///{target}")) as s:
        assert s.count() == 0
    assert target.exists()


def test_store_bad_url_is_a_config_error(db_settings):
    from newsprism.errors import ConfigError

    with pytest.raises(ConfigError, match="not a database URL"):
        Store(db_settings.with_(db_url="no-such-scheme"))


_KILLER = textwrap.dedent("""
    import os, signal, sys
    from newsprism.service import ingest_sources
    from newsprism.settings import Settings
    from newsprism.storage import Store

    db, folder, after = sys.argv[1], sys.argv[2], int(sys.argv[3])
    settings = Settings(db_url=db)

    def progress(n, total, source):
        if n >= after:  # die hard right after the n-th source, mid-run: no cleanup, no exit handlers
            os.kill(os.getpid(), signal.SIGKILL)

    with Store(settings) as store:
        ingest_sources([folder], settings, store, progress=progress)
""")


def _corpus(folder: Path, n: int) -> None:
    """``n`` distinct articles built from the example texts (each a different mix of their paragraphs)."""
    paragraphs = [p for f in sorted(KHERSON.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n") if p.strip()]
    folder.mkdir()
    for i in range(n):
        picked = paragraphs[i::n][:6] or paragraphs[i % len(paragraphs):][:3]
        (folder / f"{i:03d}.txt").write_text(f"Report number {i}.\n\n" + "\n\n".join(picked), "utf-8")


def test_store_killed_mid_run_is_consistent_and_a_rerun_completes(tmp_path, db_settings):
    folder = tmp_path / "corpus"
    _corpus(folder, 10)
    proc = subprocess.run([sys.executable, "-c", _KILLER, db_settings.db_url, str(folder), "4"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr  # really killed
    db = db_settings.db_url.removeprefix("sqlite:///")
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    n_articles, = con.execute("SELECT count(*) FROM articles").fetchone()
    n_sigs, = con.execute("SELECT count(*) FROM minhash_signatures").fetchone()
    con.close()
    assert n_articles == n_sigs == 4  # every committed article whole, with its index entry; nothing half-written

    with Store(db_settings) as store:
        result = ingest_sources([str(folder)], db_settings, store)
        assert (result.ingested, result.created, result.already_stored) == (10, 6, 4)
        assert store.count() == 10
        assert store.index_stats().signatures == 10
        assert len({a.source for a in store.list()}) == 10  # no file stored twice


def test_store_open_on_a_locked_path_is_a_storage_error(tmp_path, db_settings):
    bad = tmp_path / "is_a_dir.db"
    bad.mkdir()
    with pytest.raises(StorageError, match="cannot open the database"):
        Store(db_settings.with_(db_url=f"sqlite:///{bad}"))
    assert os.path.isdir(bad)


_WRITER = textwrap.dedent("""
    import sys
    from newsprism.service import ingest_sources
    from newsprism.settings import Settings
    from newsprism.storage import Store

    settings = Settings(db_url=sys.argv[1])
    with Store(settings) as store:
        result = ingest_sources([sys.argv[2]], settings, store)
    print(result.summary_line())
""")


def test_store_two_processes_ingesting_into_one_new_database_lose_nothing(tmp_path, db_settings):
    # Both open the same new file at once (both migrate it) and then write article after article side by side.
    a, b = tmp_path / "a", tmp_path / "b"
    _corpus(a, 12)
    _corpus(b, 12)
    for p in b.iterdir():
        p.write_text(p.read_text("utf-8").replace("Report number", "Bulletin item"), "utf-8")
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, db_settings.db_url, str(d)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for d in (a, b)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all(out.strip().endswith("0 skipped") for out, _ in outs), outs
    with Store(db_settings) as store:
        assert store.count() == 24 and store.index_stats().signatures == 24


def test_store_copy_with_invisible_characters_is_still_a_copy(store, example_drafts):
    """Soft hyphens, word joiners and zero-width characters inside words must not hide a verbatim copy."""
    original = example_drafts[0]
    words = original.text.split(" ")
    sprinkled = " ".join(w[:2] + "\u00ad" + w[2:] if i % 3 == 0 and len(w) > 4 else
                         w[:1] + "\u2060" + w[1:] if i % 3 == 1 and len(w) > 3 else
                         w[:1] + "\u200d" + w[1:] if i % 7 == 2 and len(w) > 3 else w
                         for i, w in enumerate(words))
    copy = dataclasses.replace(original, source="/elsewhere/copy.txt", text=sprinkled, published=None)
    a, _ = store.add_draft(original)
    b, _ = store.add_draft(copy)
    assert b.copy_of == a.id, (b.copy_kind, b.copy_similarity)
    assert "\u00ad" not in b.text and "\u2060" not in b.text  # removed at ingest
    assert "\u200d" in b.text  # a joiner can carry meaning: kept, but ignored when comparing
