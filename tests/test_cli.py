"""The real ``newsprism`` command on real files: the issue's must-show, exit codes, every command's --help.

The full analysis (spaCy and the rest) runs once, in a module-scoped fixture; the other commands need no model.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.report import check_evidence, validate

ROOT = Path(__file__).resolve().parents[1]
KHERSON = ROOT / "examples" / "kherson"
EXAMPLES = sorted(KHERSON.glob("*.txt"))


def newsprism_bin() -> str:
    found = Path(sys.executable).with_name("newsprism")
    return str(found) if found.exists() else (shutil.which("newsprism") or pytest.fail("newsprism not installed"))


def run(args: list[str], env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([newsprism_bin(), *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})}, **kw)


@pytest.fixture(scope="module")
def must_show(tmp_path_factory):
    """`newsprism analyze DIR --db sqlite:///FILE --format json -o OUT` on four examples, an exact copy of one,
    an empty file and a binary file."""
    tmp = tmp_path_factory.mktemp("mustshow")
    folder = tmp / "story"
    folder.mkdir()
    for p in EXAMPLES:
        shutil.copy(p, folder / p.name)
    shutil.copy(EXAMPLES[1], folder / "copy_of_001.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 16)
    out, db = tmp / "out" / "report.json", tmp / "story.db"
    proc = run(["analyze", str(folder), "--db", f"sqlite:///{db}", "--format", "json", "-o", str(out)])
    report = json.loads(out.read_text("utf-8")) if out.exists() else None
    return proc, report, folder, db


def test_cli_analyze_must_show_four_originals_one_linked_copy(must_show):
    proc, report, folder, _ = must_show
    assert report is not None, proc.stderr
    articles = report["articles"]
    assert len(articles) == 5
    originals = [a for a in articles if a["copy_of"] is None]
    assert sorted(Path(a["path"]).name for a in originals) == [p.name for p in EXAMPLES]
    (copy,) = [a for a in articles if a["copy_of"] is not None]
    assert Path(copy["path"]).name == "copy_of_001.txt" and copy["copy_kind"] == "exact"
    original = next(a for a in articles if a["id"] == copy["copy_of"])
    assert Path(original["path"]).name == EXAMPLES[1].name and original["text"] == copy["text"]
    assert report["story"]["independent_articles"] == 4 and report["story"]["copies"] == 1
    dates = {Path(a["path"]).name: a["published"] for a in originals}
    assert [d for n, d in sorted(dates.items())] == ["2022-11-11", "2022-11-12", None, "2022-11-11"]


def test_cli_analyze_must_show_reports_empty_and_binary_by_name_and_loses_nothing(must_show):
    proc, report, folder, _ = must_show
    assert proc.returncode == 1, proc.stderr  # 1: some sources were skipped
    skipped = report["skipped"]
    assert len(skipped) == 2
    assert any(str(folder / "empty.txt") in s and "empty" in s for s in skipped)
    assert any(str(folder / "image.jpg") in s for s in skipped)
    lines = proc.stderr.splitlines()
    assert sum(1 for line in lines if line.startswith("skipped ") and "empty.txt" in line) == 1
    assert sum(1 for line in lines if line.startswith("skipped ") and "image.jpg" in line) == 1
    assert "5 ingested, 1 copies, 2 skipped" in lines
    stored = {Path(a["path"]).name for a in report["articles"]}
    assert stored | {"empty.txt", "image.jpg"} == {p.name for p in folder.iterdir()}  # nothing else lost


def test_cli_analyze_must_show_report_is_valid_and_faithful(must_show):
    _, report, _, _ = must_show
    validate(report)
    assert report["schema"] == "newsprism.report/3"
    assert check_evidence(report) == []
    assert all(a["sentence_count"] for a in report["articles"])


def test_cli_articles_copies_shows_the_link_and_the_index(must_show):
    _, _, _, db = must_show
    result = CliRunner().invoke(app, ["articles", "--copies", "--json", "--db", f"sqlite:///{db}"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(Path(c["source"]).name, Path(c["original_source"]).name, c["copy_kind"]) for c in data["copies"]] == \
        [("copy_of_001.txt", EXAMPLES[1].name, "exact")]
    assert data["index"]["signatures"] == 5 and data["index"]["bands"] * data["index"]["rows"] <= 128


# -- the commands that need no model, in-process through typer's runner -----------------------------------------

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_cli_ingest_closing_line_and_exit_codes(db, tmp_path):
    first = runner.invoke(app, ["ingest", str(KHERSON), "--db", db])
    assert first.exit_code == 0, first.stderr
    assert first.stderr.strip().splitlines()[-1] == "4 ingested, 0 copies, 0 skipped"
    again = runner.invoke(app, ["ingest", str(KHERSON), "--db", db])
    assert again.exit_code == 0
    assert "4 ingested, 0 copies, 0 skipped (4 already in the database)" in again.stderr
    partial = runner.invoke(app, ["ingest", str(EXAMPLES[0]), str(tmp_path / "nope.txt"), "--db", db])
    assert partial.exit_code == 1
    assert f"skipped {tmp_path / 'nope.txt'}: no such file or directory" in partial.stderr
    nothing = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", db])
    assert nothing.exit_code == 3 and "no article could be ingested" in nothing.stderr
    quiet = runner.invoke(app, ["ingest", str(EXAMPLES[0]), str(tmp_path / "nope.txt"), "--db", db, "--quiet"])
    assert quiet.exit_code == 1 and "ingested" not in quiet.stderr and "nope.txt" in quiet.stderr


def test_cli_ingest_from_standard_input(db):
    result = runner.invoke(app, ["ingest", "-", "--db", db], input=EXAMPLES[2].read_bytes())
    assert result.exit_code == 0, result.stderr
    shown = runner.invoke(app, ["show", "1", "--json", "--db", db])
    data = json.loads(shown.stdout)
    assert (data["source"], data["source_kind"], data["published"]) == ("-", "stdin", None)
    assert data["text"].startswith("The day after Moscow declared its retreat")


def test_cli_max_bytes_skips_oversized_sources(db):
    result = runner.invoke(app, ["ingest", str(KHERSON), "--db", db, "--max-bytes", "3000"])
    assert result.exit_code == 1
    oversized = [line for line in result.stderr.splitlines() if "oversized" in line]
    assert len(oversized) == 3 and all(line.endswith("[ingest.oversized]") for line in oversized)  # 001_ fits
    assert "1 ingested, 0 copies, 3 skipped" in result.stderr


def test_cli_articles_show_and_reindex(db):
    runner.invoke(app, ["ingest", str(KHERSON), "--db", db])
    runner.invoke(app, ["ingest", "-", "--db", db], input=EXAMPLES[0].read_bytes())
    listed = json.loads(runner.invoke(app, ["articles", "--json", "--db", db]).stdout)
    assert [(a["id"], a["copy_of"], a["copy_kind"]) for a in listed][-1] == (5, 1, "exact")
    table = runner.invoke(app, ["articles", "--db", db], env={"COLUMNS": "160"})
    assert table.exit_code == 0 and "5 articles" in table.stdout and "1 (exact, 1.00)" in table.stdout
    shown = runner.invoke(app, ["show", "3", "--db", db])
    assert shown.exit_code == 0 and "002_160ca2489a0774a9.txt" in shown.stdout
    missing = runner.invoke(app, ["show", "99", "--db", db])
    assert missing.exit_code == 3 and "no article 99" in missing.stderr
    rebuilt = runner.invoke(app, ["reindex", "--relink", "--db", db])
    assert rebuilt.exit_code == 0 and "rebuilt over 5 articles; 1 copies" in rebuilt.stderr
    flag = runner.invoke(app, ["articles", "--copies", "--rebuild-index", "--db", db])
    assert flag.exit_code == 0 and "duplicate index rebuilt over 5 articles" in flag.stderr
    assert "1 copies" in flag.stdout


def test_cli_usage_errors_exit_2(db):
    assert runner.invoke(app, ["analyze", str(KHERSON), "--format", "pdf", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2
    assert runner.invoke(app, ["ingest"]).exit_code == 2  # SOURCES is required
    bad_db = runner.invoke(app, ["articles", "--db", "not a url"])
    assert bad_db.exit_code == 2 and "not a database URL" in bad_db.stderr


def test_cli_analyze_with_nothing_to_analyse_exits_3_before_loading_models(db, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(tmp_path / "empty.txt"), "--db", db])
    assert result.exit_code == 3
    assert "empty.txt: empty file" in result.stderr and "nothing to analyse" in result.stderr


def test_cli_evaluate_missing_corpus_says_so(tmp_path):
    result = runner.invoke(app, ["evaluate", "--corpus", "polnear", "--data", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert "polnear" in result.stderr and ("not available" in result.stderr or "not found" in result.stderr)


@pytest.mark.parametrize("command", [[], ["ingest"], ["articles"], ["show"], ["analyze"], ["evaluate"],
                                     ["reindex"]])
def test_cli_help_everywhere(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout


def test_cli_default_database_location_and_env(tmp_path):
    # $NEWSPRISM_HOME is read when newsprism is imported, so this one runs the command in a fresh process.
    env = {k: v for k, v in os.environ.items() if k != "NEWSPRISM_DB"}
    home = tmp_path / "home"
    proc = subprocess.run([newsprism_bin(), "ingest", str(EXAMPLES[0]), "-q"], capture_output=True, text=True,
                          env={**env, "NEWSPRISM_HOME": str(home)}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (home / "newsprism.db").exists()
    other = tmp_path / "other.db"
    result = runner.invoke(app, ["ingest", str(EXAMPLES[0]), "-q"], env={"NEWSPRISM_DB": f"sqlite:///{other}"})
    assert result.exit_code == 0 and other.exists()


def test_cli_docs_match_the_code():
    """README opens with the two set-up commands, .ci/run runs the test one, and the exit codes are documented."""
    import re

    from newsprism.cli import ExitCode

    readme = (ROOT / "README.md").read_text("utf-8")
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()] == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert re.search(r"^make test$", ci, re.M)
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
    for doc in (readme, (ROOT / "docs" / "cli.md").read_text("utf-8")):
        documented = {int(m) for m in re.findall(r"^\| ([0-9]) \|", doc, re.M)}
        assert documented == {int(c) for c in ExitCode}
