"""Story grouping on ECB+ dev (topics 1-20): B-cubed per document, newsprism against a tuned TF-IDF baseline.

Each ``<topic>/<topic>_<n>ecb.xml`` / ``…ecbplus.xml`` file is one document (CROMER XML tokens, Latin-1, read as
``ecbplus_events.read_document`` reads it for the reports); its gold story is the topic plus the suffix (each topic
holds two different events told with similar words). There are no titles or dates: the lead is the first sentences.
Split A = odd topics, B = even topics (see `evaluation.grouping`).
Read from ``$NEWSPRISM_DATA/ecbplus-dev`` (default ``../shared/data``), never bundled.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import data_root
from .ecbplus_events import read_document
from .grouping import B3Score, StreamDoc, evaluate_stream

_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")


def default_data_dir() -> Path:
    return data_root() / "ecbplus-dev"


def load(data_dir: Path) -> list[StreamDoc]:
    docs = []
    for path in sorted(data_dir.glob("*/*.xml")):
        m = _NAME.match(path.name)
        if not m:
            continue
        topic, suffix = int(m.group(1)), m.group(3)
        text = read_document(path).text
        docs.append(StreamDoc(path.stem, "", text, None, f"{topic}{suffix}", "A" if topic % 2 else "B"))
    return docs


def evaluate(data_dir: Path | None = None, models: Any = None, *, limit: int | None = None) -> list[B3Score]:
    """B³ of newsprism's grouping and of the baseline on ECB+ dev (``limit``: the first N documents by name)."""
    docs = load(data_dir or default_data_dir())[:limit]
    embed = models.embedder.embed if models is not None else None
    # all English: the multilingual embedder is never called (no story lacks the article's language)
    embed_xl = models.multilingual_embedder.embed if models is not None else None
    return evaluate_stream(docs, ["all"], embed, embed_xl=embed_xl)
