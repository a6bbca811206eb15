"""Quotes per article: direct quotes from quotation marks, indirect speech from the parse, speakers resolved.

The cascade, step by step:

1. **Quotation marks** (``_mark_regions``): every double-mark style ("…", “…”, „…“, «…») paired per paragraph by
   the context of each mark (a mark after a space opens, a mark before a space or punctuation closes), so mixed
   or straight marks pair correctly and apostrophes are never marks; single marks (‘…’, '…') only where no double
   quote covers them. An opening mark left unclosed at the end of a paragraph continues into the next paragraph
   when that one opens with a mark (the news convention for multi-paragraph quotes); otherwise it ends there.
2. **Attributions** (``_attributions``, ``_content_of``): every reporting verb outside quotation marks with its
   speaker and reported content: a clausal complement ("X said (that) …", "…, X told Reuters", "X stated via
   Telegram that …", "insisting …", "was reported as saying …", "X added: …"), a gerund or noun object of a
   speech act from a main verb ("denies attacking …", "announced the arrest of …"), a directive ("urged
   residents to …"), a finding of a poll, study or document ("a survey found that …"), or "according to X, …".
   A report nested inside another's reported clause is part of that account and not repeated.
3. **Attribution of direct quotes** (``_attribute_direct``): the reporting verb outside the quote that is
   syntactically linked to it in the sentences where it starts or ends (the verb governs the quote, or the
   quote governs a parenthetical "he said"), else a cue right next to it with only the speaker between; a quote
   signed with a dash ("…" ― Name). A quote inside a reported clause is carried by that indirect quote. Two
   halves on one cue, or a quote with no cue that continues an attributed one ("…," he said. "…"), become one
   quote with two parts; a whole paragraph in marks right after a paragraph with an attributed quote keeps that
   speaker. Everything else (scare quotes, titles in title case) is kept unattributed: speaker ``None``, never
   guessed.
4. **Speakers** (``_Resolver``): the subject phrase trimmed of appositions, relative clauses and datelines; a
   person's name inside it is preferred; surnames and "Mr X" expanded to the most used full form of the name in
   the article; pronouns to the previous fitting attribution's speaker (the usual antecedent in news), with
   gender known from titles or earlier pronouns respected, else to the nearest preceding person; "who" to its
   antecedent; definite descriptions ("the General Staff") to an earlier, fuller speaker that contains them.
   ``speaker_span`` is always the mention in the attribution itself ("he", "who"), ``speaker`` the resolved text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..model import ArticleFacts, Quote, Span
from ..lexicon.function_words import TITLE_CASE_SMALL as _SMALL_WORDS
from ..lexicon.organisations import ORG_HEADS
from ..lexicon.people import GENDERED_HONORIFICS as _GENDERED, PRONOUNS, SPEAKER_TITLES as TITLES, TITLE_WORDS
from ..lexicon.speech import (CHANNEL_PREPS, DIRECTIVE_VERBS, DOCUMENT_NOUNS, FINDING_SUBJECTS, FINDING_VERBS,
                              FRAMING_VERBS, GERUND_VERBS, NOUN_CONTENT_VERBS, OBJECT_CLAUSE_VERBS, SPEECH_VERBS)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_NOT_PERSON = frozenset("GPE NORP DATE TIME LOC MONEY PERCENT CARDINAL ORDINAL QUANTITY LANGUAGE LAW EVENT".split())

_DOUBLE = "\"“”„‟«»"
_SINGLE = "'‘’‚‛‹›"
_OPENERS = "“„‟«‘‚‛‹"
_CLOSERS = "”»’›"
_OPEN_CTX = "([{—–-/:"
_CLOSE_CTX = ".,;:!?)]}—–-…"


# ---------------------------------------------------------------------------------------------------------------
# 1. Quotation marks


@dataclass(slots=True)
class _Region:
    """One quotation: its content pieces (one per paragraph, or per half of a split quote), without the marks."""

    pieces: list[tuple[int, int]]
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]



def _text(doc: "Doc") -> str:
    """The doc's text, built once per doc: ``Doc.text`` joins every token again on each call."""
    cached = doc.user_data.get("newsprism.text")
    if cached is None:
        cached = doc.user_data["newsprism.text"] = doc.text
    return cached

def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _direction(text: str, i: int, lo: int, hi: int, marks: str) -> str:
    """'open', 'close' or the character's own default, from the characters around the mark."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if nxt == _PAIRED_APOSTROPHES:
        nxt = text[i + 2] if i + 2 < hi else " "
    opens = (prev.isspace() or prev in _OPEN_CTX or prev in marks) and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_CTX or nxt in marks)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    ch = text[i]
    if ch in _OPENERS:
        return "open"
    if ch in _CLOSERS:
        return "close"
    return "toggle"


def _pair(text: str, lo: int, hi: int, marks: str, skip: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int | None]:
    """Paired regions (content offsets) of one paragraph, and the start of a quote left open at its end."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if ch not in marks or any(a <= i < b for a, b in skip):
            continue
        if marks is _SINGLE:
            prev = text[i - 1] if i > lo else " "
            nxt = text[i + 1] if i + 1 < hi else " "
            if prev.isalnum() and nxt.isalnum():
                continue  # apostrophe inside a word: it's, Nizarenko's
        d = _direction(text, i, lo, hi, marks)
        if d == "toggle":
            d = "close" if open_at is not None else "open"
        if d == "open" and open_at is None:
            if marks is _SINGLE and not (i + 1 < hi and text[i + 1].isalpha()):
                continue  # '90s, ' alone
            open_at = i + 1
        elif d == "close" and open_at is not None:
            if marks is _SINGLE and text[i - 1] == "s" and len(text[open_at:i].split()) > 40:
                continue
            regions.append((open_at, i))
            open_at = None
    return regions, open_at


_PAIRED_APOSTROPHES = "\x01"  # stands for the second apostrophe of a '' mark while pairing


def _mark_regions(original: str) -> list[_Region]:
    """All quotations of the text in order, multi-paragraph ones joined.

    Two apostrophes ('') are one double mark, as in archive and wire texts (''We will win,'' he said): they are
    paired as a straight double quote on a copy of the text of the same length."""
    text = original.replace("''", '"' + _PAIRED_APOSTROPHES)
    out: list[_Region] = []
    paras = _paragraphs(text)
    carry: _Region | None = None
    for n, (lo, hi) in enumerate(paras):
        regions, open_at = _pair(text, lo, hi, _DOUBLE, [])
        starts_with_mark = text[lo] in _DOUBLE
        if carry is not None:
            if starts_with_mark and regions and regions[0][0] == lo + 1:
                carry.pieces.append(regions.pop(0))
                out.append(carry)
                carry = None
            elif starts_with_mark and not regions and open_at == lo + 1:
                carry.pieces.append((lo + 1, hi))
                open_at = None
            else:
                out.append(carry)
                carry = None
        if carry is not None:  # continued through this paragraph, still open
            continue
        out.extend(_Region([r]) for r in regions)
        if open_at is not None:
            nxt_starts = n + 1 < len(paras) and text[paras[n + 1][0]] in _DOUBLE
            if nxt_starts:
                carry = _Region([(open_at, hi)], closed=False)
            elif len(text[open_at:hi].split()) >= 3:  # unclosed to the end of the paragraph
                out.append(_Region([(open_at, hi)], closed=False))
        singles, _ = _pair(text, lo, hi, _SINGLE, [(r.start - 1, r.end + 1) for r in out if lo <= r.start <= hi]
                           + ([(open_at - 1, hi)] if open_at is not None else []))
        out.extend(_Region([r]) for r in singles)
    if carry is not None:
        out.append(carry)
    out.sort(key=lambda r: r.start)
    return [r for r in (_trim_region(original, r) for r in out) if r is not None]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in _DOUBLE + _SINGLE):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:" + _DOUBLE + _SINGLE):
        b -= 1
    return a, b


def _trim_region(text: str, r: _Region) -> _Region | None:
    pieces = [p for p in (_trim(text, a, b) for a, b in r.pieces) if p[1] > p[0]]
    if not pieces or not any(ch.isalnum() for a, b in pieces for ch in text[a:b]):
        return None
    return _Region(pieces, r.closed)


# ---------------------------------------------------------------------------------------------------------------
# 2. Attributions from the parse


@dataclass(slots=True)
class _Attribution:
    cue: "Token"
    speaker: "SpacySpan | None"
    content: tuple[int, int] | None  # char offsets of the reported clause (indirect), if any
    cue_start: int = 0
    cue_end: int = 0
    cue_text: str = ""
    addressee: str | None = None
    antecedent: "SpacySpan | None" = None  # what a relative-pronoun speaker ("who") stands for


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
    if lemma in FINDING_VERBS and any(c.dep_ == "ccomp" for c in tok.children):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.lemma_.lower() in FINDING_SUBJECTS
    return False


def _subject(verb: "Token", depth: int = 0) -> "Token | None":
    """The speaker's head token: the verb's subject, or its governing verb's for "…, insisting", "adding that"."""
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
    if depth < 3 and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep", "acl") and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep":  # was reported as saying
            head = head.head
        if verb.dep_ == "conj" and head.i < verb.i and not _is_cue(head):
            return None  # "CONTENT, X said" with X lost to the parser: handled by _trailing_speaker
        return _subject(head, depth + 1)
    return None


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


def _speaker_phrase(doc: "Doc", head: "Token") -> "SpacySpan":
    """Prefer the person's name: the entity containing the head, else a named apposition of a description."""
    if head.ent_type_ == "PERSON":
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            return ent
    if head.pos_ == "PROPN" and head.ent_type_ not in _NOT_PERSON and head.is_title and head.lower_ not in ORG_HEADS:
        run = _name_run(doc, head)
        if run is not None:
            return run
    phrase = _phrase(doc, head)
    if head.pos_ == "NOUN":  # "The mayor of Mykolayiv, Oleksandr Sienkovych, said": the name in commas
        for c in head.subtree:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.lower_ not in ORG_HEADS and c.i > head.i \
                    and c.i + 1 < len(doc) and doc[c.i + 1].text == ",":
                run = _name_run(doc, c)
                if run is not None and len(run) >= 2 and doc[run.start - 1].text == ",":
                    return run
    return phrase


def _name_run(doc: "Doc", head: "Token") -> "SpacySpan | None":
    """The run of capitalised proper nouns ending at ``head`` ("Presidential adviser Mykhaylo Podolyak" ->
    "Mykhaylo Podolyak"), if it looks like a personal name (two or more words, or a known PERSON)."""
    i = head.i
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title and doc[i - 1].ent_type_ not in _NOT_PERSON \
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
                    ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
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
            end = _text(doc).find("\n", start)
            a, b = _trim(_text(doc), start, len(_text(doc)) if end < 0 else end)
            if len(_text(doc)[a:b].split()) >= 3:
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
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def _according(doc: "Doc", tok: "Token") -> _Attribution | None:
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
    return _Attribution(cue=tok, speaker=_speaker_phrase(doc, pobj), content=content, cue_start=tok.idx,
                        cue_end=to.idx + len(to.text), cue_text="according to")


def _attributions(doc: "Doc", inside: list[tuple[int, int]]) -> list[_Attribution]:
    """Every reporting verb (outside direct quotes) with its speaker and, if any, its reported clause."""
    out = []
    for tok in doc:
        if any(a <= tok.idx < b for a, b in inside):
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
            speaker = _speaker_phrase(doc, subj)
            if subj.lower_ in ("which", "who"):
                speaker = doc[subj.i: subj.i + 1]
                antecedent = _speaker_phrase(doc, tok.head) if tok.head.pos_ in ("NOUN", "PROPN") else None
                if antecedent is not None and antecedent.start <= tok.i < antecedent.end:
                    antecedent = None  # the parse gave no clean antecedent: keep "who"
            left = subj.left_edge.i if subj.head.i == tok.i else None
        else:
            speaker = _trailing_speaker(doc, tok)
            if speaker is None:
                continue
            left = speaker.start
        if not _speaker_allowed(speaker, direct=subj is None or subj.head.i == tok.i or subj.head.dep_ == "agent"):
            continue  # a number, a bare title or a place named in passing is not who spoke: leave it unattributed
        cue_text = tok.text
        out.append(_Attribution(cue=tok, speaker=speaker, content=_content_of(doc, tok, left), cue_start=tok.idx,
                                cue_end=tok.idx + len(tok.text), cue_text=cue_text, addressee=_addressee(doc, tok),
                                antecedent=antecedent))
    return out


_COUNTED = frozenset("PERCENT CARDINAL MONEY QUANTITY DATE TIME ORDINAL".split())


def _speaker_allowed(speaker: "SpacySpan", *, direct: bool) -> bool:
    """A speaker is a person, an organisation or a description of one. Refused: a number or share ("22 percent
    say"), a bare capitalised title with no name ("Vice President", "Majesty King"), and a place unless it is
    itself the subject of the speech verb ("Kyiv said", kept as written) rather than a place named in a phrase the
    parser took for the subject ("Speaking in Salem, New Hampshire, Trump …, calling him …")."""
    root = speaker.root
    if root.like_num or root.ent_type_ in _COUNTED or root.lower_ in ("percent", "%", "per", "cent"):
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


# ---------------------------------------------------------------------------------------------------------------
# 3. Direct quotes: which attribution they belong to


def _linked(att: _Attribution, q_tokens: set[int], doc: "Doc") -> bool:
    """The cue governs a quote token, or a quote token governs the cue (parenthetical "he said")."""
    cue = att.cue
    if cue.lower_ == "according":
        return cue.head.i in q_tokens
    for t in q_tokens:
        tok = doc[t]
        if any(a.i == cue.i for a in tok.ancestors):
            return True
    return any(a.i in q_tokens for a in cue.ancestors)


def _tokens_in(doc: "Doc", a: int, b: int) -> set[int]:
    span = doc.char_span(a, b, alignment_mode="expand")
    return set(range(span.start, span.end)) if span is not None else set()


def _attribute_direct(doc: "Doc", region: _Region, atts: list[_Attribution]) -> _Attribution | None:
    q_tokens: set[int] = set()
    for a, b in region.pieces:
        q_tokens |= _tokens_in(doc, a, b)
    if not q_tokens:
        return None
    first, last = doc[min(q_tokens)], doc[max(q_tokens)]
    lo, hi = first.sent.start_char, last.sent.end_char
    # a cue right after the closing mark may fall in the next syntok sentence ("…?" he asked.)
    if last.sent.end < len(doc):
        nxt = doc[last.sent.end].sent
        between = [w for w in re.split(r"\s+", _text(doc)[region.end: nxt.start_char].strip().lstrip(",.!?\"'”’“‘ ")) if w]
        # ,” Rep. | Gwen Moore said — the sentence splitter stopped at a title's full stop
        if "\n" in _text(doc)[region.end: nxt.start_char]:
            pass  # never across a paragraph break
        elif not between or len(between) <= 4 and _abbreviation(between[-1]) and not any(
                w.endswith(".") and not _abbreviation(w) for w in between):
            hi = nxt.end_char
    cands = [x for x in atts if lo <= x.cue_start < hi and not any(a <= x.cue_start < b for a, b in region.pieces)]
    linked = [x for x in cands if _linked(x, q_tokens, doc)]
    if linked:
        return min(linked, key=lambda x: _distance(region, x))
    # no parse link: accept a cue directly adjacent to the quote ("…," said X) with only the speaker between
    for x in sorted(cands, key=lambda x: _distance(region, x)):
        gap = _text(doc)[region.end: x.cue_start] if x.cue_start >= region.end else _text(doc)[x.cue_end: region.start]
        if "\n" in gap:
            continue
        gap = re.sub(r"\([^)]*\)", " ", gap)  # (D-Wis.)
        gap_words = [w for w in re.split(r"\s+", re.sub(r"[^\w\s'’.-]", " ", gap)) if w]
        speaker_words = len(x.speaker.text.split()) if x.speaker is not None else 0
        inner = gap_words[:-1] if gap_words and x.cue_start < region.start else gap_words
        if len(gap_words) <= speaker_words + 2 and "!" not in gap and "?" not in gap \
                and all(not w.endswith(".") or _abbreviation(w) for w in inner):
            return x
    return None


def _abbreviation(word: str) -> bool:
    """"Rep.", "Sen.", "Dr.", "Gov.": a short capitalised word with a full stop, not a sentence end."""
    if re.fullmatch(r"(?:[A-Z]\.){1,3}", word):  # initials: "G.K.", "J."
        return True
    return word.endswith(".") and 2 <= len(word) <= 5 and word[0].isupper() and word[:-1].isalpha()


def _distance(region: _Region, att: _Attribution) -> int:
    if att.cue_start >= region.end:
        return att.cue_start - region.end
    if att.cue_end <= region.start:
        return region.start - att.cue_end
    return 0


_DASH_NAME = re.compile(r"\s*[―—–]+\s*|\s+--?\s*")


def _is_title(text: str, r: _Region) -> bool:
    """A short quotation in title case is the name of a work, show or slogan, not reported speech."""
    if len(r.pieces) > 1:
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text[r.start:r.end])
    if not 2 <= len(words) <= 10:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[-1][0].isupper()


_NAME_LABELS = ("PERSON", "ORG")
_INVERTED_VERBS = frozenset("said says added adds stated states wrote writes continued continues noted notes asked "
                            "asks".split())


def _name_colon(doc: "Doc", paras: list[tuple[int, int]], r: _Region) -> _Attribution | None:
    """"Pollster Jane Doe: “…”", "… - Jane Doe: “…”" (round-ups, transcripts): a name, with at most a short
    description before it and no verb, standing between the start of the paragraph (or a dash) and a colon right
    before the quotation."""
    text = _text(doc)
    n = _para_index(paras, r.start)
    if n < 0:
        return None
    lead = text[paras[n][0]: r.start]
    m = re.search(r"([^:\n]{2,200}?)\s*:\s*[\"“«'‘]?$", lead)
    if m is None:
        return None
    a, b = paras[n][0] + m.start(1), paras[n][0] + m.end(1)
    dash = max(text.rfind(d, a, b) for d in (" - ", " – ", " — ", " ― "))
    if dash >= 0:  # "HEADLINE IN CAPITALS - Jane Doe:": the name after the last dash
        a = dash + 3
    stop = max(text.rfind(". ", a, b), text.rfind("? ", a, b), text.rfind("! ", a, b))
    if stop >= 0 and not _abbreviation(text[text.rfind(" ", a, stop) + 1: stop + 1]):
        a = stop + 2  # "… complicated. Said Ellis:": from the sentence that holds the colon
    span = doc.char_span(a, b, alignment_mode="expand")
    inverted = span is not None and len(span) > 1 and span[0].is_title and (
        span[0].lemma_.lower() in SPEECH_VERBS or span[0].lower_ in _INVERTED_VERBS)
    if inverted:
        span = span[1:]  # "Said Ellis:", "Stated Stone:": the verb before the name
    if span is None or len(span) > 10 or any(t.pos_ in ("VERB", "AUX") and not t.is_title for t in span):
        return None
    ent = next((e for e in doc.ents if e.end == span.end and e.start >= span.start and e.label_ in _NAME_LABELS), None)
    if ent is None and span[-1].pos_ == "PROPN" and span[-1].is_title and span[-1].ent_type_ not in _NOT_PERSON:
        ent = _name_run(doc, span[-1])  # "Pollster Daron Shaw" with no entity from the model
        if ent is None and inverted and len(span) == 1:
            ent = span  # "Said Ellis:": the verb says it is a speaker
    if ent is None:
        return None
    colon = next((t for t in doc[span.end: span.end + 2] if t.text == ":"), None)
    if colon is None:
        return None
    return _Attribution(cue=colon, speaker=ent, content=None, cue_start=colon.idx, cue_end=colon.idx + 1,
                        cue_text="colon")


def _previous_sentence_attribution(doc: "Doc", text: str, paras: list[tuple[int, int]], r: _Region,
                                   atts: list[_Attribution], earlier: list[_Region]) -> _Attribution | None:
    """A quotation standing as a sentence of its own, with no cue, right after a sentence that reports someone's
    speech ("Mary Smith told reporters that the deal was done. “We signed it last night.”"), in the same paragraph,
    or as a whole paragraph after a paragraph that ends with that report: the news convention says it goes on
    with the same speaker. Nothing else stands between them (another quotation would break the chain)."""
    span = doc.char_span(r.start, r.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    if text[sent.start_char: r.start].strip(" \"“”'‘’«»") or text[r.end: span[-1].sent.end_char].strip(
            " \"“”'‘’«».,!?…"):
        return None  # the quotation is not a whole sentence
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    same = _same_paragraph(paras, prev.start_char, r.start)
    if not same and not (_previous_paragraph(paras, prev.start_char, r.start) and _whole_paragraph(text, paras, r)):
        return None
    if any(prev.start_char <= e.start < prev.end_char for e in earlier):
        return None  # the previous sentence holds a quotation of its own: those rules decide
    cands = [x for x in atts if prev.start_char <= x.cue_start < prev.end_char and x.speaker is not None
             and x.content is not None and x.cue_text not in ("colon",)]
    return max(cands, key=lambda x: x.cue_start) if cands else None


def _participle_lead(doc: "Doc", r: _Region) -> _Attribution | None:
    """"X did not seem impressed, telling reporters, “…”", "X shared the news, writing “…”": a speech verb as a
    participle right before the quotation (only an addressee, a comma or colon between), whose speaker is the
    subject of the clause before it. Read off the words, because the parser often takes the quotation for the
    main clause here."""
    span = doc.char_span(r.start, r.end, alignment_mode="expand")
    if span is None or not len(span) or len(r.pieces) > 1:
        return None
    sent_start = span[0].sent.start
    k = span.start - 1
    while k >= sent_start and (doc[k].is_punct or doc[k].is_space):
        k -= 1
    cue = None
    for j in range(k, max(sent_start - 1, k - 4), -1):
        if doc[j].tag_ == "VBG" and doc[j].lemma_.lower() in SPEECH_VERBS:
            cue = doc[j]
            break
        if not (doc[j].pos_ in ("NOUN", "PROPN", "DET", "PRON") or doc[j].is_punct):
            return None  # only an addressee may stand between: "telling reporters"
    if cue is None or cue.i == sent_start or doc[cue.i - 1].text not in (",", "—", "–", "―"):
        return None
    subj = next((t for t in doc[sent_start: cue.i] if t.dep_ in ("nsubj", "nsubjpass") and t.head.i < cue.i
                 and t.lower_ not in ("i", "you", "that", "which", "it")), None)
    if subj is None:
        return None
    speaker = _speaker_phrase(doc, subj)
    if not _speaker_allowed(speaker, direct=True):
        return None
    return _Attribution(cue=cue, speaker=speaker, content=None, cue_start=cue.idx, cue_end=cue.idx + len(cue.text),
                        cue_text=cue.text)


_TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s")


def _split_transcript(text: str, regions: list[_Region]) -> list[_Region]:
    """A quotation continued over paragraphs ends where a paragraph opens with another transcript speaker's name
    ("WALLACE: …" / "PENCE: …"): each line is its own quote."""
    out: list[_Region] = []
    for r in regions:
        cur: list[tuple[int, int]] = []
        for a, b in r.pieces:
            if cur and _TRANSCRIPT.match(text, a) and text[cur[-1][1]: a].count("\n"):
                out.append(_Region(cur, True))
                cur = []
            cur.append((a, b))
        out.append(_Region(cur, r.closed))
    return out


def _transcript_name(doc: "Doc", r: _Region) -> _Attribution | None:
    """A transcript line in quotation marks, "WALLACE: Let's start …": the name in capitals before the colon."""
    text = _text(doc)
    m = _TRANSCRIPT.match(text, r.start)
    if m is None or len(m.group(1)) < 3:
        return None
    span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    colon = doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
    if span is None or colon is None or not len(colon):
        return None
    return _Attribution(cue=colon[0], speaker=span, content=None, cue_start=m.end(1), cue_end=m.end(1) + 1,
                        cue_text="colon")


def _reads_as_speech(doc: "Doc", r: _Region) -> bool:
    """An unattributed quotation is kept as a quote only when it reads as something said: a clause (a finite or
    imperative verb and three words or more) or a long passage. Single words and short noun phrases in marks
    ("sick care", “Goldilocks”, “a lifetime politician”) are scare quotes, nicknames or slogans."""
    if len(r.pieces) > 1:
        return True
    toks = [t for a, b in r.pieces for t in (doc.char_span(a, b, alignment_mode="expand") or ())]
    words = [t for t in toks if t.is_alpha or t.like_num]
    if len(words) >= 8:
        return True
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.tag_ == "VB" and t.dep_ == "ROOT" for t in toks)
    return finite and len(words) >= 3


def _dash_attribution(doc: "Doc", r: _Region) -> _Attribution | None:
    """“…” ― Jane Doe: a quotation signed with a dash and a name (reader comments, epigraphs, listed reactions)."""
    text = _text(doc)
    after = text[r.end: r.end + 4]
    close = len(after) - len(after.lstrip(".,!?…\"”’»'"))
    m = _DASH_NAME.match(text, r.end + close)
    if m is None or m.end() == r.end + close:
        return None
    span = doc.char_span(m.end(), min(len(text), m.end() + 60), alignment_mode="expand")
    if span is None or not len(span) or not span[0].is_title or span[0].pos_ != "PROPN":
        return None
    j = span.start
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and j - span.start < 4:
        j += 1
    name = doc[span.start: j]
    if not len(name):
        return None
    dash = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    cue = dash[0] if dash is not None and len(dash) else name[0]
    return _Attribution(cue=cue, speaker=name, content=None, cue_start=m.start() + (len(m.group()) - len(m.group().lstrip())),
                        cue_end=m.end() - (len(m.group()) - len(m.group().rstrip())), cue_text="dash")


# ---------------------------------------------------------------------------------------------------------------
# 4. Speakers


@dataclass(slots=True)
class _Resolver:
    """Resolves speaker phrases to the fullest safe form within one article."""

    doc: "Doc"
    full_names: dict[str, str] = field(default_factory=dict)  # lower surname -> fullest name
    history: list[tuple[int, str, bool]] = field(default_factory=list)  # (char, resolved speaker, is person)
    gender: dict[str, str] = field(default_factory=dict)  # name -> "m"/"f", from titles and resolved pronouns
    skip: list[tuple[int, int]] = field(default_factory=list)  # headings, embeds: no names learnt there

    def __post_init__(self) -> None:
        forms: dict[str, Counter[str]] = {}
        for ent in self.doc.ents:
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
            if len(words) == 2 and phrase.root.ent_type_ not in _NOT_PERSON and phrase.root.lower_ not in ORG_HEADS \
                    and all(w[:1].isupper() for w in words):
                self.full_names[words[-1].lower()] = " ".join(words)
                return " ".join(words), True
        return _strip_possessive(text), False

    def _pronoun(self, phrase: "SpacySpan") -> str:
        kind = PRONOUNS[phrase.text.lower()]
        at = phrase.start_char
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
        if kind in "mf":  # the nearest person named in the two sentences before
            sent = phrase.sent
            lo = sent.start
            for _ in range(2):
                if lo > 0:
                    lo = self.doc[lo - 1].sent.start
            for ent in reversed([e for e in self.doc.ents if lo <= e.start and e.end <= phrase.start]):
                if ent.label_ == "PERSON":
                    words = _strip_name(ent.text).split()
                    if words:
                        name = self.full_names.get(words[-1].lower(), " ".join(words))
                        if self.gender.get(name, kind) == kind:
                            return name
        return phrase.text

    def remember(self, at: int, speaker: str, person: bool) -> None:
        self.history.append((at, speaker, person))


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s$", "", text.strip())


def _strip_name(text: str) -> str:
    words = _strip_possessive(text).split()
    while words and (words[0].lower() in TITLES or words[0].lower() in _INVERTED_VERBS):
        words = words[1:]  # "Mr", "Gen."; "Said" glued to the name by the model ("Said Ellis")
    return " ".join(words)


# ---------------------------------------------------------------------------------------------------------------
# The stage


def find_quotes(facts: ArticleFacts, doc: "Doc", models: object = None) -> ArticleFacts:
    """Fill ``facts.quotes`` with the article's direct and indirect quotes, in text order.

    Args:
        facts: the article's facts so far (sentences are used to skip embeds and headings).
        doc: the spaCy parse of the whole article text.
        models: unused; the stage needs only the parse.

    Returns:
        ``facts`` with ``quotes`` set.
    """
    quotes = extract_quotes(doc, facts.article.id, skip=_non_story(facts))
    return replace(facts, quotes=tuple(quotes))


def _non_story(facts: ArticleFacts) -> list[tuple[int, int]]:
    return [(s.span.start, s.span.end) for s in facts.sentences if s.kind in ("embed", "heading", "byline", "credit")]


def extract_quotes(doc: "Doc", article_id: int, skip: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Quotes of one parsed text (the stage without ArticleFacts, for corpus evaluation)."""
    text = _text(doc)
    skip = skip or []
    regions = [r for r in _split_transcript(text, _mark_regions(text)) if not any(a <= r.start < b for a, b in skip)]
    inside = [p for r in regions for p in r.pieces]
    atts = [a for a in _attributions(doc, inside) if not any(s <= a.cue_start < e for s, e in skip)]
    # a report nested inside another's reported clause ("X said Kyiv could not confirm …") is part of X's account
    outer = [a.content for a in atts if a.content is not None]
    atts = [a for a in atts if not any(c[0] <= a.cue_start < c[1] and a.content != c for c in outer)]

    # Pair each quotation with its attribution (or none) before building records, so continuations can inherit.
    paras = _paragraphs(text)
    direct: list[tuple[_Region, _Attribution | None]] = []
    for r in regions:
        if _is_title(text, r):
            continue  # “Make Your Kid a Millionaire”, “Morning Joe”: the name of a work or show, not speech
        att = _attribute_direct(doc, r, atts) or _dash_attribution(doc, r) or _colon_lead(text, paras, r, atts) \
            or _name_colon(doc, paras, r) or _participle_lead(doc, r) or _transcript_name(doc, r)
        if att is None:
            # a quotation inside the reported clause of an attribution belongs to that speaker
            att = next((x for x in atts if x.content and x.content[0] <= r.start and r.end <= x.content[1] + 1), None)
        direct.append((r, att))

    merged: list[tuple[_Region, _Attribution | None, bool]] = []  # (region, attribution, inherited)
    for r, att in direct:
        if att is not None and merged and merged[-1][1] is att and _same_paragraph(paras, merged[-1][0].end, r.start) \
                and att.cue_start >= merged[-1][0].end and att.cue_end <= r.start \
                and _only_attribution(doc, merged[-1][0].end, r.start, att):
            pr = merged[-1][0]  # “…,” he said, “…”: both halves hang on the one cue between them
            merged[-1] = (_Region(pr.pieces + r.pieces, r.closed), att, False)
            continue
        if att is None and merged:
            pr, patt, _ = merged[-1]
            if patt is not None and _same_paragraph(paras, pr.end, r.start):
                gap = text[pr.end: r.start]
                if len(gap) <= 200 and _one_sentence(gap) and (
                        not gap.strip(" ,.\"'“”‘’") or patt.cue_start >= pr.end and patt.cue_end <= r.start):
                    merged[-1] = (_Region(pr.pieces + r.pieces, r.closed), patt, False)  # "…," he said. "…"
                    continue
            if patt is not None and _whole_paragraph(text, paras, r) and _previous_paragraph(paras, pr.end, r.start):
                merged.append((r, patt, True))  # a paragraph in marks after an attributed quote: same speaker
                continue
        if att is None:
            prev = _previous_sentence_attribution(doc, text, paras, r, atts, [m[0] for m in merged])
            if prev is not None:
                merged.append((r, prev, True))  # X said that …. “…”: the quoted sentence goes on with X's words
                continue
        merged.append((r, att, False))

    resolver = _Resolver(doc, skip=skip)
    records: list[tuple[int, Quote]] = []
    events: list[tuple[int, str, object]] = [(r.start, "direct", (r, att, inh)) for r, att, inh in merged]
    events += [(a.cue_start if a.content is None else min(a.cue_start, a.content[0]), "indirect", a) for a in atts]
    events.sort(key=lambda e: (e[0], e[1]))
    resolved: dict[int, tuple[str, bool]] = {}

    def speaker_of(att: _Attribution) -> tuple[str, bool]:
        key = id(att)
        if key not in resolved:
            phrase = att.antecedent if att.antecedent is not None else att.speaker
            resolved[key] = resolver.resolve(phrase) if phrase is not None else ("", False)
            resolver.remember(att.cue_start, *resolved[key])
        return resolved[key]

    def covered(a: int, b: int) -> int:
        return sum(max(0, min(b, p[1]) - max(a, p[0])) for r, _, _ in merged for p in r.pieces)

    # reported clauses kept as indirect quotes: those not (nearly) all in quotation marks
    clauses = [x.content for x in atts if x.content is not None and x.speaker is not None
               and not (x.content[0] < x.cue_end and x.cue_start < x.content[1])
               and covered(*x.content) < 0.7 * (x.content[1] - x.content[0])]

    for _, kind, item in events:
        if kind == "direct":
            r, att, inherited = item  # type: ignore[misc]
            if att is not None and any(a <= r.start and r.end <= b + 1 for a, b in clauses):
                continue  # a quoted fragment inside a reported clause: the indirect quote carries it
            if att is None:
                if _reads_as_speech(doc, r):  # a quotation we could not attribute: kept, speaker unknown
                    records.append((r.start, Quote(span=Span(article_id, r.start, r.end), direct=True, speaker=None,
                                                   parts=_parts(article_id, r))))
                continue  # a scare quote, nickname or slogan without a speech cue: a phrase, not a quote
            name, _ = speaker_of(att)
            records.append((r.start, _quote(article_id, r.start, r.end, True, name, att, _parts(article_id, r),
                                            cue=not inherited)))
        else:
            att = item  # type: ignore[assignment]
            if att.content is None or att.speaker is None:
                continue
            a, b = att.content
            if a < att.cue_end and att.cue_start < b:  # content swallowed the cue: parse went wrong
                continue
            name, _ = speaker_of(att)
            if (a, b) not in clauses:
                continue  # the reported clause is (nearly) all a direct quote: the direct record says it
            records.append((a, _quote(article_id, a, b, False, name, att, ())))
    records.sort(key=lambda x: x[0])
    return [q for _, q in records]


def _quote(article_id: int, a: int, b: int, direct: bool, speaker: str, att: _Attribution,
           parts: tuple[Span, ...], cue: bool = True) -> Quote:
    sp = att.speaker
    return Quote(span=Span(article_id, a, b), direct=direct, speaker=speaker or None,
                 speaker_span=Span(article_id, sp.start_char, sp.end_char) if sp is not None else None,
                 cue=(att.cue_text if att.cue_text in ("according to", "dash", "colon") else att.cue.lemma_.lower()) if cue else None,
                 cue_span=Span(article_id, att.cue_start, att.cue_end) if cue else None,
                 addressee=att.addressee if cue else None, parts=parts)


def _parts(article_id: int, r: _Region) -> tuple[Span, ...]:
    return tuple(Span(article_id, a, b) for a, b in r.pieces) if len(r.pieces) > 1 else ()


def _only_attribution(doc: "Doc", a: int, b: int, att: _Attribution) -> bool:
    """Between two halves of one quote (chars ``a:b``) stand only the speaker, the cue and the cue's own
    modifiers ("…,” the senator said in an interview, “…"), not the rest of a sentence that merely holds a scare
    quote ("The ‘so-called’ plan, he said, “…”")."""
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return True
    allowed = {t.i for t in att.cue.subtree}
    for c in att.cue.children:
        if c.dep_ in ("ccomp", "xcomp", "dobj"):
            allowed -= {t.i for t in c.subtree}
    if att.speaker is not None:
        allowed |= set(range(att.speaker.start, att.speaker.end))
    return all(t.i in allowed or t.is_punct or t.is_space or t.is_title for t in span)


def _one_sentence(gap: str) -> bool:
    """The text between two quotes is at most one attribution sentence ("…," Rep. Jane Doe said on Monday. "…")."""
    ends = [m for m in re.finditer(r"(\S*)[.!?]\s", gap + " ") if not _abbreviation(m.group(1) + ".")]
    return len(ends) <= 1


def _colon_lead(text: str, paras: list[tuple[int, int]], r: _Region, atts: list[_Attribution]) -> _Attribution | None:
    """"He said:" closing one paragraph, the quotation opening the next: that cue's attribution."""
    n = _para_index(paras, r.start)
    if n <= 0 or text[paras[n][0]: r.start].strip(" \"“«'‘") or not text[: paras[n - 1][1]].rstrip().endswith(":"):
        return None
    lo, hi = paras[n - 1]
    near = [x for x in atts if lo <= x.cue_start < hi and hi - x.cue_end <= 40]
    return max(near, key=lambda x: x.cue_start) if near else None


def _para_index(paras: list[tuple[int, int]], pos: int) -> int:
    for n, (lo, hi) in enumerate(paras):
        if lo <= pos <= hi:
            return n
    return -1


def _same_paragraph(paras: list[tuple[int, int]], a: int, b: int) -> bool:
    return _para_index(paras, a) == _para_index(paras, b)


def _previous_paragraph(paras: list[tuple[int, int]], a: int, b: int) -> bool:
    return _para_index(paras, b) - _para_index(paras, a) == 1


def _whole_paragraph(text: str, paras: list[tuple[int, int]], r: _Region) -> bool:
    n = _para_index(paras, r.start)
    lo, hi = paras[n]
    outside = text[lo: r.start] + text[r.end: hi]
    return not outside.strip(" \"'“”‘’«».,!?…")
