"""What each figure of a clause quantifies: the verb it is counted under, who or what that verb is about, where,
and over what period.

A sentence often carries its figure in a clause of its own ("Violence broke out in the north, where 20,000 people
marched"; "Gray, 16, was shot eleven times after …"): the clause's main verb and subject are not the figure's. Two
reports give the same quantity when the figure counts the same thing under the same verb, about the same
participant ("Gray was shot seven times" / "Gray … was shot eleven times"), in the same places and over the same
period: a crowd "in Athens" is not the crowd "nationwide", arrests "since October" are not all arrests. A figure
that is part of another ("three of the seven bullets") or sits under no verb quantifies nothing comparable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon.calendar import TIME_UNITS
from ..lexicon.places import PLACE_LABELS
from ..model import Figure, Mention, TimeExpr
from .frame import FAMILY_OF, entity_key
from .subjects import mention_at, resolve_subject, subject_token

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_RELATIVES = frozenset({"who", "which", "that"})  # a relative clause's subject pronouns
SELF = "="  # the holder when the counted thing itself is the verb's subject ("20,000 people marched")
_TIME_LABELS = frozenset({"DATE", "TIME"})  # when is read apart (and where: ``places``)
_CONTENT = frozenset({"NOUN", "PROPN", "ADJ"})
_INCREMENT = frozenset({"another", "further", "additional", "more", "other"})  # a group beyond one counted before
_DAY_GRAINS = frozenset({"day", "part_of_day", "time"})
_MAX_STEPS = 6  # head steps from the figure to its verb: further up, the verb is another clause's


@dataclass(frozen=True, slots=True)
class Quantity:
    """What one figure quantifies (see the module docstring); equal records are the same quantity."""

    verb: str  # the verb the figure is counted under: its event family ("injure", "wound": "wound"), else its lemma
    holder: str  # the resolved subject of that verb (an entity key or head-noun lemma), or ``SELF``
    places: frozenset[str]  # entity keys of the places named in the verb's clause
    holder_words: frozenset[str] = frozenset()  # the subject's other content words, where no entity is the holder
    # ("each full vial of the undiluted vaccine" is not "vials of the vaccine after dilution"); for a count that is
    # the subject, its modifiers ("another 20,000 people", "20,000 striking workers")
    objects: frozenset[str] = frozenset()  # what the verb acts on or with ("worked for the department")
    days: tuple[tuple, ...] = ()  # (start, end) of the days the clause puts it on ("on Saturday", "through the night")
    over: tuple[str, ...] = ()  # TIMEX values of the periods it is counted over ("since October", "in 2009"), and
    # the counted spans ("13 homers in 54 games": "54 game"; the season's 33 homers are counted over more games)


def quantity_of(doc: "Doc", fig: Figure, mentions: list[Mention], times: tuple[TimeExpr, ...], before: int,
                speaker: str | None, speaker_entity: str | None) -> Quantity | None:
    """The quantity ``fig`` states in ``doc``, or None (no verb above it, a part of another figure, an unresolved
    subject)."""
    span = doc.char_span(fig.span.start, fig.span.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    num = next((t for t in span if t.like_num), span[0])  # the number, not the qualifier before it
    if _partitive(num):
        return None
    verb, steps = num, 0
    while not _verb(verb) and verb.head.i != verb.i and steps < _MAX_STEPS:
        verb, steps = verb.head, steps + 1
    if not _verb(verb):
        return None
    subj = subject_token(verb)
    host = _participle_host(verb) if subj is None else None
    if host is not None:
        subj = subject_token(host)
    relative = subj is not None and subj.lower_ in _RELATIVES and verb.dep_ == "relcl"
    if relative:
        subj = verb.head  # "Harlan Oduya, who was shot nine times, …": the clause is about the noun it hangs from
    if subj is None:
        return None
    own = not relative and subj.left_edge.i <= num.i <= subj.right_edge.i
    counted = subj
    if not own and (victims := _victims(verb, num)) is not None and mention_at(subj, mentions) is None:
        own, counted = True, victims  # "a quake killed 26,000 people" counts who "were killed", not the quake;
        # a named doer ("Harbour Police arrested 20") keeps its count its own
    if own:
        holder: str | None = SELF
    else:
        holder, _ = resolve_subject(subj, mentions, before, speaker, speaker_entity)
    if holder is None:
        return None
    if own:  # the counted people themselves: "another 20,000 people" are more than were counted before
        holder_words = frozenset(c.lemma_.lower() for c in counted.children if not span.start <= c.i < span.end
                                 and c.dep_ in ("amod", "compound", "nmod") and c.pos_ in _CONTENT) | \
            frozenset(c.lower_ for c in (*counted.children, *num.children) if c.lower_ in _INCREMENT
                      and not span.start <= c.i < span.end)  # the figure's own qualifier: "more than 31,000"
    elif mention_at(subj, mentions) is None:
        # what the subject is, not a clause describing it ("youths wearing gas masks", the relative clause the
        # figure is in) nor how many there were ("a few hundred youths")
        aside = {t.i for t in verb.subtree} if relative else set()
        aside |= {t.i for c in subj.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
        holder_words = frozenset(t.lemma_.lower() for t in subj.subtree
                                 if t.i != subj.i and t.i not in aside and t.pos_ in _CONTENT and not t.like_num
                                 and t.lower_ not in _HOW_MANY)
    else:
        holder_words = frozenset()
    figure_phrase = {t.i for t in num.head.subtree} if num.head.i != verb.i else {num.i}
    clause = _clause_tokens(verb)
    if host is not None:  # "The quake struck the island in September, killing seven": its places and time are the
        clause += _clause_tokens(host)  # quake's
    if verb.dep_ == "relcl":  # "the city of Thessaloniki, where 20,000 marched": the place the clause hangs from
        clause += [t for t in verb.head.subtree if t.i < verb.left_edge.i]
        # and, for a toll the clause tells of its noun, the clause of the act that noun takes part in: "In December
        # 2003, Bam was razed by a quake that left 31,000 people dead" (the quake's place and time are the toll's;
        # "Oduya, who was shot nine times, died on Monday" is no toll: the shooting keeps its own day)
        act = verb.head
        while own and act.dep_ in ("pobj", "agent", "prep", "nsubj", "nsubjpass", "dobj") and act.head.i != act.i:
            act = act.head
            if act.pos_ in ("VERB", "AUX"):
                seen = {t.i for t in clause}
                clause += [t for t in _clause_tokens(act) if t.i not in seen]
                break
    # places by the mentions' labels (the extract stage's), not spaCy's entity types ("Thessaloniki" as ORG)
    place_of = {t.i: entity_key(m) for t in clause
                if (m := mention_at(t, mentions)) is not None and m.label in PLACE_LABELS}
    places = frozenset(place_of.values())
    at = {t.idx: t.i for t in clause}
    days, over = [], []
    for t in times:
        if t.kind not in ("date", "time") or t.span.start not in at:
            continue
        prev = doc[at[t.span.start] - 1] if at[t.span.start] > 0 else None
        if t.granularity in _DAY_GRAINS and not (prev is not None and prev.lower_ == "since"):
            if t.start and t.end:  # a weekday with no date to place it says nothing comparable
                days.append((t.start, t.end))
        else:  # "since October", "in 2009", "this year": what the count is of
            over.append(t.value)
    over += _scopes(clause, num)
    objects = frozenset() if _acted_on(verb, num) else \
        frozenset(o.lemma_.lower() for o in _objects(verb)
                  if o.i not in figure_phrase and o.i not in place_of and o.ent_type_ not in _TIME_LABELS
                  and o.pos_ in _CONTENT and not o.like_num)
    return Quantity("be" if _level(verb, num) else _family_of(verb), holder, places, holder_words, objects,
                    tuple(sorted(days)), tuple(sorted(over)))


# verbs that give the level their subject is at when the figure is what they reach ("turnout reached 93.87
# percent", "losses totalled $2 million", "the toll stands at 50"): the subject's value, as "turnout was 90%" gives
# it, and no act of their own (troops that "reached the city" do act: there the figure is not the object)
_LEVEL_VERBS = frozenset({"reach", "hit", "total", "amount", "stand"})
_LEVEL_PREPS = frozenset({"to", "at"})  # "amounted to", "stands at"


def _level(verb: "Token", num: "Token") -> bool:
    """The figure is the level a `_LEVEL_VERBS` verb says its subject is at: its object, or the object of its
    "to" / "at"."""
    if verb.lemma_.lower() not in _LEVEL_VERBS:
        return False
    t = num
    while t.head.i != verb.i and t.head.i != t.i:
        t = t.head
    if t.head.i != verb.i:
        return False
    if t.dep_ in ("dobj", "attr"):
        return True
    return t.dep_ == "prep" and t.lower_ in _LEVEL_PREPS


# the families whose object is the count of those it befell (casualties, arrests): one toll however it is told
VICTIM_FAMILIES = frozenset({"kill", "wound", "arrest"})


_HOW_MANY = frozenset({"few", "many", "several", "some", "dozens", "hundreds", "thousands", "numerous"})


def _acted_on(verb: "Token", num: "Token") -> bool:
    """The counted thing is itself what the verb acts on: its direct object, or one of the objects joined to it
    ("attacked a police station as well as at least three banks"); the other objects are other counts, not the
    count's setting."""
    noun = num.head if num.dep_ in ("nummod", "quantmod") else num
    # a list of objects is often parsed as appositions, or as conjuncts of the verb itself
    while noun.i != verb.i and noun.dep_ in ("conj", "appos") and noun.head.i != noun.i:
        noun = noun.head
    return noun.i == verb.i and num.i > verb.i or noun.dep_ == "dobj" and noun.head.i == verb.i


# what "leave" does to those it leaves so: "left 12 people dead", "left three dead", "leaving 40 injured"
_LEFT_AS = {"dead": "kill", "injured": "wound", "wounded": "wound", "hurt": "wound"}


def _left_as(verb: "Token") -> str | None:
    """The casualty family of "left N people dead" (a toll told as what the event left), else None."""
    if verb.lemma_.lower() != "leave":
        return None
    return next((_LEFT_AS[c.lower_] for c in verb.children
                 if c.lower_ in _LEFT_AS and (c.dep_ in ("oprd", "acomp", "xcomp", "advcl") or
                                              c.dep_ == "dobj" and any(g.like_num for g in c.children))), None)


def _family_of(verb: "Token") -> str:
    """The verb's event family (``FAMILY_OF``; "left … dead" kills), else its lemma."""
    lemma = verb.lemma_.lower()
    return _left_as(verb) or FAMILY_OF.get(lemma, lemma)


def _victims(verb: "Token", num: "Token") -> "Token | None":
    """The noun the figure counts where it is the direct object of a casualty verb ("killed 26,000 people",
    "injuring five", "left 12 people dead"), else None."""
    if _family_of(verb) not in VICTIM_FAMILIES:
        return None
    noun = num.head if num.dep_ == "nummod" else num
    return noun if noun.dep_ == "dobj" and noun.head.i == verb.i else None


def _verb(t: "Token") -> bool:
    """A clause's verb: a verb, or a copula that heads its clause ("Orozco is 135 pounds", not the "is" of "is
    running"), whose figure is the subject's and not the clause above's ("Deputies said Orozco is 135 pounds")."""
    return t.pos_ == "VERB" or t.pos_ == "AUX" and t.dep_ not in ("aux", "auxpass") and t.lemma_.lower() == "be"


def _participle_host(verb: "Token") -> "Token | None":
    """The clause a participle clause with no subject, aux or conjunction of its own hangs from ("The quake hit the
    island, injuring five people"): its doer is that clause's subject (the quake injured them). A participle joined
    to such a one has the same host ("…, causing damage in seven villages and killing 10 people and injuring 80")."""
    first = verb
    while first.dep_ == "conj" and first.tag_ == "VBG" and first.head.tag_ == "VBG":
        first = first.head
    bare = first.dep_ == "advcl" and first.tag_ == "VBG" and first.head.pos_ in ("VERB", "AUX") and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass", "advmod") and c.i < first.i
                for c in first.children)
    return first.head if bare else None


_PARTNER_PREPS = frozenset({"for", "with", "against"})  # whom one works for, plays with, fights against


def _objects(verb: "Token") -> list["Token"]:
    """The verb's direct object and its partners ("worked for the department"); not the path ("marched through
    the old town", "to the gates"), which two reports of one march tell differently."""
    out = [c for c in verb.children if c.dep_ == "dobj"]
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in _PARTNER_PREPS:
            out += [g for g in p.children if g.dep_ == "pobj"]
    return out


_SCOPE_PREPS = frozenset({"in", "over", "across", "during", "within", "through"})


def _scopes(clause: list["Token"], num: "Token") -> list[str]:
    """The counted spans the clause counts over, another figure's ("hit 13 homers in 54 games": "54 game"; "over
    50 arrests over four nights": "four night"); not a date ("in December 2003": the times give its period)."""
    return [f"{n.lower_} {g.lemma_.lower()}" for p in clause if p.dep_ == "prep" and p.lower_ in _SCOPE_PREPS
            for g in p.children if g.dep_ == "pobj" and (g.ent_type_ not in _TIME_LABELS or g.lower_ in TIME_UNITS)
            for n in g.children if n.dep_ == "nummod" and n.like_num and n.i != num.i]


_PART_OF = frozenset({"the", "these", "those", "them", "its", "their", "his", "her", "our"})


def _partitive(num: "Token") -> bool:
    """ "three of the seven bullets", "37 of the candidates", "five of them": a part of another count, or of a
    whole the story counts elsewhere (either figure of it)."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.like_num or g.lower_ in _PART_OF for g in c.subtree)
               for c in num.children) or (num.head.lower_ == "of" and num.head.head.like_num)


def _clause_tokens(verb: "Token") -> list["Token"]:
    """The verb's own clause: its subtree without the clauses nested in it (another verb's places and dates)."""
    nested = [c for c in verb.subtree if c.i != verb.i and c.pos_ in ("VERB", "AUX") and c.dep_ in
              ("relcl", "advcl", "ccomp", "xcomp", "conj", "acl", "pcomp")]
    inner = {t.i for c in nested for t in c.subtree}
    return [t for t in verb.subtree if t.i not in inner]
