"""Schema migrations run from code: an Alembic ``Config`` built here, pointing at the packaged migrations.

No ``alembic.ini`` is needed, so an installed ``newsprism`` migrates its own database on open. For development::

    python -m newsprism.migrations revision -m "add a column"   # writes a new file in migrations/versions
    python -m newsprism.migrations upgrade|downgrade REV|current --db URL
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

import newsprism.migrations

HEAD = "head"


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate ignores the search index, which the ORM does not map (SQLite's FTS5 tables, PostgreSQL's
    expression index)."""
    if type_ == "table" and name is not None and name.startswith("articles_fts"):
        return False
    return not (type_ == "index" and name == "ix_articles_search")


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config for the migrations shipped in the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(newsprism.migrations.__file__).parent))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # ConfigParser interpolation
    return cfg


def _run(engine: Engine, action, revision: str) -> None:  # noqa: ANN001 - an alembic.command function
    # One write transaction (BEGIN IMMEDIATE on SQLite): two processes opening a new database at once take turns,
    # and the second finds the schema already at the revision.
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            action(cfg, revision)


def upgrade(engine: Engine, revision: str = HEAD) -> None:
    """Bring the schema of ``engine``'s database to ``revision`` (default: the newest), in one transaction."""
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` ("base" drops everything)."""
    _run(engine, command.downgrade, revision)


def current(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""
