"""Quality measurement: precision/recall per feature against hand gold, and on real annotated corpora.

Each feature module exposes ``score(report, gold) -> list[Score]`` (gold for the example story lives in
``tests/gold/kherson/<feature>.json``, written from the texts). Corpus evaluators (``timebank``, ``polnear``)
read ``../shared/data`` where it exists and are never bundled.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class PRFigures:
    """F1 and the printed dict of anything with ``feature``, ``precision``, ``recall``, ``found`` and ``gold``
    (`Score` and the grouping scorer's ``B3Score``), so the CLI prints both alike."""

    __slots__ = ()

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int | str]:
        return {"feature": self.feature, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "found": self.found, "gold": self.gold}


@dataclass(frozen=True, slots=True)
class Score(PRFigures):
    """Precision/recall of one feature; ``found``/``gold``/``correct`` are counts so figures can be re-derived."""

    feature: str
    correct_p: int  # system items that match gold (numerator of precision)
    found: int  # system items
    correct_r: int  # gold items matched (numerator of recall)
    gold: int  # gold items

    @property
    def precision(self) -> float:
        return self.correct_p / self.found if self.found else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.correct_r / self.gold if self.gold else 1.0



@dataclass(frozen=True, slots=True)
class Figure:
    """One figure that is not a precision/recall pair (a balanced accuracy, a coverage), with the counts behind it."""

    feature: str
    value: float
    detail: dict[str, int | float | str]

    def as_dict(self) -> dict[str, object]:
        return {"feature": self.feature, "value": round(self.value, 4), **self.detail}


def prf(feature: str, matched_system: int, found: int, matched_gold: int, gold: int) -> Score:
    return Score(feature, matched_system, found, matched_gold, gold)


def data_root() -> Path:
    """Where the annotated corpora are read from: ``$NEWSPRISM_DATA``, else ``../shared/data`` beside the
    repository. They are read in place and never bundled."""
    env = os.environ.get("NEWSPRISM_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[4] / "shared" / "data"


def member_in(member: dict, spans) -> bool:  # noqa: ANN001
    """A gold member (``{"article", "text"}``) is stated by one of ``spans`` of the same article (folded text)."""
    key = normalise_key(member["text"])
    return any(s["article"] == member["article"] and key in normalise_key(s["text"]) for s in spans)


def locate(text: str, surface: str, occurrence: int = 1, *, whole_word: bool = True) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th (1-based) occurrence of a gold item's ``surface`` in an article's text."""
    import re

    body = re.escape(surface)
    pattern = re.compile(r"(?<!\w)" + body + r"(?!\w)" if whole_word else body)
    for n, m in enumerate(pattern.finditer(text), 1):
        if n == occurrence:
            return m.start(), m.end()
    return None


def normalise_key(text: str) -> str:
    """Loose comparison key for gold matching: case, quotes, dashes and spacing folded."""
    import re
    import unicodedata

    t = unicodedata.normalize("NFKC", text).casefold()
    t = re.sub(r"[\u2018\u2019\u201a\u201b`´]", "'", t)
    t = re.sub(r"[\u201c\u201d\u201e\u201f«»]", '"', t)
    t = re.sub(r"[^\w%.,'\" -]", " ", t)
    return re.sub(r"\s+", " ", t).strip(" .,\"'")
