"""Markdown rendering (minimal until the report issue lands)."""
from __future__ import annotations
from typing import Any


def render_markdown(report: dict[str, Any]) -> str:
    lines = [f"# {report['story'].get('title') or 'Story'}", "", "## Sources", ""]
    for a in report["articles"]:
        copy = f" — copy of [{a['copy_of']}]" if a["copy_of"] else ""
        lines.append(f"- [{a['id']}] {a['title'] or a['source']} ({a['published'] or 'undated'}){copy}")
    return "\n".join(lines) + "\n"
