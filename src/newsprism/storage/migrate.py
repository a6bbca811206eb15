"""Schema migrations run from code: an Alembic ``Config`` built here, pointing at the packaged migrations.

No ``alembic.ini`` is needed, so an installed ``newsprism`` migrates its own database on open. For development::

    python -m newsprism.migrations revision -m "add a column"   # writes a new file in migrations/versions
    python -m newsprism.migrations upgrade|downgrade REV|current --db URL
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

import newsprism.migrations

from ..errors import StorageError

if TYPE_CHECKING:  # pragma: no cover
    from alembic.config import Config

HEAD = "head"
VERSIONS = Path(newsprism.migrations.__file__).parent / "versions"

# Alembic is imported only to change a schema: opening a database already at the newest revision (every run
# but the first) reads the version with one query and the newest revision from the migration files, which
# saves importing Alembic (and Mako) on every call.


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate ignores the search index, which the ORM does not map (SQLite's FTS5 tables, PostgreSQL's
    expression index)."""
    if type_ == "table" and name is not None and name.startswith("articles_fts"):
        return False
    return not (type_ == "index" and name == "ix_articles_search")


def alembic_config(url: str | None = None) -> "Config":
    """An Alembic config for the migrations shipped in the package."""
    from alembic.config import Config

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
    from alembic import command
    from alembic.util import CommandError

    try:
        _run(engine, command.upgrade, revision)
    except CommandError as exc:  # e.g. a database at a revision this version does not know (made by a newer one)
        raise StorageError(f"cannot migrate the database to {revision}: {exc}", code="store.migration") from None


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` ("base" drops everything)."""
    from alembic import command

    _run(engine, command.downgrade, revision)


def current(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database (Alembic's ``alembic_version`` table)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        versions = [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))]
    return versions[0] if len(versions) == 1 else None if not versions else ",".join(sorted(versions))


def head() -> str:
    """The newest revision: the one no migration names as its ``down_revision`` (read from the files).

    With more than one such revision (branches), Alembic's own answer, which raises on several heads.
    """
    revisions, parents = set(), set()
    for path in VERSIONS.glob("*.py"):
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = {t.id for t in targets if isinstance(t, ast.Name)}
                value = ast.literal_eval(node.value) if node.value is not None else None
                if "revision" in names and isinstance(value, str):
                    revisions.add(value)
                elif "down_revision" in names and value:
                    parents.update([value] if isinstance(value, str) else value)
    heads = revisions - parents
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""
