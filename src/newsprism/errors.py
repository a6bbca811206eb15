"""Errors raised by the core; the CLI and API translate them, the core never prints.

    NewsprismError
     ├── ConfigError        a setting is missing or invalid
     ├── IngestError        one source could not become an article (carries the source and the reason)
     │    └── FetchError    a URL or feed could not be fetched (timeout, refused address, HTTP status, size)
     ├── StageError         a pipeline stage failed (carries the stage and the article id)
     └── StorageError       the database refused or is unreachable
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""


class ConfigError(NewsprismError):
    pass


class IngestError(NewsprismError):
    """One source was skipped. ``str(err)`` is the one line shown to the user: which source, why."""

    def __init__(self, source: str, reason: str, *, skipped: bool = True) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.skipped = skipped  # False for a problem reported on a source that still yielded articles


class FetchError(IngestError):
    pass


class StageError(NewsprismError):
    def __init__(self, stage: str, message: str, article_id: int | None = None) -> None:
        where = f" (article {article_id})" if article_id is not None else ""
        super().__init__(f"stage {stage!r} failed{where}: {message}")
        self.stage = stage
        self.article_id = article_id


class StorageError(NewsprismError):
    pass
