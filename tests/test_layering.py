"""What may import what, read from the source with ``ast`` (function-level imports included).

- The core (records, word lists, models, extraction, story stages, TIMEX values, pipeline, report) never imports
  an edge: storage, service, cli, render, evaluation, or the coming api, web, engine and stories.
- Nothing in the core imports ``pipeline`` back: the stage lists import the stages, never the reverse.
- No import cycle between modules of the package (module-level imports; ``TYPE_CHECKING`` blocks excluded).

A failure names the offending file and line.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsprism"
CORE = ("model", "lexicon", "nlp", "extract", "story", "timex", "pipeline", "report", "text", "errors", "settings")
EDGES = ("storage", "migrations", "service", "cli", "render", "evaluation", "api", "web", "engine", "stories")


def module_name(path: Path, package: Path) -> str:
    parts = ["newsprism", *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _in_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports(path: Path, package: Path) -> list[tuple[str, int, bool]]:
    """(imported newsprism module, line, module-level at run time) for every import in one file."""
    name = module_name(path, package)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text("utf-8"), str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")[: len(name.split(".")) - node.level + is_package]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            # "from .x import y": y may be a submodule (an import of it) or a name (an import of x)
            targets = [f"{stem}.{a.name}" if _is_module(f"{stem}.{a.name}", package) else stem for a in node.names]
        else:
            continue
        top = parents.get(node) is tree
        runtime = top and not _in_type_checking(node, parents)
        for t in targets:
            if t == "newsprism" or t.startswith("newsprism."):
                out.append((t, node.lineno, runtime))
    return out


def _is_module(dotted: str, package: Path) -> bool:
    rel = Path(*dotted.split(".")[1:])
    return (package / rel).with_suffix(".py").is_file() or (package / rel / "__init__.py").is_file()


def _part(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def layering_violations(package: Path) -> list[str]:
    problems = []
    for path in sorted(package.rglob("*.py")):
        here = module_name(path, package)
        if _part(here) not in CORE:
            continue
        for target, line, _ in imports(path, package):
            where = f"{path.relative_to(package.parent)}:{line}"
            if _part(target) in EDGES:
                problems.append(f"{where}: core module {here} imports {target} (an edge)")
            if _part(target) == "pipeline" and _part(here) != "pipeline":
                problems.append(f"{where}: {here} imports {target} (nothing in the core imports the pipeline back)")
    return problems


def import_cycles(package: Path) -> list[str]:
    graph: dict[str, dict[str, str]] = {}
    for path in sorted(package.rglob("*.py")):
        here = module_name(path, package)
        edges = graph.setdefault(here, {})
        for target, line, runtime in imports(path, package):
            if runtime and target != here:
                edges.setdefault(target, f"{path.relative_to(package.parent)}:{line}")
    cycles, done, stack = [], set(), []

    def visit(node: str) -> None:
        if node in stack:
            loop = stack[stack.index(node):] + [node]
            cycles.append(loop[0] + "".join(f" -> {b} ({graph[a][b]})" for a, b in zip(loop, loop[1:])))
            return
        if node in done:
            return
        stack.append(node)
        for nxt in graph.get(node, {}):
            visit(nxt)
        stack.pop()
        done.add(node)

    for node in graph:
        visit(node)
    return cycles


def test_layering_core_never_imports_an_edge_or_the_pipeline():
    problems = layering_violations(PACKAGE)
    assert not problems, "\n".join(problems)


def test_layering_no_import_cycles():
    cycles = import_cycles(PACKAGE)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_layering_reads_function_level_and_relative_imports(tmp_path):
    """The checker itself: a planted function-level import of storage in a story stage is caught, with its line."""
    pkg = tmp_path / "newsprism"
    (pkg / "story").mkdir(parents=True)
    (pkg / "storage").mkdir()
    for f in ("__init__.py", "story/__init__.py", "storage/__init__.py", "pipeline.py"):
        (pkg / f).write_text("", "utf-8")
    (pkg / "story" / "x.py").write_text("import os\n\n\ndef f():\n    from ..storage import Store\n", "utf-8")
    (pkg / "story" / "y.py").write_text("from ..pipeline import build_story\n", "utf-8")
    (pkg / "story" / "a.py").write_text("from . import b\n", "utf-8")
    (pkg / "story" / "b.py").write_text("from .a import thing\n", "utf-8")
    problems = layering_violations(pkg)
    assert any(p.startswith("newsprism/story/x.py:5:") and "storage" in p for p in problems), problems
    assert any(p.startswith("newsprism/story/y.py:1:") and "pipeline" in p for p in problems), problems
    assert any("newsprism.story.a" in c and "newsprism.story.b" in c for c in import_cycles(pkg))


if __name__ == "__main__":  # pragma: no cover - `python tests/test_layering.py [PACKAGE_DIR]` prints the findings
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else PACKAGE
    print("\n".join(layering_violations(root) + import_cycles(root)) or "clean")
