"""newsprism: split one news story into its sources, every line traced to the source sentences it came from.

For Python users::

    import newsprism

    report = newsprism.analyse(["examples/kherson"], db="sqlite:///story.db")
    print(report["summary"][0]["text"])
    html = newsprism.render(report, "html")
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

from .errors import (
    ConfigError, EmptyIngestError, FetchError, IngestError, NewsprismError, StageError, StorageError,
)
from .settings import Settings

# Imported now, and so before `render` below is defined: importing the subpackage later (newsprism.render.html)
# would otherwise rebind the name `newsprism.render` to the subpackage. It is light (json); the renderers load
# their own dependencies when first called.
from . import render as _renderers  # noqa: E402,I001

if TYPE_CHECKING:  # pragma: no cover
    from .model import (  # noqa: F401 - public names, loaded lazily by __getattr__
        Agreement, Article, ArticleFacts, Aspect, AspectPosition, Claim, Divergence, Entity, Figure, InferredDate,
        Mention, Origin, Position, Quote, Sentence, SourceLink, Span, Story, SummarySentence, TimeExpr, TimelineEntry,
    )
    from .storage import Store

__version__ = "0.1.0"

__all__ = [
    "Agreement", "Article", "ArticleFacts", "Aspect", "AspectPosition", "Claim", "ConfigError", "Divergence",
    "EmptyIngestError", "Entity", "FetchError", "Figure", "InferredDate", "IngestError", "Mention", "NewsprismError",
    "Origin", "Position", "Quote", "Sentence", "Settings", "SourceLink", "Span", "StageError", "StorageError", "Store",
    "Story", "SummarySentence", "TimeExpr", "TimelineEntry", "__version__", "analyse", "render",
]


def analyse(sources: str | PathLike[str] | Sequence[str | PathLike[str]], *, settings: Settings | None = None,
            db: str | None = None) -> dict[str, Any]:
    """The report of the story the sources tell (``newsprism.report/1``, a JSON-ready dict).

    Args:
        sources: a path, directory, glob or http(s) URL, or a list of them.
        settings: when None, the defaults, the settings file ($NEWSPRISM_CONFIG) and NEWSPRISM_* variables
            (see ``newsprism settings``).
        db: a SQLAlchemy URL where the articles are stored; overrides ``settings.db_url``.

    Raises:
        NewsprismError: one of its subclasses, with a stable ``code`` (see docs/errors.md).
    """
    from .service import analyse_sources
    from .storage import Store

    settings = (settings or Settings.load()).with_(db_url=db)
    listed = [sources] if isinstance(sources, (str, PathLike)) else list(sources)
    with Store(settings) as store:
        return analyse_sources([str(s) for s in listed], settings=settings, store=store).report


def render(report: dict[str, Any], format: str = "md") -> str:  # noqa: A002 - the word users know
    """The report as text: ``"json"``, ``"md"`` (Markdown) or ``"html"`` (a standalone page)."""
    return _renderers.render(report, format)  # type: ignore[arg-type]




def __getattr__(name: str) -> Any:
    # Imported on first use so that `import newsprism` (and so `newsprism --help`) stays light: the records
    # (newsprism.model) and the store, which pulls in SQLAlchemy.
    if name == "Store":
        from .storage import Store

        return Store
    if name in __all__:  # the records
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
