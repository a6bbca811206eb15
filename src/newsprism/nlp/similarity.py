"""Sentence similarity for the timeline and the summary: MiniLM cosine, with a token-overlap fallback.

Both stages only need "are these two sentences about the same thing", on a handful of sentences, so the
embedder is called once per stage on all texts together. When the embedder cannot be built (no weights, no
onnxruntime) the content-word cosine keeps the stages working; it is stricter (it needs shared words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def content_words(text: str) -> set[str]:
    """Lower-cased words minus stop words, with a crude plural/possessive fold ("forces" ~ "force")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = set()
    for w in _WORD.findall(text.casefold()):
        w = re.sub(r"['’]s$", "", w)
        if w in STOP_WORDS or len(w) < 2:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return out


def token_similarity(texts: Sequence[str]) -> np.ndarray:
    """Set cosine of content words: |A & B| / sqrt(|A| |B|)."""
    sets = [content_words(t) for t in texts]
    n = len(sets)
    sim = np.eye(n, dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = sets[i], sets[j]
            v = len(a & b) / np.sqrt(len(a) * len(b)) if a and b else 0.0
            sim[i, j] = sim[j, i] = v
    return sim


def similarity_matrix(texts: Sequence[str], models: Any) -> tuple[np.ndarray, str]:
    """Pairwise similarity of ``texts`` and the method used ("minilm" or "tokens")."""
    if not texts:
        return np.zeros((0, 0), np.float32), "tokens"
    embedder = None
    try:
        embedder = models.embedder if models is not None else None
    except Exception:  # noqa: BLE001 - a missing model degrades to token overlap, it does not stop the report
        embedder = None
    if embedder is not None:
        vecs = np.asarray(embedder.embed(list(texts)), dtype=np.float32)
        return np.clip(vecs @ vecs.T, -1.0, 1.0), "minilm"
    return token_similarity(texts), "tokens"
