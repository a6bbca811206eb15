"""**Speakers** (``Resolver``): the subject phrase trimmed of appositions, relative clauses and datelines; a
person's name inside it is preferred; surnames and "Mr X" expanded to the most used full form of the name in
the article; pronouns to the previous fitting attribution's speaker (the usual antecedent in news), with
gender known from honorifics, gendered titles and appositions ("Ms. X", "Congressman X", "X, a spokeswoman") or
earlier pronouns respected, else to the nearest preceding person; "who" to its
antecedent; definite descriptions ("the General Staff") to an earlier, fuller speaker that contains them.
``speaker_span`` is always the mention in the attribution itself ("he", "who"), ``speaker`` the resolved text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...lexicon.organisations import ORG_HEADS
from ...lexicon.people import (GENDERED_HONORIFICS as _GENDERED, GENDERED_NOUNS, PRONOUNS,
                               SPEAKER_TITLES as TITLES)
from ..parsed import entities, entities_within, entity_at
from .attribution import NOT_PERSON

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


INVERTED_VERBS = frozenset("said says added adds stated states wrote writes continued continues noted notes asked "
                            "asks".split())


@dataclass(slots=True)
class Resolver:
    """Resolves speaker phrases to the fullest safe form within one article."""

    doc: "Doc"
    full_names: dict[str, str] = field(default_factory=dict)  # lower surname -> fullest name
    history: list[tuple[int, str, bool]] = field(default_factory=list)  # (char, resolved speaker, is person)
    gender: dict[str, str] = field(default_factory=dict)  # name -> "m"/"f", from titles and resolved pronouns
    skip: list[tuple[int, int]] = field(default_factory=list)  # headings, embeds: no names learnt there

    def __post_init__(self) -> None:
        forms: dict[str, Counter[str]] = {}
        for ent in entities(self.doc):
            if ent.label_ != "PERSON" or any(a <= ent.start_char < b for a, b in self.skip):
                continue  # names in headlines are often glued to verbs ("Lawmakers Rip Donald Trump")
            words = _strip_name(ent.text).split()
            if not words:
                continue
            forms.setdefault(words[-1].lower(), Counter())[" ".join(words)] += 1
        # the full name is the most used form of two words or more (a one-off "Rip Donald Trump" from a headline
        # loses to "Donald Trump"), the longer on a tie
        for key, counter in forms.items():
            self.full_names[key] = max(counter, key=lambda f: (len(f.split()) >= 2, counter[f], len(f)))
        # a person's gender where the article gives it with a gendered honorific, title or apposition ("Ms. X",
        # "Congresswoman X", "his wife, X", "X, a spokesman for …"); a name given both genders gets neither
        seen: dict[str, set[str]] = {}
        for ent in entities(self.doc):
            if ent.label_ != "PERSON" or any(a <= ent.start_char < b for a, b in self.skip):
                continue
            words = _strip_name(ent.text).split()
            cue = _gender_cue(self.doc, ent)
            if words and cue is not None:  # "his daughter, Ivanka Trump" says nothing of "Donald Trump"
                name = " ".join(words) if len(words) >= 2 else self.full_names.get(words[-1].lower(), words[0])
                seen.setdefault(name, set()).add(cue)
        # … or where the next sentence opens with "He"/"She" as its subject after one whose subject is the person
        # ("Jane Doe spent a decade in the Senate. She left in 2010."): the reading every reader makes
        for sent in self.doc.sents:
            if sent.end >= len(self.doc) or any(a <= sent.start_char < b for a, b in self.skip):
                continue
            nxt = self.doc[sent.end]
            while nxt.is_space and nxt.i + 1 < len(self.doc):
                nxt = self.doc[nxt.i + 1]
            if nxt.lower_ not in ("he", "she") or nxt.dep_ != "nsubj" or not nxt.is_title:
                continue
            subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
            ent = entity_at(self.doc, subj.i) if subj is not None else None
            if ent is None or ent.label_ != "PERSON":
                continue
            others = [e for e in entities_within(self.doc, sent.start, sent.end)
                      if e.label_ == "PERSON" and e.text.split()[-1] != ent.text.split()[-1]]
            if others or any(t.lower_ in _THIRD_PERSON for t in sent):
                continue  # "X emailed her …. She replied": another person in the sentence may be the one meant
            words = _strip_name(ent.text).split()
            if words:
                name = " ".join(words) if len(words) >= 2 else self.full_names.get(words[-1].lower(), words[0])
                seen.setdefault(name, set()).add(PRONOUNS[nxt.lower_])
        self.gender.update({name: cues.pop() for name, cues in seen.items() if len(cues) == 1})

    def resolve(self, phrase: "SpacySpan") -> tuple[str, bool]:
        """(speaker text, is a person)."""
        text = phrase.text
        low = text.lower()
        if low in PRONOUNS:
            return self._pronoun(phrase), PRONOUNS[low] in "mf"
        is_person = any(t.ent_type_ == "PERSON" for t in phrase) and phrase.root.ent_type_ == "PERSON"
        if is_person:
            title = self.doc[phrase.start - 1].lower_.rstrip(".") if phrase.start > 0 else ""
            title = phrase[0].lower_.rstrip(".") if phrase[0].lower_.rstrip(".") in _GENDERED else title
            words = _strip_name(text).split()
            if words:
                full = self.full_names.get(words[-1].lower())
                name = full if full and len(full.split()) > len(words) and full.split()[-1] == words[-1] else " ".join(words)
                if title in _GENDERED:
                    self.gender.setdefault(name, _GENDERED[title])
                return name, True
        if low.startswith("the ") and len(low.split()) <= 3:
            head = phrase.root.lower_
            for _, prev, person in reversed(self.history):
                pl = prev.lower()
                if not person and len(pl) > len(low) and head in pl.split() and low[4:] in pl:
                    return prev, False
        if 1 <= len(phrase) <= 2 and phrase.root.pos_ == "PROPN":
            words = _strip_name(text).split()
            full = self.full_names.get(words[-1].lower()) if words else None
            if full:
                return full, True
            if len(words) == 2 and phrase.root.ent_type_ not in NOT_PERSON and phrase.root.lower_ not in ORG_HEADS \
                    and all(w[:1].isupper() for w in words):
                self.full_names[words[-1].lower()] = " ".join(words)
                return " ".join(words), True
        return _strip_possessive(text), False

    def _pronoun(self, phrase: "SpacySpan") -> str:
        kind = PRONOUNS[phrase.text.lower()]
        at = phrase.start_char
        if kind in "mf":  # "Though she called it “outrageous,” Clinton said …": the subject of the main clause
            ahead = _cataphora(phrase.root, kind, self)
            if ahead is not None:
                return ahead
        if kind in "np":  # "The council condemned … what it called “…”": the body the sentence is about
            body = _clause_subject(phrase.root, kind)
            if body is not None:
                return body
        # the most recent attribution that fits (a person for he/she; a group or body for they/it), if near
        for pos, name, person in reversed([h for h in self.history if h[0] < at]):
            if at - pos > 1500:
                break
            if (kind in "mf") == person and name.lower() not in PRONOUNS:
                if kind in "mf" and self.gender.get(name, kind) != kind:
                    continue  # "she" after a man's quote: look further back
                self.gender.setdefault(name, kind) if kind in "mf" else None
                return name
            if kind not in "mf":
                break
        if kind in "mf":  # the nearest person named in the two sentences before, one named as a subject first
            sent = phrase.sent
            lo = sent.start
            for _ in range(2):
                if lo > 0:
                    lo = self.doc[lo - 1].sent.start
            people = [e for e in entities(self.doc) if lo <= e.start and e.end <= phrase.start and e.label_ == "PERSON"]
            # as Hobbs's walk prefers subjects: "Jane Roe bought shares in Acme. He …" is Roe, not a company the
            # tagger took for a person
            subjects = [e for e in people if e.root.dep_ in ("nsubj", "nsubjpass")]
            for ent in [*reversed(subjects), *reversed(people)]:
                words = _strip_name(ent.text).split()
                if words:
                    name = self.full_names.get(words[-1].lower(), " ".join(words))
                    if self.gender.get(name, kind) == kind:
                        return name
        return phrase.text

    def remember(self, at: int, speaker: str, person: bool) -> None:
        self.history.append((at, speaker, person))


_FRONTED = frozenset("though although while when whenever after before as because since if once".split())


def _cataphora(pron: "Token", kind: str, resolver: "Resolver") -> str | None:
    """"he"/"she" as the subject of a fronted subordinate clause ("Though she called …, Clinton restricted …")
    stands for the person who is the subject of the main clause after it, when the gender does not contradict."""
    verb = pron.head
    if pron.dep_ != "nsubj" or verb.dep_ != "advcl" or verb.head.i < verb.i or not any(
            c.dep_ == "mark" and c.lower_ in _FRONTED for c in verb.children):
        return None
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i > verb.i), None)
    if subj is None or subj.ent_type_ != "PERSON":
        return None
    ent = entity_at(pron.doc, subj.i)
    words = _strip_name(ent.text).split() if ent is not None else []
    if not words:
        return None
    name = resolver.full_names.get(words[-1].lower(), " ".join(words))
    return name if resolver.gender.get(name, kind) == kind else None


def _clause_subject(pron: "Token", kind: str) -> str | None:
    """For "it"/"they" speaking in a clause inside a larger one ("what it called", "what they call"), the subject
    of the governing clause of the same sentence, when it is a body or group that fits the pronoun: a singular
    non-person noun phrase for "it", an organisation or a plural noun phrase for "they"."""
    verb = pron.head
    if pron.dep_ != "nsubj" or verb.dep_ in ("ROOT",):
        return None
    for anc in verb.ancestors:
        if anc.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in anc.children if c.dep_ == "nsubj"), None)
        if subj is None and anc.dep_ == "conj":
            subj = next((c for c in anc.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        if subj.pos_ == "PRON" or subj.ent_type_ in ("PERSON", "GPE", "NORP") or subj.sent != pron.sent:
            return None
        plural = subj.tag_ in ("NNS", "NNPS")
        if kind == "n" and plural or kind == "p" and not (
                plural or subj.ent_type_ == "ORG" or subj.lower_ in ORG_HEADS):
            return None
        start = subj.left_edge.i
        while start < subj.i and (subj.doc[start].is_punct or subj.doc[start].dep_ == "cc"):
            start += 1
        end = subj.i  # "an army of Bernie Sanders supporters (planning …)": the head and its "of" phrase
        for c in subj.rights:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None) if c.lower_ == "of" else None
            if pobj is not None and pobj.i < verb.i and pobj.i - subj.i <= 6:
                end = pobj.i
        return subj.doc[start: end + 1].text
    return None


_THIRD_PERSON = frozenset("he him his himself she her hers herself".split())


def _gender_cue(doc: "Doc", ent: "SpacySpan") -> str | None:
    """"m" or "f" where a gendered word stands right before the name ("Mrs. X", "Congressman X", "his wife, X") or
    heads its apposition ("X, the party's spokeswoman"), else None."""
    before = [t.lower_ for t in doc[max(0, ent.start - 2): ent.start]]
    first = ent[0].lower_
    if first in GENDERED_NOUNS:
        return GENDERED_NOUNS[first]
    if before and before[-1] in GENDERED_NOUNS:
        return GENDERED_NOUNS[before[-1]]
    if len(before) == 2 and before[-1] == "," and before[0] in GENDERED_NOUNS and doc[ent.start - 2].pos_ == "NOUN":
        return GENDERED_NOUNS[before[0]]
    for c in ent.root.children:
        if c.dep_ == "appos" and c.i >= ent.end and c.lower_ in GENDERED_NOUNS and doc[ent.end].text == ",":
            return GENDERED_NOUNS[c.lower_]
    return None


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s$", "", text.strip())


def _strip_name(text: str) -> str:
    words = _strip_possessive(text).split()
    while words and (words[0].lower() in TITLES or words[0].lower() in INVERTED_VERBS):
        words = words[1:]  # "Mr", "Gen."; "Said" glued to the name by the model ("Said Ellis")
    return " ".join(words)
