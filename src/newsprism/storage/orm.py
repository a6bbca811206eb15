"""Typed ORM tables of the store (SQLAlchemy 2 declarative). Portable SQL only: SQLite today, PostgreSQL later.

The schema itself is owned by the Alembic migrations in ``newsprism/migrations``; these classes must match them
(``tests/storage/test_migrations.py`` checks that the migrated schema and the ORM agree).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint,
                        text)
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


GROUPING_EPOCH = "grouping_epoch"  # the index_meta row grouping locks and bumps (newsprism.storage.grouped)


class IndexMetaRow(Base):
    """Parameters the stored duplicate index was built with (threshold, num_perm, shingle size, bands, rows)."""

    __tablename__ = "index_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


class GroupingFeaturesRow(Base):
    """What the story grouper read of one article (JSON text, `newsprism.stories.features`), kept so a new
    process rebuilding its grouping state loads it instead of reading the text again (migration 0004)."""

    __tablename__ = "grouping_features"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)  # the feature extraction's version; another one is recomputed
    features: Mapped[str] = mapped_column(Text)


class StoryRow(Base):
    """One kept story: its articles (``story_articles``) and the latest report built from them.

    ``fingerprint`` and ``pipeline_version`` say what the stored report was built from: the report is current while
    both equal the fingerprint of the story's articles now and the running pipeline's version. ``revision`` counts
    rebuilds, so an open page can tell that its report changed.
    """

    __tablename__ = "stories"
    __table_args__ = (Index("ux_stories_founder", "founder", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str | None] = mapped_column(String(200), unique=True)  # the CLI's --story NAME
    title: Mapped[str | None] = mapped_column(Text)  # given by the user; else taken from the report
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))  # articles or report changed
    report: Mapped[str | None] = mapped_column(Text)  # the report as JSON text, served as it is stored
    report_schema: Mapped[str | None] = mapped_column(String(64))
    pipeline_version: Mapped[str | None] = mapped_column(String(64))
    fingerprint: Mapped[str | None] = mapped_column(String(64))  # of the article set the report was built from
    revision: Mapped[int] = mapped_column(Integer, default=0)
    built_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    report_title: Mapped[str | None] = mapped_column(Text)  # from the best-supported agreement or the titles
    independent_sources: Mapped[int | None] = mapped_column(Integer)
    divergences: Mapped[int | None] = mapped_column(Integer)
    # The founding article of a story grouping made (its first member in id order); None for a person's story.
    founder: Mapped[int | None] = mapped_column(Integer)


class StoryArticleRow(Base):
    """Membership: one article in one story. ``added_by`` says who put it there: ``user`` (a person's story, any
    number per article) or ``grouping`` (at most one per article: the partition into stories)."""

    __tablename__ = "story_articles"
    __table_args__ = (Index("ix_story_articles_article", "article_id"),
                      Index("ux_story_articles_grouped", "article_id", unique=True,
                            sqlite_where=text("added_by = 'grouping'"),
                            postgresql_where=text("added_by = 'grouping'")))

    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    added_by: Mapped[str] = mapped_column(String(32), default="user")
    score: Mapped[float | None] = mapped_column(Float)  # a grouping's confidence; None when a person chose it


class StoryUpdateRow(Base):
    """What happened to a story, in order: articles added, report rebuilt (``detail`` is JSON)."""

    __tablename__ = "story_updates"
    __table_args__ = (Index("ix_story_updates_story", "story_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(32))  # articles | report | moved | merged | changes (watch)
    detail: Mapped[str | None] = mapped_column(Text)
