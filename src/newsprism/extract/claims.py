"""Claims: the story sentences of one article cut into statements, each with its frame.

A claim is a sentence, or a clause where a sentence joins independent statements ("A; B", "A, but B" with its own
subject). Each gets who says it (reported speech), its entities, figures and times, the lemma of its main verb,
its polarity and its modality, read from the dependency parse. The frame (``Frame``) keeps the extra slots that
alignment and comparison need (content of the reported speech, aspect, duration, state cues) without widening the
public ``Claim`` record.

Entities, figures, quotes and times come from the per-article stages (one implementation each); an article
where a stage found nothing simply has no such slot.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from ..model import ArticleFacts, Claim, Figure, Modality, Mention, Polarity, Span
from ..lexicon.function_words import (
    FUTURE_AUX, GENERIC_WORDS as _GENERIC, NEGATIONS, SCHEDULED_WORDS, UNCERTAIN_WORDS,
)
from ..lexicon.function_words import SUBJECT_PRONOUNS as _PRONOUNS
from ..lexicon.places import HELD_PLACES as _PLACE_NOUNS
from ..lexicon.people import GENDERED_NOUNS
from ..lexicon.reasons import AIM_MARKS, AIM_NOUNS, AIM_PHRASES
from ..lexicon.speech import DIRECTIVE_VERBS, PREDICTIVE_CUES, STANCE_VERBS as SPEECH, UNCERTAIN_CUES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan


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
    obj: str | None = None  # the head lemma of the content's object or complement
    verb: str | None = None  # the lemma of the content's main verb as written ("extinguish"; predicate is its family)
    hypothetical: bool = False  # a condition, a supposition ("if …", "even a 6% rate would …") or what someone
    # was urged or pledged to do ("urged the island not to sign"): not asserted
    excluded: str | None = None  # why the clause may not be compared (a question, a headline, …); None: a statement
    description: bool = False  # how the outlet describes a participant ("Musk, Twitter's largest shareholder,")
    aim: bool = False  # why the participant acted, told inside the act's statement ("ordered checks to curb smuggling")

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


# ---------------------------------------------------------------------------------------------------------------
# Clause splitting


# A dateline opening a report: a place in capitals ("LONDON/WINDSOR:", "KARACHI, Pakistan:", "SINGAPORE -"), with
# or without the agency's credit ("KYIV (Reuters) -"); a place or date in title case only with the credit, as wires
# write it ("San Francisco (AFP) -", "April 10 (Reuters) -"), since "Ada Velt - the mayor" opens no dateline; or the
# credit alone, where the place went with the paragraph before ("(WAVY) --")
# The colon may touch the first word ("SINGAPORE :China's coal imports"); a dash may not ("ABC-News").
_CREDIT = r"\([A-Z][^)]{1,39}\)"
DATELINE = re.compile(r"(?:[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*"
                      r"(?:" + _CREDIT + r")?"
                      r"|[A-Z][\w.'’-]*(?:[ ,/]+(?:[A-Z][\w.'’-]*|\d{1,4})){0,4},?\s*" + _CREDIT +
                      r"|" + _CREDIT + r")\s*(?:[:—–-]+\s+(?=\S)|:(?=[A-Z\"“‘]))")


def doc_text(doc: "Doc") -> str:
    """The parsed text, joined once per document (``Doc.text`` joins every token again on each call)."""
    text = doc.user_data.get("newsprism_text")
    if text is None:
        text = doc.user_data["newsprism_text"] = doc.text
    return text


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


def token_table(doc: "Doc") -> TokenTable:
    """The ``TokenTable`` of a parse, read once (``Doc.to_array``) and kept with it."""
    table = doc.user_data.get("newsprism_tokens")
    if table is None:
        from spacy.attrs import DEP, HEAD, LEMMA, ORTH, POS, SENT_START

        n = len(doc)
        arr = doc.to_array([HEAD, POS, DEP, LEMMA, ORTH, SENT_START]).astype(np.int64) if n else \
            np.zeros((0, 6), np.int64)
        cols = [arr[:, k].tolist() for k in range(5)]

        def names(ids: list[int], attr: str) -> list[str]:
            seen: dict[int, str] = {}
            for i, v in enumerate(ids):
                if v not in seen:
                    seen[v] = getattr(doc[i], attr)  # the token's own reading of the value
            return [seen[v] for v in ids]

        table = TokenTable(head=[i + h for i, h in enumerate(cols[0])], pos=names(cols[1], "pos_"),
                           dep=names(cols[2], "dep_"), lemma=names(cols[3], "lemma_"), text=names(cols[4], "text"),
                           sent_starts=np.flatnonzero(arr[:, 5] == 1).tolist())
        doc.user_data["newsprism_tokens"] = table
    return table


def _trim(doc: "Doc", start: int, end: int) -> tuple[int, int]:
    """Token range without a leading dateline, leading conjunctions/punctuation and trailing punctuation (keeps
    closing quotes)."""
    if start < end:
        m = DATELINE.match(doc_text(doc), doc[start].idx)
        if m and m.end() < doc[end - 1].idx:
            while start < end and doc[start].idx < m.end():
                start += 1
    while start < end and (doc[start].is_punct and doc[start].text not in "\"“‘'" or doc[start].dep_ == "cc"):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text in ",;:—–-":
        end -= 1
    return start, end


def split_clauses(sent: "DocSpan") -> list[tuple[int, int]]:
    """Token ranges of the independent statements in one parsed sentence.

    Why: "A said X, but said Y" and "X; Y" state two facts that other sources may confirm or contradict apart.
    A coordinated verb is split off only with its own subject or as a new speech act, and only when both parts
    are long enough to be statements (short coordinations like "looted and burned" stay whole).
    """
    doc = sent.doc
    tt = token_table(doc)
    cuts: set[int] = set()
    for i in range(sent.start, sent.end):
        if tt.text[i] == ";":
            cuts.add(i)
        if tt.dep[i] != "conj" or tt.pos[i] not in ("VERB", "AUX") or tt.head[i] >= i:
            continue
        tok = doc[i]
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
        if not (own_subject or tok.lemma_ in SPEECH):
            continue
        if tok.lemma_ in SPEECH and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
            continue  # "CONTENT, X told Reuters": a postposed attribution belongs to its content
        cc = [c for c in tok.head.children if c.dep_ == "cc" and tok.head.i < c.i < tok.i]
        left = min((t.i for t in tok.subtree), default=tok.i)
        if not cc and not (left - 1 >= sent.start and doc[left - 1].text in (",", ";", "—", "–")):
            continue  # no coordinator and no punctuation: not two statements side by side
        cut = cc[-1].i if cc else left
        if cut - 1 > sent.start and doc[cut - 1].is_punct:
            cut -= 1
        cuts.add(cut)
    ranges: list[tuple[int, int]] = []
    start = sent.start
    for cut in sorted(cuts) + [sent.end]:
        s, e = _trim(doc, start, cut)
        if e - s >= 4:
            ranges.append((s, e))
        elif ranges and e > s:  # a stub joins the previous clause rather than vanish
            ranges[-1] = (ranges[-1][0], e)
        start = cut
    if not ranges:
        ranges = [_trim(doc, sent.start, sent.end)]
    # A clause with no verb of its own is not a statement: fold it back.
    merged: list[tuple[int, int]] = []
    for s, e in ranges:
        if merged and not any(tt.pos[i] in ("VERB", "AUX") for i in range(s, e)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


# ---------------------------------------------------------------------------------------------------------------
# Frame slots from the parse


def _root(doc: "Doc", s: int, e: int) -> "Token":
    """The head of a token range: the token whose head lies outside the range (first verb preferred)."""
    tt = token_table(doc)
    head, pos = tt.head, tt.pos
    outside = [i for i in range(s, e) if not s <= head[i] < e or head[i] == i]
    verbs = [i for i in outside if pos[i] in ("VERB", "AUX")]
    return doc[(verbs or outside or [s])[0]]


def _is_cue(v: "Token") -> bool:
    lemma = v.lemma_.lower()
    return v.pos_ in ("VERB", "AUX") and lemma in SPEECH or (lemma == "accord" and any(c.lower_ == "to" for c in v.children))


def _subject_of(v: "Token") -> "Token | None":
    """The subject of a cue verb, or of the verb it hangs from ("X was reported as saying ...")."""
    for t in [v, *v.ancestors][:4]:
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    return None


def _speech_frame(root: "Token", s: int, e: int) -> tuple["Token | None", "Token | None", list["Token"]]:
    """(cue verb, subject of the cue, content tokens) when the clause is reported speech, else (None, None, [])."""
    doc = root.doc
    deps = ("ccomp", "parataxis", "conj", "advcl", "ROOT", "pcomp", "xcomp")
    dep = token_table(doc).dep
    cands = [root] + [doc[i] for i in range(s, e) if i != root.i and dep[i] in deps]
    cands = [v for v in cands
             if _is_cue(v) and not (v.i != root.i and v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp", "conj"))]
    # a participle ("..., vowing they would ...") adds colour to the main statement and is skipped above
    if not cands:
        return None, None, []

    def comp_of(v: "Token") -> "Token | None":
        direct = next((c for c in v.children if c.dep_ in ("ccomp", "xcomp") and s <= c.i < e), None)
        if direct is not None:
            return direct
        # "told Reuters in an interview that …": the "that" clause hangs from a noun after the cue
        for t in v.subtree:
            if s <= t.i < e and t.pos_ in ("VERB", "AUX") and t.i > v.i and t.dep_ in ("acl", "relcl", "ccomp") \
                    and any(c.lower_ == "that" and c.dep_ == "mark" for c in t.children):
                return t
        return None

    v = next((c for c in cands if comp_of(c) is not None), cands[0])
    subj = _subject_of(v)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == v.i:
        subj = None  # "Residents were told to ...": the subject is the addressee, not the speaker
    comp = comp_of(v)
    if comp is not None:
        content = [t for t in comp.subtree if s <= t.i < e]
    elif v.head.i != v.i and v.head.i < v.i and s <= v.head.i < e:  # "CONTENT, X told Reuters"
        cue = {t.i for t in v.subtree}
        content = [t for t in v.head.subtree if t.i not in cue and s <= t.i < e]
    else:  # "“CONTENT,” X said": the rest of the clause
        cue = {t.i for t in v.subtree}
        content = [t for t in doc[s:e] if t.i not in cue]
    content = [t for t in content if not (t.is_punct and t.text in ",;")]
    if content and any(t.pos_ in ("VERB", "AUX", "NOUN", "PROPN") for t in content):
        return v, subj, content
    return v, subj, []


def _speaker_text(subj: "Token") -> "DocSpan":
    """The speaker's words: the subject with its modifiers and "of/for" phrases, without appositions."""
    doc = subj.doc
    end = subj.i + 1
    for c in subj.rights:
        if c.dep_ == "prep" or (c.dep_ in ("appos", "compound") and c.i == end):  # "the operator Baltic Gate"
            end = max(end, c.right_edge.i + 1)
        else:
            break
    start = subj.left_edge.i
    for i in range(start, end):
        if doc[i].text == ",":
            end = i
            break
    return doc[start:end]


def _content_root(tokens: list["Token"]) -> "Token | None":
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    head = token_table(tokens[0].doc).head
    heads = [t for t in tokens if head[t.i] not in ids or head[t.i] == t.i]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    return (verbs or heads)[0]


def scheduled_act(root: "Token") -> "Token | None":
    """The act a scheduled-future construction names: "is due to meet", "is set to meet", "was scheduled to
    visit" -> meet / visit (the clause's own root is "be" or the participle, its subject the actor's)."""
    holders = []
    if root.lemma_.lower() == "be":
        holders = [c for c in root.children if c.dep_ in ("acomp", "attr") and c.lower_ in SCHEDULED_WORDS]
    elif root.lower_ in SCHEDULED_WORDS and root.tag_ == "VBN":
        holders = [root]
    for h in holders:
        act = next((c for c in h.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if act is not None:
            return act
    return None


def _modality(cue: "Token | None", root: "Token", span_tokens: list["Token"]) -> tuple[Polarity, Modality]:
    """Polarity and modality of the content, from the cue verb, the content verb's auxiliaries and hedges."""
    lower = {t.lower_ for t in span_tokens}

    def negated(v: "Token") -> bool:
        return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "neg") for c in v.children)

    if cue is not None:
        lemma = cue.lemma_.lower()
        if lemma == "confirm":
            return ("negated", "not_confirmed") if negated(cue) or _aux_negated(cue) else ("affirmed", "confirmed")
        if lemma == "deny":
            return "negated", "denied"
    if root.lemma_.lower() == "confirm":  # "Kyiv could not yet confirm whether ..."
        return ("negated", "not_confirmed") if negated(root) else ("affirmed", "confirmed")
    if any(c.lemma_.lower() == "confirm" and negated(c) for c in root.children):
        return "negated", "not_confirmed"
    polarity: Polarity = "negated" if negated(root) or _no_subject(root) else "affirmed"
    aux = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    if lower & {"may", "might", "could"} & aux or lower & (UNCERTAIN_WORDS - {"may", "might", "could"}) or (
            cue is not None and cue.lemma_.lower() in UNCERTAIN_CUES):
        return polarity, "uncertain"
    if aux & FUTURE_AUX or (cue is not None and cue.lemma_.lower() in PREDICTIVE_CUES) or (
            root.lemma_.lower() in ("expect", "forecast", "predict") and root.tag_ == "VBN"):
        return polarity, "predicted"
    if polarity == "negated":
        return polarity, "asserted"
    return polarity, "asserted"


def _aux_negated(v: "Token") -> bool:
    return any(c.dep_ == "neg" for c in v.children) or any(
        c.dep_ == "neg" for a in v.children if a.dep_ == "aux" for c in a.children)


def _no_subject(v: "Token") -> bool:
    """"There are no indications ...", "No evidence was found": negation carried by the determiner."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "attr", "dobj") and any(d.lower_ in ("no", "none") and d.dep_ == "det"
                                                                      for d in c.children) for c in v.children)


_NON_FACTIVE = {"specify", "say", "comment", "disclose", "reveal", "give", "confirm", "regret", "elaborate", "detail",
                "mention", "imply", "rule", "know", "want", "need", "expect", "think", "believe", "plan"}
_LIGHT = {"be", "have", "do", "make", "get", "take", "go", "come", "set", "put"}


# a negation of these verbs affirms ("never missed an opportunity", "did not fail to"): nothing is denied
_NEGATIVE_VERBS = {"miss", "fail", "lack", "lose", "forget", "neglect", "avoid", "refuse", "hesitate", "cease",
                   "stop", "prevent", "deny", "reject", "doubt"}
# what a negated verb denies: its objects and complements, not its adjuncts ("despite ...", "if ...", "after ...")
_DENIED_DEPS = {"dobj", "attr", "acomp", "oprd", "xcomp", "ccomp", "dative", "agent", "prep"}
_ADJUNCT_PREPS = {"despite", "after", "before", "since", "until", "during", "although", "though", "because",
                  "unlike", "besides", "beyond", "amid", "while", "as", "like"}


def _core(t: "Token") -> set[str]:
    """The words a denied argument names: a noun with its compounds and "of" noun, or a verb with its object;
    never the clauses hung on it ("an opportunity to remind the audience ..." -> opportunity)."""
    out: set[str] = set()
    if t.dep_ in ("prep", "agent"):
        if t.lower_ in _ADJUNCT_PREPS:
            return out
        return set().union(*(_core(c) for c in t.children if c.dep_ == "pobj"))
    if t.pos_ in ("NOUN", "VERB") and t.lemma_.lower() not in _LIGHT:
        out.add(t.lemma_.lower())
    for c in t.children:
        if c.dep_ == "compound" and c.pos_ == "NOUN":
            out.add(c.lemma_.lower())
        elif c.dep_ == "prep" and c.lower_ == "of" or (t.pos_ == "VERB" and c.dep_ in ("dobj", "attr", "agent")):
            out |= _core(c)
    return out


def _negated_lemmas(tokens: list["Token"]) -> frozenset[str]:
    """Common nouns and verbs that a negation denies: "no indications that a trap is set" -> trap; "did not
    change the status" -> status. Subjects are not denied, nor are the words under "did not specify/say", nor
    adjuncts ("despite ...", "if ..."), nor anything under a negated negative verb ("never missed")."""
    out: set[str] = set()

    def words(t: "Token") -> set[str]:
        return {x.lemma_.lower() for x in t.subtree if x.pos_ in ("NOUN", "VERB") and x.lemma_.lower() not in _LIGHT}

    for t in tokens:
        if t.lower_ in ("no", "none") and t.dep_ == "det":
            head = t.head
            container = any(c.dep_ in ("acl", "ccomp", "relcl") for c in head.children)  # "no sign that ..."
            out |= words(head) - ({head.lemma_.lower()} if container else set())
        elif t.dep_ == "neg" and t.head.lemma_.lower() not in _NON_FACTIVE | _NEGATIVE_VERBS:
            v = t.head
            for c in v.children:
                if c.dep_ in _DENIED_DEPS:
                    out |= _core(c)
            if v.pos_ == "VERB" and v.lemma_.lower() not in _LIGHT:
                out.add(v.lemma_.lower())
    return frozenset(out)


def _aspect(root: "Token", modality: Modality, tokens: list["Token"]) -> Aspect:
    lemmas = {t.lemma_.lower() for t in tokens}
    if modality == "predicted" and "take" in lemmas:
        return "forecast"
    if root.lemma_.lower() in COMPLETIVE or any(c.lemma_.lower() in COMPLETIVE for c in root.children
                                                  if c.dep_ in ("xcomp", "ccomp")):
        return "completed" if modality not in ("predicted", "uncertain") else "none"
    if root.lemma_.lower() in INCEPTIVE:
        return "began"
    if root.lemma_.lower() in CONTINUATIVE or root.tag_ == "VBG" and any(c.lemma_ == "be" for c in root.children):
        return "ongoing"
    if (root.tag_ in ("VBD", "VBN") and modality in ("asserted", "confirmed") and _family(root)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)):
        return "completed"
    return "none"




def _family(t: "Token") -> str | None:
    """The event family of one token; "leave" counts as withdrawing only when what is left is a place, "pull"
    only with "out" or "back"."""
    lemma = t.lemma_.lower()
    fam = FAMILY_OF.get(lemma) or FAMILY_OF.get(t.lower_)
    if fam == "withdraw" and lemma == "pull" and not any(c.lower_ in ("out", "back") and c.i > t.i
                                                          for c in t.children):
        return None  # "pulled by sailors", "pulled the lever": only "pull out/back" is a withdrawal
    if fam == "withdraw" and lemma == "leave":
        if any(c.lower_ == "behind" for c in t.children):
            return None
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.ent_type_ not in ("GPE", "LOC", "FAC") and obj.pos_ != "PROPN" and \
                obj.lemma_.lower() not in _PLACE_NOUNS:
            return None
    return fam


_EVENT_LINKS = ("xcomp", "ccomp", "advcl", "dobj", "attr", "nsubjpass", "pcomp")


def _event(root: "Token", allowed: set[int]) -> str | None:
    """The family of the main event: the root, or within two steps down its verb/object links
    ("finished withdrawing" -> withdraw; "take a week to complete the withdrawal" -> withdraw)."""
    frontier = [root]
    for _ in range(3):
        nxt = []
        for t in frontier:
            if t.i not in allowed:
                continue
            fam = _family(t)
            if fam:
                return fam
            nxt.extend(c for c in t.children if c.dep_ in _EVENT_LINKS)
        frontier = nxt
    return None


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


# ---------------------------------------------------------------------------------------------------------------
# Statements: what may be compared across sources
#
# Only a statement is compared: a clause with a finite verb and an explicit subject that names someone or
# something. Questions ask, headlines announce, credit and sign-up lines sell, and a one- or two-word quote
# ("Don't.") says nothing another source could confirm; a clause whose subject is a pronoun that cannot be
# resolved ("It was the worst") is about something the reader of the clause alone cannot know.

_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
# pronouns resolved to the last named person ("he", "she"); to the speaker inside a quote ("I"); all others kept out
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_FIRST_PERSON = {"i", "me"}
# verbs whose "it" subject is empty, standing for a clause or phrase after them ("it will take a week for …")
_EXTRAPOSING = {"be", "take", "seem", "appear", "remain", "become", "matter", "emerge", "turn", "cost", "look"}
_POSSESSIVES = {"his", "her", "its", "their", "my", "our", "your"}
_SPEAKER_PRONOUNS = {"he", "she", "it", "they", "we", "i"}  # in reported content: the speaker (see resolve_subject)
_PARTITIVE = {"one", "some", "many", "few", "all", "both", "each", "most", "several", "two", "three"}
_UNRESOLVED = {"it", "they", "them", "we", "us", "you", "this", "that", "these", "those", "one", "who", "which",
               "what", "something", "someone", "anyone", "everyone", "all", "some", "both", "each", "many", "few"}
_BOILERPLATE = re.compile(
    r"\b(?:sign up|signing up|newsletter|subscribe|subscription|click here|read more|follow (?:us|him|her) on|"
    r"all rights reserved|copyright|download (?:our|the) app|terms of (?:use|service)|privacy policy|"
    r"contact us|email us|(?:this|the) (?:story|article) (?:has been|was) (?:updated|corrected)|"
    r"listen to (?:this|the) (?:story|article|podcast)|watch (?:the )?video|share this)\b|©", re.I)
# "if", "unless", "even if", "suppose": a condition; "even a 6% jobless rate would cost …": a supposition
_CONDITION_MARKS = {"if", "unless", "whether", "suppose", "supposing", "assuming", "provided"}
MIN_STATEMENT_WORDS = 4
MIN_QUOTE_WORDS = 3


def _words_of(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+", text)


def is_headline(text: str, title: str | None) -> bool:
    """The article's headline (or a piece of it) repeated in the body."""
    if not title:
        return False
    t = " ".join(w.casefold() for w in _words_of(text))
    h = " ".join(w.casefold() for w in _words_of(title))
    return bool(t) and (t == h or f" {t} " in f" {h} ")


# A quote credited to a bare pronoun ("…," he said): shown alone, the reader cannot tell who says it
_PRONOUN_CREDIT = re.compile(
    r"[,.!?…]\s*[\"”]\s*(?:he|she|they|we)\s+"
    r"(?:said|says|added|adds|noted|stated|explained|wrote|continued|insisted)\b"
    r"|[,.!?…]\s*[\"”]\s*(?:said|added)\s+(?:he|she|they)\b", re.I)


def reads_alone(text: str) -> bool:
    """A statement a reader can take on its own: it opens like a sentence (a capital after any opening quotation
    mark), any quote in it is whole (a quote cut open, "By the time we meet, we must ask the hard question", is
    a piece of a longer remark), and a quote in it is not credited to a bare pronoun."""
    first = next((c for c in text if c.isalpha()), "")
    if not first.isupper():
        return False
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return False
    return not _PRONOUN_CREDIT.search(text)


_QUOTE_MARKS = re.compile(r"[\"“”]")


def direct_quote(f: "Frame") -> bool:
    """The frame's content is a speaker's own words: at least 80 % of its letters lie inside quotation marks of
    its sentence (a quote left open at the sentence's end runs on)."""
    off = f.content.start - f.claim.span.start
    inside, open_at = [], None
    for m in _QUOTE_MARKS.finditer(f.text):
        if open_at is None:
            open_at = m.end()
        else:
            inside.append((open_at, m.start()))
            open_at = None
    if open_at is not None:
        inside.append((open_at, len(f.text)))
    if not inside:
        return False  # no quotation mark: no letter is quoted (most sentences; the letter scan was the cost)
    text = f.content_text
    letters = sum(map(str.isalnum, text))
    # the quoted stretches are disjoint: the letters inside are counted stretch by stretch, as content offsets
    covered = sum(sum(map(str.isalnum, text[max(0, a - off):max(0, b - off)])) for a, b in inside)
    return bool(letters) and covered >= 0.8 * letters


def _finite(v: "Token") -> bool:
    """A verb that carries tense itself or through an auxiliary ("was mined", "will take", "has left")."""
    if v.tag_ in _FINITE_TAGS:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in v.children)


def _dateline_word(t: "Token") -> bool:
    """A word of the dateline opening its sentence (``DATELINE``: "LONDON:", "SAN FRANCISCO (AP) --",
    "San Francisco (AFP) -")."""
    doc = t.doc
    start = doc[_sentence_start(doc, t.i)].idx
    # the dateline's end per sentence start, matched once per parse (the subject rules ask of many tokens)
    ends = doc.user_data.setdefault("newsprism_datelines", {})
    if start not in ends:
        m = DATELINE.match(doc_text(doc), start)
        ends[start] = m.end() if m else -1
    # the dash itself is no word of it; a dateline with nothing after it is a caption, not a dateline
    return t.idx < ends[start] and t.is_alpha


def subject_token(v: "Token") -> "Token | None":
    """The explicit subject of a verb, or of the verb it is coordinated with ("X rose and then fell")."""
    for t in (v, v.head if v.dep_ == "conj" else None):
        if t is None:
            continue
        # a dateline parsed as a subject ("LONDON: Prime Minister Liz Truss will …") is not the subject
        subj = next((c for c in t.children if c.dep_ in _SUBJECT_DEPS and not _dateline_word(c)), None)
        # the parse hung the real subject from the dateline ("SAN FRANCISCO (AP) -- Twitter's largest investor …")
        dateline = next((c for c in t.children if c.dep_ in _SUBJECT_DEPS and _dateline_word(c)), None)
        if subj is None and dateline is not None:
            subj = next((c for c in dateline.children if c.dep_ == "appos" and c.i > dateline.i and
                         not _dateline_word(c) and c.pos_ in ("NOUN", "PROPN", "NUM") and
                         not (c.pos_ == "PROPN" and c.is_upper)), None)
        if subj is None:
            # the parse hung the subject from the auxiliary before the verb ("Australia was … communicating")
            subj = next((g for c in t.children if c.dep_ in ("aux", "auxpass") and c.i < t.i for g in c.children
                         if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i and not _dateline_word(g)), None)
        if subj is None:
            subj = _name_taken_for_adverb(t)
        if subj is not None:
            if subj.dep_ == "expl":  # "there are no signs …": the existential's noun is what it is about
                attr = next((c for c in t.children if c.dep_ in ("attr", "dobj", "nsubj")), None)
                return attr or subj
            return subj
    return None


_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def _name_taken_for_adverb(v: "Token") -> "Token | None":
    """The subject of a verb the parse left without one because it took the name opening the sentence, set off by
    a comma, for an adverb ("Truss, on her first visit, will call …", "Asean, however, has not …"): a capitalised
    first word hung from the verb as a modifier that the article names as a person, organisation or place (here
    or elsewhere: "Truss" read as the noun "truss" here, named in "Liz Truss" before)."""
    doc = v.doc
    for c in v.children:
        if c.dep_ not in ("advmod", "npadvmod", "dep", "nmod") or c.i >= v.i or not c.is_title:
            continue
        if c.i != _sentence_start(doc, c.i) or c.i + 1 >= len(doc) or doc[c.i + 1].text != ",":
            continue
        if c.ent_type_ in _NAME_LABELS or any(c.text in e.text.split() for e in doc.ents if e.label_ in _NAME_LABELS):
            return c
    return None


def _hypothetical(content: list["Token"], root: "Token") -> bool:
    """A condition or supposition governs the content: "if …", "even a 6% rate would …", "could cost"."""
    words = {t.lower_ for t in content}
    if words & _CONDITION_MARKS and any(t.lower_ in _CONDITION_MARKS and t.dep_ in ("mark", "advmod", "prep")
                                         for t in content):
        return True
    aux = {c.lower_ for c in root.children if c.dep_ == "aux"}
    return bool(aux & {"would", "could", "might"} and "even" in words)


# Directives and pledges: "Officials urged the island not to sign the pact", "The mayor vowed to reopen the pier".
# The content is an infinitive, so it has no finite verb of its own: the cue's is the statement's. Who is to act is
# the addressee of a directive, the speaker of a pledge. What was urged or pledged is not asserted (like a condition,
# ``Frame.hypothetical``): it is compared only with other content that is not asserted, never against a fact.
_PLEDGE_VERBS = frozenset({"promise", "vow", "pledge", "threaten"})


def _infinitive(v: "Token") -> bool:
    """A verb with its "to" ("to sign", "to curb")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def directive_doer(cue: "Token | None", root: "Token") -> "Token | None":
    """Who is to do what a finite directive or pledge cue's infinitive content says, or None (not that case)."""
    if cue is None or root.head.i != cue.i or not _finite(cue) or cue.lemma_.lower() not in DIRECTIVE_VERBS or \
            root.pos_ not in ("VERB", "AUX") or not _infinitive(root):
        return None
    if cue.lemma_.lower() in _PLEDGE_VERBS:
        return subject_token(cue)
    return next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN", "PRON")),
                None)


def statement_check(text: str, title: str | None, content: list["Token"], root: "Token",
                    quoted: bool) -> str | None:
    """Why a clause may not be compared, or None when it is a statement (see the section comment)."""
    words = _words_of(text)
    if "?" in text:
        return "question"
    if _BOILERPLATE.search(text):
        return "boilerplate"
    if is_headline(text, title):
        return "headline"
    if len(words) < MIN_STATEMENT_WORDS:
        return "fragment"
    if quoted and len(_words_of(" ".join(t.text for t in content))) < MIN_QUOTE_WORDS:
        return "short quote"
    if root.pos_ not in ("VERB", "AUX") or not _finite(root):
        return "no finite verb"
    if subject_token(root) is None:
        return "no subject"
    return None


def _dummy_it_subject(v: "Token") -> "Token | None":
    """The logical subject behind an empty "it": "it will take Russia a week to …" (Russia), "it will take a week
    for Russia to …" (Russia), "it is likely that prices rise" (prices)."""
    for c in v.children:
        # "take Russia a week": the dative, or a named direct object before the duration
        if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN") or c.dep_ == "dobj" and c.pos_ == "PROPN":
            return c
    doc = v.doc
    for c in v.subtree:
        if c.lower_ != "for" or c.i <= v.i:
            continue
        obj = next((g for g in c.children if g.dep_ in ("pobj", "nsubj")), None)
        after = doc[obj.i + 1: obj.i + 3] if obj is not None else ()
        # "for Russia to withdraw": the noun is the subject of the infinitive after it
        if obj is not None and obj.pos_ in ("PROPN", "NOUN") and any(t.lower_ == "to" for t in after):
            return obj
        if c.dep_ == "mark" and c.head.i > v.i:
            sub = next((g for g in c.head.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if sub is not None and sub.pos_ in ("PROPN", "NOUN"):
                return sub
    for c in v.children:
        if c.dep_ in ("ccomp", "xcomp", "csubj", "advcl"):
            sub = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if sub is not None and sub.lower_ != "it":
                return sub
    return None


def _sentence_start(doc: "Doc", i: int) -> int:
    """The first token of the sentence holding token ``i``, found locally (``Token.sent`` walks every sentence of
    the document, which made frames quadratic in the article's length): the last sentence start at or before it
    in the token table, else the first token."""
    starts = token_table(doc).sent_starts
    k = bisect_right(starts, i) - 1
    return starts[k] if k >= 0 else 0


def _window_start(doc: "Doc", i: int, sentences_back: int) -> int:
    """The first token of the sentence ``sentences_back`` sentences before the one holding token ``i``."""
    start = _sentence_start(doc, i)
    for _ in range(sentences_back):
        if start == 0:
            break
        start = _sentence_start(doc, start - 1)
    return start


def _person_antecedent(pron: "Token", mentions: list[Mention], sentences_back: int = 3) -> Mention | None:
    """The person "he"/"she" stands for: the nearest earlier person named as a subject (or speaker-like
    subject) in this or the ``sentences_back`` sentences before, as Hobbs's walk prefers subjects; a person
    named only in passing ("… like Louis XIV") is not taken. None when no such subject is found."""
    doc = pron.doc
    start = _window_start(doc, pron.i, sentences_back)
    for t in reversed(doc[start: pron.i]):
        if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ != "PROPN":
            continue
        m = next((m for m in mentions if m.label == "PERSON" and m.span.start <= t.idx < m.span.end), None)
        if m is not None:
            return m
    # no person named as a subject nearby: the one person the article has named so far, if it named only one
    # ("… with Prime Minister Jane Roe signalling her priorities. … She will meet …"), else the one it has made
    # the subject of a clause, its protagonist (a queen named only at her funeral does not compete)
    earlier = [m for m in mentions if m.label == "PERSON" and m.span.end <= pron.idx]
    if earlier and len({entity_key(m) for m in earlier}) == 1:
        return earlier[-1]
    acting = {entity_key(m): m for at, m in _person_subjects(doc, mentions) if at < pron.idx and m.span.end <= pron.idx}
    return next(iter(acting.values())) if len(acting) == 1 else None


def _person_noun_antecedent(pron: "Token", mentions: list[Mention], sentences_back: int = 3) -> "Token | None":
    """The unnamed person "he"/"she" stands for: the nearest earlier subject that is a noun for a person of the
    pronoun's gender ("The 36-year-old woman was found … She stabbed …": the woman), in this or the
    ``sentences_back`` sentences before. None when a named person is a subject nearer (`_person_antecedent` takes
    that one) or no such noun is a subject there; a person of the other gender in between is passed over."""
    doc = pron.doc
    gender = "f" if pron.lower_ in ("she", "her") else "m"  # "he", "him", "his"
    start = _window_start(doc, pron.i, sentences_back)
    for t in reversed(doc[start: pron.i]):
        if t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if t.pos_ == "PROPN" and any(m.label == "PERSON" and m.span.start <= t.idx < m.span.end for m in mentions):
            return None
        if t.pos_ == "NOUN" and t.tag_ == "NN" and GENDERED_NOUNS.get(t.lemma_.lower()) == gender:
            return t
    return None


def _person_subjects(doc: "Doc", mentions: list[Mention]) -> list[tuple[int, Mention]]:
    """(offset, mention) of every person the parse makes a subject (or a subject's conjunct), in reading order;
    read once per parse, from the article's mentions (the only ones a parse is resolved with)."""
    found = doc.user_data.get("newsprism_person_subjects")
    if found is None:
        people = [m for m in mentions if m.label == "PERSON"]
        found = []
        for t in doc:
            if t.pos_ == "PROPN" and (t.dep_ in ("nsubj", "nsubjpass") or
                                      t.dep_ == "conj" and t.head.dep_ in ("nsubj", "nsubjpass")):
                m = next((m for m in people if m.span.start <= t.idx < m.span.end), None)
                if m is not None:
                    found.append((t.idx, m))
        doc.user_data["newsprism_person_subjects"] = found
    return found


# Common nouns a report uses for an organisation it has just named ("SpaceX CEO Elon Musk said the company will …")
_ORG_NOUNS = {"company", "firm", "group", "bank", "lender", "insurer", "carrier", "airline", "operator", "retailer",
              "automaker", "carmaker", "manufacturer", "maker", "start-up", "startup", "conglomerate", "exchange",
              "agency", "regulator", "ministry", "department", "party", "club", "university", "broadcaster"}


_ROLE_NOUNS = {"ceo", "executive", "chief", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
               "chair", "founder", "owner", "president", "boss", "head", "director", "official", "officer"}


def _organisation_antecedent(subj: "Token", mentions: list[Mention]) -> Mention | None:
    """The organisation "the company" stands for, named earlier in its own sentence: the name before a role word
    ("SpaceX CEO Elon Musk said the company …", "Orbitel's chief executive …"), else the one organisation named
    there; None when none or two different ones are (the clause alone cannot say which). Named-entity labels of
    unfamiliar names are unreliable ("SpaceX" as a person), so the role word is the first evidence."""
    doc = subj.doc
    lo, hi = doc[_sentence_start(doc, subj.i)].idx, subj.idx

    def mention_at(t: "Token") -> Mention | None:
        return next((m for m in mentions if m.span.start <= t.idx < m.span.end), None)

    named = {}
    for t in doc[_sentence_start(doc, subj.i): subj.i]:
        if t.lower_ in _ROLE_NOUNS:
            for c in t.children:
                if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.idx < t.idx:
                    m = mention_at(c)
                    if m is not None and m.label not in ("GPE", "NORP", "LOC"):
                        named[entity_key(m)] = m
    if not named:
        named = {entity_key(m): m for m in mentions if m.label == "ORG" and lo <= m.span.start and m.span.end <= hi}
    return next(iter(named.values())) if len(named) == 1 else None


def _antecedent(pron: "Token") -> "Token | None":
    """The antecedent of "it"/"they" inside its own sentence: the nearest earlier subject or object noun of the
    same number ("Firefighters brought the fire under control and it was put out" -> fire); None when there is
    no such noun in the sentence (the previous sentence is not searched: too often wrong)."""
    plural = pron.lower_ == "they"
    for t in reversed(pron.doc[_sentence_start(pron.doc, pron.i): pron.i]):
        if t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.pos_ in ("NOUN", "PROPN"):
            if (t.tag_ in ("NNS", "NNPS")) == plural:
                return t
    return None


def resolve_subject(subj: "Token", mentions: list[Mention], before: int, speaker: str | None,
                    speaker_entity: str | None, reported: bool = False) -> tuple[str | None, str | None]:
    """(key, text) of a subject: an entity key where a mention covers its head, a resolved pronoun, else the
    head noun's lemma (with its compounds). ``(None, None)`` for a pronoun that cannot be resolved."""
    low = subj.lower_
    if low == "it" and subj.head.lemma_.lower() in _EXTRAPOSING:
        real = _dummy_it_subject(subj.head)
        if real is not None:
            return resolve_subject(real, mentions, before, speaker, speaker_entity)
    if low in ("it", "they"):
        ante = _antecedent(subj)
        if ante is not None:
            return resolve_subject(ante, mentions, before, speaker, speaker_entity)
    if reported and speaker and low in _SPEAKER_PRONOUNS:
        # "Russia announced it would withdraw", "Zelensky said he would …": the content's pronoun is the speaker
        return (speaker_entity or "s:" + (speaker_key(speaker) or speaker.lower())), speaker
    if low in _FIRST_PERSON:
        if speaker:
            return (speaker_entity or "s:" + (speaker_key(speaker) or speaker.lower())), speaker
        return None, None
    if low == "there" and subj.dep_ == "expl":
        # "There will be fighting for every centimetre": the subject is what there is
        real = next((c for c in subj.head.children if c.dep_ in ("attr", "nsubj") and c.pos_ in ("NOUN", "PROPN")),
                    None)
        if real is not None:
            return resolve_subject(real, mentions, before, speaker, speaker_entity)
    if low in _PERSON_PRONOUNS:
        noun = _person_noun_antecedent(subj, mentions)
        if noun is not None:
            doc = subj.doc
            return resolve_subject(noun, mentions, doc[_sentence_start(doc, noun.i)].idx, speaker, speaker_entity)
        m = _person_antecedent(subj, mentions)
        return (entity_key(m), m.text) if m is not None else (None, None)
    after = subj.right_edge.i + 1
    if low in _PARTITIVE and not (after < len(subj.doc) and subj.doc[after].text == ","):
        # "one of the busiest ports", "some of the lenders": the clause is about the group it names (not a phrase
        # set before the subject, "One of the largest investors, it owns …")
        whole = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
        if whole is not None:
            return resolve_subject(whole, mentions, before, speaker, speaker_entity)
    if low in _UNRESOLVED or subj.pos_ == "PRON":
        return None, None
    if subj.pos_ not in ("NOUN", "PROPN", "NUM") and subj.is_title:
        # a name the parse took for another word (`_name_taken_for_adverb`): the participant the article named
        # with it, here or before ("Liz Truss" … "Truss, on her visit, …")
        m = next((m for m in mentions if m.span.start <= subj.idx < m.span.end), None) or \
            next((m for m in reversed(mentions) if m.label in _NAME_LABELS and m.span.end <= subj.idx and
                  m.text.split()[-1] == subj.text), None)
        if m is not None:
            return entity_key(m), subj.text
    # "his wife", "their lawyer": the possessor must be known (the speaker of reported speech, or a person or
    # thing named just before); else the subject is someone the clause alone cannot name
    poss = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES), None)
    if poss is not None and not (reported and speaker):
        if poss.lower_ in ("his", "her"):
            if _person_antecedent(poss, mentions) is None and _person_noun_antecedent(poss, mentions) is None:
                return None, None
        elif poss.lower_ in ("its", "their") and _antecedent(poss) is None:
            return None, None
        elif poss.lower_ in ("my", "our", "your"):
            return None, None
    # the subject phrase within its clause: a dateline glued to it ("WASHINGTON - SpaceX") is not part of it
    s, e = max(subj.left_edge.idx, before), subj.right_edge.idx + len(subj.right_edge.text)
    if subj.pos_ == "NOUN" and subj.lemma_.lower() in _ORG_NOUNS and e - s == len(subj.text) + 4 and \
            subj.left_edge.lower_ == "the":  # "the company" alone, not "the company's board" or "the new firm"
        m = _organisation_antecedent(subj, mentions)
        if m is not None:
            return entity_key(m), doc_text(subj.doc)[s:e]
    # the entity the subject's head names, else the one its apposition names ("Britain's new Prime Minister Liz
    # Truss": Truss), never a possessor or a modifier inside it ("Britain's")
    heads = [subj, *(c for c in subj.children if c.dep_ == "appos"), *_shared_names(subj)]
    for h in heads:
        m = next((m for m in mentions if m.span.start <= h.idx < m.span.end), None)
        if m is not None:
            return entity_key(m), doc_text(subj.doc)[s:e]
    if subj.pos_ == "PROPN":
        # a name's possessor, phrase, clause or apposition names another participant ("Elon Musk, Twitter Inc's
        # biggest shareholder": not Twitter Inc)
        aside = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in subj.children
                 if c.dep_ in ("poss", "prep", "relcl", "acl", "appos")]
        for m in mentions:
            if s <= m.span.start and m.span.end <= e and not any(a <= m.span.start < b for a, b in aside):
                return entity_key(m), doc_text(subj.doc)[s:e]
    head = " ".join([c.lemma_.lower() for c in subj.children if c.dep_ == "compound"] + [subj.lemma_.lower()])
    return head, doc_text(subj.doc)[s:e]


def _shared_names(subj: "Token") -> "list[Token]":
    """The name closing a run of descriptions of one participant ("Twitter's newest board member and largest
    stakeholder Elon Musk": Musk), however the parse hangs it: in apposition to the last description, or as the
    conjunct with the description compounded to it. A conjunct with a determiner or possessor of its own is
    another participant ("the mayor and his deputy, Ada Velt" are two)."""
    out = []
    for c in subj.children:
        if c.dep_ != "conj" or any(d.dep_ in ("det", "poss") for d in c.children):
            continue
        if c.pos_ == "NOUN":
            out += [g for g in c.children if g.dep_ == "appos" and g.pos_ == "PROPN" and g.i > c.i]
        elif c.pos_ == "PROPN" and any(d.dep_ == "compound" and d.pos_ == "NOUN" for d in c.children):
            out.append(c)
    return out


def _name_tokens(name: "Token") -> "list[Token]":
    """The name ending at ``name``: the proper nouns just before it and itself ("largest stakeholder Elon Musk")."""
    doc, k = name.doc, name.i
    while k > 0 and doc[k - 1].pos_ == "PROPN" and doc[k - 1].head.i == name.i:
        k -= 1
    return list(doc[k: name.i + 1])


def _object_of(root: "Token") -> str | None:
    obj = next((c for c in root.children if c.dep_ in ("dobj", "attr", "acomp", "oprd")), None)
    if obj is None:
        prep = next((c for c in root.children if c.dep_ == "prep"), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return obj.lemma_.lower() if obj is not None else None


# ---------------------------------------------------------------------------------------------------------------
# The stage




def extract_frames(facts: ArticleFacts, doc: "Doc") -> list[Frame]:
    """Frames of every story sentence of one article, in reading order.

    Args:
        facts: the article's extracted facts (sentences, mentions, figures, quotes, times).
        doc: the spaCy parse of the whole article text (token offsets are article offsets).

    Returns:
        One ``Frame`` per claim; claim ids are ``a{article}-c{n}`` in reading order.
    """
    art = facts.article
    aid = art.id
    mentions, figures, times = facts.mentions, facts.figures, facts.times
    quotes = facts.quotes
    frames: list[Frame] = []
    tt = token_table(doc)
    last_person: str | None = None  # the last named person who spoke, for "he said"
    seen_descriptions: set[tuple[int, int]] = set()
    # a heading line that states something (a subject and a finite verb: "Council extends the permit to 2025") is
    # the outlet's own statement and is compared; a label heading ("Live updates", "What we know") never is
    for sent in (s for s in facts.sentences if s.kind in ("story", "heading")):
        heading = sent.kind == "heading"
        dspan = doc.char_span(sent.span.start, sent.span.end, alignment_mode="expand")
        if dspan is None or len(dspan) == 0:
            continue
        # cue verbs: only tokens that can be one (a verb, or "according") are built and checked
        sent_cues = [c for i in range(dspan.start, dspan.end)
                     if (tt.pos[i] in ("VERB", "AUX") or tt.lemma[i].lower() == "accord") and _is_cue(v := doc[i])
                     for c in v.children if c.dep_ == "nsubj"]  # passive: addressee
        for s, e in split_clauses(dspan):
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            span = Span(aid, start, end)
            toks = list(doc[s:e])
            if not toks:
                continue  # an empty range left by trimming (a clause of punctuation only)
            root = _root(doc, s, e)
            cue, subj, content_toks = _speech_frame(root, s, e)
            speaker: str | None = None
            speaker_ent: str | None = None
            # 1. a quote record that covers the claim (the quotes stage resolved its speaker)
            for q in quotes:
                if q.speaker and (q.span.overlaps(span) or any(p.overlaps(span) for p in q.parts)):
                    speaker, speaker_ent = q.speaker, q.speaker_entity
                    break
            # 2. else the subject of a speech verb in the clause, 3. else the one speaker of the sentence
            if speaker is None:
                if subj is None and cue is None and len(sent_cues) == 1:
                    subj = sent_cues[0]
                if subj is not None:
                    sub = _speaker_text(subj)
                    speaker = sub.text
                    if subj.lower_ in _PRONOUNS:
                        speaker = last_person if subj.lower_ in ("he", "she") else None
                elif cue is not None and cue.lemma_.lower() == "accord":
                    pobj = next((g for c in cue.children for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        speaker = doc[pobj.left_edge.i : pobj.right_edge.i + 1].text
            if subj is not None and subj.ent_type_ == "PERSON" and speaker:
                last_person = speaker
            if not content_toks:
                content_toks = toks
            croot = _content_root(content_toks) or root
            polarity, modality = _modality(cue, croot, content_toks)
            act = scheduled_act(croot) or croot  # "is due to meet": the act is "meet", scheduled like "will meet"
            if act is not croot and modality == "asserted":
                modality = "predicted"
            c_start = min(t.idx for t in content_toks)
            c_end = max(t.idx + len(t.text) for t in content_toks)
            content = Span(aid, c_start, c_end)
            in_span = [m for m in mentions if span.covers(m.span)]
            figs = tuple(f for f in figures if span.covers(f.span))
            tms = tuple(t for t in times if span.covers(t.span))
            lemmas = frozenset(t.lemma_.lower() for t in content_toks
                               if t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN", "NUM") and not t.is_stop)
            nouns = frozenset(t.lemma_.lower() for t in content_toks if t.pos_ in ("NOUN", "PROPN") and not t.is_stop)
            families = frozenset(fam for t in content_toks if (fam := _family(t)))
            event = _event(act, {t.i for t in content_toks})
            aspect = _aspect(croot, modality, content_toks)
            duration = next((t for t in tms if t.kind == "duration" and content.covers(t.span)), None)
            if aspect == "forecast" and duration is None:
                aspect = "none"  # "will take" without a stated length is no forecast of duration
            away = None
            if "away" in {t.lower_ for t in content_toks}:
                away = next((f for f in figs if (f.unit or f.counts or "").lower().startswith(("kilomet", "km", "mile"))),
                            None)
            predicate = act.lemma_.lower() if act.pos_ in ("VERB", "AUX") else None
            quoted = any(q.direct and (q.span.overlaps(content) or any(p.overlaps(content) for p in q.parts))
                         for q in quotes)
            excluded = statement_check(art.text[start:end], art.title, content_toks, croot, quoted)
            # what a speaker urged someone (or pledged) to do: compared, as content that is not asserted
            doer = directive_doer(cue, croot) if excluded == "no finite verb" else None
            if doer is not None:
                excluded = None
            subject = subject_text = None
            if excluded is None:
                st = doer or subject_token(croot)
                subject, subject_text = resolve_subject(st, mentions, start, speaker, speaker_ent,  # type: ignore[arg-type]
                                                        reported=speaker is not None and st.i != (subj.i if subj is not None else -1))
                if subject is None:
                    excluded = "unresolved pronoun"
            claim = Claim(
                id=f"a{aid}-c{len(frames) + 1}", span=span, sentence_index=sent.index, speaker=speaker,
                speaker_entity=speaker_ent, entities=tuple(dict.fromkeys(entity_key(m) for m in in_span)),
                figures=figs, times=tms, predicate=FAMILY_OF.get(predicate or "", predicate), polarity=polarity,
                modality=modality)
            if heading and excluded is not None:
                continue
            # the content's subject and the speaker may each be described ("Jane Roe, the port's pilot, said …")
            described = [(d, key) for d, key in ((description_of(st) if excluded is None else None, subject),
                                                 (description_of(subj), speaker_ent or (
                                                     "s:" + speaker_key(speaker) if speaker_key(speaker) else None)))
                         if d is not None]
            frames.append(Frame(
                claim=claim, text=art.text[start:end], content=content, content_text=art.text[c_start:c_end],
                lemmas=lemmas, nouns=nouns, families=families, aspect=aspect,
                duration=art.text[duration.span.start:duration.span.end] if duration else None,
                duration_span=duration.span if duration else None, negated=_negated_lemmas(content_toks),
                away=away, speaker_key=speaker_key(speaker), event=event, subject=subject,
                subject_text=subject_text, obj=_object_of(act), verb=predicate, hypothetical=doer is not None or _hypothetical(content_toks, croot),
                excluded=excluded))
            main = frames[-1]
            for d, key in described:
                # the participant described is the one its name names ("billionaire Elon Musk": Musk)
                last = d[0][-1] if d[0] else None
                named = next((entity_key(m) for m in mentions if last is not None and
                              m.span.start <= last.idx < m.span.end), None)
                if named or key:
                    frame = description_frame(d, named or key, art.text, aid, len(frames) + 1, sent.index,  # type: ignore[arg-type]
                                              mentions, figures, seen_descriptions)
                    if frame is not None:
                        frames.append(frame)
            if excluded is None and subject is not None:
                for part in aim_parts(content_toks):
                    frame = aim_frame(part, main, art.text, len(frames) + 1, mentions, figures)
                    if frame is not None:
                        frames.append(frame)
    return frames


# ---------------------------------------------------------------------------------------------------------------
# Descriptions: how an outlet describes a participant, told inside another statement ("Elon Musk, Twitter's largest
# shareholder, said …", "Musk, who is Twitter's largest shareholder, …", "Twitter's largest investor, Elon Musk,
# …"). Each is the outlet's own statement that the participant is so described, compared with the other sources'
# descriptions of the same participant; it has no verb of its own, so it is never shown as an agreement.

_RELATIVE_SUBJECTS = {"who", "which", "that"}


def description_of(subj: "Token | None") -> "tuple[list[Token], list[Token]] | None":
    """(name tokens, description tokens) of a subject that describes its participant: an apposition of a
    name, a name in apposition to a description, or a "who is …" clause of a name; None otherwise (a dateline the
    parse took for a name, "San Francisco (AFP) - Twitter's largest shareholder …", describes no one)."""
    if subj is None or _dateline_word(subj):
        return None
    doc = subj.doc

    def tokens(t: "Token") -> "list[Token]":
        return list(doc[t.left_edge.i: t.right_edge.i + 1])

    if subj.pos_ == "NOUN":
        name = next(iter(_shared_names(subj)), None)
        if name is not None:  # "Twitter's newest board member and largest stakeholder Elon Musk"
            named = _name_tokens(name)
            said = list(doc[subj.left_edge.i: named[0].i])
            while said and (said[0].is_punct or _dateline_word(said[0])):
                said.pop(0)
            return named, said
    for c in subj.children:
        if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and c.i > subj.i:
            named, said = (subj, c) if subj.pos_ == "PROPN" and c.pos_ == "NOUN" else \
                (c, subj) if subj.pos_ == "NOUN" and c.pos_ == "PROPN" else (None, None)
            if named is None or said is None:
                continue
            if named is subj:  # "Elon Musk, Twitter's largest shareholder": the name before the apposition
                return _name_before(subj, c), tokens(c)
            # "Twitter's largest investor, billionaire Elon Musk": the description before the name
            return tokens(c), [t for t in doc[subj.left_edge.i: c.left_edge.i] if t.text != ","]
        if c.dep_ == "relcl" and c.lemma_.lower() == "be" and subj.pos_ == "PROPN" and \
                any(g.dep_ == "nsubj" and g.lower_ in _RELATIVE_SUBJECTS for g in c.children):
            attr = next((g for g in c.children if g.dep_ in ("attr", "acomp")), None)
            if attr is not None and not any(g.dep_ == "neg" for g in c.children):
                return _name_before(subj, c), tokens(c)
    return None


def _name_before(subj: "Token", part: "Token") -> "list[Token]":
    """The name's tokens before the first comma ("Mr. Musk, 50, Twitter's …": Mr. Musk)."""
    out = []
    for t in subj.doc[subj.left_edge.i: part.left_edge.i]:
        if t.text == ",":
            break
        out.append(t)
    return out


def description_frame(described: "tuple[list[Token], list[Token]]", subject: str, text: str, aid: int, n: int,
                      sentence_index: int, mentions: list[Mention], figures: tuple[Figure, ...] | list[Figure],
                      seen: set[tuple[int, int]]) -> Frame | None:
    """The frame of one description (see the section comment); None for a repeat or a description of one word."""
    name, said = described
    if not name or len([t for t in said if t.is_alpha]) < 2:
        return None
    toks = sorted(name + said, key=lambda t: t.i)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    if (start, end) in seen:
        return None
    seen.add((start, end))
    span = Span(aid, start, end)
    c_start, c_end = said[0].idx, said[-1].idx + len(said[-1].text)
    ids = {t.i for t in said}
    head = next((t for t in said if t.head.i not in ids or t.head.i == t.i), said[0])
    head = next((g for g in head.children if g.dep_ in ("attr", "acomp")), head) if head.lemma_.lower() == "be" \
        else head  # "who is … the largest shareholder": shareholder
    claim = Claim(id=f"a{aid}-c{n}", span=span, sentence_index=sentence_index, speaker=None, speaker_entity=None,
                  entities=tuple(dict.fromkeys(entity_key(m) for m in mentions if span.covers(m.span))),
                  figures=tuple(f for f in figures if span.covers(f.span)), times=(), predicate=None,
                  polarity="affirmed", modality="asserted")
    n_start, n_end = name[0].idx, name[-1].idx + len(name[-1].text)
    return Frame(claim=claim, text=text[start:end], content=Span(aid, c_start, c_end),
                 content_text=text[c_start:c_end],
                 lemmas=frozenset(t.lemma_.lower() for t in said if t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN", "NUM")
                                  and not t.is_stop),
                 nouns=frozenset(t.lemma_.lower() for t in said if t.pos_ in ("NOUN", "PROPN") and not t.is_stop),
                 families=frozenset(), subject=subject, subject_text=text[n_start:n_end], obj=head.lemma_.lower(),
                 description=True)


# ---------------------------------------------------------------------------------------------------------------
# Aims and reasons: why a participant acted, told inside the statement of the act ("the governor ordered checks *to
# curb smuggling*", "… *in an effort to stop smuggling*", "the mayor closed the bridge *in response to the
# flooding*"). Sources often agree on why while telling the act apart; each aim is compared with the other sources'
# aims for the same participant and, like a description, is never an agreement, a conflict side or a unique fact
# on its own. A clause that says when ("after …", "amid …") is no aim.

_AIM_FIRST = frozenset(p.split()[0] for p in AIM_PHRASES)
MIN_AIM_WORDS = 2  # content words an aim names besides its opening phrase ("to curb smuggling": curb, smuggling)


def _opens_aim(t: "Token") -> int:
    """The number of words of the aim phrase opening at preposition ``t`` ("in response to": 3), else 0."""
    doc = t.doc
    for k in (4, 3, 2):
        if " ".join(w.lower_ for w in doc[t.i: t.i + k]) in AIM_PHRASES:
            return k
    return 0


def aim_parts(content: list["Token"]) -> list[list["Token"]]:
    """The aims and reasons inside a statement's content tokens, outermost first: an infinitive adverbial clause
    ("… to curb smuggling"), a clause opened by "because" or "so that", a phrase of ``AIM_PHRASES``, the infinitive
    of a noun of ``AIM_NOUNS`` ("an initiative to stem trafficking")."""
    if not content:
        return []
    doc = content[0].doc
    table = token_table(doc)
    dep, word, lemma, head = table.dep, table.text, table.lemma, table.head
    ids = {t.i for t in content}
    taken: set[int] = set()
    out = []
    # only an adverbial clause or a preposition can open one (the token table is read, no Token is built)
    for t in [doc[i] for i in sorted(ids) if dep[i] == "advcl" or dep[i] == "prep" and word[i].lower() in _AIM_FIRST
              or dep[i] in ("acl", "relcl") and lemma[head[i]].lower() in AIM_NOUNS]:
        if t.i in taken:
            continue
        opening = 0
        if t.dep_ in ("acl", "relcl"):  # "the governor's initiative to stem trafficking": the act's noun, its aim
            if t.pos_ == "VERB" and _infinitive(t) and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                opening = 1
        elif t.dep_ == "advcl" and t.pos_ in ("VERB", "AUX"):
            marks = [c for c in t.children if c.dep_ in ("aux", "mark") and c.i < t.i]
            if any(c.lower_ in AIM_MARKS for c in marks):
                opening = 1
            # an infinitive with no subject of its own, of a verb whose subject is no empty "it": "it will take a
            # week for the army to withdraw" says how long, not why
            elif any(c.lower_ == "to" and c.dep_ == "aux" for c in marks) and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") or c.lower_ == "for" for c in t.children) and \
                    not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in t.head.children):
                opening = 1
        elif t.dep_ == "prep":
            opening = _opens_aim(t)
        if not opening:
            continue
        toks = [x for x in t.subtree if x.i in ids]
        if t.dep_ == "prep":  # the phrase's own words ("in response to") name nothing
            toks = [x for x in toks if x.i >= t.i]
            said = [x for x in toks if x.i >= t.i + opening]
        else:
            said = [x for x in toks if x.head.i != t.i or x.dep_ not in ("aux", "mark")]
        if len([x for x in said if x.is_alpha and not x.is_stop]) < MIN_AIM_WORDS:
            continue
        taken |= {x.i for x in toks}
        out.append(toks)
    return out


def aim_actor(part: list["Token"]) -> "Token | None":
    """Who acts for the aim: the subject of the act it serves, up the parse from where it attaches ("Abbott ordered
    troopers to conduct checks *to curb smuggling*": Abbott, not the statement's subject when the act is told in
    a clause of it: "Delays began after Abbott ordered checks to curb smuggling"), the agent of a passive act, the
    possessor of an aim noun ("Abbott's initiative to stem trafficking"); None when the parse names none."""
    ids = {x.i for x in part}
    t = next((x.head for x in part if x.head.i not in ids), None)
    while t is not None:
        if t.lemma_.lower() in AIM_NOUNS:
            poss = next((c for c in t.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
        agent = next((g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        subj = agent or next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        passive = subj is not None and subj is not agent and \
            (subj.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in t.children))
        if passive and t.dep_ == "ccomp" and _is_cue(t.head):
            # "X says checks are needed to curb smuggling": no doer named, the reason is the speaker's
            subj = next((c for c in t.head.children if c.dep_ == "nsubj"), subj)
        if subj is not None:
            return subj
        t = None if t.head.i == t.i else t.head
    return None


def aim_frame(part: list["Token"], main: Frame, text: str, n: int, mentions: list[Mention],
              figures: tuple[Figure, ...] | list[Figure]) -> Frame | None:
    """The frame of one aim (see the section comment) of its actor (`aim_actor`, where it resolves to a named
    participant; else ``main``'s subject); its polarity is the aim's own ("so as not to …")."""
    aid = main.article_id
    subject, subject_text = main.subject, main.subject_text
    actor, ca = aim_actor(part), main.claim
    if actor is not None:
        key, key_text = resolve_subject(actor, mentions, ca.span.start, ca.speaker, ca.speaker_entity,
                                        reported=ca.speaker is not None)
        # only a named doer: a description ("her client" / "the woman") may be one participant or two, and the
        # statement's subject stays the aim's, as told
        if key is not None and any(entity_key(m) == key for m in mentions):
            subject, subject_text = key, key_text
    start, end = part[0].idx, part[-1].idx + len(part[-1].text)
    span = Span(aid, start, end)
    ids = {x.i for x in part}
    heads = [t for t in part if t.head.i not in ids or t.head.i == t.i]
    head = heads[0] if heads else part[0]
    verb = head if head.pos_ in ("VERB", "AUX") else next((t for t in head.subtree if t.pos_ == "VERB"), None)
    negated = verb is not None and any(c.dep_ == "neg" for c in verb.children)
    claim = Claim(id=f"a{aid}-c{n}", span=span, sentence_index=main.claim.sentence_index, speaker=None,
                  speaker_entity=None, entities=tuple(dict.fromkeys(entity_key(m) for m in mentions
                                                                    if span.covers(m.span))),
                  figures=tuple(f for f in figures if span.covers(f.span)), times=(), predicate=None,
                  polarity="negated" if negated else "affirmed", modality="asserted")
    return Frame(claim=claim, text=text[start:end], content=span, content_text=text[start:end],
                 lemmas=frozenset(t.lemma_.lower() for t in part if t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN", "NUM")
                                  and not t.is_stop),
                 nouns=frozenset(t.lemma_.lower() for t in part if t.pos_ in ("NOUN", "PROPN") and not t.is_stop),
                 families=frozenset(), subject=subject, subject_text=subject_text, aim=True)
