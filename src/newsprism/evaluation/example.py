"""Evaluation of the example story against the hand gold: runs every feature scorer that has a gold file."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from . import Score

# feature gold file -> scorer module (in this package) exposing score(report, gold) -> list[Score]
SCORERS: dict[str, str] = {
    "entities": "gold_entities",
    "figures": "gold_figures",
    "quotes": "gold_quotes",
    "times": "gold_times",
    "consolidation": "gold_consolidation",
    "timeline": "gold_timeline",
    "summary": "gold_summary",
}


def evaluate_report(report: dict[str, Any], gold_dir: Path) -> list[Score]:
    scores: list[Score] = []
    for feature, module_name in SCORERS.items():
        gold_file = gold_dir / f"{feature}.json"
        if not gold_file.exists():
            continue
        try:
            module = importlib.import_module(f"{__package__}.{module_name}")
        except ModuleNotFoundError:
            continue
        scores.extend(module.score(report, json.loads(gold_file.read_text("utf-8"))))
    return scores
