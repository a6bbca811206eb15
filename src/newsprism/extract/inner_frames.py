"""Inner frames: what a statement tells inside itself about a participant, compared with the other sources' parts
of the same kind but never an agreement, a conflict side or a unique fact on its own: how an outlet describes a
participant (descriptions) and why a participant acted (aims and reasons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon.function_words import LINKING_VERBS
from ..lexicon.reasons import AIM_MARKS, AIM_NOUNS, AIM_PHRASES
from ..model import Claim, Figure, Mention, Span
from .frame import Frame, entity_key
from .parsed import dateline_word, infinitive, is_cue, token_table
from .subjects import name_tokens, resolve_subject, shared_names

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


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
    if subj is None or dateline_word(subj):
        return None
    doc = subj.doc

    def tokens(t: "Token") -> "list[Token]":
        return list(doc[t.left_edge.i: t.right_edge.i + 1])

    if subj.pos_ == "NOUN":
        name = next(iter(shared_names(subj)), None)
        if name is not None:  # "Twitter's newest board member and largest stakeholder Elon Musk"
            named = name_tokens(name)
            said = list(doc[subj.left_edge.i: named[0].i])
            while said and (said[0].is_punct or dateline_word(said[0])):
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
        if c.dep_ == "relcl" and c.lemma_.lower() in LINKING_VERBS and subj.pos_ == "PROPN" and \
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
    if head.lemma_.lower() in LINKING_VERBS:  # "who is … the largest shareholder": shareholder
        head = next((g for g in head.children if g.dep_ in ("attr", "acomp")), head)
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
            if t.pos_ == "VERB" and infinitive(t) and \
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
        if passive and t.dep_ == "ccomp" and is_cue(t.head):
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
