"""Divergences: aligned claims that cannot both hold, or that differ in who says them, side by side.

Precision first: every divergence rests on an aligned pair, with evidence on each side, and on a rule a reader
would accept (values that their qualifiers do not reconcile; a finished event against a forecast that it will
take longer; a negation or a certainty gap on the same statement; the same statement credited to different
speakers). Pairs are then grouped, so one disagreement shows once with all its positions.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..model import Divergence, DivergenceType, Entity, Figure, Position, TimeExpr
from ..lexicon.function_words import UNCERTAIN_WORDS
from ..lexicon.numbers import SCALES, SMALL_NUMBERS, VAGUE_QUANTITIES
from ..lexicon.organisations import MEDIA_HEADS
from .align import Pair, counted_nouns
from .aspects import predicate_key
from .union_find import UnionFind
from ..extract.figures import QUALIFIER_WORDS, casualty_family, counted_noun as _counted, counted_words
from ..extract.frame import FAMILIES, Frame, same_speaker, speaker_words
from ..extract.quantities import SELF, VICTIM_FAMILIES, Quantity
from ..settings import Settings
from ..text import singular

CLAIM_SIM = 0.5
ATTRIBUTION_SIM = 0.72
MAX_UNIQUE = 24  # a long story lists the most salient additions, not every figure of every outlet
_VAGUE = {k: (float(lo), float(hi)) for k, (lo, hi) in VAGUE_QUANTITIES.items()}
_UNCERTAIN = {"uncertain"}
_FIRM = {"asserted", "confirmed"}
_NOT_COMPARED = {"ordinal", "age", "tally"}  # a tally is compared as whose record it is (`records`)
_FAMILY_NAMES = frozenset(FAMILIES)  # a quantity's verb where it is an event family ("wound", "arrest")
# number words a subject may be written with ("Twelve people", "thousands of residents"): a figure, not a modifier
_NUMBER_WORDS = (set(SMALL_NUMBERS) | set(SCALES) | {w + "s" for w in SCALES} | {"dozens"}) - {"a", "an"}
_DAYLIKE = {"day", "part_of_day", "time"}
DIFFERENT_DATES = "different dates for the same event"
# counted nouns that say nothing on their own: time units (durations), pronoun-like heads
_NOT_SALIENT = {"second", "minute", "hour", "day", "week", "month", "year", "seconds", "minutes", "hours", "days",
                "weeks", "months", "years", "time", "times", "other", "others", "one", "ones", "thing", "things"}


@dataclass(frozen=True, slots=True)
class Conflict:
    """One conflicting pair before grouping."""

    type: DivergenceType
    i: int
    j: int
    topic: str
    value_i: str | None
    value_j: str | None
    explanation: str
    confidence: float
    aspect: int = -1  # the aspect the pair belongs to


# ---------------------------------------------------------------------------------------------------------------
# Rules on one pair


def interval(f: Figure) -> tuple[float, float]:
    """The values a figure allows, given its qualifier ("at least two" -> [2, inf), "about 70" -> [63, 77])."""
    v = f.value
    hi = f.value_high if f.value_high is not None else v
    q = (f.qualifier or "").lower()
    if q in _VAGUE:
        return _VAGUE[q]
    if q in ("at least", "more than", "over", "upwards of", "no fewer than", "at minimum"):
        return (v, math.inf)
    if q in ("up to", "less than", "fewer than", "under", "at most", "no more than", "below"):
        return (0.0, v)
    if q in ("nearly", "just under"):  # "nearly 300,000", "almost 90%": short of it, not past it
        return (v * 0.85, hi)
    if q in ("about", "around", "approximately", "some", "roughly", "an estimated", "close to"):
        return (v * 0.85, hi * 1.15)
    if f.kind in _ROUNDED_KINDS and v >= 100 and v == hi and v % 100 == 0:
        return (v * (1 - _ROUNDING), v * (1 + _ROUNDING))  # a round figure is a rounding: "600 were killed" of 612
    return (v, hi)


_ROUNDED_KINDS = {"count", "money"}
_ROUNDING = 0.05  # how far a round count may be from the exact one it rounds ("600" / "612"; not "26,000" / "31,000")


def temporal_conflict(a: Frame, b: Frame) -> tuple[Frame, Frame, str] | None:
    """A finished event against a forecast that it will take a while; or different days for the same event."""
    if a.event is None or a.event != b.event:
        return None
    for done, fore in ((a, b), (b, a)):
        if done.aspect == "completed" and done.claim.modality in _FIRM and fore.aspect == "forecast" and fore.duration:
            return done, fore, "aspect"
    if a.aspect == b.aspect and a.aspect in ("began", "completed") and a.claim.polarity == b.claim.polarity:
        da = [t for t in a.claim.times if t.kind in ("date", "time") and t.start and t.end and t.granularity in _DAYLIKE]
        db = [t for t in b.claim.times if t.kind in ("date", "time") and t.start and t.end and t.granularity in _DAYLIKE]
        if da and db and all(x.end < y.start or y.end < x.start for x in da for y in db):  # type: ignore[operator]
            return a, b, "date"
    return None


def claim_conflict(a: Frame, b: Frame, sim: float, rare: set[str] | frozenset[str] = frozenset(),
                   settings: Settings | None = None) -> str | None:
    """A negation, a certainty gap or a state cue on the same statement. Returns the kind, or None."""
    ca, cb = a.claim, b.claim
    shared_words = a.lemmas & b.lemmas
    # 1. one side says it is not so, on a word both use ("a trap" / "no indications that a trap ...")
    if ca.polarity != cb.polarity and sim >= (settings or Settings()).negation_conflict_sim and ca.modality not in ("predicted",) and cb.modality != "predicted":
        neg, pos = (a, b) if ca.polarity == "negated" else (b, a)
        nouns = {w for w in shared_words & neg.negated & rare if w.isalpha() and len(w) > 3}
        if nouns and pos.claim.modality != "not_confirmed":
            return "negation"
    # 2. confirmed/asserted against not confirmed, on the same event
    if "not_confirmed" in (ca.modality, cb.modality) and a.event and a.event == b.event and sim >= 0.45:
        other = cb if ca.modality == "not_confirmed" else ca
        firm = a if other is ca else b
        if other.modality in _FIRM and other.polarity == "affirmed" and firm.aspect in ("completed", "began", "ongoing"):
            return "certainty"
    # 3. a firm statement against a hedged one, at paraphrase level, on the same event: hedged in its own words
    #    ("the troops may have left"); a speaker's verb ("police claim that …", "he believes …") is how the outlet
    #    credits it, no doubt the content states
    if sim >= 0.6 and {ca.modality, cb.modality} == {"asserted", "uncertain"} and ca.polarity == cb.polarity and \
            a.event and a.event == b.event and any(len(w) > 3 and w.isalpha() for w in shared_words) and \
            _hedged(a if ca.modality == "uncertain" else b):
        return "certainty"
    # 4. state: someone is "N km away" against someone who "entered", said as done
    for far, near in ((a, b), (b, a)):
        if far.away is not None and near.event == "enter" and near.aspect == "completed" and \
                near.claim.modality in _FIRM and near.claim.polarity == "affirmed" and sim >= 0.3:
            return "state"
    return None


def _hedged(f: Frame) -> bool:
    """The content itself hedges ("may", "reportedly", "unclear"), not only the verb that reports it."""
    return bool(UNCERTAIN_WORDS & set(re.findall(r"[a-z]+", f.content_text.lower())))


_GENERIC_SPEAKERS = {"officials", "official", "authorities", "military", "government", "sources", "source", "police",
                     "spokesperson", "spokesman", "spokeswoman", "ministry", "office", "statement", "staff",
                     "he", "she", "they", "it", "we", "i", "residents", "locals", "media", "reports"}


def _normal_duration(text: str | None) -> str | None:
    if not text:
        return None
    t = re.sub(r"\b(one|a|an|1)\s+", "1 ", text.lower())
    t = re.sub(r"\b(as a minimum|at minimum|minimum)\b", "at least", t)
    return re.sub(r"s\b", "", re.sub(r"\s+", " ", t)).strip()


def _specific(speaker: str | None) -> bool:
    """A speaker that names someone in particular ("Reznikov", "military analysts"), not a generic source, a
    description that may well be the other speaker ("the terminal operator", "officials") or a news medium that
    relays someone's words ("this L.A. Times story", "another news agency")."""
    raw = re.findall(r"[\w’'-]+", speaker or "")
    words = [w.lower() for w in raw]
    if not words or words[-1] in _GENERIC_SPEAKERS or words[-1] in MEDIA_HEADS:
        return False
    if words[0] in ("the", "a", "an", "one", "some", "its", "their") and not any(w[:1].isupper() for w in raw[1:]):
        return False
    return True


def _names(f: Frame, speaker: str | None) -> bool:
    """The frame's sentence names every word of the speaker's name ("... said ABC's Paul Lee" names "Paul Lee")."""
    words = speaker_words(speaker)
    return bool(words) and words <= speaker_words(f.text)


def _calls(f: Frame, speaker: str | None) -> bool:
    """The frame's sentence calls the speaker by some word of the name ("Ilves said …" for "Marta Ilves")."""
    return bool(speaker_words(speaker) & speaker_words(f.text))


def _described_as(description: str | None, name: str | None, roles: Mapping[str, frozenset[str]]) -> bool:
    """A speaker written as a description ("producers", "the minister": no capitalised word after its first) that
    is a role the story gives the named speaker ("Laurence Mark, producer of the telecast"): maybe one person.
    ``roles``: each word of a story entity's names -> the words of its stated roles (singular)."""
    raw = re.findall(r"[\w’'-]+", description or "")
    if not raw or any(w[:1].isupper() for w in raw[1:]):
        return False
    head = singular(raw[-1].lower())
    return any(head in roles.get(w, ()) for w in speaker_words(name))


def speaker_roles(entities: Iterable[Entity]) -> dict[str, frozenset[str]]:
    """Each word of a story entity's names -> the words of the roles the story states for it, singular ("mark" ->
    {"producer", "telecast"} for "Laurence Mark, producer of the telecast"): what `_described_as` reads."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        words = {singular(w) for r in e.roles for w in re.findall(r"[a-z]{3,}", r.lower())}
        if words:
            for n in {e.name, *e.aliases}:
                for w in speaker_words(n):
                    out[w] |= words
    return {w: frozenset(ws) for w, ws in out.items()}


def attribution_conflict(a: Frame, b: Frame, sim: float, same_fact: bool,
                         roles: Mapping[str, frozenset[str]] | None = None) -> bool:
    """The same specific statement (the same forecast, or one sentence near word for word) credited to different
    speakers, each named in its own sentence. Two officials each stating one fact or figure in their own words
    ("Ortiz was shot in the head, said Waldie" / "he shot Ortiz once in the head, Peavy said") corroborate it: no
    conflict. ``roles``: `speaker_roles` of the story, to read a described speaker as a named one."""
    ca, cb = a.claim, b.claim
    if not (_specific(ca.speaker) and _specific(cb.speaker)) or same_speaker(a, b) or ca.polarity != cb.polarity:
        return False
    if _names(a, cb.speaker) or _names(b, ca.speaker):
        return False  # the sentence credits the other's speaker too: the speaker read from it is the slip
    if not (_calls(a, ca.speaker) and _calls(b, cb.speaker)):
        return False  # a speaker read from "…, he said" or from an earlier sentence: the evidence shows no one
    if roles and (_described_as(ca.speaker, cb.speaker, roles) or _described_as(cb.speaker, ca.speaker, roles)):
        return False  # "producers" / "Mark and Condon", where the story calls Mark a producer
    same_forecast = (a.aspect == b.aspect == "forecast" and a.event and a.event == b.event
                     and _normal_duration(a.duration) == _normal_duration(b.duration))
    return bool(same_forecast or (same_fact and sim >= 0.85))


# ---------------------------------------------------------------------------------------------------------------
# All pairs, then groups


def _same_subject(a: Frame, b: Frame) -> bool:
    return a.subject is not None and a.subject == b.subject


def _dates(f: Frame, exclude: Figure | None = None) -> list[tuple]:
    return [(t.start, t.end) for t in f.claim.times if t.kind in ("date", "time") and t.start and t.end
            and (exclude is None or not t.span.overlaps(exclude.span))]


def same_time_frame(a: Frame, b: Frame, fa: Figure | None = None, fb: Figure | None = None) -> bool:
    """Two statements set in overlapping times, or one (or both) without a resolved date: "this year" and "on
    Friday" are different frames only when they do not overlap; "lost 17% this year" vs "fell 0.1% on Friday"."""
    da, db = _dates(a, fa), _dates(b, fb)
    return not da or not db or _overlap(da, db)


def _overlap(xs: Iterable[tuple], ys: Sequence[tuple]) -> bool:
    """Whether one (start, end) of ``xs`` meets one of ``ys``."""
    return any(x[0] <= y[1] and y[0] <= x[1] for x in xs for y in ys)


def is_asserted(f: Frame) -> bool:
    return f.claim.modality in _FIRM and not f.hypothetical


_DETERMINERS = {"the", "a", "an", "each", "every", "all", "some", "its", "their", "his", "her", "of", "this", "that",
                "these", "those", "at", "least", "about", "around", "some", "more", "than", "nearly", "almost", "over"}


def _subject_words(f: Frame) -> frozenset[str]:
    """The subject's words with their modifiers, without determiners, figures and qualifiers ("as many as 20,000
    people" and "about 30,000 people" count people alike)."""
    words = re.findall(r"[a-z][a-z'’-]*", (f.subject_text or "").lower())
    return frozenset(w.rstrip("s") for w in words
                     if w not in _DETERMINERS and w not in QUALIFIER_WORDS and w not in _NUMBER_WORDS)


_COPULAS = frozenset({"be", "become", "remain", "stand"})


def same_quantity(a: Frame, fa: Figure, b: Frame, fb: Figure) -> bool:
    """The same measured thing: the same counted noun with the same modifiers and unit, the same subject, the same
    time frame, both asserted (never a forecast or a hypothetical against an actual). Most numbers in a story are
    different quantities; the default is "not comparable"."""
    if fa.kind != fb.kind or fa.kind in _NOT_COMPARED or not _counted(fa) or _counted(fa) != _counted(fb):
        return False
    if (fa.unit or "") != (fb.unit or "") or counted_words(fa) != counted_words(fb):
        return False  # "18 km" / "11 miles" is a conversion; "civilians killed" / "civilians wounded" two counts
    if not (is_asserted(a) and is_asserted(b)) or a.claim.polarity != b.claim.polarity:
        return False
    if _part_of_whole(a, fa) or _part_of_whole(b, fb) or _summed(a, fa) != _summed(b, fb) or \
            _span_of_count(a, fa) or _span_of_count(b, fb):
        return False  # "37 of the candidates" are some of the 288; "a combined 157 games" adds up more than one;
        # "13 homers in 54 games": the games say what the homers are counted over (``Quantity.over``)
    if not _same_subject(a, b) and not (predicate_key(a) and predicate_key(a) == predicate_key(b)
                                        and set(a.claim.entities) & set(b.claim.entities)):
        return False
    if not a.subject or a.subject not in a.claim.entities and not a.subject_resolved and \
            _subject_words(a) != _subject_words(b):
        return False  # "each full vial of the undiluted vaccine" is not "vials of the vaccine after dilution"
    qa, qb = _quantity(a, fa), _quantity(b, fb)
    if qa is not None and qb is not None:
        if qa.over != qb.over or _other_acts(fa, qa, fb, qb):
            return False  # "arrested three times since October" is not every arrest
        if qa.holder != qb.holder and _named_holder(a, qa) and _named_holder(b, qb):
            return False  # "the Red Sox offered $184 million" / "the Nationals have offered $160 million": two offers
    return same_time_frame(a, b, fa, fb)


def _other_acts(fa: Figure, qa: Quantity, fb: Figure, qb: Quantity) -> bool:
    """The two figures count different acts: two event families ("12 injured" are not "12 arrested"), or a
    duration under two verbs (how long one act lasted: "spent two hours negotiating" is not how long police "locked
    down the neighbourhood for almost three hours while they negotiated"; a copula names no act: "the talks were
    three hours long")."""
    acts = {_act(fa, qa), _act(fb, qb)}
    if len(acts) == 1:
        return False
    return acts <= _FAMILY_NAMES or fa.kind == "duration" and not {qa.verb, qb.verb} & _COPULAS


def _act(fig: Figure, q: Quantity) -> str:
    """What the figure counts the doing of: the event family its own word names ("12 arrested"), else its verb's."""
    return casualty_family(fig) or q.verb


def _named_holder(f: Frame, q: Quantity) -> bool:
    """The quantity is of a named participant (an entity of the statement, a name no mention covered, or a subject
    written as a name that the recogniser missed: "The Nationals have offered ...")."""
    if q.holder in f.claim.entities or q.holder.startswith("n:"):
        return True
    # the first word may be capitalised only because it opens the sentence ("Police said")
    words = (f.subject_text or "").split()
    return q.holder == f.subject and any(w[:1].isupper() for w in words[1:])


_PART_AFTER = re.compile(r"\s+of\s+(?:the|these|those|them|its|their|his|her|our|all|\d)\b", re.I)
_SUM_BEFORE = re.compile(r"\b(?:combined|total\s+of|overall|cumulative|aggregate|all\s+told)\s+$", re.I)


def _part_of_whole(f: Frame, fig: Figure) -> bool:
    """A figure that counts some of a whole ("37 of the candidates", "five of them")."""
    return bool(_PART_AFTER.match(f.text, fig.span.end - f.claim.span.start))


def _summed(f: Frame, fig: Figure) -> bool:
    """A figure given as a sum ("a combined 157 games", "a total of 288 candidates"): of more than one count."""
    return bool(_SUM_BEFORE.search(f.text[:max(0, fig.span.start - f.claim.span.start)]))


_SPAN_BEFORE = re.compile(r"\b(?:in|over|across|during|within|through)\s+(?:an?\s+|the\s+)?(?:combined\s+)?$", re.I)


def _span_of_count(f: Frame, fig: Figure) -> bool:
    """A figure that says what another figure of the statement is counted over ("13 homers in 54 games")."""
    return len(f.claim.figures) > 1 and bool(_SPAN_BEFORE.search(f.text[:max(0, fig.span.start - f.claim.span.start)]))


def _quantity(f: Frame, fig: Figure) -> Quantity | None:
    """What ``fig``, one of the frame's figures, quantifies (``Frame.quantities``)."""
    return next((q for g, q in zip(f.claim.figures, f.quantities) if g is fig), None)


# Two statements of one event family naming the same participants (often none: "12 people were injured in the
# riots" / "18 people had been injured in the violence and 12 arrested") count it alike however much else one adds:
# their figures are compared from this cosine (the setting ``numeric_conflict_sim`` otherwise)
NUMERIC_EVENT_SIM = 0.5


def numeric_conflict(a: Frame, b: Frame, sim: float, settings: Settings | None = None
                     ) -> tuple[Figure, Figure] | None:
    """The same quantity (``same_quantity``) with values their qualifiers do not reconcile."""
    gate = (settings or Settings()).numeric_conflict_sim
    if a.event and a.event == b.event and set(a.claim.entities) == set(b.claim.entities):
        gate = min(gate, NUMERIC_EVENT_SIM)
    if sim < gate:
        return None
    for fa in a.claim.figures:
        for fb in b.claim.figures:
            if not same_quantity(a, fa, b, fb) or not _apart(fa, fb):
                continue
            # a side that also gives the other's value for that count agrees on it: its other figure counts
            # something else ("Miller is averaging 15.5 points" / "Miller is averaging 15.5 points, … Dalembert …
            # his 5.8 points")
            if any(not _apart(x, fb) and same_quantity(a, x, b, fb) for x in a.claim.figures if x is not fa) or \
                    any(not _apart(fa, y) and same_quantity(a, fa, b, y) for y in b.claim.figures if y is not fb):
                continue
            return fa, fb
    return None


def _apart(fa: Figure, fb: Figure) -> bool:
    """The two figures' values, with their qualifiers, do not overlap; or both give a bound on the same side and
    different figures for it: "more than 26,000 killed" and "more than 31,000 killed" report two tolls."""
    la, ha = interval(fa)
    lb, hb = interval(fb)
    if math.isinf(ha) and math.isinf(hb) or la == lb == 0.0 and fa.value and fb.value:
        return fa.value != fb.value
    return ha < lb or hb < la


def _quantity_key(f: Figure) -> tuple | None:
    """What a figure counts, as ``same_quantity`` reads it: its kind, counted noun, unit and counted words."""
    if f.kind in _NOT_COMPARED or not _counted(f):
        return None
    return f.kind, _counted(f), f.unit or "", counted_words(f)


def quantity_conflicts(frames: Sequence[Frame], allowed: Iterable[int], origins: dict[int, int],
                       known: set[tuple[int, int]], people: Mapping[str, str] | None = None,
                       home: frozenset[str] = frozenset()) -> list[list[Conflict]]:
    """Different values for one quantity wherever the two statements stand: the same counted thing under the same
    verb, about the same participant, in the same places and period (``extract.quantities``), both asserted with
    the same polarity, from two independent origins. The figure is often told in a clause of its own ("…, where
    20,000 people marched") and the sentences around it then fall into different aspects; the quantity record,
    not the sentence, says they count one thing. ``known``: pairs already found conflicting (skipped); ``people``:
    a surname -> the story's person it names (a subject no mention covered: "Gray, 16, was shot …"); ``home``: the
    places the story happens in (`consolidate.home_places`). Returns the conflicts of each quantity, for
    `numbered_conflicts` (they belong to no aspect of the report)."""
    people = people or {}
    by_key: dict[tuple, list[tuple[int, Figure, Quantity]]] = defaultdict(list)
    for n in allowed:
        f = frames[n]
        if f.inner or not is_asserted(f):
            continue
        for fig, q in zip(f.claim.figures, f.quantities):
            key = _quantity_key(fig)
            if q is not None and key is not None:
                by_key[key + (_act(fig, q), people.get(q.holder, q.holder))].append((n, fig, q))
    out: list[list[Conflict]] = []
    for key, held in by_key.items():
        found: list[Conflict] = []
        for x, (i, fa, qa) in enumerate(held):
            for j, fb, qb in held[x + 1:]:
                a, b = frames[i], frames[j]
                if origins.get(a.article_id, a.article_id) == origins.get(b.article_id, b.article_id) or \
                        (min(i, j), max(i, j)) in known or a.claim.polarity != b.claim.polarity or \
                        not _same_setting(qa, qb, home):
                    continue
                if _apart(fa, fb):
                    found.append(Conflict("numeric", i, j, key[1], as_written(a, fa), as_written(b, fb),
                                          f"different values for the same count of {key[1]}", 0.8))
        out.append(found)
    return out


def numbered_conflicts(by_key: Iterable[Sequence[Conflict]], first_aspect: int) -> list[Conflict]:
    """Conflicts found per key (one quantity, one act, one participant's record), one aspect number per set of a
    key's statements that conflict with each other (`_linked`: the toll of one quake and the toll of another, "in
    Bam in 2003" / "in Zarand in February", share the key, not the question), from ``first_aspect`` on."""
    groups = [group for found in by_key for group in _linked(found)]
    return [replace(c, aspect=first_aspect + k) for k, group in enumerate(groups) for c in group]


def conflicting_pairs(conflicts: Iterable[Conflict]) -> set[tuple[int, int]]:
    """The statement pairs the conflicts hold, smaller index first: pairs a later comparison skips."""
    return {(min(c.i, c.j), max(c.i, c.j)) for c in conflicts}


def _linked(conflicts: Sequence[Conflict]) -> list[list[Conflict]]:
    """The conflicts in groups joined by a shared statement, in the order of their first conflict."""
    rank = {n: k for k, n in enumerate(dict.fromkeys(n for c in conflicts for n in (c.i, c.j)))}
    linked = UnionFind(len(rank))
    for c in conflicts:
        linked.union(rank[c.i], rank[c.j])
    groups: dict[int, list[Conflict]] = defaultdict(list)
    for c in conflicts:
        groups[linked.find(rank[c.i])].append(c)
    return list(groups.values())


def _same_setting(a: Quantity, b: Quantity, home: frozenset[str] = frozenset()) -> bool:
    """Two counts of one thing set alike: counted over the same periods ("arrested three times since October" is
    not every arrest), on overlapping days where both name one, by a subject described alike, on a shared object
    where both name one ("worked for the department" / "worked with the gang team"), in the same places. A count
    that is itself the actor ("20,000 people marched") needs the same places on both sides: the crowd "in Athens"
    is not the one "nationwide". A toll told with no place ("50 were injured") is the toll where the story happens
    (``home``): it meets "the quake struck Iran, injuring 80", not "a dozen were killed by a quake in China". A
    named participant's count ("Gray was shot seven times") is one wherever a side leaves the place out."""
    if a.over != b.over or a.holder_words != b.holder_words or (a.objects and b.objects and
                                                                 not a.objects & b.objects):
        return False
    if a.days and b.days and not _overlap(a.days, b.days):
        return False
    if a.places and b.places or a.holder == SELF and a.verb not in VICTIM_FAMILIES:
        return a.places == b.places
    if a.holder == SELF:  # a toll told with no place is the story's: the other side's must be where it happens
        return (a.places or b.places) <= home
    return True


def _pair_conflict(a: Frame, b: Frame, i: int, j: int, sim: float, same_position: bool,
                   rare: set[str], settings: Settings, roles: Mapping[str, frozenset[str]] | None = None
                   ) -> Conflict | None:
    """The first rule that holds for one pair, in the order numeric, temporal, claim, attribution."""
    nc = numeric_conflict(a, b, sim, settings)
    if nc:
        fa, fb = nc
        noun = _counted(fa)
        return Conflict("numeric", i, j, noun, as_written(a, fa), as_written(b, fb),
                        f"different values for the same count of {noun}", min(1.0, sim + 0.2))
    # temporal and claim rules need the same proposition: the same resolved subject (or shared participants)
    same_prop = _same_subject(a, b) or bool(set(a.claim.entities) & set(b.claim.entities) and a.event and
                                             a.event == b.event)
    tc = temporal_conflict(a, b) if same_prop else None
    if tc:
        x, y, kind = tc
        fam = sorted(a.families & b.families)[0]
        if kind == "aspect":
            xi, yi = (i, j) if x is a else (j, i)
            return Conflict("temporal", xi, yi, fam, _when_done(x), y.duration,
                            "one side reports it finished; the other says it will take longer", 0.9)
        return Conflict("temporal", i, j, fam, _day(a), _day(b), DIFFERENT_DATES, 0.8)
    # a claim conflict is about one proposition: the same subject doing the same thing (predicate or event)
    same_pred = bool(predicate_key(a) and predicate_key(a) == predicate_key(b)) or bool(a.event and a.event == b.event)
    kind = claim_conflict(a, b, sim, rare, settings) if same_prop and same_pred and not (a.hypothetical or b.hypothetical) \
        else None
    if kind:
        return Conflict("claim", i, j, _topic_words(a, b), _stance(a), _stance(b),
                        {"negation": "one side says it is so, the other that it is not",
                         "certainty": "the sides differ in how certain it is",
                         "state": "one side puts them inside, the other still at a distance"}[kind],
                        0.7 if kind == "certainty" else 0.75)
    if attribution_conflict(a, b, sim, same_position, roles):
        return Conflict("attribution", i, j, _topic_words(a, b), a.claim.speaker, b.claim.speaker,
                        "the same statement is credited to different speakers", sim)
    return None


def find_conflicts(frames: Sequence[Frame], vectors: "np.ndarray", aspect_positions: Sequence[Sequence[Sequence[int]]],
                   origins: dict[int, int], settings: Settings | None = None,
                   roles: Mapping[str, frozenset[str]] | None = None) -> list[Conflict]:
    """Conflicting pairs inside each aspect: between statements of different independent origins (or of two
    named speakers of one article). Attribution is checked inside a position (the same statement, different
    speakers); the other rules between positions. Copies are no witnesses: their original speaks for them.
    ``roles``: the story's `speaker_roles`, for attribution."""
    # words specific enough to carry a negation across sources: rare in this story ("trap", not "troops")
    df: dict[str, int] = defaultdict(int)
    for f in frames:
        for w in f.lemmas:
            df[w] += 1
    rare = {w for w, n in df.items() if n <= max(3, 0.03 * len(frames))}
    settings = settings or Settings()
    out: list[Conflict] = []
    art = [f.article_id for f in frames]  # read once: an aspect's pairs are many
    for aspect, poss in enumerate(aspect_positions):
        where = {n: k for k, ps in enumerate(poss) for n in ps}
        members = sorted(where)
        # copies are no witnesses: only statements of an origin's own article are compared
        own = [i for i in members if origins.get(art[i], art[i]) == art[i]]
        for x, i in enumerate(own):
            for j in own[x + 1:]:
                a, b = frames[i], frames[j]
                if art[i] == art[j] and not (a.speaker_key and b.speaker_key and a.speaker_key != b.speaker_key):
                    continue
                sim = float(vectors[i] @ vectors[j])
                c = _pair_conflict(a, b, i, j, sim, where[i] == where[j], rare, settings, roles)
                # two statements of one position agree on what is said: only who says it can differ
                if c is not None and (c.type == "attribution" or where[i] != where[j]):
                    out.append(replace(c, aspect=aspect))
    return out


def group_conflicts(frames: Sequence[Frame], conflicts: Sequence[Conflict], origins: dict[int, int] | None = None
                    ) -> list[tuple[int, Divergence]]:
    """The conflicts of one type inside one aspect become one divergence, with one position per origin and speaker.
    Returns (aspect index, divergence), most telling first (temporal, numeric, claim, attribution)."""
    origins = origins or {}
    groups: dict[tuple[int, str], list[Conflict]] = defaultdict(list)
    for c in conflicts:
        groups[(c.aspect, c.type)].append(c)
    out: list[tuple[int, Divergence]] = []
    for (aspect, _), members in groups.items():
        values: dict[int, str | None] = {}
        for c in members:
            values.setdefault(c.i, c.value_i)
            values.setdefault(c.j, c.value_j)
        by_side: dict[tuple[int, str | None, str | None], list[int]] = defaultdict(list)
        for n in sorted(values):
            f = frames[n]
            by_side[(f.article_id, f.claim.speaker, values[n])].append(n)
        positions = tuple(Position(aid, speaker, tuple(frames[n].claim.span for n in ns), value,
                                   subject=frames[ns[0]].subject,
                                   articles=tuple(sorted(a for a, o in origins.items() if o == aid)) or (aid,))
                          for (aid, speaker, value), ns in sorted(by_side.items(), key=lambda kv: (kv[0][0], kv[1][0])))
        if len({p.article_id for p in positions}) < 2 and len({p.speaker for p in positions}) < 2:
            continue
        best = max(members, key=lambda c: c.confidence)
        out.append((aspect, Divergence(best.type, best.topic, positions, best.explanation,
                                       round(sum(c.confidence for c in members) / len(members), 4),
                                       question(best, frames))))
    order = {"temporal": 0, "numeric": 1, "claim": 2, "attribution": 3, "unique": 4}
    out.sort(key=lambda x: (order[x[1].type], -len(x[1].positions), -x[1].confidence))
    return out


def lower_first(text: str) -> str:
    """"The fire" -> "the fire" inside a question; a name ("Russia", "NATO") keeps its capital."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in ("the", "a", "an", "its", "their", "his", "her") else text


def question(c: Conflict, frames: Sequence[Frame]) -> str:
    """What the sides answer differently, in plain words (around the statement's own words, never rewritten)."""
    a, b = frames[c.i], frames[c.j]
    if c.type == "claim" and a.claim.polarity == "negated":
        a = b  # ask about the affirmed statement
    excerpt = " ".join(a.content_text.split()[:14]).rstrip(" ,;:.")
    if c.type == "numeric":
        return _figure_question(a, c.value_i) or f"How many {c.topic}?"
    if c.type == "temporal" and c.explanation == DIFFERENT_DATES:
        return f"When did it happen: “{excerpt}”?"
    if c.type == "temporal":
        return f"When, and is it finished: “{excerpt}”?"
    if c.type == "claim":
        return f"Is it so: “{excerpt}”?"
    return f"Who said it: “{excerpt}”?"


# what a figure's kind asks; a measure, a share or a sum asks "How much"
_HOW = {"count": "How many", "duration": "How long", "age": "How old", "tally": "What record"}
_AROUND = 9  # words of the statement shown on each side of the blank


def _figure_question(frame: Frame, value: str | None) -> str | None:
    """The question a figure answers, asked in its statement's own words with the figure left blank: "How many:
    “… the quake killed ___ people in the city of Bam in December 2003”?" (a counted noun alone, "How many
    people?", does not say what was counted, where or when). None where the figure is not in the text as given."""
    fig = next((f for f in frame.claim.figures if as_written(frame, f) == value), None)
    if fig is None or not value:
        return None
    at = frame.text.find(value)
    before, after = frame.text[:at], frame.text[at + len(value):]
    words_before = [m.start() for m in re.finditer(r"\S+", before)]
    words_after = [m.end() for m in re.finditer(r"\S+", after)]
    head = before[words_before[-_AROUND]:] if len(words_before) > _AROUND else before.lstrip()
    tail = after[:words_after[_AROUND - 1]] if len(words_after) > _AROUND else after
    head = ("… " if len(words_before) > _AROUND else "") + head  # the statement's own spacing kept
    tail = tail.rstrip(" ,;:.") + (" …" if len(words_after) > _AROUND else "")
    return f"{_HOW.get(fig.kind, 'How much')}: “{head}___{tail}”?"


def unique_items(frames: Sequence[Frame], pairs: Iterable[Pair], origins: dict[int, int],
                 covered: set[int], *, allowed: set[int] | None = None, main: set[str] | None = None,
                 limit: int = MAX_UNIQUE, settings: Settings | None = None) -> list[Divergence]:
    """Salient statements (a figure of what it counts, about one of the story's main entities) that only one
    independent source carries, ranked and capped at ``limit``.

    ``allowed``: the frames that may be used (on-story statements); ``main``: the story's main entities and
    subjects (named by two or more origins). With fewer than two independent sources nothing is unique: there
    is no other source to lack it. At most ``settings.unique_per_article`` come from any one article.
    """
    if len({origins.get(f.article_id, f.article_id) for f in frames}) < 2:
        return []
    cap = (settings or Settings()).unique_per_article
    echoed: set[int] = set(covered)
    origin_of = [origins.get(f.article_id) for f in frames]  # read once: pairs are many
    for p in pairs:
        if origin_of[p.i] != origin_of[p.j] and (p.relation == "same" or p.similarity >= 0.75):
            echoed |= {p.i, p.j}
    # figures (value, counted noun) each independent source states: one that two sources give is not unique,
    # even where the sentences around it were not aligned ("the three foreign ministers" in two reports)
    given_by: dict[tuple[float, str], set[int]] = defaultdict(set)
    large: dict[str, list[tuple[float, int]]] = defaultdict(list)  # kind -> (value, origin) of figures >= 100
    for f in frames:
        for x in f.claim.figures:
            if _counted(x):
                given_by[(x.value, _counted(x))].add(origins.get(f.article_id, f.article_id))
            if x.value >= 100:
                large[x.kind].append((x.value, origins.get(f.article_id, f.article_id)))

    def given_elsewhere(x: Figure, origin: int) -> bool:
        """Another origin gives this figure: the same value of the same counted noun, or a large value within
        2 % ("more than 1,311 people held" / "at least 1,310 protesters detained": one count, rounded apart)."""
        if given_by[(x.value, _counted(x))] - {origin}:
            return True
        return x.value >= 100 and any(o != origin and abs(v - x.value) <= 0.02 * max(v, x.value)
                                      for v, o in large[x.kind])
    per_article: dict[int, list[tuple[float, int]]] = defaultdict(list)
    salient: dict[int, list[Figure]] = {}
    for n, f in enumerate(frames):
        if n in echoed or origins.get(f.article_id, f.article_id) != f.article_id:
            continue
        # a question asks, it does not report ("Do you really see those two as equivalent?"); a salient item
        # names someone or something (a figure with no named entity is rarely news on its own)
        if "?" in f.text or not f.claim.entities or (allowed is not None and n not in allowed):
            continue
        if main is not None and not (set(f.claim.entities) | {f.subject}) & main:
            continue  # about someone the rest of the story never names: a round-up's other story
        if any(given_elsewhere(x, origins.get(f.article_id, f.article_id)) for x in f.claim.figures if _counted(x)):
            continue  # it states a figure another source gives: a shared fact, told with other details
        figs = [x for x in f.claim.figures if x.kind in ("count", "measure", "money", "percent") and _counted(x)
                and x.value >= 2 and _counted(x) not in _NOT_SALIENT and (x.qualifier or "").lower() not in _VAGUE
                and (x.value < 100 or any(ch.isdigit() for ch in as_written(f, x)))]  # "thousands" is no figure
        if not figs or f.claim.modality in ("predicted", "uncertain"):
            continue
        salient[n] = figs
        per_article[f.article_id].append((len(figs) + 0.5 * len(f.claim.entities) + max(math.log10(x.value + 1)
                                                                                        for x in figs) / 3, n))
    out: list[Divergence] = []
    chosen = sorted(((score, n) for scored in per_article.values() for score, n in
                     sorted(scored, reverse=True)[:cap]), reverse=True)[:limit]
    by_article: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for score, n in chosen:
        by_article[frames[n].article_id].append((score, n))
    for aid, scored in sorted(by_article.items()):
        for score, n in sorted(scored, reverse=True):
            f = frames[n]
            fig = max(salient[n], key=lambda x: x.value)
            out.append(Divergence("unique", _counted(fig), (Position(aid, f.claim.speaker, (f.claim.span,),
                                                                      as_written(f, fig)),),
                                  "only one independent source reports this", round(min(1.0, score / 4), 4)))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Rendering helpers: values as written


def as_written(frame: Frame, item: Figure | TimeExpr) -> str:
    """A figure or a date of the statement as its text writes it."""
    s = frame.claim.span
    return frame.text[item.span.start - s.start : item.span.end - s.start]


def _when_done(frame: Frame) -> str:
    t = next((t for t in frame.claim.times if t.kind in ("time", "date")), None)
    return "finished" if t is None else "finished " + as_written(frame, t)


def _day(frame: Frame) -> str | None:
    t = next((t for t in frame.claim.times if t.kind == "date"), None)
    return None if t is None else as_written(frame, t)


def _stance(frame: Frame) -> str:
    c = frame.claim
    if c.modality in ("not_confirmed", "denied", "uncertain", "predicted", "confirmed"):
        return c.modality.replace("_", " ")
    if frame.away is not None:
        return "at a distance"
    return "negated" if c.polarity == "negated" else "asserted"


def _topic_words(a: Frame, b: Frame) -> str:
    fams = sorted(a.families & b.families)
    if fams:
        return fams[0]
    # a shared noun names the topic ("trap", "suburbs"); an adjective ("ukrainian") does not
    for shared in (a.nouns & b.nouns, a.lemmas & b.lemmas):
        words = sorted((w for w in shared if w.isalpha() and len(w) > 3), key=lambda w: (-len(w), w))
        if words:
            return words[0]
    return min(counted_nouns(a) or {"statement"})  # not set.pop(): its pick depends on the hash seed
