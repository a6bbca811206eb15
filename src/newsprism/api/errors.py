"""One error shape for every API response: ``{"error": {"code": str, "message": str}}``.

Core errors carry their catalogue code (`newsprism.errors`, docs/errors.md); the HTTP layer adds the few codes
that only exist over HTTP (no such route, bad request body, too large, not allowed).
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from ..errors import ConfigError, FetchError, IngestError, NewsprismError, StageError, StorageError

# HTTP-only codes, by status, for errors raised by the framework itself
HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "payload_too_large",
              415: "unsupported_media_type", 422: "invalid_request", 429: "too_many_requests",
              500: "internal", 503: "unavailable"}

# A core error's HTTP status: the client's input (422) or the server's state (500/503)
_STATUS = [(FetchError, 422), (IngestError, 422), (ConfigError, 500), (StageError, 500), (StorageError, 503)]

_FALLBACK_CODES = {FetchError: "fetch", IngestError: "ingest", ConfigError: "config", StageError: "stage",
                   StorageError: "storage"}


def core_code(exc: NewsprismError) -> str:
    """The catalogue code of a core error (``NewsprismError.code``; by class where the core gives none)."""
    code = getattr(exc, "code", None)
    if isinstance(code, str) and code:
        return code
    for cls in type(exc).__mro__:
        if cls in _FALLBACK_CODES:
            return _FALLBACK_CODES[cls]
    return "error"


def core_status(exc: NewsprismError) -> int:
    return next((status for cls, status in _STATUS if isinstance(exc, cls)), 500)


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


class ApiError(Exception):
    """Raised by a route to answer with the error shape."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers
