"""Run the product's own path on texts held in memory: each text is ingested as a text file would be (front-matter,
normalisation, copy detection in a throw-away SQLite store), then the story is built and reported as by
``newsprism report``. Corpus evaluators and the audit harness use it so they measure what a user gets.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # pragma: no cover
    from ..nlp.models import Models
    from ..settings import Settings


def host_of(url: str | None) -> str | None:
    """The host of a page's URL: the outlet ingest records for a page without a publisher name."""
    return urlsplit(url).hostname if url else None


def front_matter(text: str, **fields: str | None) -> str:
    """``text`` behind a front-matter block of the given (non-empty) fields, one line each."""
    lines = [f"{k}: {' '.join(str(v).split())}" for k, v in fields.items() if v]
    return "---\n" + "\n".join(lines) + "\n---\n" + text if lines else text


def report_of(texts: Sequence[tuple[str, str]], settings: "Settings", models: "Models") -> dict[str, Any]:
    """The report of one story made of ``texts`` (``(source name, raw text with optional front-matter)``)."""
    from ..ingest.textfile import parse_text
    from ..service import analyse_articles
    from ..storage import Store

    with tempfile.TemporaryDirectory(prefix="newsprism-eval-") as tmp:
        with Store(settings.with_(db_url=f"sqlite:///{Path(tmp) / 'story.db'}")) as store:
            ids = [store.add_draft(parse_text(raw, source))[0].id for source, raw in texts]
            articles = store.get_many(ids)
    by_id = {a.id: a for a in articles}
    report, _ = analyse_articles([by_id[i] for i in ids], settings=settings, models=models)
    return report


def spans_in(node: Any) -> Iterator[dict[str, Any]]:
    """Every evidence span (``{"article", "start", "end", ...}``) anywhere inside one report item."""
    if isinstance(node, dict):
        if {"article", "start", "end"} <= node.keys() and isinstance(node.get("start"), int):
            yield node
        for v in node.values():
            yield from spans_in(v)
    elif isinstance(node, list):
        for v in node:
            yield from spans_in(v)


def groups(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The report's "same thing" groups, as ``(label, item)``: every position of every aspect (``newsprism.report/3``)
    and every agreement (an agreement is a position held by two or more origins; its aspect may be past the
    aspects cap, so both lists are read)."""
    out = [(f"aspect {i} position {j}", p) for i, a in enumerate(report.get("aspects") or [])
           for j, p in enumerate(a.get("positions") or [])]
    return out + [(f"agreement {i}", g) for i, g in enumerate(report.get("agreements") or [])]
