"""**Attribution of direct quotes** (``attribute_direct``): the reporting verb outside the quote that is
syntactically linked to it in the sentences where it starts or ends (the verb governs the quote, or the
quote governs a parenthetical "he said"), else a cue right next to it with only the speaker between; a quote
signed with a dash ("…" ― Name). A quote inside a reported clause is carried by that indirect quote. Two
halves on one cue, or a quote with no cue that continues an attributed one ("…," he said. "…"), become one
quote with two parts; a whole paragraph in marks right after a paragraph with an attributed quote keeps that
speaker. Everything else (scare quotes, titles in title case) is kept unattributed: speaker ``None``, never
guessed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...lexicon.speech import DOCUMENT_NOUNS, QUOTE_MANNER_VERBS, SPEECH_VERBS
from ..parsed import doc_text, entities, entity_at
from .marks import (Region, TRANSCRIPT, abbreviation, para_index, previous_paragraph, same_paragraph,
                    whole_paragraph)
from .attribution import Attribution, NOT_PERSON, name_run, speaker_allowed, speaker_phrase
from .speakers import INVERTED_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


def _linked(att: Attribution, q_tokens: set[int], doc: "Doc") -> bool:
    """The cue governs a quote token, or a quote token governs the cue (parenthetical "he said")."""
    cue = att.cue
    if cue.lower_ == "according":
        return cue.head.i in q_tokens
    if cue.lemma_ == "put" or _parenthetical(cue) or _as_clause(cue):
        # "As X put it, the plan is “a gift”", "The plan, X said, is “a gift”": the clause the phrase or the
        # parenthetical attribution modifies holds the quote
        return cue.head.i in q_tokens or any(a.i == cue.head.i for t in q_tokens for a in doc[t].ancestors)
    for t in q_tokens:
        tok = doc[t]
        if any(a.i == cue.i for a in tok.ancestors):
            return True
    return any(a.i in q_tokens for a in cue.ancestors)


def _as_clause(cue: "Token") -> bool:
    """"As X explained, …": a speech verb in an "as" clause with its own subject, attributing the clause it
    modifies."""
    return cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
        and any(c.dep_ == "nsubj" for c in cue.children) and not any(c.dep_ == "ccomp" for c in cue.children)


def _parenthetical(cue: "Token") -> bool:
    """", X said," set off by commas inside the sentence it attributes, its subject just before it."""
    doc = cue.doc
    subj = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    return cue.dep_ == "parataxis" and subj is not None and subj.left_edge.i > 0 \
        and doc[subj.left_edge.i - 1].text == "," and cue.i + 1 < len(doc) and doc[cue.i + 1].text == "," \
        and cue.head.i > cue.i + 1


def _tokens_in(doc: "Doc", a: int, b: int) -> set[int]:
    span = doc.char_span(a, b, alignment_mode="expand")
    return set(range(span.start, span.end)) if span is not None else set()


def addressee_in_marks(doc: "Doc", region: Region, att: Attribution) -> bool:
    """The quotation names whom the speaker told, not what was said: "told NBC’s “Today”"."""
    if att.cue.lemma_ not in ("tell", "inform", "brief"):
        return False
    q_tokens = {t for a, b in region.pieces for t in _tokens_in(doc, a, b)}
    heard = {t.i for c in att.cue.children if c.dep_ in ("dobj", "dative") for t in c.subtree}
    return bool(q_tokens) and q_tokens <= heard


def attribute_direct(doc: "Doc", region: Region, atts: list[Attribution]) -> Attribution | None:
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
        between = [w for w in re.split(r"\s+", doc_text(doc)[region.end: nxt.start_char].strip().lstrip(",.!?\"'”’“‘ ")) if w]
        # ,” Rep. | Gwen Moore said — the sentence splitter stopped at a title's full stop
        if "\n" in doc_text(doc)[region.end: nxt.start_char]:
            pass  # never across a paragraph break
        elif not between or len(between) <= 4 and abbreviation(between[-1]) and not any(
                w.endswith(".") and not abbreviation(w) for w in between):
            hi = nxt.end_char
    cands = [x for x in atts if lo <= x.cue_start < hi and not any(a <= x.cue_start < b for a, b in region.pieces)]
    linked = [x for x in cands if _linked(x, q_tokens, doc)]
    # a cue whose reported clause holds the quotation, over a nearer one it merely governs ("X told a woman who
    # suggested that … that “…”": the second clause is what X told)
    holding = [x for x in linked if x.content is not None and x.content[0] <= region.start
               and region.end <= x.content[1] + 1]
    if holding:
        return min(holding, key=lambda x: distance(region, x))
    if linked:
        return min(linked, key=lambda x: distance(region, x))
    # no parse link: accept a cue directly adjacent to the quote ("…," said X) with only the speaker between
    for x in sorted(cands, key=lambda x: distance(region, x)):
        gap = doc_text(doc)[region.end: x.cue_start] if x.cue_start >= region.end else doc_text(doc)[x.cue_end: region.start]
        if "\n" in gap:
            continue
        gap = re.sub(r"\([^)]*\)", " ", gap)  # (D-Wis.)
        gap_words = [w for w in re.split(r"\s+", re.sub(r"[^\w\s'’.-]", " ", gap)) if w]
        speaker_words = len(x.speaker.text.split()) if x.speaker is not None else 0
        inner = gap_words[:-1] if gap_words and x.cue_start < region.start else gap_words
        if len(gap_words) <= speaker_words + 2 and "!" not in gap and "?" not in gap \
                and all(not w.endswith(".") or abbreviation(w) for w in inner):
            return x
    return None


def distance(region: Region, att: Attribution) -> int:
    if att.cue_start >= region.end:
        return att.cue_start - region.end
    if att.cue_end <= region.start:
        return region.start - att.cue_end
    return 0


_DASH_NAME = re.compile(r"\s*[―—–]+\s*|\s+--?\s*")


_NAME_LABELS = ("PERSON", "ORG")


def name_colon(doc: "Doc", paras: list[tuple[int, int]], r: Region) -> Attribution | None:
    """"Pollster Jane Doe: “…”", "… - Jane Doe: “…”" (round-ups, transcripts): a name, with at most a short
    description before it and no verb, standing between the start of the paragraph (or a dash) and a colon right
    before the quotation."""
    text = doc_text(doc)
    n = para_index(paras, r.start)
    if n < 0:
        return None
    lo = paras[n][0]
    lead = text[lo: r.start]
    if not lead.strip(" \"“«'‘\x01") and n > 0 and len(text[paras[n - 1][0]: paras[n - 1][1]].split()) <= 8:
        lo = paras[n - 1][0]  # "Stated Stone:" as a paragraph of its own, the quotation opening the next
        lead = text[lo: paras[n - 1][1]].rstrip()
    m = re.search(r"([^:\n]{2,200}?)\s*:\s*[\"“«'‘]?$", lead)
    if m is None:
        return None
    a, b = lo + m.start(1), lo + m.end(1)
    dash = max(text.rfind(d, a, b) for d in (" - ", " – ", " — ", " ― "))
    if dash >= 0:  # "HEADLINE IN CAPITALS - Jane Doe:": the name after the last dash
        a = dash + 3
    stop = max(text.rfind(". ", a, b), text.rfind("? ", a, b), text.rfind("! ", a, b))
    closed = max(text.rfind(f"{p}{q} ", a, b) for p in ".?!" for q in "\"”")
    if closed > stop:  # “… ISIS.” Bush: “…”: the sentence before ends in a closing mark
        stop = closed + 1
    if stop >= 0 and not abbreviation(text[text.rfind(" ", a, stop) + 1: stop + 1]):
        a = stop + 2  # "… complicated. Said Ellis:": from the sentence that holds the colon
    span = doc.char_span(a, b, alignment_mode="expand")
    inverted = span is not None and len(span) > 1 and span[0].is_title and (
        span[0].lemma_.lower() in SPEECH_VERBS or span[0].lower_ in INVERTED_VERBS)
    if inverted:
        span = span[1:]  # "Said Ellis:", "Stated Stone:": the verb before the name
    if span is None or len(span) > 10 or any(t.pos_ in ("VERB", "AUX") and not t.is_title for t in span):
        return None
    colon_at = span.end
    if len(span) > 3 and span[-1].text == ")":  # "Rep. Trey Gowdy (R-S.C.):": the name before the party label
        opening = next((t.i for t in reversed(span) if t.text == "("), span.start)
        span = doc[span.start: opening] if opening > span.start else span
    ent = next((e for e in entities(doc) if e.end == span.end and e.start >= span.start and e.label_ in _NAME_LABELS),
               None)
    if ent is None and span[-1].pos_ == "PROPN" and span[-1].is_title and span[-1].ent_type_ not in NOT_PERSON:
        ent = name_run(doc, span[-1])  # "Pollster Daron Shaw" with no entity from the model
        if ent is None and inverted and len(span) == 1:
            ent = span  # "Said Ellis:": the verb says it is a speaker
    if ent is None:
        return None
    colon = next((t for t in doc[colon_at: colon_at + 2] if t.text == ":"), None)
    if colon is None:
        return None
    return Attribution(cue=colon, speaker=ent, content=None, cue_start=colon.idx, cue_end=colon.idx + 1,
                        cue_text="colon")


def previous_sentence_attribution(doc: "Doc", text: str, paras: list[tuple[int, int]], r: Region,
                                   atts: list[Attribution], earlier: list[Region]) -> Attribution | None:
    """A quotation standing as a sentence of its own, with no cue, right after a sentence that reports someone's
    speech ("Mary Smith told reporters that the deal was done. “We signed it last night.”"), in the same paragraph,
    or as a whole paragraph after a paragraph that ends with that report: the news convention says it goes on
    with the same speaker. Nothing else stands between them (another quotation would break the chain)."""
    span = doc.char_span(r.start, r.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    if text[sent.start_char: r.start].strip(" \n\"“”'‘’«»") or text[r.end: span[-1].sent.end_char].strip(
            " \n\"“”'‘’«».,!?…"):
        return None  # the quotation is not a whole sentence
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    same = same_paragraph(paras, prev.start_char, r.start)
    if not same and not (previous_paragraph(paras, prev.start_char, r.start) and whole_paragraph(text, paras, r)):
        return None
    if any(prev.start_char <= e.start < prev.end_char for e in earlier):
        return None  # the previous sentence holds a quotation of its own: those rules decide
    cands = [x for x in atts if prev.start_char <= x.cue_start < prev.end_char and x.speaker is not None
             and x.content is not None and x.cue_text not in ("colon",)]
    if not cands:  # "Mary Smith agreed. “…”", "Tom Hale, a pollster, said in a statement. “…”"
        cands = [x for x in atts if prev.start_char <= x.cue_start < prev.end_char and _closes_sentence(x)]
    return max(cands, key=lambda x: x.cue_start) if cands else None


def _closes_sentence(att: Attribution) -> bool:
    """A plain speech verb that ends its sentence with nothing said in it: its subject before it, and after it only
    adverbs and prepositional phrases ("agreed.", "says.", "said in a statement on Monday.")."""
    cue = att.cue
    if att.speaker is None or att.speaker.end > cue.i or att.cue_text in ("colon", "dash", "according to") \
            or cue.lemma_.lower() not in SPEECH_VERBS or cue.dep_ not in ("ROOT",):
        return False
    sent = cue.sent
    after = [t for t in cue.doc[cue.i + 1: sent.end] if not t.is_punct and not t.is_space]
    allowed = {t.i for c in cue.children if c.dep_ in ("prep", "advmod", "npadvmod") and c.i > cue.i
               or c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS | {"warning", "reply", "response"}
               for t in c.subtree}  # "X tweeted a warning."
    if any(t.i not in allowed for t in after) or any(_is_mark(t) for t in sent):
        return False
    return sent[-1].text in (".", "!") or sent[-1].is_space and len(sent) > 1 and sent[-2].text == "."


def _is_mark(tok: "Token") -> bool:
    return any(ch in tok.text for ch in "\"“”«»") or tok.text == "''"


def participle_lead(doc: "Doc", r: Region) -> Attribution | None:
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
        if doc[j].tag_ == "VBG" and (doc[j].lemma_.lower() in SPEECH_VERBS or doc[j].lemma_.lower() in
                                      QUOTE_MANNER_VERBS):  # "…, interjecting, “…”"
            cue = doc[j]
            break
        if not (doc[j].pos_ in ("NOUN", "PROPN", "DET", "PRON") or doc[j].is_punct):
            return None  # only an addressee may stand between: "telling reporters"
    if cue is None or cue.i == sent_start:
        return None
    if cue.dep_ == "acl" and cue.head.i == cue.i - 1 and cue.head.ent_type_ == "PERSON":
        # "footage of Jane Doe asking, “…”", "a video of X saying “…”": the person the participle describes
        person = entity_at(doc, cue.head.i)
        if person is not None and speaker_allowed(person, direct=True):
            return Attribution(cue=cue, speaker=person, content=None, cue_start=cue.idx,
                               cue_end=cue.idx + len(cue.text), cue_text=cue.text)
    if doc[cue.i - 1].lower_ in ("while", "when", "after", "before") and cue.i - 2 >= sent_start \
            and doc[cue.i - 2].text == ",":
        pass  # "…, while chanting, “…”"
    elif doc[cue.i - 1].text not in (",", "—", "–", "―"):
        return None
    # the subject of a main clause, not of a relative one ("…, where the Tigers played, while chanting")
    subj = next((t for t in doc[sent_start: cue.i] if t.dep_ in ("nsubj", "nsubjpass") and t.head.i < cue.i
                 and t.lower_ not in ("i", "you", "that", "which", "it") and t.head.dep_ != "relcl"
                 and not any(c.tag_ in ("WRB", "WDT", "WP") for c in t.head.children)), None)
    if subj is None:
        return None
    speaker = speaker_phrase(doc, subj)
    if not speaker_allowed(speaker, direct=True):
        return None
    return Attribution(cue=cue, speaker=speaker, content=None, cue_start=cue.idx, cue_end=cue.idx + len(cue.text),
                        cue_text=cue.text)


_DASH_BEFORE = re.compile(r"(?:\s--?|\s?[―—–])\s*[\"“«'‘\x01]*$")


def dash_lead(doc: "Doc", r: Region) -> Attribution | None:
    """A quotation set off by a dash inside a sentence about a person, as an example of their words: "X also
    embraced the plan -- “I think it is peanuts”", "Republicans have said the same, including X -- “…” --". The
    person named right before the dash in an enumeration ("including X") speaks, else the person who is the
    subject of the clause before it."""
    text = doc_text(doc)
    span = doc.char_span(r.start, r.end, alignment_mode="expand")
    if span is None or not len(span) or len(r.pieces) > 1:
        return None
    sent = span[0].sent
    m = _DASH_BEFORE.search(text, sent.start_char, r.start)
    if m is None or m.end() != r.start or not text[sent.start_char: m.start()].strip():
        return None
    before = doc.char_span(sent.start_char, m.start(), alignment_mode="contract")
    if before is None or not len(before):
        return None
    last = before[-1]
    named = next((e for e in entities(doc) if e.end == last.i + 1 and e.label_ == "PERSON"), None)
    if named is not None and named.root.head.lower_ not in ("including", "like", "as"):
        named = None  # "seemed supportive of Mr. Trump -- “…”": a name in passing, not the one quoted
    if named is not None:
        speaker = named
    else:
        head = next((t for t in before if t.head.i == t.i or not before.start <= t.head.i < before.end), None)
        subj = next((c for c in head.children if c.dep_ == "nsubj" and c.i < head.i), None) if head else None
        if subj is None or not (subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN" and any(
                e.label_ == "PERSON" and e.text.split()[-1] == subj.text for e in entities(doc))):
            return None  # a person, or a name the model tags as a person elsewhere in the article
        speaker = speaker_phrase(doc, subj)
    if not speaker_allowed(speaker, direct=True):
        return None
    dash = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    cue = dash[0] if dash is not None and len(dash) else speaker[-1]
    return Attribution(cue=cue, speaker=speaker, content=None, cue_start=cue.idx, cue_end=cue.idx + len(cue.text),
                       cue_text="dash")


def transcript_name(doc: "Doc", r: Region) -> Attribution | None:
    """A transcript line in quotation marks, "WALLACE: Let's start …": the name in capitals before the colon (a
    name in title case is not enough: “Jane Doe: Bad for the city” is a sign or a headline)."""
    text = doc_text(doc)
    m = TRANSCRIPT.match(text, r.start)
    if m is None or len(m.group(1)) < 3:
        return None
    span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    colon = doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
    if span is None or colon is None or not len(colon):
        return None
    return Attribution(cue=colon[0], speaker=span, content=None, cue_start=m.end(1), cue_end=m.end(1) + 1,
                        cue_text="colon")


def dash_attribution(doc: "Doc", r: Region) -> Attribution | None:
    """“…” ― Jane Doe: a quotation signed with a dash and a name (reader comments, epigraphs, listed reactions)."""
    text = doc_text(doc)
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
    return Attribution(cue=cue, speaker=name, content=None, cue_start=m.start() + (len(m.group()) - len(m.group().lstrip())),
                        cue_end=m.end() - (len(m.group()) - len(m.group().rstrip())), cue_text="dash")


def only_attribution(doc: "Doc", a: int, b: int, att: Attribution) -> bool:
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


def colon_lead(text: str, paras: list[tuple[int, int]], r: Region, atts: list[Attribution]) -> Attribution | None:
    """"He said:" closing one paragraph, the quotation opening the next: that cue's attribution."""
    n = para_index(paras, r.start)
    if n <= 0 or text[paras[n][0]: r.start].strip(" \"“«'‘") or not text[: paras[n - 1][1]].rstrip().endswith(":"):
        return None
    lo, hi = paras[n - 1]
    # the cue of the sentence that ends with the colon ("X said that given the crop of candidates on both sides:")
    near = [x for x in atts if lo <= x.cue_start < hi and hi - x.cue_end <= 120
            and not re.search(r"[a-z]{2}[.!?]\s", text[x.cue_end:hi])]
    return max(near, key=lambda x: x.cue_start) if near else None


_CLOSE_TAIL = re.compile(r"[,;:]*[\"”’»'\x01]+,?[ \t]*")
_FINITE = ("VBD", "VBZ", "VBP")


_PHRASAL_CUES = {"put": "it", "point": "out", "go": "on"}  # "as X put it", "as X pointed out", "X went on"


def _quote_cue(tok: "Token") -> bool:
    """A finite verb of saying, or of the manner of saying, read off the word (the parser often mis-tags the verb
    after a closing mark); "put it" and "point out" as phrases."""
    lemma = tok.lemma_.lower()
    if not (tok.is_alpha and tok.is_lower and (tok.tag_ in _FINITE or tok.pos_ == "VERB")):
        return False
    if lemma in _PHRASAL_CUES:
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == _PHRASAL_CUES[lemma]
    return lemma in SPEECH_VERBS or lemma in QUOTE_MANNER_VERBS


def _noun_phrase(doc: "Doc", lo: int, hi: int) -> "SpacySpan | None":
    """The tokens ``lo:hi`` as a speaker phrase: a name or description (determiners, adjectives, numbers, nouns,
    names, abbreviated titles), or a personal pronoun; no verb, clause or sentence end in it."""
    phrase = doc[lo:hi]
    if not 1 <= len(phrase) <= 8:
        return None
    if len(phrase) == 1 and phrase[0].lower_ in ("he", "she", "they"):
        return phrase
    if not (phrase[0].is_title or phrase[0].pos_ in ("DET", "PROPN") or phrase[0].like_num) \
            or phrase[0].pos_ in ("ADP", "SCONJ", "ADV"):
        return None  # "In a statement to the Observer" is a phrase in front of the subject
    for t in phrase:
        if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") and not t.is_title or t.is_punct and t.text not in (
                ".", "-", "'s", "’s", "’", "'") or t.text == "." and not abbreviation(doc[t.i - 1].text + "."):
            return None
    # a capitalised word inside a sentence is a name whatever its tag ("said Skelly" with Skelly tagged ADV)
    if not any(t.pos_ in ("NOUN", "PROPN") or t.is_title and t.i > t.sent.start for t in phrase):
        return None
    # the person's name at the end of a description ("Seventeen-year-old Jared Poole"), if it is one
    ent = next((e for e in entities(doc) if e.label_ == "PERSON" and e.end == hi and e.start >= lo), None)
    if ent is None and doc[hi - 1].pos_ == "PROPN" and doc[hi - 1].ent_type_ not in NOT_PERSON:
        ent = name_run(doc, doc[hi - 1])
    return ent if ent is not None and ent.start >= lo else phrase


def adjacent_attribution(doc: "Doc", r: Region) -> Attribution | None:
    """The news form of a quote closed by its attribution, read off the words where the parse linked none:
    "“…,” said Army Capt. Jane Doe, who …", "“…?” Jane Doe asked", "“…,” Jane Doe, a top adviser, said at …".
    The quote must end a clause inside its marks (a comma, question or exclamation mark, or a dash), the cue must
    follow the closing mark with only the speaker phrase around it, and the speaker is the phrase itself (the
    name before an apposition), never a name further on."""
    text = doc_text(doc)
    tail = _CLOSE_TAIL.match(text, r.end)
    if not r.closed or tail is None or not tail.group().strip() or not any(
            c in text[r.end - 1] + tail.group() for c in ",?!—–"):
        return None
    start = doc.char_span(tail.end(), min(len(text), tail.end() + 1), alignment_mode="expand")
    if start is None or not len(start):
        return None
    k = start.start
    stop = next((t.i for t in doc[k: k + 30] if "\n" in t.text or t.text in (";", "?", "!", "“", "”", "\"")),
                min(len(doc), k + 30))
    if k >= stop:
        return None
    cue = speaker = None
    if _quote_cue(doc[k]):  # inverted: "said Army Capt. Jane Doe"
        j = k + 1
        while j < stop and not (doc[j].is_punct and doc[j].text != "." or doc[j].is_lower and doc[j].pos_ in (
                "ADP", "SCONJ", "PRON", "VERB", "AUX", "ADV", "CCONJ", "PART") and not (
                doc[j].lower_ == "of" and j + 1 < stop and doc[j + 1].pos_ in ("DET", "NOUN", "PROPN", "ADJ", "NUM"))
                and not (doc[j].tag_ in ("VBN", "VBG") and j == k + 1 and j + 1 < stop
                         and doc[j + 1].pos_ in ("NOUN", "PROPN"))):
            j += 1  # "said one of those advisers, who …": "of" inside the phrase; "said retired surgeon X"
        while j > k + 1 and doc[j - 1].text == "." and not abbreviation(doc[j - 2].text + "."):
            j -= 1
        cue, speaker = doc[k], _noun_phrase(doc, k + 1, j)
    else:  # "Jane Doe said", "Jane Doe, a top adviser, said", "Jane Doe (D-Wis.) said"
        j = next((t.i for t in doc[k: stop] if _quote_cue(t)), None)
        if j is None:
            return None
        cue, speaker = doc[j], _speaker_before(doc, k, _before_adverbs(doc, k, j))
    if speaker is None or not speaker_allowed(speaker, direct=True):
        return None
    return Attribution(cue=cue, speaker=speaker, content=None, cue_start=cue.idx, cue_end=cue.idx + len(cue.text),
                       cue_text=cue.text)


def _before_adverbs(doc: "Doc", k: int, j: int) -> int:
    """Where the subject ends before the cue at ``j``: before adverbs that modify the cue ("later", "recently")."""
    while j - 1 > k and doc[j - 1].pos_ == "ADV" and doc[j - 1].is_lower:
        j -= 1
    return j


def _speaker_before(doc: "Doc", k: int, j: int) -> "SpacySpan | None":
    """The speaker phrase filling the tokens ``k:j`` before a cue: "Jane Doe", "Jane Doe (D-Wis.)", or a name and
    its apposition between commas, "Jane Doe, a top adviser," / "her adviser, Jane Doe," (the name wins)."""
    if any(t.text == "." and not abbreviation(doc[t.i - 1].text + ".") for t in doc[k: j]):
        return None
    first = next((t.i for t in doc[k: j] if t.text in (",", "(")), j)
    if first == j:
        return _noun_phrase(doc, k, j)
    if first == k or doc[j - 1].text not in (",", ")"):
        return None  # an apposition or party label must close right before the cue
    head = _noun_phrase(doc, k, first)
    if doc[first].text == "," and doc[j - 1].text == "," and (head is None or head.root.ent_type_ != "PERSON"):
        second = _noun_phrase(doc, first + 1, j - 1)  # "her senior policy adviser, Jake Sullivan, said"
        if second is not None and second.root.ent_type_ == "PERSON":
            return second
    return head


def lead_attribution(doc: "Doc", paras: list[tuple[int, int]], r: Region) -> Attribution | None:
    """A quotation opened right after its cue and a colon or comma, the speaker just before the cue, read off the
    words where the parse linked none: "Her adviser, Jane Doe, said: “…”", "Jane Doe echoed:" closing the paragraph
    before a quotation that opens the next, "Jane Doe told reporters: “…”"."""
    text = doc_text(doc)
    n = para_index(paras, r.start)
    if n < 0:
        return None
    before = text[paras[n][0]: r.start].rstrip(" \"“«'‘\x01")
    if not before.strip():  # the quotation opens its paragraph: the cue closes the paragraph before, with a colon
        if n == 0 or not text[paras[n - 1][0]: paras[n - 1][1]].rstrip().endswith(":"):
            return None
        end = paras[n - 1][0] + len(text[paras[n - 1][0]: paras[n - 1][1]].rstrip())
    else:
        end = paras[n][0] + len(before)
        if not before.endswith((":", ",")):
            return None
    punct = doc.char_span(end - 1, end, alignment_mode="expand")
    if punct is None or not len(punct):
        return None
    p = punct.start
    sent_start = doc[p].sent.start
    j = next((i for i in range(p - 1, max(sent_start, p - 6) - 1, -1) if _quote_cue(doc[i])), None)
    if j is None or any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in doc[j + 1: p]):
        return None  # only an addressee or a place may stand between the cue and the colon ("told reporters:")
    k = j - 1
    while k > sent_start and not (doc[k - 1].is_punct and doc[k - 1].text not in (",", "(", ")", "-", ".")) \
            and j - k < 20:
        k -= 1
    while k < j and (not any(c.isalnum() for c in doc[k].text) or doc[k].lower_ == "as" and k + 1 < j
                     or doc[k].lower_ in ("but", "and", "so") and k + 2 < j and doc[k + 1].lower_ == "as"):
        k += 1  # "As John Cornyn put it:", "But as The Hill pointed out,": the speaker follows the "as"
    # a clause or a phrase in front of the subject ("In a statement to the Observer, her adviser, Jane Doe, said")
    subj_end = _before_adverbs(doc, k, j)  # "X, a tax lawyer, recently put it"
    if subj_end == j and j - k >= 3 and doc[j - 1].lower_ == "and" and doc[j - 2].pos_ == "VERB" \
            and doc[j - 2].tag_ in _FINITE:
        subj_end = j - 2  # "Ms. Sherry smiled and said, “…”": the subject of both verbs
    segments = [k] + [t.i + 1 for t in doc[k: subj_end - 1] if t.text == ","]
    for lo in segments[-3:]:
        speaker = _speaker_before(doc, lo, subj_end)
        if speaker is not None and speaker_allowed(speaker, direct=True):
            return Attribution(cue=doc[j], speaker=speaker, content=None, cue_start=doc[j].idx,
                               cue_end=doc[j].idx + len(doc[j].text), cue_text=doc[j].text)
    return None


def colon_sentence(doc: "Doc", paras: list[tuple[int, int]], r: Region) -> Attribution | None:
    """A sentence that ends with a colon to introduce the quotation, its subject a named person or organisation or
    a document: "The campaign, in a Q&A, worded it more carefully: “…”", "A footnote in the report makes that
    clear: “…”", "X issued the following statement:" closing the paragraph before, or "X issued a statement, “…”".
    The subject speaks."""
    text = doc_text(doc)
    n = para_index(paras, r.start)
    if n < 0:
        return None
    before = text[paras[n][0]: r.start].rstrip(" \"“«'‘\x01")
    if not before.strip():
        if n == 0 or not text[paras[n - 1][0]: paras[n - 1][1]].rstrip().endswith(":"):
            return None
        end = paras[n - 1][0] + len(text[paras[n - 1][0]: paras[n - 1][1]].rstrip())
    elif before.endswith((":", ",")):
        end = paras[n][0] + len(before)
    else:
        return None
    colon = doc.char_span(end - 1, end, alignment_mode="expand")
    if colon is None or not len(colon) or colon[0].text not in (":", ","):
        return None
    root = colon[0].sent.root
    if colon[0].text == "," and not any(c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS and c.i < colon[0].i
                                        for c in root.children):
        return None  # a comma introduces the quotation only after "X issued a statement,"
    if root.i > colon[0].i:  # the parser took the quotation for the main clause ("X apologized: “…”")
        sent_start = colon[0].sent.start
        heads = [t for t in doc[sent_start: colon[0].i] if t.head.i >= colon[0].i or t.head.i < sent_start]
        root = heads[0] if len(heads) == 1 else root
    if root.pos_ not in ("VERB", "AUX") or root.i > colon[0].i:
        return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < root.i), None)
    if subj is None or not (subj.ent_type_ in ("PERSON", "ORG") or subj.lemma_.lower() in DOCUMENT_NOUNS
                            or subj.lower_ == "footnote"):
        return None
    if any(t.text in ("“", "”", "\"") for t in doc[colon[0].sent.start: colon[0].i]):
        return None  # a quotation earlier in the sentence: the other rules decide
    speaker = speaker_phrase(doc, subj)
    if not speaker_allowed(speaker, direct=True):
        return None
    return Attribution(cue=root, speaker=speaker, content=None, cue_start=root.idx, cue_end=root.idx + len(root.text),
                       cue_text="colon")


_IN_WORDS = re.compile(r"\b[Ii]n (?P<who>(?:[Tt]he\s+)?[A-Za-z][^,.;:!?“”\"\n]{1,60}?)['’]s?\s+(?:own\s+)?"
                       r"(?:words|view|telling|phrase|estimation|account)\b")


def in_words(doc: "Doc", r: Region) -> Attribution | None:
    """"…, in Forbes’ words, “…”", "“…” in Bolton’s view": the source named in the phrase, in the quotation's
    sentence."""
    text = doc_text(doc)
    span = doc.char_span(r.start, r.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    lo, hi = span[0].sent.start_char, span[-1].sent.end_char
    found = [m for m in _IN_WORDS.finditer(text, lo, hi) if not any(a <= m.start() < b for a, b in r.pieces)]
    if len(found) != 1:
        return None
    m = found[0]
    who = doc.char_span(m.start("who"), m.end("who"), alignment_mode="contract")
    if who is None or not len(who) or not any(t.pos_ in ("PROPN", "NOUN") for t in who) \
            or any(t.pos_ in ("VERB", "AUX") for t in who) or not speaker_allowed(who, direct=True):
        return None
    cue = doc.char_span(m.start(), m.start() + 2, alignment_mode="expand")
    if cue is None or not len(cue):
        return None
    return Attribution(cue=cue[0], speaker=who, content=None, cue_start=cue[0].idx, cue_end=cue[0].idx + 2,
                       cue_text="according to")


_FROM_LEAD = re.compile(r"(?:^|[.!?]\s+|\s[-–—]\s*)(?:(?:More|Also)\s+from|From|Here['’]s)\s+(?P<who>[^:.!?]{2,80}?)"
                        r"(?:\s+(?:in|on|at)\s+[^:]{1,40})?\s*:\s*$")


def from_lead(doc: "Doc", paras: list[tuple[int, int]], r: Region) -> Attribution | None:
    """"From the report: “…”", "More from Jane Doe: “…”", "Here’s Jane Doe in December 1992: “…”": the round-up
    forms that name the source of the quotation right before its colon."""
    text = doc_text(doc)
    n = para_index(paras, r.start)
    if n < 0:
        return None
    lead = text[paras[n][0]: r.start].rstrip(" \"“«'‘\x01")
    m = _FROM_LEAD.search(lead)
    if m is None:
        return None
    a = paras[n][0] + m.start("who")
    span = doc.char_span(a, paras[n][0] + m.end("who"), alignment_mode="expand")
    if span is None or not len(span) or not any(t.pos_ in ("NOUN", "PROPN") for t in span) \
            or any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    if not speaker_allowed(span, direct=True):
        return None
    colon_at = paras[n][0] + lead.rfind(":")
    colon = doc.char_span(colon_at, colon_at + 1, alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    return Attribution(cue=colon[0], speaker=span, content=None, cue_start=colon_at, cue_end=colon_at + 1,
                       cue_text="colon")
