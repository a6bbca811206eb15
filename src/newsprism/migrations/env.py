"""Alembic environment: runs on the connection handed over by ``newsprism.storage.migrate`` (or the URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsprism.storage.migrate import include_name
from newsprism.storage.orm import Base

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.connect() as conn:
            _run(conn)
        engine.dispose()
    else:
        _run(connection)


def _run(connection) -> None:  # noqa: ANN001 - an SQLAlchemy Connection
    # render_as_batch: SQLite can only ALTER through table copies; batch mode makes later revisions portable.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
