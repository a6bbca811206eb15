"""Story grouping on ECB+ dev (topics 1-20): B-cubed per document, newsprism against a tuned TF-IDF baseline.

Each ``<topic>/<topic>_<n>ecb.xml`` / ``…ecbplus.xml`` file is one document (CROMER XML tokens, Latin-1); its gold
story is the topic plus the suffix (each topic holds two different events told with similar words). There are no
titles or dates: the lead is the first sentences. Split A = odd topics, B = even topics (see `evaluation.grouping`).
Read from ``$NEWSPRISM_DATA/ecbplus-dev`` (default ``../shared/data``), never bundled.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from . import data_root
from .grouping import B3Score, StreamDoc, evaluate_stream

_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'’]|n't|'s)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
# a figure the tokeniser cut at its separator: "5 . 9" -> "5.9", "1 , 300" -> "1,300", "3 : 23" -> "3:23"
_CUT_FIGURE = re.compile(r"(?<=\d)([.:]|,(?= \d{3}(?!\d))) (?=\d)")


def default_data_dir() -> Path:
    return data_root() / "ecbplus-dev"


def read_document(path: Path) -> tuple[str, str]:
    """(first sentence, whole text) of one CROMER file, tokens joined back into sentences."""
    root = ET.fromstring(path.read_bytes())
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    lines = []
    for _, toks in sorted(sentences.items()):
        line = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", " ".join(toks))).strip()
        line = _CUT_FIGURE.sub(r"\1", line)
        if not lines and line.startswith("http"):  # ECB+ files open with their source URL, tokenised: not text
            continue
        lines.append(line)
    return (lines[0] if lines else ""), "\n".join(lines)


def load(data_dir: Path) -> list[StreamDoc]:
    docs = []
    for path in sorted(data_dir.glob("*/*.xml")):
        m = _NAME.match(path.name)
        if not m:
            continue
        topic, suffix = int(m.group(1)), m.group(3)
        _, text = read_document(path)
        docs.append(StreamDoc(path.stem, "", text, None, f"{topic}{suffix}", "A" if topic % 2 else "B"))
    return docs


def evaluate(data_dir: Path | None = None, models: Any = None, *, limit: int | None = None) -> list[B3Score]:
    """B³ of newsprism's grouping and of the baseline on ECB+ dev (``limit``: the first N documents by name)."""
    docs = load(data_dir or default_data_dir())[:limit]
    embed = models.embedder.embed if models is not None else None
    # all English: the multilingual embedder is never called (no story lacks the article's language)
    embed_xl = models.multilingual_embedder.embed if models is not None else None
    return evaluate_stream(docs, ["all"], embed, embed_xl=embed_xl)
