"""When a clause's act was done: the dates hung on its verb, where the verb tells the act as done.

A date in a sentence is often another act's ("sank a trawler in a third strike since its deployment on November
2": the deployment's), a participant's ("the 2006 film", "Rahman, who beat Lewis in 2001": told inside a noun or a
relative clause), or a bound ("by 1958", "since Monday"). Only a date the parse hangs on the act itself
("On November 19, the frigate sank a trawler"; "checked in on Tuesday"; "was razed in December 2003") says when
that act was done, and only for an act told in a past or perfect tense: "will meet on Friday" is a plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..model import TimeExpr

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_BOUNDS = frozenset({"before", "after", "at least"})  # "by 1958", "since Monday", "after 1957": not the act's day
_BOUND_WORDS = frozenset({"by", "since", "until", "till", "before", "after", "from", "through", "between", "within"})
_PAST_AUX = frozenset({"have", "be"})  # "has entered", "was razed": a perfect or a passive told as done


def told_as_done(act: "Token") -> bool:
    """The act is told in a past or perfect tense ("sank", "had sunk", "has entered", "was razed")."""
    if act.tag_ == "VBD":
        return True
    return act.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in _PAST_AUX
                                     for c in act.children)


def act_dates(doc: "Doc", act: "Token", times: Sequence[TimeExpr]) -> tuple[TimeExpr, ...]:
    """The dates among ``times`` (the clause's) that date ``act`` itself, if it is told as done."""
    if not told_as_done(act):
        return ()
    out = []
    for t in times:
        if t.kind not in ("date", "time") or t.mod in _BOUNDS:
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = span.root
        if head.dep_ == "pobj" and head.head.dep_ == "prep":  # "on November 19", "in 2005"
            head = head.head
        if head.dep_ == "prep" and head.lower_ in _BOUND_WORDS:
            continue
        on = head.head
        if on.pos_ == "PROPN" and on.i != act.i and _object_of(on) is act:
            on = act  # "entered Promises Treatment Center on Tuesday": a name takes no date, its verb does
        if on.i == act.i and head.i != act.i and head.dep_ in ("prep", "npadvmod", "tmod", "obl", "advmod"):
            out.append(t)
    return tuple(out)


def _object_of(t: "Token") -> "Token | None":
    """The verb a name is the object of, directly or through a preposition ("checked into X")."""
    while t.dep_ in ("compound", "flat"):
        t = t.head
    if t.dep_ in ("dobj", "obj"):
        return t.head
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        return t.head.head
    return None
