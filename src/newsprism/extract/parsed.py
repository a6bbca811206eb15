"""Reading a spaCy parse: the document's text and token attributes read once per parse, sentence starts found
locally, the dateline that opens a report, and the verb tests the clause rules share."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..lexicon.speech import DOCUMENT_NOUNS, STANCE_VERBS as SPEECH

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token


# A dateline opening a report: a place in capitals ("LONDON/WINDSOR:", "KARACHI, Pakistan:", "SINGAPORE -"), with
# or without the agency's credit ("KYIV (Reuters) -"); a place or date in title case only with the credit, as wires
# write it ("San Francisco (AFP) -", "April 10 (Reuters) -"), since "Ada Velt - the mayor" opens no dateline; or the
# credit alone, where the place went with the paragraph before ("(WAVY) --"); or a run of capitalised words and
# numbers closed by a colon ("New Delhi / Mumbai: An Indian warship …", "TNN Nov 12, 2011, 05.51AM IST MUMBAI: …"):
# a sentence's subject is never followed by a colon, so a colon after a run with no lower-case word closes a
# dateline or a label ("Update:"), never a clause (a dash is not enough: "Ada Velt - the mayor - said …"). Not
# before a quotation mark: 'Ada Velt: "We will …"' names the speaker.
# The colon may touch the first word ("SINGAPORE :China's coal imports"); a dash may not ("ABC-News").
_CREDIT = r"\([A-Z][^)]{1,39}\)"
DATELINE = re.compile(r"(?:[A-Z][\w.'’-]*(?:[ ,/]+(?:[A-Z][\w.'’-]*|\d[\w.]*)){0,7}(?=\s*:\s+[A-Z])"
                      r"|[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*"
                      r"(?:" + _CREDIT + r")?"
                      r"|[A-Z][\w.'’-]*(?:[ ,/]+(?:[A-Z][\w.'’-]*|\d{1,4})){0,4},?\s*" + _CREDIT +
                      r"|" + _CREDIT + r")\s*(?:[:—–-]+\s+(?=\S)|:(?=[A-Z\"“‘]))")


def doc_text(doc: "Doc") -> str:
    """The parsed text, joined once per document (``Doc.text`` joins every token again on each call)."""
    text = doc.user_data.get("newsprism_text")
    if text is None:
        text = doc.user_data["newsprism_text"] = doc.text
    return text


def entities(doc: "Doc") -> tuple["Span", ...]:
    """The named entities of a parse, built once (``Doc.ents`` builds every entity span again on each call)."""
    ents = doc.user_data.get("newsprism_ents")
    if ents is None:
        ents = doc.user_data["newsprism_ents"] = tuple(doc.ents)
    return ents


def _entity_starts(doc: "Doc") -> list[int]:
    starts = doc.user_data.get("newsprism_ent_starts")
    if starts is None:
        starts = doc.user_data["newsprism_ent_starts"] = [e.start for e in entities(doc)]
    return starts


def entity_at(doc: "Doc", i: int) -> "Span | None":
    """The named entity that holds token ``i``, if any."""
    ents = entities(doc)
    k = bisect_right(_entity_starts(doc), i) - 1
    return ents[k] if k >= 0 and i < ents[k].end else None


def entities_within(doc: "Doc", start: int, end: int) -> tuple["Span", ...]:
    """The named entities wholly inside tokens ``start`` to ``end`` (``Span.ents`` reads every entity of the doc)."""
    starts = _entity_starts(doc)
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    return tuple(e for e in entities(doc)[lo:hi] if e.end <= end)


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token attributes of one parse as Python lists (``Token`` objects are built on every ``doc[i]`` and
    ``.head``; the rules read these attributes millions of times in a large story)."""

    head: list[int]  # the absolute index of each token's head
    pos: list[str]  # ``pos_``
    dep: list[str]  # ``dep_``
    lemma: list[str]  # ``lemma_``
    text: list[str]  # ``text``
    sent_starts: list[int]  # the tokens that open a sentence (``is_sent_start`` true), ascending
    lower: list[str]  # ``lower_``
    is_stop: list[bool]  # ``is_stop``
    idx: list[int]  # ``idx``: the token's character offset


def token_table(doc: "Doc") -> TokenTable:
    """The ``TokenTable`` of a parse, read once (``Doc.to_array``) and kept with it."""
    table = doc.user_data.get("newsprism_tokens")
    if table is None:
        from spacy.attrs import DEP, HEAD, IDX, LEMMA, ORTH, POS, SENT_START

        n = len(doc)
        arr = doc.to_array([HEAD, POS, DEP, LEMMA, ORTH, SENT_START, IDX]).astype(np.int64) if n else \
            np.zeros((0, 7), np.int64)

        def names(k: int, *attrs: str) -> list[list]:
            """Each token's ``attrs`` as the first token with its value of column ``k`` reads them (the word's
            lowercase form and stop flag are the word's, as its text is: read by the word's form)."""
            _, first, inverse = np.unique(arr[:, k], return_index=True, return_inverse=True)
            out = []
            for attr in attrs:
                read = np.empty(len(first), dtype=object)
                read[:] = [getattr(doc[i], attr) for i in first.tolist()]  # the token's own reading of the value
                out.append(read[inverse].tolist())
            return out

        (pos,), (dep,), (lemma,) = names(1, "pos_"), names(2, "dep_"), names(3, "lemma_")
        text, lower, is_stop = names(4, "text", "lower_", "is_stop")
        table = TokenTable(head=(np.arange(n) + arr[:, 0]).tolist(), pos=pos, dep=dep, lemma=lemma, text=text,
                           sent_starts=np.flatnonzero(arr[:, 5] == 1).tolist(), lower=lower, is_stop=is_stop,
                           idx=arr[:, 6].tolist())
        doc.user_data["newsprism_tokens"] = table
    return table


def dateline_word(t: "Token") -> bool:
    """A word of the dateline opening its sentence (``DATELINE``: "LONDON:", "SAN FRANCISCO (AP) --",
    "San Francisco (AFP) -")."""
    doc = t.doc
    start = doc[sentence_start(doc, t.i)].idx
    # the dateline's end per sentence start, matched once per parse (the subject rules ask of many tokens)
    ends = doc.user_data.setdefault("newsprism_datelines", {})
    if start not in ends:
        m = DATELINE.match(doc_text(doc), start)
        ends[start] = m.end() if m else -1
    # the dash itself is no word of it; a dateline with nothing after it is a caption, not a dateline
    return t.idx < ends[start] and t.is_alpha


def sentence_start(doc: "Doc", i: int) -> int:
    """The first token of the sentence holding token ``i``, found locally (``Token.sent`` walks every sentence of
    the document, which made frames quadratic in the article's length): the last sentence start at or before it
    in the token table, else the first token."""
    starts = token_table(doc).sent_starts
    k = bisect_right(starts, i) - 1
    return starts[k] if k >= 0 else 0


def window_start(doc: "Doc", i: int, sentences_back: int) -> int:
    """The first token of the sentence ``sentences_back`` sentences before the one holding token ``i``."""
    start = sentence_start(doc, i)
    for _ in range(sentences_back):
        if start == 0:
            break
        start = sentence_start(doc, start - 1)
    return start


def is_cue(v: "Token") -> bool:
    """A verb of speech or stance ("said", "warned", "believes"), or "according to"."""
    lemma = v.lemma_.lower()
    return v.pos_ in ("VERB", "AUX") and lemma in SPEECH or (lemma == "accord" and any(c.lower_ == "to" for c in v.children))


def document_sender(v: "Token") -> "Token | None":
    """The verb whose object is the document a participle tells the words of ("X issued a statement saying …",
    "X sent out a news release announcing that …": "issued", "sent"; its subject speaks), else None."""
    sender = next((a for a in v.ancestors if a.pos_ == "VERB"), None)
    if sender is not None and any(c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in sender.children):
        return sender
    return None


def infinitive(v: "Token") -> bool:
    """A verb with its "to" ("to sign", "to curb")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


# Tense the tagger misread. A participle or bare form takes no subject of its own without an auxiliary ("the man
# arrested", "to leave"), so one that has both a subject of its own and no auxiliary carries tense itself: the
# tagger read a past tense as a participle ("the pair never dated", VBN for VBD) or a present as a bare form
# ("Ukraine and the West consider", VB for VBP). A bare form under "that" may be a subjunctive ("ordered that he
# leave"), so only a sentence's own root counts for it; a passive subject ("three people killed") does not count.
_OWN_SUBJECT_DEPS = {"VBN": ("ROOT", "ccomp", "conj"), "VB": ("ROOT",)}
# inside a sentence a participle after a noun may also be a small clause ("declared the territory annexed"): there
# only one with an object or complement of its own is read as a tense ("said the figures included 40 towns")
_OWN_OBJECT_DEPS = ("dobj", "dative", "attr", "oprd", "xcomp", "ccomp")


def misread_tense(v: "Token") -> bool:
    """A verb tagged participle or bare form that carries tense itself (see the comment above)."""
    deps = _OWN_SUBJECT_DEPS.get(v.tag_)
    if deps is None or v.dep_ not in deps or v.pos_ != "VERB":
        return False
    if any(c.dep_ in ("aux", "auxpass", "mark", "agent") or c.dep_ == "prep" and c.lower_ == "by"
           for c in v.children):
        return False  # an agent makes it passive: "Truss, appointed by the Queen, flew …" is a reduced relative
    doc = v.doc
    if any(c.dep_ == "nsubj" and c.right_edge.i + 1 == v.i - 1 and doc[v.i - 1].text == "," for c in v.children):
        return False  # "Truss, appointed prime minister, …": a participle set off after its noun is an aside
    if tensed_verb_joined(v) is not None:
        return False  # "Trucks … loaded with goods sat …": the tensed verb joined to it is the real one
    if v.dep_ != "ROOT" and not any(c.dep_ in _OWN_OBJECT_DEPS for c in v.children):
        return False  # "declaring the territory annexed": a participle after its noun may be a small clause
    return any(c.dep_ == "nsubj" and not dateline_word(c) for c in v.children)


def verb_taken_for_modifier(noun: "Token") -> "Token | None":
    """The main verb the parse hung from its own subject as a modifier, leaving the sentence with no verb ("The
    coin, also known as UST, crumbled from its peg and brought down …": "crumbled" read as a reduced relative).

    Taken only where the noun is the sentence's root, and the modifier after it is a past tense form that is active: it
    has a direct object of its own, or a coordinated verb tagged past tense, and it is no aside closed by a comma ("The
    coin, also called UST, …"). A true reduced relative is passive ("the man arrested on Monday", "a photo released by
    the police") and has neither; an irregular participle that is no past tense ("given", "known") is never taken, as a
    passive keeps its second object ("firms given tax breaks")."""
    if noun.dep_ != "ROOT" or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    for v in noun.children:
        if v.dep_ != "acl" or v.i < noun.i or v.pos_ != "VERB":
            continue
        after = v.right_edge.i + 1
        if after < len(v.doc) and v.doc[after].text in (",", "—", "–", "-", ")"):
            continue  # an aside set off after the noun ("The coin, also called UST, …") is no main verb
        if not (v.tag_ == "VBD" or v.tag_ == "VBN" and v.lower_.endswith("ed")):
            continue
        if any(c.dep_ in ("aux", "auxpass", "agent", "mark", "nsubj", "nsubjpass") for c in v.children):
            continue
        if any(c.dep_ == "dobj" for c in v.children) or any(c.dep_ == "conj" and c.tag_ == "VBD" for c in v.children):
            return v
    return None


def tensed_verb_joined(v: "Token") -> "Token | None":
    """The sentence's real verb where the parse made a participle the root and joined the tensed verb to it with
    no "and" ("Trucks loaded with goods sat motionless": "sat"); the participle modifies the subject."""
    if v.tag_ not in ("VBN", "VBG") or v.dep_ != "ROOT" or any(c.dep_ in ("aux", "auxpass") for c in v.children):
        return None
    # a present participle the same ("The navy patrolling the gulf on Thursday thwarted an attack": "thwarted",
    # joined as a clause of its own with no subject nor conjunction)
    joins = ("conj",) if v.tag_ == "VBN" else ("conj", "advcl")
    return next((c for c in v.children if c.dep_ in joins and c.tag_ in ("VBD", "VBZ", "VBP") and
                 not any(d.dep_ == "cc" and v.i < d.i < c.i for d in v.children) and
                 (v.tag_ == "VBN" or not any(d.dep_ in ("nsubj", "nsubjpass", "mark", "advmod") and d.i < c.i
                                             for d in c.children))),
                None)
