"""One error shape for every API response: ``{"error": {"code": str, "message": str}}``.

Core errors carry their catalogue code (`newsprism.errors`, docs/errors.md); the HTTP layer adds the few codes
that only exist over HTTP (``http.*``: no such route, bad request, too large; ``auth.*``; ``article.not-found``,
``story.*``, ``job.not-found``), listed in docs/api.md.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from ..errors import ConfigError, EmptyIngestError, FetchError, IngestError, NewsprismError, StageError, StorageError

# HTTP-only codes, by status, for errors raised by the framework itself
HTTP_CODES = {400: "http.bad-request", 401: "auth.unauthorized", 403: "auth.forbidden", 404: "http.not-found",
              405: "http.method-not-allowed", 406: "http.not-acceptable", 409: "http.conflict",
              413: "http.too-large", 415: "http.unsupported-media-type", 422: "http.invalid", 429: "http.too-many",
              500: "http.internal", 503: "http.unavailable"}

# A core error's HTTP status: the client's input (422) or the server's state (500/503)
_STATUS = [(FetchError, 422), (IngestError, 422), (EmptyIngestError, 422), (ConfigError, 500), (StageError, 500),
           (StorageError, 503)]


def core_code(exc: NewsprismError) -> str:
    """The catalogue code of a core error (``NewsprismError.code``, docs/errors.md)."""
    return exc.code


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
