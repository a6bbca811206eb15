"""Renderings of one report dict (``newsprism.report/3``): JSON, Markdown for the terminal, a standalone HTML page."""

from __future__ import annotations

import json
from typing import Any, Literal

from ..errors import ConfigError

Format = Literal["json", "md", "html"]


def render(report: dict[str, Any], fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from .html import render_html

        return render_html(report)
    raise ConfigError(f"unknown report format {fmt!r}: use json, md or html", code="render.format")
