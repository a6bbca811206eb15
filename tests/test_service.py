"""The ingest service: sources in, stored articles and one reason per skipped source out."""

from __future__ import annotations

import dataclasses
import io
import shutil
from pathlib import Path

import pytest

from newsprism.service import absolute_source, expand_sources, ingest_sources, story_articles
from newsprism.settings import Settings
from newsprism.storage import Store

KHERSON = Path(__file__).resolve().parents[1] / "examples" / "kherson"

PAGE = """<!doctype html><html><head><title>Dam breached near Nova Kakhovka | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2023-06-06T08:00:00+00:00"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/subscribe">Subscribe</a></nav>
<article><h1>Dam breached near Nova Kakhovka</h1>
<p>A major dam on the Dnipro river in southern Ukraine was breached early on Tuesday, officials said, forcing
thousands of residents downstream to leave their homes as water levels rose through the morning.</p>
<p>Regional authorities said about 16,000 people lived in the area at risk of flooding and that buses and trains
had been organised to take them to safer towns further from the river.</p>
<p>Engineers warned that the reservoir behind the dam supplied water to farms across the region and to the
cooling ponds of a nuclear power station upstream, which officials said was not in immediate danger.</p>
</article><footer>© The Daily Example. All rights reserved. Cookie settings. Privacy policy.</footer></body></html>
"""


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_url=f"sqlite:///{tmp_path / 's.db'}")


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "in"
    shutil.copytree(KHERSON, d)
    (d / "empty.txt").write_bytes(b"")
    (d / "noise.bin").write_bytes(bytes(range(256)) * 8)
    (d / "page.html").write_text(PAGE, "utf-8")
    return d


def test_service_ingests_a_folder_and_reports_each_bad_file_by_name(folder, settings, tmp_path):
    seen = []
    with Store(settings) as store:
        result = ingest_sources([str(folder), str(tmp_path / "missing.txt")], settings, store,
                                progress=lambda done, total, source: seen.append((done, total)))
    kinds = sorted((Path(a.source).name, a.source_kind) for a in result.articles)
    assert [k for k in kinds if k[0].startswith("00")] == [(p.name, "text") for p in sorted(KHERSON.glob("*.txt"))]
    assert ("page.html", "html") in kinds and len(kinds) == 5  # PROVENANCE.md is documentation, not news
    skipped = {Path(e.source).name: e.reason for e in result.skipped}
    assert set(skipped) == {"empty.txt", "noise.bin", "missing.txt"}
    assert "empty" in skipped["empty.txt"] and "binary" in skipped["noise.bin"]
    assert result.summary_line() == "5 ingested, 0 copies, 3 skipped"
    # 7 files in the folder (PROVENANCE.md is left out) and the missing one
    assert seen[-1] == (len(seen), len(seen)) and len(seen) == 8
    html = next(a for a in result.articles if a.source_kind == "html")
    assert html.outlet == "The Daily Example" and html.published.isoformat() == "2023-06-06"
    assert "Subscribe" not in html.text and "Cookie" not in html.text


def test_service_reingest_from_another_working_directory_is_idempotent(folder, settings, monkeypatch):
    with Store(settings) as store:
        monkeypatch.chdir(folder.parent)
        first = ingest_sources(["in/000_bc99e4526b0d7b06.txt"], settings, store)
        monkeypatch.chdir(folder)
        again = ingest_sources(["000_bc99e4526b0d7b06.txt"], settings, store)
        assert (first.created, again.created, again.already_stored) == (1, 0, 1)
        assert again.articles == first.articles and store.count() == 1
        assert Path(first.articles[0].source).is_absolute()


def test_service_reads_standard_input(settings):
    text = (KHERSON / "001_ef148b2b24f95f6d.txt").read_bytes()
    with Store(settings) as store:
        result = ingest_sources(["-"], settings, store, stdin=io.BytesIO(text))
    (article,) = result.articles
    assert (article.source, article.source_kind) == ("-", "stdin")
    assert article.published.isoformat() == "2022-11-12"


def test_service_expand_sources_keeps_urls_and_stdin_and_orders_files(folder):
    units = expand_sources(["-", "https://example.org/a", str(folder / "00*.txt")])
    assert units[:2] == ["-", "https://example.org/a"]
    assert [Path(u).name for u in units[2:]] == [p.name for p in sorted(KHERSON.glob("00*.txt"))]
    assert absolute_source("https://x.org/") == "https://x.org/"


def test_service_story_articles_keep_copy_links_inside_the_story(settings):
    base = (KHERSON / "000_bc99e4526b0d7b06.txt").read_text("utf-8")
    from newsprism.ingest.textfile import parse_text

    d = parse_text(base, "/a.txt")
    with Store(settings) as store:
        original, _ = store.add_draft(d)
        c1, _ = store.add_draft(dataclasses.replace(d, source="/b.txt"))
        c2, _ = store.add_draft(dataclasses.replace(d, source="/c.txt", published=None))
    assert c1.copy_of == c2.copy_of == original.id
    # A story of the two copies only: the dated one stands in as original, the other stays a copy of it.
    story = story_articles([c2, c1])
    assert [(a.id, a.copy_of) for a in story] == [(c2.id, c1.id), (c1.id, None)]
    # With the original present nothing changes.
    assert story_articles([original, c1]) == [original, c1]
