"""Shared helpers for the consolidation tests: stories run through the story stages up to ``consolidate``.

Why not the ``kherson_story`` fixture: consolidation needs only the stages before it (entities, publication
dates), and a later stage's cost or failure should not hide whether consolidation works.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from newsprism.ingest.textfile import parse_text
from newsprism.model import Article, Story
from newsprism.pipeline import build_story

SYNTHETIC = Path(__file__).resolve().parent / "data" / "synthetic" / "port_fire"


def consolidated(articles, models) -> Story:
    return build_story(articles, models, until="consolidate")


def written_report(texts: dict[int, str], models, published: dt.date = dt.date(2025, 3, 4)) -> dict:
    """The report of a story of written texts (article id -> text, one outlet each, one publication day), its
    evidence checked."""
    from newsprism.report import build_report, check_evidence

    report = build_report(consolidated([
        Article(id=n, text=t, source=f"s{n}", outlet=f"Outlet {n}", published=published)
        for n, t in texts.items()], models))
    assert check_evidence(report) == []
    return report


def synthetic_articles() -> list[Article]:
    """The port-fire story, ids 1..6; article 5 is marked an exact copy of 1, as ingest marks it."""
    out = []
    for n, path in enumerate(sorted(SYNTHETIC.glob("*.txt")), 1):
        d = parse_text(path.read_text("utf-8"), str(path))
        out.append(Article(id=n, text=d.text, source=d.source, title=d.title, published=d.published,
                           published_source=d.published_source))
    out[4] = replace(out[4], copy_of=1, copy_kind="exact", copy_similarity=1.0)
    return out
