"""Crash safety of long maintenance (issue 12): `reindex --relink` killed with SIGKILL part-way leaves a store that
passes `PRAGMA integrity_check`, loses no article and holds only valid copy links; running it again completes and
gives the same links as an uninterrupted run (idempotent). (Ingest killed mid-run: tests/storage/test_store.py.)"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from .test_scaling import _fill


def _links(db) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT id, copy_of, copy_kind FROM articles ORDER BY id").fetchall()
    finally:
        con.close()


def _reindex(db, *options: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsprism", "reindex", "--relink", *options,
                             "--db", f"sqlite:///{db}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())


def _wal_bytes(db) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_reindex_relink_killed_midway_is_consistent_and_a_rerun_completes(tmp_path):
    db = tmp_path / "s.db"
    _fill(db, 300)
    clean = tmp_path / "clean.db"
    shutil.copy(db, clean)
    assert _reindex(clean).wait(timeout=300) == 0
    expected = _links(clean)

    # Short batches, and the kill once the first one is committed (the write-ahead log grows): a fixed sleep
    # raced a fast machine that finished all 300 before it.
    proc = _reindex(db, "--batch-seconds", "0.02")
    deadline = time.monotonic() + 120
    while proc.poll() is None and _wal_bytes(db) == 0 and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=60) == -9  # killed part-way, not finished
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (300,)
    dangling = con.execute("SELECT count(*) FROM articles a WHERE copy_of IS NOT NULL AND NOT EXISTS "
                           "(SELECT 1 FROM articles b WHERE b.id = a.copy_of)").fetchone()
    assert dangling == (0,)
    con.close()
    assert _reindex(db).wait(timeout=300) == 0
    assert _links(db) == expected
    again = _reindex(db)
    assert again.wait(timeout=300) == 0 and _links(db) == expected  # idempotent


def _analyze(folder, db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsprism", "analyze", str(folder), "--story", "crash",
                             "--format", "json", "-o", str(folder.parent / "report.json"), "--db", f"sqlite:///{db}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())


def _stored(db) -> tuple[int, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        # the kept (named) stories; grouping's stories hold each article once more (checked apart)
        stories = con.execute("SELECT s.id, count(m.article_id) FROM stories s "
                              "LEFT JOIN story_articles m ON m.story_id = s.id WHERE s.founder IS NULL "
                              "GROUP BY s.id ORDER BY s.id").fetchall()
        grouped = con.execute("SELECT count(DISTINCT article_id), count(*) FROM story_articles "
                              "WHERE added_by = 'grouping'").fetchone()
        assert grouped[0] == grouped[1] <= articles  # never an article in two grouped stories
        return articles, stories
    finally:
        con.close()


def test_analyze_story_killed_midway_is_consistent_and_a_rerun_completes(tmp_path):
    """SIGKILL once the articles are committed but (most likely) before the report is: what was committed stays,
    and the re-run builds the one kept story over the same articles, again idempotently."""
    folder = tmp_path / "story"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n:02d}.txt").write_text(
            f"Report {n}.\n\nThe council of Riverton said on Tuesday that the bridge over the Kell would close for "
            f"{n + 2} weeks of repairs. Engineers found cracks in two of its piers, officials said.\n", "utf-8")
    db = tmp_path / "s.db"
    proc = _analyze(folder, db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                if _stored(db)[0] == 6:
                    break
            except sqlite3.Error:  # schema not created yet
                pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    articles, _ = _stored(db)
    assert articles == 6  # nothing committed is lost (the kill came after the ingest)
    assert _analyze(folder, db).wait(timeout=300) == 0
    first = _stored(db)
    assert first[0] == 6 and len(first[1]) == 1 and first[1][0][1] == 6
    assert _analyze(folder, db).wait(timeout=300) == 0
    assert _stored(db) == first  # idempotent: same articles, one story, same members
