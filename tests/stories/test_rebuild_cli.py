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


def _news(tmp_path):
    """The texts as files in tmp_path/news, and a database URL beside them."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    return folder, f"sqlite:///{tmp_path / 'n.db'}"


def test_rebuild_groups_stored_articles_and_writes_one_report_per_story(tmp_path):
    folder, db = _news(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "--quiet"]).exit_code == 0
    out = tmp_path / "reports"
    result = runner.invoke(app, ["rebuild", "--db", db, "--engine", "local", "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.json"))
    assert files == ["story-1.json", "story-2.json"]  # the grouped stories' ids, as `newsprism stories` lists
    story = json.loads((out / "story-1.json").read_text("utf-8"))
    assert sorted(a["id"] for a in story["articles"]) == [1, 2]
    listed = json.loads(runner.invoke(app, ["stories", "--json", "--db", db]).stdout)["stories"]
    assert [[a["id"] for a in s["articles"]] for s in listed] == [[1, 2], [3]]
    kept = json.loads(runner.invoke(app, ["stories", "--kept", "--json", "--db", db]).stdout)
    assert sorted((s["id"], s["status"], s["revision"]) for s in kept) == [(1, "current", 1), (2, "current", 1)]
    # the stored story's report, from the database: not rebuilt (same articles, same pipeline)
    shown = runner.invoke(app, ["analyze", "--story", "1", "--db", db, "-f", "json"])
    assert shown.exit_code == 0, shown.output
    assert _stable(json.loads(shown.stdout)) == _stable(story)
    again = json.loads(runner.invoke(app, ["stories", "--kept", "--json", "--db", db]).stdout)
    assert [s["revision"] for s in again] == [s["revision"] for s in kept]
    missing = runner.invoke(app, ["analyze", "--story", "99", "--db", db])
    assert missing.exit_code != 0 and "no story 99" in missing.output


def _stable(report):
    return {k: v for k, v in report.items() if k != "generated"}


def test_regroup_cli_moves_nothing_on_a_store_grouping_made(tmp_path):
    folder, db = _news(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder / "a.txt"), "--db", db, "--quiet"]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(folder / "c.txt"), str(folder / "b.txt"), "--db", db,
                               "--quiet"]).exit_code == 0
    before = json.loads(runner.invoke(app, ["stories", "--json", "--db", db]).stdout)
    result = runner.invoke(app, ["regroup", "--db", db])
    assert result.exit_code == 0 and "0 articles moved" in result.output
    assert json.loads(runner.invoke(app, ["stories", "--json", "--db", db]).stdout) == before


def test_rebuild_on_an_empty_store_says_so(tmp_path):
    result = CliRunner().invoke(app, ["rebuild", "--db", f"sqlite:///{tmp_path / 'e.db'}"])
    assert result.exit_code == 3
    assert "nothing to rebuild" in result.output
