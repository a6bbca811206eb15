"""Grouping features kept per article: what the story grouper reads of an article (its weighted terms, names and
years, `newsprism.stories.features`), stored when the article is first grouped, so that a new process rebuilding
its grouping state from the stored partition loads them instead of reading every text again.

``version`` is the feature extraction's version (``FEATURES_VERSION``): a row of another version is recomputed
and rewritten when next read. The row goes with its article (``ON DELETE CASCADE``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grouping_features",
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("features", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("grouping_features")
