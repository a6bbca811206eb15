"""Store fixtures: a fresh SQLite file per test, and drafts read from the real example files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.model import ArticleDraft
from newsprism.ingest.textfile import parse_text
from newsprism.settings import Settings
from newsprism.storage import Store

KHERSON = Path(__file__).resolve().parents[2] / "examples" / "kherson"


@pytest.fixture
def db_settings(tmp_path: Path) -> Settings:
    return Settings(db_url=f"sqlite:///{tmp_path / 'store.db'}")


@pytest.fixture
def store(db_settings: Settings):
    with Store(db_settings) as s:
        yield s


@pytest.fixture(scope="session")
def example_drafts() -> list[ArticleDraft]:
    return [parse_text(p.read_text("utf-8"), str(p)) for p in sorted(KHERSON.glob("*.txt"))]
