"""Schema migrations run from code: an Alembic ``Config`` built here, pointing at the packaged migrations.

No ``alembic.ini`` is needed, so an installed ``newsprism`` migrates its own database on open. For development::

    python -m newsprism.storage.migrate revision -m "add a column"   # writes a new file in migrations/versions
    python -m newsprism.storage.migrate upgrade|downgrade REV|current --db URL
"""

from __future__ import annotations

import argparse
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

import newsprism.migrations

HEAD = "head"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config for the migrations shipped in the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(newsprism.migrations.__file__).parent))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # ConfigParser interpolation
    return cfg


def upgrade(engine: Engine, revision: str = HEAD) -> None:
    """Bring the schema of ``engine``'s database to ``revision`` (default: the newest), in one transaction."""
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` ("base" drops everything)."""
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def current(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def main(argv: list[str] | None = None) -> None:
    from sqlalchemy import create_engine

    parser = argparse.ArgumentParser(prog="python -m newsprism.storage.migrate")
    parser.add_argument("action", choices=["upgrade", "downgrade", "current", "revision"])
    parser.add_argument("revision", nargs="?", default=HEAD)
    parser.add_argument("--db", help="SQLAlchemy URL (default: $NEWSPRISM_DB or ~/.newsprism/newsprism.db)")
    parser.add_argument("-m", "--message", default="change")
    args = parser.parse_args(argv)
    if args.action == "revision":
        command.revision(alembic_config(), message=args.message)
        return
    from ..settings import default_db_url

    engine = create_engine(args.db or default_db_url())
    if args.action == "upgrade":
        upgrade(engine, args.revision)
    elif args.action == "downgrade":
        downgrade(engine, args.revision)
    print(current(engine))


if __name__ == "__main__":
    main()
