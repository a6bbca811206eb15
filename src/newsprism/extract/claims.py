"""Claims: the story sentences of one article cut into statements, each with its frame.

A claim is a sentence, or a clause where a sentence joins independent statements ("A; B", "A, but B" with its own
subject). Each gets who says it (reported speech), its entities, figures and times, the lemma of its main verb,
its polarity and its modality, read from the dependency parse. The frame (``Frame``) keeps the extra slots that
alignment and comparison need (content of the reported speech, aspect, duration, state cues) without widening the
public ``Claim`` record.

Entities, figures, quotes and times come from the per-article stages (one implementation each); an article
where a stage found nothing simply has no such slot.

The frame record lives in ``frame``, the parse readers every rule shares in ``parsed``, who a clause is about in
``subjects``, and the parts a statement tells inside itself (descriptions, aims) in ``inner_frames``; this module
cuts the clauses, reads their slots, decides which are statements and runs the stage.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Callable, Sequence, TypeVar

from ..model import ArticleFacts, Claim, Modality, Polarity, Span
from ..lexicon.function_words import FUTURE_AUX, LINKING_VERBS, SCHEDULED_WORDS, TITLE_CASE_SMALL, UNCERTAIN_WORDS
from ..lexicon.function_words import SUBJECT_PRONOUNS as _PRONOUNS
from ..lexicon.places import HELD_PLACES as _PLACE_NOUNS, PLACE_LABELS
from ..lexicon.speech import (ANNOUNCING_CUES, DIRECTIVE_VERBS, PERMISSION_VERBS, PREDICTIVE_CUES,
                              STANCE_VERBS as SPEECH, UNCERTAIN_CUES)
from .frame import (COMPLETIVE, CONTINUATIVE, FAMILY_OF, INCEPTIVE, Aspect, Frame, entity_key,
                    speaker_key)
from .inner_frames import aim_frame, aim_parts, description_frame, description_of
from .parsed import (DATELINE, doc_text, document_sender, infinitive, is_cue, misread_tense, tensed_verb_joined,
                     token_table, verb_taken_for_modifier)
from .act_dates import act_dates
from .quantities import quantity_of
from .subjects import mention_at, resolve_subject, subject_token

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span as DocSpan, Token

    from .parsed import TokenTable


# ---------------------------------------------------------------------------------------------------------------
# Clause splitting


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
        s, e = _trim(doc, sent.start, sent.end)
        ranges = [(s, e)] if e > s else []  # a "sentence" of punctuation only (a stray closing quote) has none
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
    """The head of a token range: the token whose head lies outside the range (first verb preferred, a participle
    used as a preposition last: "Under pressure, including from his party, Abbott appears …": "appears")."""
    tt = token_table(doc)
    outside = [i for i in range(s, e) if not s <= tt.head[i] < e or tt.head[i] == i]
    return doc[_preferred_head(outside, tt) if outside else s]


def _preferred_head(heads: list[int], tt: "TokenTable") -> int:
    """Of a range's heads (token indices, at least one), the first verb that heads a clause (a participle used as a
    preposition, "including from his party", heads none), else the first verb, else the first head."""
    verbs = [i for i in heads if tt.pos[i] in ("VERB", "AUX")]
    return ([i for i in verbs if tt.dep[i] != "prep"] or verbs or heads)[0]


def _subject_of(v: "Token") -> "Token | None":
    """The subject of a cue verb, or of the verb it hangs from ("X was reported as saying ...")."""
    for t in [v, *v.ancestors][:4]:
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    return None


def _document_says(v: "Token") -> bool:
    """A participle telling what a document says: "X issued a statement saying …", "X sent out a news release
    announcing that …" (its sender, the subject of the verb whose object is the document, speaks)."""
    return v.tag_ == "VBG" and v.dep_ in ("acl", "advcl") and document_sender(v) is not None


def _colour(v: "Token", root: "Token") -> bool:
    """A participle that adds colour to the main statement ("…, vowing they would …"), not its speech."""
    return v.dep_ == "acl" or v.i != root.i and v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp", "conj")


# conjunctions that make a clause a time, cause or condition of another ("shot eleven times after police said he
# drew a gun"): what the circumstance says was said is not what the main clause states ("as police said" does
# attribute it; a contrast, "…, while the UK said …", is a second statement the clause splitting does not part yet)
_SUBORDINATORS = frozenset({"after", "before", "when", "because", "since", "until", "if", "unless", "once"})


def _circumstance(v: "Token") -> bool:
    """A cue verb in an adverbial clause opened by a subordinating conjunction: it reports only its own clause."""
    return v.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS and c.i < v.i
                                     for c in v.children)  # "when" is parsed as an adverb


_REFUSING = frozenset({"decline", "refuse"})  # "declined to say where …"


_WH_WORDS = frozenset({"what", "where", "when", "why", "how", "whether", "if", "who", "which", "whom"})


def _refused(cue: "Token", content: list["Token"]) -> bool:
    """A question the speaker would not answer: a cue verb of saying negated or refused ("would not say",
    "declined to say") whose content is an open question ("what she was treated for", "whether …"). The refusal is
    news two reports may share; it is never what another speaker said ("said she went to the clinic"). A negated
    statement ("officials have not confirmed the city was retaken") is no refusal."""
    root = _content_root(content)  # its question word may be trimmed from the content: read the clause's first
    return root is not None and root.left_edge.lower_ in _WH_WORDS and cue.lemma_.lower() != "accord" and (
        any(c.dep_ == "neg" for c in cue.children) or cue.dep_ == "xcomp" and cue.head.lemma_.lower() in _REFUSING)


_DIRECTIONS = frozenset({"in", "into", "out", "on", "onto", "off", "up", "down"})


def _particle(v: "Token") -> str | None:
    """The direction a verb is told with: its particle ("checked out", "went up"), or a preposition or adverb of
    direction right after it ("checked into the clinic", "went down")."""
    for c in v.children:
        if c.lower_ in _DIRECTIONS and (c.dep_ == "prt" or c.dep_ in ("prep", "advmod") and c.i == v.i + 1):
            return c.lower_  # "went down" is often parsed as an adverb
    return None


def _circumstances(doc: "Doc", s: int, e: int) -> list[tuple[int, int]]:
    """Character ranges of the `_circumstance` clauses of tokens s..e (a cue verb's subtree)."""
    tt = token_table(doc)  # only an adverbial clause's verb can be one: no Token is built for the others
    return [(v.left_edge.idx, v.right_edge.idx + len(v.right_edge.text))
            for v in (doc[i] for i in range(s, e) if tt.dep[i] == "advcl" and tt.pos[i] in ("VERB", "AUX"))
            if is_cue(v) and _circumstance(v)]


def _speech_frame(root: "Token", s: int, e: int) -> tuple["Token | None", "Token | None", list["Token"]]:
    """(cue verb, subject of the cue, content tokens) when the clause is reported speech, else (None, None, [])."""
    doc = root.doc
    deps = ("ccomp", "parataxis", "conj", "advcl", "ROOT", "pcomp", "xcomp")
    dep = token_table(doc).dep
    cands = [root] + [doc[i] for i in range(s, e) if i != root.i and (dep[i] in deps or dep[i] == "acl")]
    cands = [v for v in cands if is_cue(v) and (_document_says(v) or not _colour(v, root)) and not _circumstance(v)]
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

    # the first cue with a complement (each asked once), else the first cue, which then has none
    v, comp = next(((c, k) for c in cands if (k := comp_of(c)) is not None), (cands[0], None))
    if comp is None and v.dep_ == "xcomp" and v.i != root.i:
        return None, None, []  # "he continued to stress the support offered by …": what he stressed is the verb's
        # object, told in the clause itself; its head ("continued") is no content the cue reports
    subj = _subject_of(v)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == v.i:
        subj = None  # "Residents were told to ...": the subject is the addressee, not the speaker
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
    doc = tokens[0].doc
    tt = token_table(doc)
    heads = [t.i for t in tokens if tt.head[t.i] not in ids or tt.head[t.i] == t.i]
    return doc[_preferred_head(heads, tt)]


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


def _coordinated_apart(root: "Token", cue_verb: "Token") -> bool:
    """The clause and the speech verb of another clause are joined as two statements, the clause with a subject of
    its own ("She did not name them but Jenrick said Aslin was among them"): the speaker is the other clause's."""
    joined = cue_verb.dep_ == "conj" and cue_verb.head.i == root.i or root.dep_ == "conj" and root.head.i == cue_verb.i
    return joined and subject_token(root) is not None


NEG_RAISING = frozenset({"think", "believe", "feel", "expect", "suppose", "imagine", "reckon", "seem", "appear"})


def _modality(cue: "Token | None", root: "Token", span_tokens: list["Token"]) -> tuple[Polarity, Modality]:
    """Polarity and modality of the content, from the cue verb, the content verb's auxiliaries and hedges."""
    lower_of = token_table(root.doc).lower
    lower = {lower_of[t.i] for t in span_tokens}

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
    # "I didn't feel we were executing" is "I feel we weren't executing": a negation on a verb of opinion is its
    # clause's (neg-raising), so the two read with one polarity; negated twice, it is affirmed
    clause = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None) \
        if root.lemma_.lower() in NEG_RAISING else None
    flipped = negated(root) != (clause is not None and negated(clause))
    polarity: Polarity = "negated" if flipped or _no_subject(root) else "affirmed"
    aux = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    # a hedging adverb on a prepositional phrase doubts only that phrase: "entered …, reportedly of her own desire"
    # doubts why, not whether ("reportedly entered", "an offer reportedly worth $160 million" stay doubted)
    hedges = {lower_of[t.i] for t in span_tokens if lower_of[t.i] in UNCERTAIN_WORDS
              and not (t.pos_ == "ADV" and t.head.pos_ == "ADP")}
    if lower & {"may", "might", "could"} & aux or hedges - {"may", "might", "could"} or (
            cue is not None and cue.lemma_.lower() in UNCERTAIN_CUES):
        return polarity, "uncertain"
    if aux & FUTURE_AUX or (cue is not None and cue.lemma_.lower() in PREDICTIVE_CUES) or (
            root.lemma_.lower() in ("expect", "forecast", "predict") and root.tag_ == "VBN"):
        return polarity, "predicted"
    if polarity == "negated":
        return polarity, "asserted"
    return polarity, "asserted"


def _granted(cue: "Token | None", root: "Token") -> bool:
    """A permission announced: "X announced that bars will be able to sell / will be allowed to sell / the law will
    allow …" (``ANNOUNCING_CUES``, ``PERMISSION_VERBS``)."""
    if cue is None or cue.lemma_.lower() not in ANNOUNCING_CUES:
        return False
    lemma = root.lemma_.lower()
    return lemma in PERMISSION_VERBS or lemma == "be" and any(c.dep_ == "acomp" and c.lower_ == "able"
                                                              for c in root.children)


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
        if obj is not None and obj.ent_type_ not in PLACE_LABELS and obj.pos_ != "PROPN" and \
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


# ---------------------------------------------------------------------------------------------------------------
# Statements: what may be compared across sources
#
# Only a statement is compared: a clause with a finite verb and an explicit subject that names someone or
# something. Questions ask, headlines announce, credit and sign-up lines sell, and a one- or two-word quote
# ("Don't.") says nothing another source could confirm; a clause whose subject is a pronoun that cannot be
# resolved ("It was the worst") is about something the reader of the clause alone cannot know.

_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_BOILERPLATE = re.compile(
    r"\b(?:sign up|signing up|newsletter|subscribe|subscription|click here|read more|follow (?:us|him|her) on|"
    r"all rights reserved|copyright|download (?:our|the) app|terms of (?:use|service)|privacy policy|"
    r"contact us|email us|(?:this|the) (?:story|article) (?:has been|was) (?:updated|corrected)|"
    r"listen to (?:this|the) (?:story|article|podcast)|watch (?:the )?video|share this)\b|©", re.I)
# "if", "unless", "even if", "suppose": a condition; "even a 6% jobless rate would cost …": a supposition
_CONDITION_MARKS = {"if", "unless", "whether", "suppose", "supposing", "assuming", "provided"}
MIN_STATEMENT_WORDS = 4
MIN_QUOTE_WORDS = 3


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")


def _words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def fewer_words(text: str, n: int) -> bool:
    """``len(_words_of(text)) < n``, counting no further than ``n`` words (a clause is checked for a handful)."""
    return sum(1 for _ in islice(_WORD.finditer(text), n)) < n


# what a headline leaves small, and the verbs and longer prepositions headline grammar keeps small as well
_SMALL_WORDS = TITLE_CASE_SMALL | {"but", "into", "over", "after", "is", "are", "be", "v"}


def title_case(text: str, min_words: int = 3) -> bool:
    """Whether a line is set in Title Case, as headlines are: most of its content words (``min_words`` or more)
    capitalised."""
    content = [w for w in _words_of(text) if not w.isdigit() and w.casefold() not in _SMALL_WORDS]
    return len(content) >= min_words and sum(1 for w in content if w[0].isupper()) >= 0.75 * len(content)


def is_headline(text: str, title: str | None) -> bool:
    """The article's headline, or a piece of it (titles often join a headline and its deck with ";" or ":"),
    repeated in the body: it says in headline style what the story sentences say."""
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


# a statement in the speaker's own person: "I …", "We will …", "My …" (after an opening quotation mark)
_FIRST_PERSON = re.compile(r"[\s\"“‘']*(?:I|[Ww]e|[Mm]y|[Oo]ur)(?:['’](?:m|ve|d|ll|re))?\b")


def in_first_person(text: str) -> bool:
    """The statement opens in its speaker's own person ("I dated a million guys", "“We will rebuild"): whoever
    shows it must show who speaks."""
    return bool(_FIRST_PERSON.match(text))


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
ANY_QUOTE_MARK = re.compile(r"[\"“”‘’«»]")  # any quotation mark, double or single: a text that quotes someone


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


def _tensed(v: "Token") -> bool:
    """A verb that carries tense (``_finite``), also where the tagger misread its tense (``parsed.misread_tense``)
    or the parse hung it from its subject (``parsed.verb_taken_for_modifier``)."""
    if _finite(v) or misread_tense(v):
        return True
    taken = verb_taken_for_modifier(v.head) if v.dep_ == "acl" else None
    return taken is not None and taken.i == v.i


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
# a passive cue of these tells its subject what to do ("was told to wait"); others raise it ("is said to be")
_OBJECT_CONTROL = DIRECTIVE_VERBS | {"tell", "instruct", "direct", "require", "force", "allow", "permit"}


def directive_doer(cue: "Token | None", root: "Token") -> "tuple[Token, bool] | None":
    """Who is to do what a finite cue's infinitive (or gerund) content says, and whether that content is only
    wanted or intended (not asserted); None when not that case.

    The cue's grammar names the doer, as control does in any English clause: a directive's addressee ("urged the island
    to sign": the island; another cue with an object is left out, as before), a pledge's speaker ("vowed to reopen"),
    the subject of a passive cue ("was told to seek updates", "is expected to strengthen": raising), and the subject of
    any other cue with no object of its own ("plans to use his speech", "reported seeing trucks": subject control); a
    directive with no addressee is no such case. A directive's, a pledge's or an intention's infinitive is not asserted;
    what a raising cue reports ("is said to be", "is expected to", its modality says which) and a gerund ("reported
    seeing") is."""
    if cue is None or root.head.i != cue.i or not _finite(cue) or root.pos_ not in ("VERB", "AUX"):
        return None
    gerund = root.tag_ == "VBG" and root.dep_ == "xcomp"
    if not (infinitive(root) or gerund):
        return None
    lemma = cue.lemma_.lower()
    objects = [c for c in cue.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN", "PRON")]
    if any(c.dep_ == "auxpass" for c in cue.children):
        doer, wanted = subject_token(cue), lemma in _OBJECT_CONTROL
    elif lemma in _PLEDGE_VERBS:
        doer, wanted = subject_token(cue), True
    elif lemma in DIRECTIVE_VERBS:  # object control: "urged the island to sign"
        if not objects:
            return None
        doer, wanted = objects[0], True
    elif objects:
        return None  # "told her to …", "asked him to …" outside the directives: left out (see the notes of excl)
    else:
        doer, wanted = subject_token(cue), not gerund
    return (doer, wanted) if doer is not None else None


def statement_check(text: str, title: str | None, content: list["Token"], root: "Token",
                    quoted: bool) -> str | None:
    """Why a clause may not be compared, or None when it is a statement (see the section comment)."""
    if "?" in text:
        return "question"
    if _BOILERPLATE.search(text):
        return "boilerplate"
    if is_headline(text, title):
        return "headline"
    if fewer_words(text, MIN_STATEMENT_WORDS):
        return "fragment"
    if quoted and fewer_words(" ".join(t.text for t in content), MIN_QUOTE_WORDS):
        return "short quote"
    if root.pos_ not in ("VERB", "AUX") or not _tensed(root):
        return "no finite verb"
    if subject_token(root) is None:
        return "no subject"
    return None


def _object_of(root: "Token") -> "Token | None":
    """The head of the verb's object or complement, else of its first preposition's object."""
    obj = next((c for c in root.children if c.dep_ in ("dobj", "attr", "acomp", "oprd")), None)
    if obj is None:
        prep = next((c for c in root.children if c.dep_ == "prep"), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return obj


def _object_entity(obj: "Token | None", mentions: list[Mention]) -> str | None:
    """The named participant the object is ("meet US President Joe Biden": Biden's entity): a direct object only,
    never a complement ("is the president")."""
    if obj is None or obj.dep_ != "dobj":
        return None
    m = mention_at(obj, mentions)
    return entity_key(m) if m is not None else None


_Placed = TypeVar("_Placed")


def covered_by(items: Sequence[_Placed]) -> Callable[[Span], list[_Placed]]:
    """A function giving the items (anything with a ``span``) that a span covers, in their order: the items whose
    start lies inside the span, found by bisection when the items are in start order (as the extract stages give
    them), so each clause does not test every mention of its article; a scan of all otherwise."""
    starts = [x.span.start for x in items]  # type: ignore[attr-defined]
    if any(a > b for a, b in pairwise(starts)):
        return lambda span: [x for x in items if span.covers(x.span)]  # type: ignore[attr-defined]

    def covered(span: Span) -> list[_Placed]:
        lo, hi = bisect_left(starts, span.start), bisect_right(starts, span.end)
        return [x for x in items[lo:hi] if span.covers(x.span)]  # type: ignore[attr-defined]

    return covered


def _relative_clauses(doc: "Doc", ids: Sequence[int], aid: int) -> tuple[Span, ...]:
    """The character spans of the relative clauses among the content's tokens that describe a participant
    (``_describes``: "Rahman, who won the title in 2001, …", "looked a shadow of the fighter that floored Lewis"),
    and of the brackets that follow a name ("Klitschko (52-3, 46 knockouts)", "Twitter Inc (TWTR.N)", "Sen. Ada
    Velt (D-Ore.)": a record, a ticker, a party), outermost only."""
    inside = set(ids)
    tt = token_table(doc)
    out: list[Span] = []
    for i in ids:
        if tt.dep[i] == "relcl" and tt.head[i] in inside and _describes(t := doc[i]) and \
                not any(s.start <= t.idx < s.end for s in out):
            lo, hi = t.left_edge, t.right_edge
            out.append(Span(aid, lo.idx, hi.idx + len(hi.text)))
        elif tt.text[i] == "(" and i - 1 in inside and tt.pos[i - 1] == "PROPN":
            close = next((k for k in range(i + 1, min(i + 12, len(doc))) if tt.text[k] in (")", ".")), None)
            if close is not None and tt.text[close] == ")" and close in inside:
                out.append(Span(aid, tt.idx[i], tt.idx[close] + 1))
    return tuple(out)


def _describes(relcl: "Token") -> bool:
    """Whether a relative clause tells background of a participant: it hangs from the subject, or from what a
    linking verb says the subject is ("are one of four teams that are pursuing him"). A clause on the object of an
    act says what was acted on ("signed two bills that allow sales until 2024"): the act's own content."""
    noun = relcl.head
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        noun = noun.head.head  # "one of four teams that …": the clause describes "one"
    if noun.dep_ in ("nsubj", "nsubjpass", "attr", "oprd", "appos"):
        return True
    verb = noun.head
    return noun.dep_ in ("dobj", "acomp") and verb.lemma_.lower() in LINKING_VERBS


def _named_only_inside(mentions: Sequence[Mention], relatives: Sequence[Span]) -> frozenset[str]:
    """The entities every mention of which in the clause lies inside one of its relative clauses."""
    if not relatives:
        return frozenset()
    outside = {entity_key(m) for m in mentions if not any(r.covers(m.span) for r in relatives)}
    return frozenset(entity_key(m) for m in mentions) - outside


# ---------------------------------------------------------------------------------------------------------------
# The stage

_DESCRIBED_DEPS = frozenset({"dobj", "pobj", "dative", "attr", "nsubjpass"})  # participants besides the subject


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
    mention_keys = {entity_key(m) for m in mentions}  # what a resolved pronoun may stand for
    mentions_in, figures_in, times_in = (covered_by(items) for items in (mentions, figures, times))
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
                     if (tt.pos[i] in ("VERB", "AUX") or tt.lemma[i].lower() == "accord") and is_cue(v := doc[i])
                     and not _circumstance(v)
                     for c in v.children if c.dep_ == "nsubj"]  # passive: addressee
        for s, e in split_clauses(dspan):
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            span = Span(aid, start, end)
            toks = list(doc[s:e])
            root = _root(doc, s, e)
            cue, subj, content_toks = _speech_frame(root, s, e)
            speaker: str | None = None
            speaker_ent: str | None = None
            # 1. a quote record that covers the claim (the quotes stage resolved its speaker), not one that only
            #    reports a circumstance of it ("shot nine times after officers said he drew a gun")
            aside = _circumstances(doc, s, e)
            for q in quotes:
                if any(a <= q.span.start and q.span.end <= b for a, b in aside):
                    continue
                if q.speaker and (q.span.overlaps(span) or any(p.overlaps(span) for p in q.parts)):
                    speaker, speaker_ent = q.speaker, q.speaker_entity
                    break
            # 2. else the subject of a speech verb in the clause, 3. else the one speaker of the sentence
            if speaker is None:
                if subj is None and cue is None and len(sent_cues) == 1 and \
                        not _coordinated_apart(root, sent_cues[0].head):
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
            # the subject or a participle read as the root: the verb of the sentence heads it
            croot = verb_taken_for_modifier(croot) or tensed_verb_joined(croot) or croot
            polarity, modality = _modality(cue, croot, content_toks)
            act = scheduled_act(croot) or croot  # "is due to meet": the act is "meet", scheduled like "will meet"
            if act is not croot and modality == "asserted":
                modality = "predicted"
            # the content's words read from the token table (``Token`` attributes decode strings on every read)
            ids = [t.i for t in content_toks]
            c_start = min(tt.idx[i] for i in ids)
            c_end = max(tt.idx[i] + len(tt.text[i]) for i in ids)
            content = Span(aid, c_start, c_end)
            in_span = mentions_in(span)
            figs = tuple(figures_in(span))
            tms = tuple(times_in(span))
            lemmas = frozenset(tt.lemma[i].lower() for i in ids
                               if tt.pos[i] in ("NOUN", "VERB", "ADJ", "PROPN", "NUM") and not tt.is_stop[i])
            nouns = frozenset(tt.lemma[i].lower() for i in ids if tt.pos[i] in ("NOUN", "PROPN") and not tt.is_stop[i])
            # ``_family`` of the tokens whose lemma or lowercase form has one (any other gives none)
            families = frozenset(fam for t, i in zip(content_toks, ids)
                                 if (FAMILY_OF.get(tt.lemma[i].lower()) or FAMILY_OF.get(tt.lower[i]))
                                 and (fam := _family(t)))
            event = _event(act, set(ids))
            aspect = _aspect(croot, modality, content_toks)
            duration = next((t for t in tms if t.kind == "duration" and content.covers(t.span)), None)
            if aspect == "forecast" and duration is None:
                aspect = "none"  # "will take" without a stated length is no forecast of duration
            away = None
            if "away" in (tt.lower[i] for i in ids):
                away = next((f for f in figs if (f.unit or f.counts or "").lower().startswith(("kilomet", "km", "mile"))),
                            None)
            predicate = act.lemma_.lower() if act.pos_ in ("VERB", "AUX") else None
            obj = _object_of(act)
            quoted = any(q.direct and (q.span.overlaps(content) or any(p.overlaps(content) for p in q.parts))
                         for q in quotes)
            excluded = statement_check(art.text[start:end], art.title, content_toks, croot, quoted)
            # what a speaker urged someone (or pledged) to do: compared, as content that is not asserted
            control = directive_doer(cue, croot) if excluded == "no finite verb" else None
            doer, wanted = control if control is not None else (None, False)
            if doer is not None:
                excluded = None
            subject = subject_text = None
            resolved = False
            if excluded is None:
                st = doer or subject_token(croot)
                subject, subject_text = resolve_subject(st, mentions, start, speaker, speaker_ent,  # type: ignore[arg-type]
                                                        reported=speaker is not None and st.i != (subj.i if subj is not None else -1))
                resolved = subject is not None and st.pos_ == "PRON" and subject in mention_keys
                if subject is None:
                    excluded = "unresolved pronoun"
            relatives = _relative_clauses(doc, ids, aid)
            aside = _named_only_inside(in_span, relatives)
            claim = Claim(
                id=f"a{aid}-c{len(frames) + 1}", span=span, sentence_index=sent.index, speaker=speaker,
                speaker_entity=speaker_ent, entities=tuple(dict.fromkeys(entity_key(m) for m in in_span)),
                figures=figs, times=tms, predicate=FAMILY_OF.get(predicate or "", predicate), polarity=polarity,
                modality=modality)
            if heading and excluded is None and title_case(art.text[start:end]):
                excluded = "headline"  # headline grammar in Title Case ("80 Hurt and 7 Villages Damaged") misparses
            if heading and excluded is not None:
                continue
            # the content's subject and the speaker may each be described ("Jane Roe, the port's pilot, said …")
            described = [(d, key) for d, key in ((description_of(st) if excluded is None else None, subject),
                                                 (description_of(subj), speaker_ent or (
                                                     "s:" + speaker_key(speaker) if speaker_key(speaker) else None)))
                         if d is not None]
            # so may the others it names ("backed an idea put forth by Elon Musk, who recently became …")
            if excluded is None:
                described += [(d, None) for t in content_toks if t.dep_ in _DESCRIBED_DEPS and t.pos_ == "PROPN"
                              and (d := description_of(t)) is not None]
            frames.append(Frame(
                claim=claim, text=art.text[start:end], content=content, content_text=art.text[c_start:c_end],
                lemmas=lemmas, nouns=nouns, families=families, aspect=aspect,
                duration=art.text[duration.span.start:duration.span.end] if duration else None,
                duration_span=duration.span if duration else None, negated=_negated_lemmas(content_toks),
                away=away, speaker_key=speaker_key(speaker), event=event, subject=subject,
                subject_text=subject_text, subject_resolved=resolved,
                obj=obj.lemma_.lower() if obj is not None else None,
                obj_entity=_object_entity(obj, in_span), verb=predicate, particle=_particle(act),
                refused=cue is not None and _refused(cue, content_toks),
                hypothetical=wanted or _hypothetical(content_toks, croot),
                excluded=excluded, granted=_granted(cue, croot),
                quantities=tuple(quantity_of(doc, f, mentions, tms, start, speaker, speaker_ent) for f in figs)
                if excluded is None else (), relatives=relatives, aside_entities=aside,
                when=act_dates(doc, act, tms) if excluded is None else ()))
            main = frames[-1]
            for d, key in described:
                # the participant described is the one its name names ("billionaire Elon Musk": Musk)
                last = d[0][-1] if d[0] else None
                covering = mention_at(last, mentions) if last is not None else None
                named = entity_key(covering) if covering is not None else None
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


