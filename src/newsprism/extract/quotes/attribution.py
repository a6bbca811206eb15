"""**Attributions** (``attributions``, ``_content_of``): every reporting verb outside quotation marks with its
speaker and reported content: a clausal complement ("X said (that) …", "…, X told Reuters", "X stated via
Telegram that …", "insisting …", "was reported as saying …", "X added: …"), a gerund or noun object of a
speech act from a main verb ("denies attacking …", "announced the arrest of …"), a directive ("urged
residents to …"), a finding of a poll, study or document ("a survey found that …"), or "according to X, …".
A report nested inside another's reported clause is part of that account and not repeated.

A speaker must be a person, an organisation or a description of one (``speaker_allowed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...intervals import Intervals
from ...lexicon.organisations import ORG_HEADS
from ...lexicon.people import GENDERED_HONORIFICS as _GENDERED, SPEAKER_TITLES as TITLES, TITLE_WORDS
from ...lexicon.speech import (BELIEF_VERBS, CHANNEL_PREPS, DIRECTIVE_VERBS, DOCUMENT_NOUNS, FINDING_SUBJECTS,
                               FINDING_VERBS, FRAMING_VERBS, GERUND_VERBS, NOUN_CONTENT_VERBS, OBJECT_CLAUSE_VERBS,
                               SPEECH_VERBS)
from ..parsed import DATELINE, doc_text, document_sender, entity_at
from .marks import trim

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


NOT_PERSON = frozenset("GPE NORP DATE TIME LOC MONEY PERCENT CARDINAL ORDINAL QUANTITY LANGUAGE LAW EVENT".split())


@dataclass(slots=True)
class Attribution:
    cue: "Token"
    speaker: "SpacySpan | None"
    content: tuple[int, int] | None  # char offsets of the reported clause (indirect), if any
    cue_start: int = 0
    cue_end: int = 0
    cue_text: str = ""
    addressee: str | None = None
    antecedent: "SpacySpan | None" = None  # what a relative-pronoun speaker ("who") stands for
    stance: bool = False  # a view held (a verb of belief: "economists believe …"), no words said: it reports its
    # clause, never the words of a quotation ("Americans have come to believe “…”", a speaker's words of them)


def _is_cue(tok: "Token") -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if lemma in SPEECH_VERBS or lemma in FRAMING_VERBS:
        return True
    if lemma == "continue":  # "she continued, “…”", "“…,” she continued.", not "troops continue to advance"
        if any(c.dep_ in ("xcomp", "dobj", "prep") and c.i > tok.i for c in tok.children) or tok.i + 1 >= len(tok.doc):
            return False
        nxt = tok.doc[tok.i + 1].text
        return nxt in (",", ":") or nxt in (".", "!") and tok.i > 1 and any(
            _closing_mark(t) for t in tok.doc[max(tok.sent.start, tok.i - 6): tok.i])
    if lemma == "put":  # "as X put it (in a letter to …)": the speaker's own wording of what follows
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "it" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and any(
            c.dep_ == "nsubj" for c in tok.children)
    if lemma in BELIEF_VERBS and any(c.dep_ == "ccomp" for c in tok.children):
        return True
    if lemma in FINDING_VERBS and any(c.dep_ == "ccomp" for c in tok.children):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.lemma_.lower() in FINDING_SUBJECTS
    return False


def _subject(verb: "Token", depth: int = 0) -> "Token | None":
    """The speaker's head token: the verb's subject, or its governing verb's for "…, insisting", "adding that"."""
    # a passive speech verb with its agent: "X was asked by host Y, “…”" — Y speaks (not "X was joined by Y and
    # joked": the agent of another verb)
    if verb.lemma_.lower() in SPEECH_VERBS and any(c.dep_ == "nsubjpass" for c in verb.children):
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
    # the parser sometimes gives two subjects ("army chief" + "Valeriy Zaluzhniy"): the name wins
    for c in sorted(verb.children, key=lambda c: c.pos_ != "PROPN"):
        if c.dep_ == "nsubj" and c.lower_ in ("which", "who") and verb.dep_ == "relcl":
            return c  # "the senator, who said …": resolved to the antecedent by the caller
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("that", "which", "who"):
            if c.dep_ == "nsubjpass" and verb.lemma_ in ("say", "tell", "report") and not any(
                    x.dep_ in ("prep", "xcomp") and x.lower_ in ("as", "to") for x in verb.children):
                return None  # "X was told that …": X is the addressee
            return c
        if c.dep_ == "agent":  # "was announced by the ministry"
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if any(c.dep_ == "expl" for c in verb.children):
        return None  # "it is said that …": no speaker
    if depth < 3 and verb.dep_ in ("conj", "advcl") and _is_cue(verb):
        # "X said A and predicted B" where the parser hung the second cue inside A: the outer cue's subject
        for anc in verb.ancestors:
            if anc.dep_ == "ccomp" and _is_cue(anc.head):
                return _subject(anc.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.ent_type_ == "PERSON" and verb.head.i < verb.i:
        return verb.head  # "footage of Jane Doe asking, “…”": the person the participle describes
    if depth < 3 and verb.dep_ == "acl":
        # "X issued a statement saying …", "X sent a text message to supporters saying: …": the sender speaks
        sender = document_sender(verb)
        if sender is not None:
            return _subject(sender, depth + 1)
    if depth < 3 and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep", "acl") and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep":  # was reported as saying
            head = head.head
        if verb.dep_ == "conj" and head.i < verb.i and not _is_cue(head) and not _coordinated(verb):
            return None  # "CONTENT, X said" with X lost to the parser: handled by _trailing_speaker
        return _subject(head, depth + 1)
    return None


def _coordinated(verb: "Token") -> bool:
    """"X outlined the budget and vowed to …": the verb follows "and"/"but" (adverbs between allowed), so it
    shares the subject of the verb before, rather than closing a clause with a subject the parser lost."""
    k = verb.i - 1
    while k > 0 and verb.doc[k].pos_ == "ADV":
        k -= 1
    cc = verb.doc[k]
    return cc.dep_ == "cc" and cc.lower_ in ("and", "but", "then") and cc.head.i == verb.head.i


def _trailing_speaker(doc: "Doc", verb: "Token") -> "SpacySpan | None":
    """"…, the General Staff of the Armed Forces said" or "“…,” Rep. Jane Doe (D-Wis.) said": the noun phrase
    between the last comma or closing quotation mark and the cue."""
    sent_start = verb.sent.start
    i = verb.i - 1
    while i > sent_start and doc[i].text != "," and not _closing_mark(doc[i]) and verb.i - i <= 14:
        i -= 1
    if i < sent_start or not (doc[i].text == "," or _closing_mark(doc[i])):
        return None
    lo, hi = i + 1, verb.i
    if hi - 1 > lo and doc[hi - 1].text == ")":  # a parenthetical after the name: (D-Wis.)
        j = hi - 1
        while j > lo and doc[j].text != "(":
            j -= 1
        hi = j if j > lo else hi
    rel = next((t.i for t in doc[lo: hi] if t.lower_ in ("who", "whose") and t.i > lo
                and t.head.dep_ == "relcl" and t.head.i < hi), None)
    if rel is not None:  # "a White House official who spoke anonymously … said": the phrase before "who"
        hi = rel - 1 if doc[rel - 1].text == "," else rel
    phrase = doc[lo: hi]
    # a capitalised word inside a sentence is a name whatever its tag ("Tulsa" tagged VERB)
    if not phrase or any(t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") and t.lower_ not in ("its", "his", "her", "their")
                         and not (t.is_title and t.pos_ != "PRON") for t in phrase):
        return None
    if not ((phrase[0].pos_ in ("DET", "PROPN", "ADJ", "NOUN", "NUM") or phrase[0].is_title)
            and any(t.pos_ in ("NOUN", "PROPN") for t in phrase)):
        return None
    return phrase


def _closing_mark(tok: "Token") -> bool:
    return tok.text in ("”", "\"", "’", "'", "»", "''") and tok.i > 0 and not tok.doc[tok.i - 1].is_space \
        and (tok.i + 1 == len(tok.doc) or tok.whitespace_ != "")


def _phrase(doc: "Doc", head: "Token") -> "SpacySpan":
    """The subject phrase without appositions, relative clauses and trailing punctuation."""
    start, end = head.left_edge.i, head.i
    for c in head.rights:
        if c.dep_ in ("appos", "relcl", "acl", "punct", "advmod", "parataxis"):
            break
        end = max(end, c.right_edge.i)
    # a relative clause of a noun deeper in the phrase: "one of those advisers, who spoke …"
    end = next((k - 1 for k in range(head.i + 1, end) if doc[k].text == "," and doc[k + 1].lower_ in (
        "who", "which", "whose")), end)
    while end > start and doc[end].is_punct:
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    # a dateline glued to the subject ("WASHINGTON ― President Obama"): keep what follows the dash
    for k in range(end, start, -1):
        if doc[k].text in ("―", "—", "–", "--") and k < end:
            start = k + 1
            break
    return doc[start: end + 1]


def speaker_phrase(doc: "Doc", head: "Token") -> "SpacySpan":
    """Prefer the person's name: the entity containing the head, else a named apposition of a description."""
    if head.ent_type_ == "PERSON":
        ent = entity_at(doc, head.i)
        if ent is not None:
            return ent
    if head.pos_ == "PROPN" and head.ent_type_ not in NOT_PERSON and head.is_title and head.lower_ not in ORG_HEADS:
        run = name_run(doc, head)
        if run is not None:
            return run
    phrase = _phrase(doc, head)
    if head.pos_ == "NOUN":  # "The mayor of Mykolayiv, Oleksandr Sienkovych, said": the name in commas
        for c in head.subtree:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.lower_ not in ORG_HEADS and c.i > head.i \
                    and c.i + 1 < len(doc) and doc[c.i + 1].text == ",":
                run = name_run(doc, c)
                if run is not None and len(run) >= 2 and doc[run.start - 1].text == ",":
                    return run
    return phrase


def name_run(doc: "Doc", head: "Token") -> "SpacySpan | None":
    """The run of capitalised proper nouns ending at ``head`` ("Presidential adviser Mykhaylo Podolyak" ->
    "Mykhaylo Podolyak"), if it looks like a personal name (two or more words, or a known PERSON)."""
    i = head.i
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title and doc[i - 1].ent_type_ not in NOT_PERSON \
            and doc[i - 1].lower_ not in TITLES and doc[i - 1].head.i >= doc[i - 1].i:
        i -= 1
    span = doc[i: head.i + 1]
    if len(span) >= 2 or head.ent_type_ == "PERSON":
        return span
    return None


def _addressee(doc: "Doc", verb: "Token") -> str | None:
    """Who was told, or where it was said: "told Reuters", "on Telegram", "via the Telegram application"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative") and verb.lemma_ in ("tell", "inform", "brief", "assure", "write"):
            if c.pos_ in ("PROPN", "NOUN", "PRON") and not c.tag_ == "WP":
                return _phrase(doc, c).text
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in CHANNEL_PREPS:
            for t in c.subtree:
                if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME", "GPE", "NORP", "LOC", "PERSON"):
                    ent = entity_at(doc, t.i)
                    return ent.text if ent is not None and ent.label_ in ("ORG", "PRODUCT", "WORK_OF_ART") else t.text
    return None


def _content_of(doc: "Doc", verb: "Token", speaker_start: int | None = None) -> tuple[int, int] | None:
    """Char span of the reported clause governed by ``verb``, if it has one."""
    lemma = verb.lemma_.lower()
    if lemma in FRAMING_VERBS and lemma not in NOUN_CONTENT_VERBS and lemma != "describe":
        return None
    # a clause after the cue ("said that …") before one in front of it ("…, X said")
    comps = sorted((c for c in verb.children if c.dep_ == "ccomp"), key=lambda c: c.i < verb.i)
    comp = comps[0] if comps else None
    if comp is not None and lemma not in OBJECT_CLAUSE_VERBS and any(
            c.dep_ == "dobj" and c.i < comp.i and c.pos_ in ("NOUN", "PROPN") for c in verb.children):
        return None  # "reported shelling of the towns [that] forces reclaimed": a relative clause, not content
    if comp is None and lemma in GERUND_VERBS:
        comp = next((c for c in verb.children if c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG"), None)
    # noun objects and directives only from a main verb: "to avoid revealing the plans" reports nothing
    finite = verb.dep_ not in ("xcomp", "pcomp", "advcl", "acl", "relcl", "amod", "csubj")
    if comp is None and finite and lemma in NOUN_CONTENT_VERBS:  # "denied any involvement", "announced the …"
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is not None and obj.i > verb.i and len(list(obj.subtree)) >= 2:
            comp = obj
    if comp is None and finite and lemma in DIRECTIVE_VERBS:  # "urged Congress to leave the program intact"
        comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                     and any(a.lower_ == "to" for a in c.children)), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj" and comp is not None and verb.i < c.i < comp.i), None)
        if obj is not None:  # who was urged belongs to the directive: "residents to stay indoors"
            return _span_chars(doc, list(obj.subtree) + list(comp.subtree))
    if comp is None:  # "told Reuters in an interview that …": the parser hung the clause on the noun
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                comp = next((c for c in pobj.children if c.dep_ in ("relcl", "acl") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
                if comp is not None:
                    break
            if comp is not None:
                break
    if comp is None and verb.dep_ == "pcomp":  # as saying, "…"
        comp = next((c for c in verb.children if c.dep_ in ("ccomp", "dobj")), None)
    if comp is None:  # "The governor added: It's typical …": the rest of the paragraph after the colon
        k = verb.i + 1
        while k < len(doc) and k - verb.i <= 4 and doc[k].text != ":" and doc[k].pos_ not in ("VERB", "AUX", "PUNCT"):
            k += 1
        if k < len(doc) and doc[k].text == ":":
            start = doc[k].idx + 1
            end = doc_text(doc).find("\n", start)
            a, b = trim(doc_text(doc), start, len(doc_text(doc)) if end < 0 else end)
            if len(doc_text(doc)[a:b].split()) >= 3:
                return a, b
    if comp is None:
        # "…, X said." where the parser hung the cue under the content: the head clause up to the comma before
        # the speaker (a plain comma, not "and"/"but", marks the parenthetical attribution)
        head = verb.head
        if verb.dep_ in ("parataxis", "ccomp", "conj") and head is not verb and head.i < verb.i \
                and head.pos_ in ("VERB", "AUX") and head.sent.start == verb.sent.start:
            left = speaker_start if speaker_start is not None else verb.left_edge.i
            if left > 0 and doc[left - 1].text == ",":
                toks = [t for t in head.subtree if t.i < left - 1]
                if len(toks) >= 3 and doc[left - 1].i > toks[-1].i:
                    return _span_chars(doc, toks)
        return None
    toks = list(comp.subtree)
    # a coordinated second cue inside the clause ("said A and predicted B") starts its own quote
    # (or a participle: "said A, arguing that B")
    cut = next((t.left_edge.i for t in toks if t.dep_ in ("conj", "advcl") and t.i > comp.i and _is_cue(t)
                and any(c.dep_ == "ccomp" for c in t.children)), None)
    if cut is not None:
        toks = [t for t in toks if t.i < cut and not (t.i == cut - 1 and t.dep_ == "cc")]
    if verb.i > comp.i:  # content before the cue: stop before the cue's own phrase
        toks = [t for t in toks if t.i < verb.left_edge.i or t.i < verb.i and t.head.i < verb.i]
        # "CONTENT, X said" / "“CONTENT,” X said": the content must end at a comma, dash or closing mark
        after = max(t.i for t in toks) + 1 if toks else verb.i
        while after < verb.i and doc[after].is_punct and doc[after].text not in (",", "—", "–", "―") \
                and not _closing_mark(doc[after]):
            after += 1
        if after >= verb.i or not (doc[after].text in (",", "—", "–", "―", ":") or _closing_mark(doc[after])):
            return None
    return _span_chars(doc, toks) if len(toks) >= 2 else None


def _span_chars(doc: "Doc", toks: list["Token"]) -> tuple[int, int] | None:
    i, j = min(t.i for t in toks), max(t.i for t in toks)
    while i <= j and (doc[i].is_punct or doc[i].lower_ in ("that",) and doc[i].dep_ == "mark"):
        i += 1
    while j >= i and doc[j].is_punct and doc[j].text not in (")", "]"):
        j -= 1
    if j < i:
        return None
    start, end = doc[i].idx, doc[j].idx + len(doc[j].text)
    dateline = DATELINE.match(doc_text(doc), start)  # "SINGAPORE: Hackers have attacked …": the place is no content
    if dateline is not None and dateline.end() < end:
        start = dateline.end()
    return start, end


def _according(doc: "Doc", tok: "Token") -> Attribution | None:
    """"according to X, …": X is the speaker, the governing clause (minus the phrase) the content."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    head = tok.head
    lo, hi = tok.left_edge.i, tok.right_edge.i
    toks = [t for t in head.subtree if not lo <= t.i <= hi]
    if lo > head.i:  # "CONTENT, according to X, and …": the content ends before the phrase
        toks = [t for t in toks if t.i < lo]
    else:
        toks = [t for t in toks if t.i > hi]
    content = _span_chars(doc, toks) if len(toks) >= 3 else None
    if content is None:
        return None
    return Attribution(cue=tok, speaker=speaker_phrase(doc, pobj), content=content, cue_start=tok.idx,
                        cue_end=to.idx + len(to.text), cue_text="according to")


def attributions(doc: "Doc", inside: list[tuple[int, int]]) -> list[Attribution]:
    """Every reporting verb (outside direct quotes) with its speaker and, if any, its reported clause."""
    out = []
    quoted = Intervals(sorted(inside))  # an article's every token is tested against its every quote
    for tok in doc:
        if quoted.covers(tok.idx):
            continue  # speech reported inside a quote belongs to the quoted speaker's own account
        if tok.lower_ == "according" and tok.dep_ in ("prep", "advmod"):
            att = _according(doc, tok)
            if att is not None:
                out.append(att)
            continue
        if not _is_cue(tok):
            continue
        if tok.lemma_.lower() == "read" and not (
                (s := _subject(tok)) is not None and s.lemma_.lower() in DOCUMENT_NOUNS):
            continue
        subj = _subject(tok)
        left = None
        if subj is not None and subj.is_upper and len(subj.text) > 2 and subj.i + 1 < len(doc) \
                and doc[subj.i + 1].text in ("―", "—", "–", "--", "-"):
            subj = None  # a dateline ("WASHINGTON ― …"), not the speaker
        if subj is not None and any(a <= subj.idx < b for a, b in inside):
            subj = None  # the parser took words of the quotation (or a quoted title) for the speaker
        antecedent = None
        if subj is not None:
            if subj.lower_ in ("i", "you", "me"):
                continue  # first/second person outside quotes: the author or a question, not a source
            speaker = speaker_phrase(doc, subj)
            if subj.lower_ in ("which", "who"):
                speaker = doc[subj.i: subj.i + 1]
                antecedent = speaker_phrase(doc, tok.head) if tok.head.pos_ in ("NOUN", "PROPN") else None
                if antecedent is not None and antecedent.start <= tok.i < antecedent.end:
                    antecedent = None  # the parse gave no clean antecedent: keep "who"
            left = subj.left_edge.i if subj.head.i == tok.i else None
        else:
            speaker = _trailing_speaker(doc, tok)
            if speaker is None:
                continue
            left = speaker.start
        if not speaker_allowed(speaker, direct=subj is None or subj.head.i == tok.i or subj.head.dep_ == "agent"):
            continue  # a number, a bare title or a place named in passing is not who spoke: leave it unattributed
        cue_text = tok.text
        out.append(Attribution(cue=tok, speaker=speaker, content=_content_of(doc, tok, left), cue_start=tok.idx,
                                cue_end=tok.idx + len(tok.text), cue_text=cue_text, addressee=_addressee(doc, tok),
                                antecedent=antecedent, stance=tok.lemma_.lower() in BELIEF_VERBS))
    return out


_COUNTED = frozenset("PERCENT CARDINAL MONEY QUANTITY DATE TIME ORDINAL".split())


_NOBODY_IN_PARTICULAR = frozenset("some many others most few several all both we us".split())


def speaker_allowed(speaker: "SpacySpan", *, direct: bool) -> bool:
    """A speaker is a person, an organisation or a description of one. Refused: a number or share ("22 percent
    say"), a bare capitalised title with no name ("Vice President", "Majesty King"), and a place unless it is
    itself the subject of the speech verb ("Kyiv said", kept as written) rather than a place named in a phrase the
    parser took for the subject ("Speaking in Salem, New Hampshire, Trump …, calling him …"); a bare quantifier
    or "we" ("what some call “…”", "many are calling it “…”", "what we call “…”"): nobody in particular."""
    root = speaker.root
    if root.lower_ == "old" and root.i >= 2 and speaker.doc[root.i - 2].lower_ in ("year", "years"):
        return True  # "the 46-year-old": a person described by age, not a date
    some_of = root.i + 1 < speaker.end and speaker.doc[root.i + 1].lower_ == "of" and root.lower_ != "percent" \
        and not any(t.lower_ in ("percent", "%") for t in speaker)  # "one of those advisers": a person of a group
    if (root.like_num or root.ent_type_ in _COUNTED) and not some_of or root.lower_ in ("percent", "%", "per", "cent"):
        return False
    if len(speaker) == 1 and root.lower_ in _NOBODY_IN_PARTICULAR:
        return False
    words = [t for t in speaker if not t.is_punct]
    before = speaker.doc[speaker.start - 1].lower_.rstrip(".") if speaker.start > 0 else ""
    if len(words) >= 2 and before not in _GENDERED and all(
            t.is_title and t.lower_ in TITLE_WORDS | {"majesty", "highness", "excellency", "honor", "honour"}
            for t in words):
        return False  # "Vice President", "Majesty King"; "Mr. King" is a name
    names = [t for t in words if t.pos_ == "PROPN" or t.ent_type_]
    if names and all(t.ent_type_ in ("GPE", "LOC") for t in names) and root.pos_ == "PROPN" and not direct:
        return False
    return True
