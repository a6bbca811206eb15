"""Story grouping on Clust-McMs dev (a real September 2022 stream): B-cubed per document against a tuned baseline.

``mds_ac_dev_final.json`` holds 209 articles (English, Malay, Chinese) and a gold label per article: 51 stories
and label 166, a mixed "other" bucket that is not a story. It is scored twice: with the "other" articles left out
of the scoring (they are still in the stream), and with each of them as a story of its own. Publication dates come
from ``mds_clusters_gpt_event_dev.json`` where it lists the article. Both files carry trailing commas as
published; they are repaired before parsing. Split A = stories with an even label (and "other" articles with an
even id), B = the rest. Read from ``$NEWSPRISM_DATA/clustmcms-dev``, never bundled.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from . import data_root
from .grouping import B3Score, StreamDoc, evaluate_stream

OTHER = 166
VARIANTS = ("without-other", "other-singletons")


def default_data_dir() -> Path:
    return data_root() / "clustmcms-dev"


def read_json(path: Path) -> Any:
    """A corpus file as JSON (its files carry trailing commas, which ``json`` refuses)."""
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", path.read_text("utf-8")))


def load(data_dir: Path) -> list[StreamDoc]:
    data = read_json(data_dir / "mds_ac_dev_final.json")
    dates: dict[int, dt.date] = {}
    events = data_dir / "mds_clusters_gpt_event_dev.json"
    if events.exists():
        for cluster in read_json(events):
            for d in cluster.get("documents", []):
                try:
                    dates[int(d["ID"])] = dt.date.fromisoformat(str(d["publish_date"])[:10])
                except (KeyError, ValueError):
                    continue
    docs = []
    for art, label in zip(data["articles"], data["clusters"]):
        text = "\n".join(s["content"] for s in art.get("sentences", []))
        doc_id = int(art["ID"])
        gold = None if label == OTHER else int(label)
        split = "A" if (gold if gold is not None else doc_id) % 2 == 0 else "B"
        docs.append(StreamDoc(doc_id, art.get("title") or "", text, dates.get(doc_id), gold, split))
    return docs


def evaluate(data_dir: Path | None = None, models: Any = None, *, limit: int | None = None) -> list[B3Score]:
    """B³ of newsprism's grouping and of the baseline on Clust-McMs dev, both ways of scoring "other"."""
    docs = load(data_dir or default_data_dir())[:limit]
    embed = models.embedder.embed if models is not None else None
    embed_xl = models.multilingual_embedder.embed if models is not None else None  # English, Malay, Chinese
    return evaluate_stream(docs, VARIANTS, embed, embed_xl=embed_xl)
