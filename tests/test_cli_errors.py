"""Error paths of the CLI (issue 12): one line and exit 2/3, never a traceback; reading commands create nothing;
the report's destination is checked before any analysis; storage errors one line per source, details with -v."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "kherson").glob("*.txt"))
runner = CliRunner()


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr and not isinstance(result.exception, Exception) or \
        isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_cli_database_in_a_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["ingest", str(EXAMPLES[0]), "--db", f"sqlite:///{blocker}/sub/news.db"])
    line = one_line_error(result, 3)
    assert "cannot create" in line and str(blocker) in line


def test_cli_show_with_an_id_too_large_for_sqlite(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert runner.invoke(app, ["ingest", str(EXAMPLES[0]), "--db", db, "-q"]).exit_code == 0
    line = one_line_error(runner.invoke(app, ["show", str(2**70), "--db", db]), 3)
    assert f"no article {2**70}" in line


@pytest.mark.parametrize("command", [["show", "1"], ["articles"], ["articles", "--copies"], ["reindex"]])
def test_cli_reading_commands_never_create_a_database(tmp_path, command):
    missing = tmp_path / "typo" / "nwesprism.db"
    line = one_line_error(runner.invoke(app, [*command, "--db", f"sqlite:///{missing}"]), 3)
    assert "no database" in line and str(missing) in line
    assert not missing.exists() and not missing.parent.exists()


def test_cli_unwritable_output_fails_before_analysing(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    db = tmp_path / "x.db"
    result = runner.invoke(app, ["analyze", str(EXAMPLES[0]), "--db", f"sqlite:///{db}",
                                 "-o", str(blocker / "report.html")])
    line = one_line_error(result, 2)
    assert "cannot write the report" in line and str(blocker / "report.html") in line
    assert not db.exists()  # nothing was ingested: the check came first
    directory = runner.invoke(app, ["analyze", str(EXAMPLES[0]), "--db", f"sqlite:///{db}", "-o", str(tmp_path)])
    assert "cannot write the report" in one_line_error(directory, 2)


def test_cli_max_bytes_beyond_64_bits_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["ingest", str(EXAMPLES[0]), "--db", f"sqlite:///{tmp_path / 'x.db'}",
                                 "--max-bytes", str(2**64 + 1)])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "skipped" not in result.stderr and "--max-bytes" in result.stderr


def test_cli_reindex_batch_seconds_below_the_floor_is_a_usage_error(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert runner.invoke(app, ["ingest", str(EXAMPLES[0]), "--db", db, "-q"]).exit_code == 0
    result = runner.invoke(app, ["reindex", "--batch-seconds", "0", "--db", db])
    assert result.exit_code == 2 and "Traceback" not in result.stderr and "--batch-seconds" in result.stderr
    done = runner.invoke(app, ["reindex", "--relink", "--batch-seconds", "0.05", "--db", db])
    assert done.exit_code == 0 and "rebuilt over 1 articles" in done.stderr


def test_cli_storage_error_is_one_line_per_source_with_details_under_verbose(tmp_path):
    db = tmp_path / "x.db"
    url = f"sqlite:///{db}"
    assert runner.invoke(app, ["ingest", str(EXAMPLES[0]), "--db", url, "-q"]).exit_code == 0
    con = sqlite3.connect(db)  # the database refuses one article, as a full disk or a constraint would
    con.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.source LIKE '%/002_%' "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
    con.commit()
    con.close()
    result = runner.invoke(app, ["ingest", *map(str, EXAMPLES[1:3]), "--db", url])
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and all("refused by the test" in line for line in skipped), result.stderr
    assert "INSERT" not in result.stderr and "[SQL" not in result.stderr and "Kherson" not in result.stderr
    verbose = runner.invoke(app, ["ingest", *map(str, EXAMPLES[1:3]), "--db", url, "-v"])
    assert "INSERT INTO articles" in verbose.stderr
