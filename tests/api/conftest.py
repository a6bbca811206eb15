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
