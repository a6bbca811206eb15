"""One error shape for every API response: ``{"error": {"code": str, "message": str}}``.

Core errors carry their catalogue code (`newsprism.errors`, docs/errors.md); the HTTP layer adds the few codes
that only exist over HTTP (``http.*``: no such route, bad request, too large; ``auth.*``; ``article.not-found``,
``story.*``, ``job.not-found``), listed in docs/api.md.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from ..errors import ConfigError, EmptyIngestError, FetchError, IngestError, NewsprismError, StageError, StorageError

def _status(status: int, *, code: str) -> tuple[int, str]:
    return status, code


# HTTP-only codes, by status, for errors the framework itself answers (docs/errors.md, "HTTP API")
HTTP_CODES = dict([
    _status(400, code="http.bad-request"), _status(401, code="auth.unauthorized"), _status(403, code="auth.forbidden"),
    _status(404, code="http.not-found"), _status(405, code="http.method-not-allowed"),
    _status(413, code="http.too-large"), _status(422, code="http.invalid"), _status(500, code="http.internal"),
])

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


def error_response(status: int, *, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


class ApiError(Exception):
    """Raised by a route to answer with the error shape."""

    def __init__(self, status: int, *, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers
