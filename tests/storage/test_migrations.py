"""Alembic migrations shipped in the package: upgrade on open, down to base and up again, schema matches the ORM."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from newsprism.settings import Settings
from newsprism.storage import Store, migrate
from newsprism.storage.orm import Base
from processes import run_together

TABLES = {"articles", "minhash_signatures", "minhash_bands", "index_meta", "stories", "story_articles",
          "story_updates", "grouping_features"}
ARTICLE_COLUMNS = {"id", "source", "source_kind", "url", "title", "outlet", "author", "published", "published_source",
                   "modified", "text", "content_hash", "copy_of", "copy_kind", "copy_similarity", "ingested_at"}


def test_migrations_run_on_open_to_head(db_settings):
    with Store(db_settings) as store:
        assert migrate.current(store.engine) == migrate.head()
        insp = inspect(store.engine)
        assert TABLES <= set(insp.get_table_names())
        assert {c["name"] for c in insp.get_columns("articles")} == ARTICLE_COLUMNS


def test_migrations_down_to_base_and_up_again(db_url, example_drafts):
    db_settings = Settings(db_url=db_url)
    with Store(db_settings) as store:
        store.add_draft(example_drafts[0])
        migrate.downgrade(store.engine, "base")
        assert migrate.current(store.engine) is None
        assert not TABLES & set(inspect(store.engine).get_table_names())
        migrate.upgrade(store.engine)
        assert TABLES <= set(inspect(store.engine).get_table_names())
    with Store(db_settings) as store:  # opens on the re-created schema and works
        assert store.count() == 0
        assert store.add_draft(example_drafts[0])[0].id == 1


def test_migrated_schema_matches_the_orm(db_url):
    engine = create_engine(db_url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": migrate.include_name})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_migrations_need_no_alembic_ini_in_the_working_directory(tmp_path, monkeypatch, db_settings):
    monkeypatch.chdir(tmp_path)  # nothing here: the config is built in code from the packaged scripts
    with Store(db_settings.with_(db_url=f"sqlite:///{tmp_path / 'x.db'}")) as store:
        assert migrate.current(store.engine) == migrate.head()


def test_migrations_render_for_postgresql_too():
    """The same migrations produce PostgreSQL DDL (offline mode, no server): nothing SQLite-only in the schema."""
    import io

    from alembic import command

    buf = io.StringIO()
    cfg = migrate.alembic_config("postgresql://user@localhost/newsprism")
    cfg.output_buffer = buf
    command.upgrade(cfg, "head", sql=True)
    ddl = buf.getvalue()
    assert "CREATE TABLE articles" in ddl and "id SERIAL NOT NULL" in ddl
    assert "signature BYTEA NOT NULL" in ddl and "TIMESTAMP WITH TIME ZONE" in ddl
    assert "PRAGMA" not in ddl and "AUTOINCREMENT" not in ddl


def test_migrations_head_and_current_read_without_alembic_agree_with_alembic(db_settings):
    from alembic.script import ScriptDirectory

    assert migrate.head() == ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    with Store(db_settings) as store:
        with store.engine.connect() as conn:
            assert migrate.current(store.engine) == MigrationContext.configure(conn).get_current_revision()


def test_migrations_opening_a_database_at_head_does_not_import_alembic(db_settings):
    import subprocess
    import sys

    Store(db_settings).close()  # created and migrated here
    code = ("import sys; from newsprism.settings import Settings; from newsprism.storage import Store; "
            f"Store(Settings(db_url={db_settings.db_url!r})).close(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'datasketch', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout



def _open(url):
    with Store(Settings(db_url=url)):
        pass


def test_processes_opening_one_new_sqlite_file_at_once_all_open_it(tmp_path):
    """Several processes create, switch to WAL and migrate the same new file together (a first ingest and the API
    started at once): each opens it; none is told "database is locked" (the WAL switch skips the busy timeout)."""
    for n in range(8):
        url = f"sqlite:///{tmp_path / f'{n}.db'}"
        exits, failures = run_together(_open, [(url,)] * 4, timeout=60)
        assert exits == [0] * 4 and failures == []
        with Store(Settings(db_url=url)) as store:
            assert migrate.current(store.engine) == migrate.head()
