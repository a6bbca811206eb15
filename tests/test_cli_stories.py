"""`newsprism analyze --story NAME` keeps the story; `newsprism stories` lists it; rebuilt only on change."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.report import validate

runner = CliRunner()

ONE = ("Title: Bridge collapse kills 30\nOutlet: Herald\nDate: 2026-03-02\n\nPolice in Riverton said on Monday "
       "that 30 people were killed when the old bridge collapsed into the river. Rescue teams searched the water "
       "overnight, the fire service said.\n")
TWO = ("Title: Bridge collapse\nOutlet: Daily\nDate: 2026-03-02\n\nOfficials in Riverton said on Monday that 12 "
       "people were killed when the old bridge collapsed into the river. Rescue teams searched the water "
       "overnight.\n")
THREE = ("Title: Divers recover bodies\nOutlet: Gazette\nDate: 2026-03-04\n\nDivers recovered two more bodies from "
         "the river in Riverton on Wednesday, police said, two days after the bridge collapsed.\n")


@pytest.mark.slow
def test_cli_analyze_story_is_kept_and_rebuilt_only_on_change(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    for name, text in (("one.txt", ONE), ("two.txt", TWO), ("three.txt", THREE)):
        (tmp_path / name).write_text(text, "utf-8")
    args = ["analyze", str(tmp_path / "one.txt"), str(tmp_path / "two.txt"), "--db", db, "--story", "riverton",
            "--format", "json"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert "report rebuilt" in first.stderr
    report = json.loads(first.stdout)
    validate(report)
    assert len(report["articles"]) == 2

    again = runner.invoke(app, args)  # same articles, same pipeline: the stored report, unchanged
    assert again.exit_code == 0 and "report unchanged" in again.stderr
    assert json.loads(again.stdout) == report

    more = runner.invoke(app, ["analyze", str(tmp_path / "three.txt"), "--db", db, "--story", "riverton", "-f",
                               "json"])
    assert more.exit_code == 0 and "report rebuilt" in more.stderr
    assert len(json.loads(more.stdout)["articles"]) == 3  # the story's articles, not only this run's

    listed = runner.invoke(app, ["stories", "--kept", "--db", db, "--json"])
    assert listed.exit_code == 0
    (story,) = [s for s in json.loads(listed.stdout) if s["name"] is not None]  # grouping's stories are listed too
    assert story["name"] == "riverton" and story["articles"] == 3 and story["independent_sources"] == 3
    assert story["divergences"] >= 1 and story["status"] == "current" and story["revision"] == 2
    assert story["title"]
    table = runner.invoke(app, ["stories", "--kept", "--db", db])
    assert table.exit_code == 0 and "riverton" in table.stdout


def test_cli_stories_on_an_empty_database(tmp_path):
    result = runner.invoke(app, ["stories", "--kept", "--db", f"sqlite:///{tmp_path / 'e.db'}", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    grouped = runner.invoke(app, ["stories", "--db", f"sqlite:///{tmp_path / 'e.db'}", "--json"])
    assert grouped.exit_code == 0 and json.loads(grouped.stdout) == {"stories": []}


def test_cli_serve_help_names_its_defaults():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.stdout and "8000" in result.stdout and "--allow-private" in result.stdout
