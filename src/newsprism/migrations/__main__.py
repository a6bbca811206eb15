"""``python -m newsprism.migrations``: write a new revision, or move a database up or down (development aid)."""

from __future__ import annotations

import argparse

from alembic import command

from newsprism.storage.migrate import HEAD, alembic_config, current, downgrade, upgrade


def main(argv: list[str] | None = None) -> None:
    from sqlalchemy import create_engine

    parser = argparse.ArgumentParser(prog="python -m newsprism.migrations")
    parser.add_argument("action", choices=["upgrade", "downgrade", "current", "revision"])
    parser.add_argument("revision", nargs="?", default=HEAD)
    parser.add_argument("--db", help="SQLAlchemy URL (default: $NEWSPRISM_DB or ~/.newsprism/newsprism.db)")
    parser.add_argument("-m", "--message", default="change")
    args = parser.parse_args(argv)
    if args.action == "revision":
        command.revision(alembic_config(), message=args.message)
        return
    from newsprism.settings import default_db_url

    engine = create_engine(args.db or default_db_url())
    if args.action == "upgrade":
        upgrade(engine, args.revision)
    elif args.action == "downgrade":
        downgrade(engine, args.revision)
    print(current(engine))


if __name__ == "__main__":
    main()
