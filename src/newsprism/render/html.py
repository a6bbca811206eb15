"""HTML rendering (minimal until the report issue lands)."""
from __future__ import annotations
import html
from typing import Any

from .markdown import render_markdown


def render_html(report: dict[str, Any]) -> str:
    return "<!doctype html><meta charset=utf-8><pre>" + html.escape(render_markdown(report)) + "</pre>"
