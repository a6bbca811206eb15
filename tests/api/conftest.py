"""The API's fixture: a real uvicorn on 127.0.0.1 over a fresh database (SQLite, then PostgreSQL)."""

from __future__ import annotations

import pytest

from newsprism.settings import Settings

from .live import live_server


@pytest.fixture
def live(db_url, models):
    """The app on a fresh database (SQLite, then PostgreSQL), writes open to loopback."""
    with live_server(Settings(db_url=db_url, allow_private=False), models=models) as server:
        yield server


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_live(request, tmp_path_factory, models):
    """One server per module and database, for tests that only read or only fail (the error table)."""
    if request.param == "sqlite":
        with live_server(Settings(db_url=f"sqlite:///{tmp_path_factory.mktemp('shared') / 'db.sqlite'}"),
                         models=models) as server:
            yield server
        return
    server_url = request.getfixturevalue("pg_server")
    if server_url is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql) and no NEWSPRISM_TEST_PG")
    import postgres

    with postgres.database(server_url, template=request.getfixturevalue("pg_template")) as url, \
            live_server(Settings(db_url=url), models=models) as server:
        yield server
