"""Shared fixtures: the bundled example story as Article records, and the models loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.ingest.textfile import parse_text
from newsprism.model import Article
from newsprism.nlp.models import Models
from newsprism.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
KHERSON = ROOT / "examples" / "kherson"
SHARED_DATA = ROOT.parent / "shared" / "data"


def load_example_articles(folder: Path = KHERSON) -> list[Article]:
    """The example files as articles with ids 1.. in file-name order (no database involved)."""
    out = []
    for n, path in enumerate(sorted(folder.glob("*.txt")), 1):
        d = parse_text(path.read_text("utf-8"), str(path))
        out.append(Article(id=n, text=d.text, source=d.source, title=d.title, outlet=d.outlet, url=d.url,
                           published=d.published, published_source=d.published_source))
    return out


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    home = tmp_path_factory.mktemp("home")
    return Settings(db_url=f"sqlite:///{home / 'test.db'}", cache_dir=Path.home() / ".newsprism" / "cache")


@pytest.fixture(scope="session")
def models(settings) -> Models:
    return Models(settings)


@pytest.fixture(scope="session")
def kherson_articles() -> list[Article]:
    return load_example_articles()


@pytest.fixture(scope="session")
def kherson_story(kherson_articles, models):
    from newsprism.pipeline import build_story

    return build_story(kherson_articles, models)


@pytest.fixture(scope="module")
def handmade(request):
    """The hand-built report of tests/render/handmade.py, validated against the schema (renderer tests)."""
    import sys

    from newsprism.report import validate

    sys.path.insert(0, str(ROOT / "tests" / "render"))
    from handmade import handmade_report

    report = handmade_report()
    validate(report)
    return report


# -- databases: every storage and API test that takes `db_url` runs on SQLite and on PostgreSQL -------------------


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server URL: $NEWSPRISM_TEST_PG, else a throwaway cluster; None where no server exists."""
    import os

    import postgres

    given = os.environ.get("NEWSPRISM_TEST_PG")
    if given:
        yield given.rstrip("/")
        return
    if postgres.server_bin() is None:
        if os.environ.get("NEWSPRISM_REQUIRE_PG"):  # .ci/run: PostgreSQL is installed there, so it must run
            pytest.fail("NEWSPRISM_REQUIRE_PG is set but no PostgreSQL server binaries are installed")
        yield None
        return
    with postgres.cluster() as url:
        yield url


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A database at the newest schema on the PostgreSQL server, copied for each test."""
    import postgres

    return postgres.migrated_template(pg_server) if pg_server else None


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh database: a new SQLite file, or a new database on the PostgreSQL server already at the newest schema
    (a copy of a migrated template: migrating each one would cost a second per test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db.sqlite'}"
        return
    server = request.getfixturevalue("pg_server")
    if server is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql) and no NEWSPRISM_TEST_PG")
    import postgres

    with postgres.database(server, template=request.getfixturevalue("pg_template")) as url:
        yield url
