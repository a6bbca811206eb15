"""`newsprism ingest --engine ray` and `newsprism rebuild --engine ray` store the same reports as the local engine."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.settings import Settings
from newsprism.storage import Store
from newsprism.storage.stories import Stories

pytestmark = pytest.mark.slow

TEXTS = {
    "a.txt": "Floods kill 12 in Valencia\n\nFlash floods killed 12 people in Valencia on Tuesday, regional officials "
             "said. \"We are still searching for five residents,\" said Ana Ruiz, head of the rescue service.",
    "b.txt": "Valencia flood toll rises to 14\n\nThe death toll from flash floods in Valencia rose to 14 on "
             "Wednesday, officials said. Ana Ruiz, who leads the rescue service, said five were still missing.",
    "c.txt": "Dock workers strike in Rotterdam\n\nDock workers at the port of Rotterdam began a 48-hour strike over "
             "pay on Tuesday, the union FNV said, halting container traffic. About 300 ships were delayed.",
}


def _reports(db):
    with Store(Settings(db_url=db)) as store:
        stories = Stories(store)
        out = {}
        for record in stories.list():
            stored = stories.report(record.id)
            report = json.loads(stored.text)
            out[record.id] = ({k: v for k, v in report.items() if k != "generated"}, stored.revision)
        return out


def test_engine_cli_ray_ingest_and_rebuild_store_the_local_engine_reports(tmp_path, monkeypatch):
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    runner = CliRunner()
    local, ray = f"sqlite:///{tmp_path / 'local.db'}", f"sqlite:///{tmp_path / 'ray.db'}"
    for db, engine in ((local, ["--engine", "local"]), (ray, ["--engine", "ray", "--workers", "2"])):
        result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--quiet", *engine])
        assert result.exit_code == 0, result.output
    want, got = _reports(local), _reports(ray)
    assert len(want) == 2 and got == want  # the same stories, ids and reports, revision 1 each
    assert sorted(len(r["articles"]) for r, _ in want.values()) == [1, 2]
    result = runner.invoke(app, ["rebuild", "--db", local, "--engine", "ray", "--workers", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    again = _reports(local)
    assert {k: r for k, (r, _) in again.items()} == {k: r for k, (r, _) in want.items()}
    assert {rev for _, rev in again.values()} == {2}  # rebuilt and stored by the Ray run
