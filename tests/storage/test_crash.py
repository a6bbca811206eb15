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


def _reindex(db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsprism", "reindex", "--relink", "--db", f"sqlite:///{db}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())


def test_reindex_relink_killed_midway_is_consistent_and_a_rerun_completes(tmp_path):
    db = tmp_path / "s.db"
    _fill(db, 300)
    clean = tmp_path / "clean.db"
    shutil.copy(db, clean)
    assert _reindex(clean).wait(timeout=300) == 0
    expected = _links(clean)

    proc = _reindex(db)
    time.sleep(1.5)  # past start-up, into the batches
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=60) == -9
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
