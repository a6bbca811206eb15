"""Initial schema: articles, MinHash signatures and LSH bands (the duplicate index), index parameters.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(512), nullable=True),
        sa.Column("author", sa.String(512), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_source", sa.String(32), nullable=True),
        sa.Column("modified", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("copy_of", sa.Integer(), sa.ForeignKey("articles.id", ondelete="SET NULL"), nullable=True),
        sa.Column("copy_kind", sa.String(16), nullable=True),
        sa.Column("copy_similarity", sa.Float(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("source", "content_hash", name="uq_articles_source_hash"),
    )
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_index("ix_articles_copy_of", "articles", ["copy_of"])
    op.create_table(
        "minhash_signatures",
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("num_perm", sa.Integer(), nullable=False),
        sa.Column("shingle_words", sa.Integer(), nullable=False),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "minhash_bands",
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("band", sa.Integer(), primary_key=True),
        sa.Column("bucket", sa.String(32), nullable=False),
    )
    op.create_index("ix_minhash_bands_bucket", "minhash_bands", ["band", "bucket"])
    op.create_table(
        "index_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(256), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("index_meta")
    op.drop_index("ix_minhash_bands_bucket", table_name="minhash_bands")
    op.drop_table("minhash_bands")
    op.drop_table("minhash_signatures")
    op.drop_index("ix_articles_copy_of", table_name="articles")
    op.drop_index("ix_articles_content_hash", table_name="articles")
    op.drop_table("articles")
