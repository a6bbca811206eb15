"""Frames: a claim with the slots that alignment and comparison read (``Frame``), the event families its verbs and
nouns belong to, and the keys that tell whether two frames name one entity or one speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from typing import TYPE_CHECKING, Literal

from ..lexicon.function_words import GENERIC_WORDS as _GENERIC
from ..model import Claim, Figure, Mention, Span, TimeExpr

if TYPE_CHECKING:
    from .quantities import Quantity


# Event families: verbs and nouns that name the same kind of event in news copy ("withdraw", "pull out",
# "pullback", "retreat"). General news vocabulary, so frames from different outlets meet in one block.
FAMILIES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "withdraw": {"withdraw", "withdrawal", "retreat", "pullback", "pullout", "pull", "leave", "exit", "evacuate",
                 "evacuation", "relinquish", "abandon", "flee", "depart"},
    "capture": {"capture", "seize", "conquer", "occupy", "occupation", "invade", "invasion"},
    "liberate": {"liberate", "liberation", "recapture", "retake", "reclaim", "regain"},
    "enter": {"enter", "arrive", "reach", "advance", "approach"},
    "annex": {"annex", "annexation"},
    "kill": {"kill", "die", "dead", "death", "killing", "fatality", "murder"},
    "wound": {"wound", "injure", "injury", "hurt"},
    "attack": {"attack", "shell", "shelling", "strike", "bomb", "bombard", "hit", "pound", "rocket", "missile"},
    "mine": {"mine", "landmine", "demine", "demining", "sapper"},
    "loot": {"loot", "looting", "steal", "plunder", "rob"},
    "arrest": {"arrest", "detain", "detention", "custody"},
    "fire": {"blaze", "burn", "fire", "flame", "extinguish"},
    "strike": {"strike", "walkout", "stoppage", "picket"},
    "meet": {"meet", "meeting", "talk", "talks", "negotiate", "negotiation", "summit"},
    "announce": {"announce", "announcement", "declare", "declaration"},
    "rise": {"rise", "increase", "grow", "climb", "jump", "surge"},
    "fall": {"fall", "decrease", "drop", "decline", "plunge", "cut"},
}.items()}
FAMILY_OF: dict[str, str] = {}
for _fam, _words in FAMILIES.items():
    for _w in _words:
        FAMILY_OF.setdefault(_w, _fam)

COMPLETIVE = {"finish", "complete", "end", "conclude"}
INCEPTIVE = {"begin", "start", "launch", "commence"}
CONTINUATIVE = {"continue", "proceed", "remain", "keep"}

Aspect = Literal["completed", "began", "ongoing", "forecast", "none"]


@dataclass(frozen=True, slots=True)
class Frame:
    """A claim with the slots comparison needs. ``claim`` is the public record."""

    claim: Claim
    text: str  # the claim's exact text
    content: Span  # the reported clause for reported speech, else the claim span
    content_text: str
    lemmas: frozenset[str]  # content words (nouns, verbs, adjectives, proper nouns), lower-cased lemmas
    families: frozenset[str]  # event families named in the content
    nouns: frozenset[str] = frozenset()  # the nouns among them: what a divergence can be named after
    aspect: Aspect = "none"
    duration: str | None = None  # "at least one week" when the claim forecasts how long something takes
    duration_span: Span | None = None
    negated: frozenset[str] = frozenset()  # lemmas under a negation ("no indications that a trap ...")
    away: Figure | None = None  # "18 kilometers away": a distance that says someone is not there yet
    event: str | None = None  # family of the main event ("finished withdrawing" -> "withdraw")
    speaker_key: str | None = None  # a normalised speaker key ("reznikov") for comparing speakers across articles
    subject: str | None = None  # the resolved subject of the content: an entity key, else its head noun lemma
    subject_text: str | None = None  # the subject as written (resolved pronouns: the name they stand for)
    subject_resolved: bool = False  # the subject is a pronoun, ``subject`` the entity it stands for ("he": e5)
    obj: str | None = None  # the head lemma of the content's object or complement
    obj_entity: str | None = None  # the named participant the direct object is ("will meet Joe Biden": Biden's key)
    verb: str | None = None  # the lemma of the content's main verb as written ("extinguish"; predicate is its family)
    particle: str | None = None  # the direction the verb is told with: "checked out", "moved into", "went up"
    refused: bool = False  # a question the speaker would not answer ("would not say what she was treated for")
    hypothetical: bool = False  # a condition, a supposition ("if …", "even a 6% rate would …") or what someone
    # was urged or pledged to do ("urged the island not to sign"): not asserted
    excluded: str | None = None  # why the clause may not be compared (a question, a headline, …); None: a statement
    description: bool = False  # how the outlet describes a participant ("Musk, Twitter's largest shareholder,")
    aim: bool = False  # why the participant acted, told inside the act's statement ("ordered checks to curb smuggling")
    granted: bool = False  # a permission announced ("X announced that bars will be able to …"): a decision
    quantities: tuple[Quantity | None, ...] = ()  # what each of ``claim.figures`` quantifies (`extract.quantities`)
    relatives: tuple[Span, ...] = ()  # the content's relative clauses that describe a participant ("Rahman, who beat
    # Lewis in 2001, ..."): background told inside the statement, whose names, figures and dates anchor no comparison
    aside_entities: frozenset[str] = frozenset()  # the entities the clause names only inside its relative clauses
    when: tuple[TimeExpr, ...] = ()  # the dates the clause's act was done on, hung on its verb (`act_dates`)

    @property
    def statement(self) -> bool:
        """A clause that may be compared across sources (see ``statement_check``)."""
        return self.excluded is None

    @property
    def article_id(self) -> int:
        return self.claim.span.article_id

    @property
    def inner(self) -> bool:
        """A part told inside another statement (a description, an aim): compared with the other sources' parts,
        never an agreement, a conflict side or a unique fact on its own."""
        return self.description or self.aim


def twin_key(f: Frame) -> tuple:
    """The frame as a value without where it stands: every slot, with spans as offsets from the claim's start and no
    article id, claim id or sentence number. Outlets that print one sentence (a wire story and its versions) give
    frames with equal keys, and a rule that reads only the frames gives equal answers for them."""
    base = f.claim.span.start
    claim = tuple(_placeless(getattr(f.claim, name), base) for name in _CLAIM_SLOTS)
    return (claim,) + tuple(_placeless(getattr(f, name), base) for name in _FRAME_SLOTS)


_CLAIM_SLOTS = tuple(x.name for x in fields(Claim) if x.name not in ("id", "sentence_index"))
_FRAME_SLOTS = tuple(x.name for x in fields(Frame) if x.name != "claim")
_PLAIN = (str, bool, int, float)


def _placeless(value: object, base: int) -> object:
    if value is None or isinstance(value, _PLAIN):
        return value
    if isinstance(value, Span):
        return (value.start - base, value.end - base)
    if isinstance(value, (tuple, list, frozenset)):
        if all(v is None or isinstance(v, _PLAIN) for v in value):
            return tuple(value) if isinstance(value, list) else value  # words, entity ids: nothing placed
        return frozenset(map(_placeless, value, [base] * len(value))) if isinstance(value, frozenset) else \
            tuple(_placeless(v, base) for v in value)
    if is_dataclass(value):
        return (type(value).__name__,) + tuple(_placeless(getattr(value, x.name), base) for x in fields(value))
    return value


def entity_key(m: Mention) -> str:
    """The story entity id, or a normalised surface form where canonicalisation has not run."""
    if m.entity_id:
        return m.entity_id
    t = re.sub(r"['’]s$", "", m.text.strip()).lower()
    return "n:" + re.sub(r"^the\s+", "", t)


def speaker_key(speaker: str | None) -> str | None:
    """A comparable key for a speaker: the last capitalised word of a name ("Oleksii Reznikov" -> "reznikov"),
    else the head noun ("Russia's Defence Ministry" -> "ministry", "military analysts" -> "analysts")."""
    if not speaker:
        return None
    words = re.findall(r"[\w’'-]+", re.sub(r"['’]s\b", "", speaker))
    if not words:
        return None
    caps = [w for w in words if w[:1].isupper()]
    return (caps[-1] if caps and words[-1][:1].isupper() else words[-1]).lower()


def speaker_words(speaker: str | None) -> set[str]:
    if not speaker:
        return set()
    return {w for w in re.findall(r"[a-z][a-z’'-]+", re.sub(r"['’]s\b", "", speaker.lower())) if w not in _GENERIC}


def same_speaker(a: Frame, b: Frame) -> bool:
    """Two attributions name the same speaker: same entity, same surname, or one name inside the other."""
    ca, cb = a.claim, b.claim
    if ca.speaker_entity and ca.speaker_entity == cb.speaker_entity:
        return True
    if a.speaker_key and a.speaker_key == b.speaker_key:
        return True
    return bool(speaker_words(ca.speaker) & speaker_words(cb.speaker))
