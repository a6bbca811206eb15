"""The package's public names are exactly those in ``__all__`` and all of them resolve."""

import newsprism


def test_public_api_all_names_resolve():
    for name in newsprism.__all__:
        assert hasattr(newsprism, name), name


def test_public_api_records_are_frozen():
    import dataclasses

    for name in ("Article", "Span", "Quote", "Figure", "TimeExpr", "Story", "Divergence"):
        cls = getattr(newsprism, name)
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, name


def test_public_api_all_is_exactly_this():
    assert sorted(newsprism.__all__) == sorted([
        "Agreement", "Article", "ArticleFacts", "Aspect", "AspectPosition", "Claim", "ConfigError", "Divergence",
        "EmptyIngestError", "Entity", "FetchError", "Figure", "InferredDate", "IngestError", "Mention",
        "NewsprismError", "Origin", "Position", "Quote",
        "Sentence", "Settings", "SourceLink", "Span", "StageError", "StorageError", "Store", "Story",
        "SummarySentence", "TimeExpr", "TimelineEntry", "__version__", "analyse", "render",
    ])


def test_public_api_render_stays_the_function_after_the_renderers_load():
    import newsprism.render.html  # noqa: F401 - importing the subpackage must not rebind newsprism.render

    assert callable(newsprism.render) and newsprism.render({"a": 1}, "json") == '{\n  "a": 1\n}\n'


def test_public_api_readme_example_runs(tmp_path, monkeypatch):
    """The README's Python example, run as written (the example story's path made absolute)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    block = re.search(r"### From Python\n\n```python\n(.*?)```", (root / "README.md").read_text("utf-8"), re.S)
    assert block and len(block.group(1).strip().splitlines()) <= 6
    monkeypatch.chdir(tmp_path)
    code = block.group(1).replace('"examples/kherson"', repr(str(root / "examples" / "kherson")))
    exec(compile(code, "README.md", "exec"), {})
    html = (tmp_path / "story.html").read_text("utf-8")
    assert "<html" in html and (tmp_path / "story.db").exists()


def test_public_api_analyse_raises_a_coded_error_on_no_article(tmp_path):
    (tmp_path / "empty.txt").write_text("", "utf-8")
    try:
        newsprism.analyse(tmp_path / "empty.txt", db=f"sqlite:///{tmp_path / 'e.db'}")
    except newsprism.EmptyIngestError as exc:
        assert exc.code == "ingest.empty"
    else:
        raise AssertionError("no error for a story without articles")


def test_public_api_python_m_newsprism_runs():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "newsprism", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("newsprism ")


def test_public_api_console_script_is_the_process_entry_point():
    """The ``newsprism`` command runs ``cli.run`` (process settings, then ``main``), as ``python -m newsprism`` does."""
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "newsprism"]
    assert script.value == "newsprism.cli:run"


def test_public_api_command_keeps_blas_to_one_thread_unless_told():
    """``cli.run`` sets OpenBLAS to one thread before NumPy loads; a value the user set is kept."""
    import os
    import subprocess
    import sys

    code = ("import os, sys\n"
            "from newsprism import cli\n"
            "cli.main = lambda: print(os.environ.get('OPENBLAS_NUM_THREADS'), 'numpy' in sys.modules) or 0\n"
            "cli.run()\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["1", "False"]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**env, "OPENBLAS_NUM_THREADS": "3"}, check=True)
    assert out.stdout.split()[0] == "3"
