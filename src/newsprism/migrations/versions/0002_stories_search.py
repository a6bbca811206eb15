"""Stories kept in the store (membership, latest report, update log) and full-text search over articles.

Search is the database's own: an FTS5 table kept by triggers on SQLite, a GIN index over ``to_tsvector`` on
PostgreSQL. Both tokenise into lower-cased words without stemming or accent folding (FTS5 ``unicode61
remove_diacritics 0``, PostgreSQL's ``simple`` configuration), so a query finds the same articles on both
(``newsprism.storage.search``). Only the first ``SEARCH_CHARS`` characters of a text are indexed: PostgreSQL
refuses a tsvector over 1 MB, and both databases must index the same text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SEARCH_CHARS = 200_000  # newsprism.storage.search.SEARCH_CHARS; a migration never imports live code


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=True, unique=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("report", sa.Text(), nullable=True),
        sa.Column("report_schema", sa.String(64), nullable=True),
        sa.Column("pipeline_version", sa.String(64), nullable=True),
        sa.Column("fingerprint", sa.String(64), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("report_title", sa.Text(), nullable=True),
        sa.Column("independent_sources", sa.Integer(), nullable=True),
        sa.Column("divergences", sa.Integer(), nullable=True),
    )
    op.create_table(
        "story_articles",
        sa.Column("story_id", sa.Integer(), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(32), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
    )
    op.create_index("ix_story_articles_article", "story_articles", ["article_id"])
    op.create_table(
        "story_updates",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("story_id", sa.Integer(), sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
    )
    op.create_index("ix_story_updates_story", "story_updates", ["story_id", "id"])
    _create_search()


def _create_search() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, "
                   "tokenize = 'unicode61 remove_diacritics 0')")
        body = f"substr(new.text, 1, {SEARCH_CHARS})"
        op.execute("CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
                   f"INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, coalesce(new.title, ''), {body}); "
                   "END")
        op.execute("CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
                   "DELETE FROM articles_fts WHERE rowid = old.id; END")
        op.execute("CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
                   "DELETE FROM articles_fts WHERE rowid = old.id; "
                   f"INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, coalesce(new.title, ''), {body}); "
                   "END")
        op.execute("INSERT INTO articles_fts(rowid, title, body) "
                   f"SELECT id, coalesce(title, ''), substr(text, 1, {SEARCH_CHARS}) FROM articles")
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_articles_search ON articles USING gin "
                   f"(to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || left(text, {SEARCH_CHARS})))")


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_search")
    op.drop_index("ix_story_updates_story", table_name="story_updates")
    op.drop_table("story_updates")
    op.drop_index("ix_story_articles_article", table_name="story_articles")
    op.drop_table("story_articles")
    op.drop_table("stories")
