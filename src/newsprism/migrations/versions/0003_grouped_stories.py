"""Grouped stories: the story a grouping founded is keyed by its founding article, and an article is in at most
one grouped story (a partial unique index over the memberships grouping wrote).

``index_meta`` gains the row ``grouping_epoch``: grouping locks it while it writes (PostgreSQL ``FOR UPDATE``;
SQLite's write lock is already held), so two processes never place the same article twice, and bumps it, so a
process holding grouping state in memory knows another one wrote meanwhile.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("founder", sa.Integer(), nullable=True))
        batch.create_index("ux_stories_founder", ["founder"], unique=True)
    op.create_index("ux_story_articles_grouped", "story_articles", ["article_id"], unique=True,
                    sqlite_where=sa.text("added_by = 'grouping'"), postgresql_where=sa.text("added_by = 'grouping'"))
    op.execute("INSERT INTO index_meta (key, value) VALUES ('grouping_epoch', '0')")


def downgrade() -> None:
    op.execute("DELETE FROM index_meta WHERE key = 'grouping_epoch'")
    op.drop_index("ux_story_articles_grouped", table_name="story_articles")
    with op.batch_alter_table("stories") as batch:
        batch.drop_index("ux_stories_founder")
        batch.drop_column("founder")
