"""`newsprism rebuild`: every stored article grouped into stories, each story analysed (local engine)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprism.cli import app

pytestmark = pytest.mark.slow

TEXTS = {
    "a.txt": "title: Floods kill 12 in Valencia\npublished: 2025-03-04\n\nFlash floods killed 12 people in Valencia "
             "on Tuesday, regional officials said. Rescuers searched the Turia valley for missing residents.",
    "b.txt": "title: Valencia flood toll rises to 12\npublished: 2025-03-04\n\nThe death toll from flash floods in "
             "Valencia rose to 12, officials in the Turia valley said, as rescuers kept searching for residents.",
    "c.txt": "title: Dock workers strike in Rotterdam\npublished: 2025-03-04\n\nDock workers at the port of "
             "Rotterdam began a 48-hour strike over pay on Tuesday, the union FNV said, halting container traffic.",
}


def test_rebuild_groups_stored_articles_and_writes_one_report_per_story(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    db = f"sqlite:///{tmp_path / 'n.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "--quiet"]).exit_code == 0
    out = tmp_path / "reports"
    result = runner.invoke(app, ["rebuild", "--db", db, "--engine", "local", "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.json"))
    assert files == ["story-1.json", "story-3.json"]
    story = json.loads((out / "story-1.json").read_text("utf-8"))
    assert sorted(a["id"] for a in story["articles"]) == [1, 2]


def test_rebuild_on_an_empty_store_says_so(tmp_path):
    result = CliRunner().invoke(app, ["rebuild", "--db", f"sqlite:///{tmp_path / 'e.db'}"])
    assert result.exit_code == 3
    assert "nothing to rebuild" in result.output
