"""Error codes: every code the source raises is in docs/errors.md, and every code listed there is raised."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from newsprism import errors

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newsprism"
CATALOGUE = ROOT / "docs" / "errors.md"
CODE = re.compile(r"^[a-z]+\.[a-z]+(?:-[a-z]+)*$")


def raised_codes(package: Path = PACKAGE) -> dict[str, str]:
    """code -> first place it is set: class defaults (``code = "..."``) and ``code=`` / ``error_code=`` keywords."""
    found: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            values: list[ast.AST] = []
            if isinstance(node, ast.ClassDef):
                values = [s.value for s in node.body if isinstance(s, ast.Assign)
                          and any(isinstance(t, ast.Name) and t.id == "code" for t in s.targets)]
            elif isinstance(node, ast.Call):
                values = [k.value for k in node.keywords if k.arg in ("code", "error_code")]
            for value in values:
                for const in ast.walk(value):
                    if isinstance(const, ast.Constant) and isinstance(const.value, str):
                        found.setdefault(const.value, f"{path.relative_to(ROOT)}:{const.lineno}")
    return found


def catalogue_codes() -> set[str]:
    return set(re.findall(r"^\| `([^`]+)` \|", CATALOGUE.read_text("utf-8"), re.M))


def test_errors_every_raised_code_is_in_the_catalogue():
    missing = {c: where for c, where in raised_codes().items() if c not in catalogue_codes()}
    assert not missing, f"codes raised but not in docs/errors.md: {missing}"


def test_errors_every_catalogued_code_is_raised():
    stale = catalogue_codes() - set(raised_codes())
    assert not stale, f"codes in docs/errors.md that nothing raises: {sorted(stale)}"


def test_errors_codes_are_well_formed():
    bad = [c for c in raised_codes() if not CODE.match(c)]
    assert not bad, bad


@pytest.mark.parametrize("cls", [errors.ConfigError, errors.IngestError, errors.FetchError, errors.EmptyIngestError,
                                 errors.StageError, errors.StorageError])
def test_errors_every_class_has_its_own_default_code(cls):
    assert cls.code != errors.NewsprismError.code and CODE.match(cls.code)


def test_errors_a_raise_can_name_a_finer_code():
    err = errors.FetchError("http://x", "refused", code="fetch.private-address")
    assert (err.code, err.source, str(err)) == ("fetch.private-address", "http://x", "http://x: refused")
    assert errors.FetchError("http://x", "?").code == "fetch.failed"
    assert isinstance(err, errors.IngestError) and isinstance(err, errors.NewsprismError)


def test_errors_the_cli_prints_the_code(tmp_path):
    from typer.testing import CliRunner

    from newsprism.cli import app

    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", f"sqlite:///{tmp_path / 'd.db'}"])
    assert result.exit_code == 3
    assert "[ingest.empty-source]" in result.output and "error [ingest.empty]:" in result.output


def test_errors_every_cli_failure_names_its_code():
    """``_fail`` needs ``error_code``: a call without one would be a TypeError at the worst moment."""
    tree = ast.parse((PACKAGE / "cli.py").read_text("utf-8"))
    missing = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "_fail"
               and not any(k.arg == "error_code" for k in n.keywords)]
    assert not missing, f"cli.py lines calling _fail without error_code: {missing}"
