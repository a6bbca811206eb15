"""Errors raised by the core; the CLI and API translate them, the core never prints.

Every error carries a stable ``code`` (``ingest.empty``, ``fetch.private-address``, ``store.migration``, ...):
the CLI prints it, the API returns it in its error body, and docs/errors.md lists them all (a test keeps the
catalogue and the raises in step). A class's ``code`` is the default; a raise names a finer one with ``code=``.

    NewsprismError
     ├── ConfigError        a setting is missing or invalid
     ├── IngestError        one source could not become an article (carries the source and the reason)
     │    └── FetchError    a URL or feed could not be fetched (timeout, refused address, HTTP status, size)
     ├── EmptyIngestError   no source gave an article: nothing to analyse
     ├── StageError         a pipeline stage failed (carries the stage and the article id)
     └── StorageError       the database refused or is unreachable
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""

    code = "newsprism.error"

    def __init__(self, message: str = "", *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class ConfigError(NewsprismError):
    code = "config.invalid"


class IngestError(NewsprismError):
    """One source was skipped. ``str(err)`` is the one line shown to the user: which source, why."""

    code = "ingest.unreadable"

    def __init__(self, source: str, reason: str, *, skipped: bool = True, code: str | None = None) -> None:
        super().__init__(f"{source}: {reason}", code=code)
        self.source = source
        self.reason = reason
        self.skipped = skipped  # False for a problem reported on a source that still yielded articles


class FetchError(IngestError):
    code = "fetch.failed"


class EmptyIngestError(NewsprismError):
    code = "ingest.empty"


class StageError(NewsprismError):
    code = "stage.failed"

    def __init__(self, stage: str, message: str, article_id: int | None = None, *, code: str | None = None) -> None:
        where = f" (article {article_id})" if article_id is not None else ""
        super().__init__(f"stage {stage!r} failed{where}: {message}", code=code)
        self.stage = stage
        self.article_id = article_id


class StorageError(NewsprismError):
    code = "store.failed"
