"""One act done once, dated apart by two independent origins: a temporal divergence wherever its statements stand.

Two reports of one act ("the frigate sank the trawler on November 18" / "… on November 19") often fall in different
aspects: the rest of their sentences differ. The act itself, its doer, what it was done to and the dates hung on its
verb (``Frame.when``) say they tell one act on two days.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable, Sequence

from ..extract.frame import Frame
from ..model import TimeExpr
from .compare import DIFFERENT_DATES, Conflict, as_written, is_asserted


def date_conflicts(frames: Sequence[Frame], allowed: Iterable[int], origins: dict[int, int],
                   known: set[tuple[int, int]], named: Iterable[str]) -> list[list[Conflict]]:
    """Different days for one act done once: the same verb (its event family, else its lemma, with its particle),
    done by the same named participant to the same one ("the frigate sank the trawler on November 18" / "… on
    November 19"), each side dated by the dates hung on its own verb (``Frame.when``), asserted, with the same
    polarity, from two independent origins, on days that do not meet. An act that one origin itself dates on two
    days is one it tells twice (two visits, two strikes) and is compared no further; two sides that write the date
    alike ("on Friday", read from different publication days) are not set apart by how it was resolved.
    ``named``: the story's entity ids (a subject or object that is a bare noun, "the agency", is not specific
    enough to make two acts one). A side that tells the act as one of several ("again", "for the second time") is
    no side. Returns the conflicts of each act, for `numbered_conflicts`."""
    named = set(named)
    by_act: dict[tuple, list[int]] = defaultdict(list)
    by_doer: dict[tuple, list[int]] = defaultdict(list)  # what one doer did by one verb, whatever to
    for n in allowed:
        f = frames[n]
        if f.inner or not f.when or not is_asserted(f) or f.claim.polarity != "affirmed":
            continue
        doer, done_to = f.subject, f.obj_entity or f.obj or ""
        if doer is None or not (doer in named or done_to in named):
            continue
        by_doer[(f.event or f.verb, f.particle, doer)].append(n)
        if not _REPEATED.search(f.content_text):
            by_act[(f.event or f.verb, f.particle, doer, done_to)].append(n)
    days = {n: [_span_days(t) for t in frames[n].when] for ns in by_doer.values() for n in ns}
    told_twice = {key for key, held in by_doer.items()
                  if any(not all(_meet(x, y) for x in days[m] for y in days[n]) for m in held for n in held
                         if m < n and origins.get(frames[m].article_id, frames[m].article_id) ==
                         origins.get(frames[n].article_id, frames[n].article_id))}
    out: list[list[Conflict]] = []
    for act, held in by_act.items():
        if act[:3] in told_twice:
            continue  # one origin dates it on two days: done twice, not contested
        found = []
        for x, i in enumerate(held):
            for j in held[x + 1:]:
                a, b = frames[i], frames[j]
                if origins.get(a.article_id, a.article_id) == origins.get(b.article_id, b.article_id) or \
                        (min(i, j), max(i, j)) in known or _when_text(a) == _when_text(b):
                    continue
                if all(not _meet(p, q) for p in days[i] for q in days[j]):
                    found.append(Conflict("temporal", i, j, act[0] or "act", _when_text(a), _when_text(b),
                                          DIFFERENT_DATES, 0.8))
        out.append(found)
    return out


# words that tell an act as one of several: "visited Delmore again", "for the second time", "previously hosted"
_REPEATED = re.compile(r"\b(?:again|once more|previously|(?:for|a) (?:the )?(?:second|third|fourth|fifth|\w+th) "
                       r"time)\b", re.I)


def _span_days(t: TimeExpr) -> tuple[Any, Any] | str:
    """The days a date covers, or its value where it has none (a month and day of an unstated year, "XXXX-11-18")."""
    return (t.start, t.end) if t.start and t.end else t.value


def _meet(x: tuple[Any, Any] | str, y: tuple[Any, Any] | str) -> bool:
    """Two dates that may be one day: overlapping day ranges, or values one of which begins the other
    ("XXXX-11" / "XXXX-11-18"); a resolved date and an unresolved one are never told apart."""
    if isinstance(x, tuple) and isinstance(y, tuple):
        return not (x[1] < y[0] or y[1] < x[0])
    if isinstance(x, str) and isinstance(y, str):
        return x.startswith(y) or y.startswith(x) or not (x.startswith("XXXX-") and y.startswith("XXXX-"))
    return True


def _when_text(f: Frame) -> str:
    return ", ".join(as_written(f, t) for t in f.when)
