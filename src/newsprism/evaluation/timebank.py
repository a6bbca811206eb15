"""TempEval-3 style evaluation of time expressions on TimeBank and AQUAINT (TBAQ-cleaned TimeML files).

Each ``.tml`` file gives the document creation time (DCT) and inline ``TIMEX3`` tags. Tags are stripped to get
the text and the gold spans and values; the text becomes an ``Article`` published on the DCT and runs through
the same ``find_times`` the pipeline uses (one spaCy parse per document). Scores, as in TempEval-3:

- span, strict: system and gold extents identical;
- span, relaxed: extents overlap (one-to-one);
- value: relaxed match and the same normalised TIMEX3 value.

Our values are TIMEX3 values already; modifiers ("early" -> start) live in ``mod``, not in the value, as in
TimeML. Data is read from ``$NEWSPRISM_DATA/timebank-aquaint`` (default ``../shared/data``), never bundled.

Usage::

    python -m newsprism.evaluation.timebank [DATA_DIR] [--limit N]
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..timex import normalise_value, without_part_of_day
from . import Score, data_root, prf

if TYPE_CHECKING:  # pragma: no cover
    from ..nlp.models import Models

PARTS = ("TimeBank", "AQUAINT")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    value: str
    type: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    name: str
    dct: dt.date
    text: str
    timexes: tuple[GoldTimex, ...]


def default_data_dir() -> Path:
    return data_root() / "timebank-aquaint"


def read_tml(path: Path) -> TimeMLDoc:
    """Text of the ``<TEXT>`` element with all tags removed, and the TIMEX3 spans inside it."""
    raw = path.read_text("utf-8")
    dct_m = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d\d-\d\d)", raw)
    if not dct_m:
        raise ValueError(f"{path}: no document creation time")
    body_m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if not body_m:
        raise ValueError(f"{path}: no TEXT element")
    body = body_m.group(1)
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            timexes.append(GoldTimex(start, length, attrs.get("value", ""), attrs.get("type", "")))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    # the pipeline strips nothing, but a leading newline would shift nothing either: keep offsets as they are
    return TimeMLDoc(path.stem, dt.date.fromisoformat(dct_m.group(1)), text, tuple(timexes))


_PART_OF_DAY_WORD = re.compile(r"morning|afternoon|evening|night|tonight|overnight", re.I)


def same_value(system_value: str, gold: GoldTimex, text: str) -> bool:
    """Values equal once notation is folded. Where the gold extent leaves out the part of day that ours covers
    ("Friday" tagged inside our "Friday night"), the gold value speaks of the day only, so only the day is
    compared."""
    ours, theirs = normalise_value(system_value), normalise_value(gold.value)
    if ours == theirs:
        return True
    day = without_part_of_day(ours)
    if day is not None and text and not _PART_OF_DAY_WORD.search(text[gold.start:gold.end]):
        return day == theirs
    return False


def system_times(doc: TimeMLDoc, models: "Models") -> list[tuple[int, int, str]]:
    """Our time expressions in one document, as (start, end, value)."""
    from ..model import Article
    from ..extract.sentences import parse_article as parse
    from ..extract.times import find_times

    article = Article(id=1, text=doc.text, source=doc.name, published=doc.dct, published_source="dct")
    facts, spacy_doc = parse(article, models)
    facts = find_times(facts, spacy_doc, models)
    return [(t.span.start, t.span.end, t.value) for t in facts.times]


@dataclass
class _Counts:
    found: int = 0
    gold: int = 0
    strict: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    value: int = 0

    def add(self, system: list[tuple[int, int, str]], gold: Iterable[GoldTimex], text: str = "") -> None:
        gold = list(gold)
        self.found += len(system)
        self.gold += len(gold)
        exact = {(g.start, g.end) for g in gold}
        self.strict += sum(1 for s, e, _ in system if (s, e) in exact)
        used: set[int] = set()
        for s, e, v in sorted(system, key=lambda x: x[0]):
            # prefer the exact extent, else the first overlapping unmatched gold
            cands = [j for j, g in enumerate(gold) if j not in used and g.start < e and s < g.end]
            if not cands:
                continue
            j = next((k for k in cands if (gold[k].start, gold[k].end) == (s, e)), cands[0])
            used.add(j)
            self.relaxed_sys += 1
            if same_value(v, gold[j], text):
                self.value += 1
        self.relaxed_gold = self.relaxed_sys

    def scores(self, prefix: str) -> list[Score]:
        return [prf(f"{prefix}.span_strict", self.strict, self.found, self.strict, self.gold),
                prf(f"{prefix}.span_relaxed", self.relaxed_sys, self.found, self.relaxed_gold, self.gold),
                prf(f"{prefix}.value", self.value, self.found, self.value, self.gold)]


def documents(data_dir: Path, parts: Iterable[str] = PARTS, limit: int | None = None) -> list[tuple[str, Path]]:
    """(part, path) of the .tml files, sorted; ``limit`` takes the first N of each part."""
    out = []
    for part in parts:
        files = sorted((data_dir / part).glob("*.tml"))
        out.extend((part, f) for f in (files[:limit] if limit else files))
    return out


def evaluate(data_dir: Path, models: "Models", *, parts: Iterable[str] = PARTS, limit: int | None = None,
             errors: list[str] | None = None) -> list[Score]:
    """Span (strict, relaxed) and value P/R/F1 per part and overall. ``errors`` collects value mismatches."""
    per_part: dict[str, _Counts] = {}
    total = _Counts()
    for part, path in documents(Path(data_dir), parts, limit):
        doc = read_tml(path)
        system = system_times(doc, models)
        per_part.setdefault(part, _Counts()).add(system, doc.timexes, doc.text)
        total.add(system, doc.timexes, doc.text)
        if errors is not None:
            _collect_errors(doc, system, errors)
    scores: list[Score] = []
    for part, counts in per_part.items():
        scores.extend(counts.scores(f"timebank.{part}"))
    scores.extend(total.scores("timebank.all"))
    return scores


def _collect_errors(doc: TimeMLDoc, system: list[tuple[int, int, str]], errors: list[str]) -> None:
    gold_by = {(g.start, g.end): g for g in doc.timexes}
    matched = set()
    for s, e, v in system:
        g = next((g for g in doc.timexes if g.start < e and s < g.end), None)
        if g is None:
            errors.append(f"FP\t{doc.name}\t{doc.text[s:e]!r}\t{v}")
        else:
            matched.add((g.start, g.end))
            if not same_value(v, g, doc.text):
                errors.append(f"VAL\t{doc.name}\t{doc.text[s:e]!r}|{doc.text[g.start:g.end]!r}\t{v}\t{g.value}\t{doc.dct}")
    for key, g in gold_by.items():
        if key not in matched:
            errors.append(f"FN\t{doc.name}\t{doc.text[g.start:g.end]!r}\t{g.value}\t{doc.dct}")


def main(argv: list[str] | None = None) -> int:
    import argparse

    from ..nlp.models import Models
    from ..settings import Settings

    ap = argparse.ArgumentParser(prog="python -m newsprism.evaluation.timebank", description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None, help="first N files of each part")
    ap.add_argument("--errors", type=Path, default=None, help="write value mismatches, misses and extras here")
    args = ap.parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    if not (data_dir / PARTS[0]).is_dir():
        print(f"no TimeBank/AQUAINT data in {data_dir}", file=sys.stderr)
        return 2
    errors: list[str] | None = [] if args.errors else None
    scores = evaluate(data_dir, Models(Settings()), limit=args.limit, errors=errors)
    print(f"{'feature':34} {'P':>7} {'R':>7} {'F1':>7} {'found':>6} {'gold':>6}")
    for s in scores:
        print(f"{s.feature:34} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f} {s.found:6d} {s.gold:6d}")
    if errors is not None and args.errors:
        args.errors.write_text("\n".join(errors) + "\n", "utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
