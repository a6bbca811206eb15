"""Typed ORM tables of the store (SQLAlchemy 2 declarative). Portable SQL only: SQLite today, PostgreSQL later.

The schema itself is owned by the Alembic migrations in ``newsprism/migrations``; these classes must match them
(``tests/storage/test_migrations.py`` checks that the migrated schema and the ORM agree).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    """One stored article. ``text`` is normalised once at ingest and never changed: every span points into it."""

    __tablename__ = "articles"
    __table_args__ = (
        # The same content read again from the same source is the same article (idempotent ingest).
        UniqueConstraint("source", "content_hash", name="uq_articles_source_hash"),
        Index("ix_articles_content_hash", "content_hash"),
        Index("ix_articles_copy_of", "copy_of"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)  # a path or URL: no length limit on any database
    source_kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(512))
    author: Mapped[str | None] = mapped_column(String(512))
    published: Mapped[dt.date | None] = mapped_column(Date)
    published_source: Mapped[str | None] = mapped_column(String(32))
    modified: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    copy_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    copy_kind: Mapped[str | None] = mapped_column(String(16))
    copy_similarity: Mapped[float | None] = mapped_column(Float)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SignatureRow(Base):
    """The MinHash signature of one article (``num_perm`` little-endian uint64), so the index can be rebuilt."""

    __tablename__ = "minhash_signatures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    num_perm: Mapped[int] = mapped_column(Integer)
    shingle_words: Mapped[int] = mapped_column(Integer)
    shingles: Mapped[int] = mapped_column(Integer)  # how many distinct shingles the text has
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class BandRow(Base):
    """One LSH bucket key of one article: two articles sharing any (band, bucket) are near-duplicate candidates."""

    __tablename__ = "minhash_bands"
    __table_args__ = (Index("ix_minhash_bands_bucket", "band", "bucket"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[str] = mapped_column(String(32))


class IndexMetaRow(Base):
    """Parameters the stored duplicate index was built with (threshold, num_perm, shingle size, bands, rows)."""

    __tablename__ = "index_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))
