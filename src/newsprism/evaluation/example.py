"""Evaluation of the example story against the hand gold: runs every feature scorer that has a gold file."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from . import Score

# (gold file stem, scorer module in this package, scorer options): score(report, gold, **options) -> list[Score]
SCORERS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("entities", "gold_entities", {}),
    ("figures", "gold_figures", {}),
    ("quotes", "gold_quotes", {}),
    ("times", "gold_times", {}),
    ("consolidation", "gold_consolidation", {}),
    ("timeline", "gold_timeline", {}),
    ("summary", "gold_summary", {}),
    # the summary's coverage of the consolidation gold: does it state what a careful reader found?
    ("consolidation", "gold_summary", {"prefix": "summary_vs_consolidation"}),
)


def evaluate_report(report: dict[str, Any], gold_dir: Path) -> list[Score]:
    """Every scorer whose gold file exists in ``gold_dir`` (a story need not have gold for every feature)."""
    scores: list[Score] = []
    for gold_name, module_name, options in SCORERS:
        gold_file = gold_dir / f"{gold_name}.json"
        if not gold_file.exists():
            continue
        module = importlib.import_module(f"{__package__}.{module_name}")
        scores.extend(module.score(report, json.loads(gold_file.read_text("utf-8")), **options))
    return scores
