"""Records and scores (figures of kind "tally"): whose record each is, and one participant's record told two ways
by two independent origins, a numeric divergence wherever the statements stand."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import Iterable, Mapping, Sequence

from ..extract.frame import Frame, entity_key
from ..model import ArticleFacts
from .compare import Conflict, as_written


def tally_holders(facts: Iterable[ArticleFacts]) -> dict[tuple[int, int], str]:
    """Whose record each tally is, by (article id, start of the tally): the participant named just before it, in
    brackets or set off by a comma ("Klitschko (52-3, 46 KOs)", "Riddick Bowe, 43-1, 33 KO's,"), or the one whose
    record a sentence sets at it ("took Klitschko's record to 52-3"). A tally after anything else (a score: "an
    88-72 loss", "voted 80-19") is nobody's record."""
    out: dict[tuple[int, int], str] = {}
    for fa in facts:
        text = fa.article.text
        named = sorted(fa.mentions, key=lambda m: m.span.end)  # any label: a team is often its city's name
        ends = [m.span.end for m in named]
        for f in fa.figures:
            if f.kind != "tally":
                continue
            k = bisect.bisect_right(ends, f.span.start) - 1
            if k < 0:
                continue
            m = named[k]
            gap = text[m.span.end:f.span.start]
            if _SET_OFF.fullmatch(gap) or _RECORD_OF.fullmatch(gap):
                out[(fa.article.id, f.span.start)] = entity_key(m)
    return out


_SET_OFF = re.compile(r"\s*[(,]\s*")  # "Klitschko (52-3", "Bowe, 43-1"
_RECORD_OF = re.compile(r"['’]s?\s+(?:career\s+|professional\s+|pro\s+)?record\s+"
                        r"(?:to|of|at|is|was|stands\s+at)\s+")  # "Klitschko's record to 52-3"


def tally_conflicts(frames: Sequence[Frame], allowed: Iterable[int], origins: dict[int, int],
                    known: set[tuple[int, int]], holders: Mapping[tuple[int, int], str],
                    names: Mapping[str, str]) -> list[list[Conflict]]:
    """Different records for one participant (`tally_holders`) from two independent origins: "Klitschko (52-3, 46
    KOs)" / "Klitschko, 53-3, 47 KO's". A participant one origin itself gives two records is one whose record the
    story follows as it changes (before and after the bout), and is compared no further. ``names``: entity id ->
    name, for the divergence's topic. Returns the conflicts of each participant, for `numbered_conflicts`."""
    # holder -> (article, start) -> (frame, the tally without spaces, as written)
    held: dict[str, dict[tuple[int, int], tuple[int, str, str]]] = defaultdict(dict)
    for n in allowed:
        f = frames[n]
        for fig in f.claim.figures:
            who = holders.get((f.article_id, fig.span.start))
            if fig.kind == "tally" and who is not None:
                written = as_written(f, fig)
                held[who].setdefault((f.article_id, fig.span.start), (n, re.sub(r"\s+", "", written), written))
    out: list[list[Conflict]] = []
    for who, sides in held.items():
        by_origin: dict[int, set[str]] = defaultdict(set)
        for (aid, _), (_, tally, _) in sides.items():
            by_origin[origins.get(aid, aid)].add(tally)
        if any(len(v) > 1 for v in by_origin.values()):
            continue  # one origin gives two records: the record changes in the story, not contested
        found = []
        items = sorted(sides.values())
        for x, (i, ti, wi) in enumerate(items):
            for j, tj, wj in items[x + 1:]:
                a, b = frames[i], frames[j]
                if ti != tj and (min(i, j), max(i, j)) not in known and \
                        origins.get(a.article_id, a.article_id) != origins.get(b.article_id, b.article_id):
                    topic = names.get(who, who.removeprefix("n:"))
                    found.append(Conflict("numeric", i, j, topic, wi, wj, f"different records for {topic}", 0.8))
        out.append(found)
    return out
