"""The one configuration object. Built by the CLI or API and passed down; never a module-level instance."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_HOME = Path(os.environ.get("NEWSPRISM_HOME", Path.home() / ".newsprism"))


def default_db_url() -> str:
    """``$NEWSPRISM_DB`` if set, else a SQLite file in ``$NEWSPRISM_HOME`` (default ``~/.newsprism/newsprism.db``)."""
    return os.environ.get("NEWSPRISM_DB") or f"sqlite:///{DEFAULT_HOME / 'newsprism.db'}"


def default_cache_dir() -> Path:
    """Where built model files (the MiniLM .onnx) live: ``$NEWSPRISM_CACHE`` or ``$NEWSPRISM_HOME/cache``."""
    return Path(os.environ.get("NEWSPRISM_CACHE") or DEFAULT_HOME / "cache")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of newsprism, with its default. Each field's comment is its help text."""

    db_url: str = field(default_factory=default_db_url)  # any SQLAlchemy URL
    cache_dir: Path = field(default_factory=default_cache_dir)  # built model files
    max_text_bytes: int = 5_000_000  # larger sources are skipped as oversized
    max_download_bytes: int = 10_000_000  # size cap for one fetched URL
    connect_timeout: float = 5.0  # seconds
    read_timeout: float = 15.0  # seconds
    max_redirects: int = 3
    allow_private: bool = False  # fetch loopback/private/link-local addresses (tests, intranets)
    max_fetch_seconds: float = 60.0  # overall deadline for one download, against servers that drip bytes
    min_article_words: int = 40  # an extracted page with fewer words is a stub (teaser, paywall), not an article
    feed_teaser_words: int = 120  # a feed entry with fewer words is a teaser: its full text is fetched from its link
    near_duplicate_threshold: float = 0.8  # MinHash Jaccard estimate above which two articles are near copies
    minhash_perm: int = 128
    shingle_words: int = 5
    summary_sentences: int = 5
    # consolidation (story/independence, story/aspects, story/compare)
    origin_sentence_jaccard: float = 0.6  # word-trigram Jaccard at which two sentences are near-identical
    origin_shared_share: float = 0.35  # share of near-identical sentences that makes two articles one origin
    aspect_link: float = 0.6  # average combined similarity (MiniLM + anchors) for statements to be one aspect
    position_similarity: float = 0.72  # MiniLM cosine for two compatible statements to say the same thing
    position_similarity_anchored: float = 0.6  # ... when they share a figure, a date, or subject and predicate
    max_agreements: int = 50  # agreements listed, best supported first
    max_aspects: int = 40  # aspects listed (those two or more independent origins speak to)
    max_unique: int = 24  # facts only one origin reports, most salient first
    threads: int = 2
    max_body_bytes: int = 16 * 1024 * 1024  # the API refuses larger request bodies (413) before reading them
    page_size: int = 20  # articles per page in the API and the web app

    def __post_init__(self) -> None:
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError("near_duplicate_threshold must be in (0, 1]")
        if self.max_text_bytes <= 0 or self.max_download_bytes <= 0:
            raise ConfigError("size limits must be positive")
        if self.max_body_bytes <= 0:
            raise ConfigError("max_body_bytes must be positive")
        if self.summary_sentences < 1:
            raise ConfigError("summary_sentences must be at least 1")
        for name in ("origin_sentence_jaccard", "origin_shared_share", "aspect_link", "position_similarity",
                     "position_similarity_anchored"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ConfigError(f"{name} must be in (0, 1]")
        if min(self.max_agreements, self.max_aspects, self.max_unique) < 0:
            raise ConfigError("max_agreements, max_aspects and max_unique must not be negative")

    def with_(self, **changes: object) -> "Settings":
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ConfigError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
