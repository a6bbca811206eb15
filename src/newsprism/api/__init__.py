"""The HTTP API (FastAPI) and, in the same process, the web app: ``newsprism serve``."""

from .app import Service, create_app, serve

__all__ = ["Service", "create_app", "serve"]
