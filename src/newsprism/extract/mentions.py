"""Named-entity mentions per article: spaCy's entities, cleaned into exact name spans with their stated roles.

For every entity spaCy finds in a story sentence (PERSON, ORG, GPE, LOC, EVENT, NORP, FAC):

1. trim the span to the name itself: leading articles ("the"), titles ("Mr", "President", "Defence Minister")
   and a trailing possessive ('s) are cut, so ``Mention.text`` is the exact slice of the name;
2. drop what is not a name: lower-case phrases ("the west bank"), capitalised common words at a sentence start
   ("Fierce", "Demining": no proper-noun tag), and title words the model took for an organisation ("Defense" in
   "Defense Minister Oleksii Reznikov"), which become part of the person's role instead;
3. correct the label from the mention's own context, by rules that hold for any story: a demonym ("Ukrainian")
   is NORP; a name with a place cue ("the city of X", "X region", "in X", "seized X") is a place; a name with a
   person cue ("President X", "Mr X", "X, a senior adviser") is a person; the channel of a statement ("said on
   X") is an organisation;
4. capture the stated role of a person from the parse: the pre-modifiers of the name ("Ukraine's Defence
   Minister Oleksii Reznikov") and appositions on either side ("Andriy Yermak, a senior presidential adviser";
   "The mayor of Mykolayiv, Oleksandr Sienkovych").

Mentions in headings, bylines, captions, credit lines and embedded posts are skipped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import ArticleFacts, EntityType, Mention, Span
from ..lexicon.calendar import TIME_ZONE_CODES
from ..lexicon.function_words import LEADING_ARTICLES as _LEADING_DROP
from ..lexicon.organisations import ORG_HEADS
from ..lexicon.people import HONORIFICS, ROLE_NOUNS, TITLE_HEADS, TITLE_WORDS
from ..lexicon.places import (FEATURE_WORDS, PLACE_LABELS, PLACE_NOUNS, PLACE_PREPS, PLACE_VERBS,
                              STATE_POSSESSIONS)
from ..lexicon.speech import STATEMENT_VERBS as SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span as SpacySpan, Token

KEPT_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC", "EVENT", "NORP", "FAC"})

_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ians?|eans?|ese|ish|ans)$")
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_PUNCT_STRIP = " \t\n,;:!?\"'“”‘’()[]—–"  # no "." (U.S.) and no "-"


def find_mentions(facts: ArticleFacts, doc: "Doc", models: object) -> ArticleFacts:
    """Named-entity mentions of the story sentences of one article.

    Args:
        facts: the article's facts, with sentences.
        doc: the spaCy parse of the whole article text.
        models: unused (the parse is already done); kept for the stage contract.

    Returns:
        ``facts`` with ``mentions`` filled, in text order.
    """
    story = [s.span for s in facts.sentences if s.kind == "story"]
    starts = [s.start for s in story]
    article_id = facts.article.id
    out: list[Mention] = []
    for ent in list(doc.ents) + _untagged_names(doc):
        if ent.label_ not in KEPT_LABELS or not _in_story(ent.start_char, ent.end_char, story, starts):
            continue
        mention = _mention(ent, article_id, facts.article.text)
        if mention is not None:
            out.append(mention)
    out.sort(key=lambda m: m.span.start)
    return replace(facts, mentions=tuple(_coordinated_places(out, facts.article.text)))


_COORD = re.compile(r"^\s*(?:,|and|or|, and|, or)\s*$")


def _coordinated_places(mentions: list[Mention], text: str) -> list[Mention]:
    """A one-word "person" listed with places ("in Bakhmut and Soledar") is a place too: the parse often
    misses such coordinations, the list itself is the cue."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.label != "PERSON" or " " in m.text or m.role:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(out) and out[j].label in ("GPE", "LOC"):
                a, b = (out[j], m) if j < i else (m, out[j])
                if _COORD.match(text[a.span.end:b.span.start]):
                    out[i] = replace(m, label=out[j].label)
                    break
    return out




def _untagged_names(doc: "Doc") -> list["SpacySpan"]:
    """Names the model missed: runs of 2+ capitalised proper nouns outside every entity, kept only with a cue
    for their kind: a person cue ("The mayor of X, Oleksandr Sienkovych") or an organisation head ("General
    Staff", "Espreso TV")."""
    from spacy.tokens import Span as SpacySpan

    taken = set()
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
    out: list[SpacySpan] = []
    i, n = 0, len(doc)
    while i < n:
        j = i
        while j < n and j not in taken and doc[j].text[:1].isupper() and doc[j].lower_ not in HONORIFICS \
                and (doc[j].tag_ in ("NNP", "NNPS") or (doc[j].is_upper and len(doc[j]) >= 2)):
            j += 1
        if j - i == 1 and not doc[i].is_sent_start and doc[i].lower_ not in TITLE_WORDS and _listed_with_place(doc, i):
            out.append(SpacySpan(doc, i, j, label="GPE"))
        if j - i >= 2:
            toks = list(doc[i:j])
            if doc[j - 1].lower_ in ORG_HEADS:
                out.append(SpacySpan(doc, i, j, label="ORG"))
            elif not any(t.lower_ in TITLE_WORDS for t in toks) and person_cue(toks, doc):
                out.append(SpacySpan(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return out


def _listed_with_place(doc: "Doc", i: int) -> bool:
    """A lone capitalised word in a list of places ("Kharkiv, Luhansk, Donetsk and Dnipropetrovsk")."""
    for sep, other in ((i - 1, i - 2), (i + 1, i + 2)):
        if 0 <= other < len(doc) and doc[sep].text in (",", "and", "or") and doc[other].ent_type_ in ("GPE", "LOC"):
            return True
    return False


def _in_story(start: int, end: int, story: list[Span], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and story[i].start <= start and end <= story[i].end


def _mention(ent: "SpacySpan", article_id: int, source: str) -> Mention | None:
    """``source`` is the article text (``doc.text`` rebuilds the string on every call)."""
    doc = ent.doc
    tokens = list(ent)
    # 1. trim: leading articles and titles, trailing possessives and punctuation.
    while tokens and (tokens[0].lower_ in _LEADING_DROP or tokens[0].lower_ in HONORIFICS
                      or (tokens[0].lower_ in TITLE_WORDS and len(tokens) > 1 and tokens[0].is_title
                          and ent.label_ == "PERSON")):
        tokens.pop(0)
    while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].is_punct):
        tokens.pop()
    # a dateline the tagger glued to the name ("GENEVA - Velt Energy", "LONDON: Ada Velt") is not part of it
    cut = next((k for k, t in enumerate(tokens[:-1]) if t.text in ("-", "—", "–", ":")
                and all(x.is_upper for x in tokens[:k]) and k > 0), None)
    if cut is not None:
        tokens = tokens[cut + 1:]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    for suffix in ("'s", "’s"):  # a possessive glued to the token ("Kyiv’s" as one token)
        if source[start:end].endswith(suffix) and end - start > len(suffix):
            end -= len(suffix)
    text = source[start:end].strip(_PUNCT_STRIP)
    if not text:
        return None
    start = source.index(text, start)
    end = start + len(text)
    label = ent.label_
    # 2. not a name: must start upper-case; needs a proper-noun tag unless it is a demonym/nationality; a
    #    time-zone code after a clock time ("06:00 BST") is none either
    if not text[0].isupper() or text in TIME_ZONE_CODES:
        return None
    # Inside a sentence a capital letter marks a name; at a sentence start only a proper-noun tag does.
    if label != "NORP" and not _DEMONYM.match(text) and not any(
            t.tag_ in ("NNP", "NNPS") or (t.is_title and not t.is_sent_start) for t in tokens):
        return None
    # A capitalised gerund opening a sentence ("Demining has begun") is not a person or organisation.
    if len(tokens) == 1 and tokens[0].is_sent_start and label in ("PERSON", "ORG") and text.endswith("ing"):
        return None
    if _is_title_fragment(tokens, doc):
        return None
    # 3. label corrections from the mention's context.
    label = _corrected_label(label, tokens, text, doc)
    role = _role(tokens, doc, source) if label == "PERSON" else None
    return Mention(span=Span(article_id, start, end), label=label, text=text, role=role)  # type: ignore[arg-type]


def _is_title_fragment(tokens: list["Token"], doc: "Doc") -> bool:
    """A title word tagged as a name: every token is a title word and the next word continues the title
    ("Defense" in "Defense Minister Oleksii Reznikov")."""
    if not all(t.lower_ in TITLE_WORDS for t in tokens):
        return False
    nxt = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    return nxt is not None and nxt.lower_ in TITLE_WORDS


def _root(tokens: list["Token"]) -> "Token":
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[-1]


def _corrected_label(label: str, tokens: list["Token"], text: str, doc: "Doc") -> EntityType:
    if len(tokens) == 1 and _DEMONYM.match(text) and label in ("GPE", "LOC", "ORG", "NORP", "FAC"):
        return "NORP"
    if tokens[-1].lower_ in FEATURE_WORDS and len(tokens) > 1:
        return "LOC"
    if label == "ORG" and tokens[-1].lower_ in ORG_HEADS and len(tokens) > 1:
        return "ORG"
    if label == "NORP":
        return "GPE" if place_cue(tokens, doc, strong_only=True) else "NORP"
    if person_cue(tokens, doc):
        return "PERSON"
    # An organisation name is often the object of "in"/"from" too, so only the strong cues move it.
    if place_cue(tokens, doc, strong_only=(label == "ORG")):
        return label if label in PLACE_LABELS else "GPE"
    if label == "PERSON" and channel_cue(tokens, doc):
        return "ORG"
    return label  # type: ignore[return-value]


def person_cue(tokens: list["Token"], doc: "Doc") -> bool:
    """A title or honorific right before the name, or an apposition that names an office or a relation."""
    first = tokens[0]
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and (prev.lower_ in HONORIFICS or prev.lower_ in TITLE_HEADS):
        return True
    root = _root(tokens)
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.lower_ in TITLE_HEADS:
            return True
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.lower_ in TITLE_HEADS:
        return True
    return _title_before_comma(first, doc) is not None


def _title_before_comma(first: "Token", doc: "Doc") -> "Token | None":
    """ "The mayor of Mykolayiv, Oleksandr Sienkovych": an office noun just before the comma that opens the name,
    when the parse attached the name elsewhere."""
    if first.i < 2 or doc[first.i - 1].text != ",":
        return None
    for k in range(first.i - 2, max(-1, first.i - 7), -1):
        t = doc[k]
        if t.is_punct or t.pos_ == "VERB":
            return None
        if t.pos_ == "NOUN" and t.lower_ in TITLE_HEADS:
            return t
    return None


def place_cue(tokens: list["Token"], doc: "Doc", *, strong_only: bool = False) -> bool:
    """The mention stands where a place stands: "the city of X", "X region", "the capital, X", "X's forces"
    (strong cues); object of a place preposition or verb (weak cues: organisations stand there too).
    Conjuncts share the cue of their first conjunct."""
    root = _root(tokens)
    nxt = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in PLACE_NOUNS:
        return True
    if root.head.lower_ in STATE_POSSESSIONS and root.dep_ == "poss":
        return True
    if any(c.dep_ == "appos" and c.lemma_ in PLACE_NOUNS for c in root.children):
        return True
    h = root
    for _ in range(6):  # walk up a coordination or list: "in Bakhmut and Soledar", "the A, B and C regions"
        if h.dep_ in ("conj", "appos", "compound") and h.head.i != h.i:
            if h.dep_ == "compound" and h.head.lower_ in PLACE_NOUNS:
                return True
            if h.dep_ == "appos" and h.head.lower_ in PLACE_NOUNS:
                return True
            h = h.head
        else:
            break
    if h.dep_ == "compound" and h.head.lower_ in PLACE_NOUNS:
        return True
    if h.dep_ == "pobj":
        prep = h.head
        if prep.lower_ in PLACE_PREPS and not strong_only:
            return True
        if prep.lower_ == "of" and prep.head.lower_ in PLACE_NOUNS | {"residents", "mayor", "governor", "people",
                                                                       "outskirts", "centre", "center", "south",
                                                                       "north", "east", "west", "liberation"}:
            return True
    return not strong_only and h.dep_ in ("dobj", "nsubjpass") and h.head.lemma_ in PLACE_VERBS


def channel_cue(tokens: list["Token"], doc: "Doc") -> bool:
    """The channel of a statement: "said on X", "stated via X"."""
    root = _root(tokens)
    return (root.dep_ == "pobj" and root.head.lower_ in ("on", "via")
            and root.head.head.lemma_ in SPEECH_VERBS)


def _role(tokens: list["Token"], doc: "Doc", source: str) -> str | None:
    """The role stated next to a person's name, as written (articles dropped)."""
    root = _root(tokens)
    # Pre-modifiers inside the name's noun phrase: "Ukraine's Defence Minister Oleksii Reznikov".
    first = tokens[0]
    left = root.left_edge.i
    if left < first.i:
        # never across a dash, bracket, colon or quote: a dateline or another clause is no role
        for k in range(first.i - 1, left - 1, -1):
            if doc[k].is_punct and doc[k].text not in ("-", "'s", "’s", "'", "’", ".", ","):
                left = k + 1
                break
        pre = doc[left:first.i]
        words = [t for t in pre if not t.is_punct]
        last = words[-1] if words else None
        if last is not None and (last.lower_ in TITLE_HEADS or last.lower_ in TITLE_WORDS) \
                and last.lower_ not in HONORIFICS:
            return _clean_role(pre, source)
    # Apposition after the name: "Andriy Yermak, a senior presidential adviser, ...".
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > tokens[-1].i \
                and (child.lower_ in TITLE_HEADS or child.lemma_ in ROLE_NOUNS):
            return _clean_role(doc[child.left_edge.i:child.right_edge.i + 1], source)
    # The name as apposition of a role: "The mayor of Mykolayiv, Oleksandr Sienkovych, said".
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < first.i \
            and (root.head.lower_ in TITLE_HEADS or root.head.lemma_ in ROLE_NOUNS):
        head = root.head
        return _clean_role(doc[head.left_edge.i:first.i], source)
    office = _title_before_comma(first, doc)
    if office is not None:
        return _clean_role(doc[office.left_edge.i if office.left_edge.i < office.i else office.i:first.i], source)
    # The parse missed the noun phrase: take the title words written right before the name.
    i = first.i - 1
    if i >= 0 and doc[i].lower_ in TITLE_HEADS and doc[i].lower_ not in HONORIFICS:
        j = i
        while j - 1 >= 0 and j > i - 6 and not doc[j - 1].is_punct and (
                doc[j - 1].lower_ in TITLE_WORDS or doc[j - 1].pos_ in ("ADJ", "PROPN", "NOUN")
                or doc[j - 1].text in _POSSESSIVE):
            j -= 1
        return _clean_role(doc[j:first.i], source)
    return None


def _clean_role(span: "SpacySpan", source: str) -> str | None:
    toks = [t for t in span]
    while toks and (toks[0].lower_ in _LEADING_DROP or toks[0].is_punct):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("and", "or")):
        toks.pop()
    if not toks or not any(t.pos_ == "NOUN" or t.lower_ in TITLE_HEADS for t in toks):
        return None
    # one person's role is singular: "two Vermont developers", "presidential candidates" describe a group
    heads = [t for t in toks if t.head.i < toks[0].i or t.head.i > toks[-1].i or t.head.i == t.i]
    if heads and heads[0].tag_ in ("NNS", "NNPS") or (toks[0].like_num and toks[0].lower_ != "one"):
        return None
    text = source[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
    if text.count("(") > text.count(")"):  # cut an unclosed bracket: "adviser to X (then-Senator"
        text = text[:text.rindex("(")].rstrip(" ,")
    # the role itself, not what follows it: cut at a comma or a relative clause ("economist who served as ...")
    text = re.split(r",|\s(?:who|whom|whose|which|that)\s", text, maxsplit=1)[0].rstrip(" ,;:")
    return text if 0 < len(text) <= 160 else None
