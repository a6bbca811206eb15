"""Where bulk work runs: this process (`local`) or a Ray cluster (`ray`), behind one small interface.

An engine does two things on stored articles: ``extract`` (every article through the per-article stages) and
``analyse`` (each story's articles into its report). Both engines give identical results; only where the work
happens differs. The core never imports an engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..settings import Settings
    from .local import LocalEngine
    from .ray import RayEngine

ENGINES = ("local", "ray")


def open_engine(name: str, settings: "Settings", *, ray_address: str | None = None,
                workers: int | None = None) -> "LocalEngine | RayEngine":
    """The engine called ``name`` (``local`` or ``ray``); close it after use (both are context managers)."""
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(settings)
    if name == "ray":
        from .ray import RayEngine

        return RayEngine(settings, address=ray_address, workers=workers)
    raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
