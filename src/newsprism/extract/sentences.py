"""Sentences with exact offsets (syntok), their kind (story text or not), and one spaCy parse per article.

Headings, bylines, photo captions, credit lines and social-media embeds are kept as sentences (their offsets
stay valid) but marked, so later stages count only story sentences as statements of the story.

Classification is per paragraph (one line of the stored text) first, because page furniture comes as whole
lines: an embedded post, a credit line, a caption. Then per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import syntok.segmenter as syntok

from ..model import Article, ArticleFacts, Sentence, SentenceKind, Span
from ..lexicon.calendar import MONTH_WORD_RE as _MONTH

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..nlp.models import Models

# An embedded post: a platform link, or the signature platforms print under an embed: "— Name (@handle) Month D, YYYY".
_EMBED = re.compile(
    r"pic\.twitter\.com/|https?://t\.co/|instagram\.com/p/|\bA post shared by\b|"
    rf"\(@\w{{1,15}}\)\s*(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})|"
    r"^[—–-]\s*[^()]{1,60}\(@\w{1,15}\)",
    re.I,
)
# Agency and contributor lines: "With reporting by AP, Reuters, and dpa", "(Reporting by X; Editing by Y)".
_CREDIT = re.compile(
    r"^[(\[]?\s*(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing|compiled|contributing|research|"
    r"translation|translated|produced|written)\s+(?:by|from)\b|"
    r"^[(\[]?\s*(?:this (?:story|article|report) (?:was|has been)\s+\w+\s+(?:by|from|with))\b|"
    r"^[(\[]?\s*(?:\w+\s+){0,3}contributed(?:\s+to)?\s+(?:this|the)\s+(?:report|story|article)",
    re.I,
)
_BYLINE = re.compile(r"^(?i:by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:\s*(?:,|and|&)\s*[A-Z][\w.'’ -]*){0,4}$")
# Photo captions and credits: "Photo: ...", "(AP Photo/Name)", "... Getty Images", "Image caption ...".
_CAPTION = re.compile(
    r"^(?:photo|image|picture|video|file photo|credit|caption|image caption|media caption|watch)\s*[:(]|"
    r"\((?:ap|afp|reuters|epa|getty)[^)]{0,40}(?:photo|images?)[^)]*\)\s*$|"
    r"(?:getty images|ap photo|afp via getty images|/reuters|/ap|/afp|/epa)\)?\.?\s*$|"
    r"^(?:file\s*)?photo\b.*\b(?:photo|images?)\b",
    re.I,
)
# Page furniture lines that are not story text.
_FURNITURE = re.compile(r"^(?:read more|related|advertisement|sign up|follow us|share this|click here|watch:)\b", re.I)
_TERMINAL = re.compile(r"[.!?…\"'”’)\]]$")
# Titles abbreviated before a name: a full stop after one never ends the sentence when a capitalised word follows
# ("said the Rev. Thomas Green", "Sen. Maria Lopez"). syntok knows Mr./Dr. but splits after these.
_TITLE_BEFORE_NAME = re.compile(
    r"(?:^|[\s(\"“'‘])(?:Rev|Revs|Sen|Sens|Rep|Reps|Gov|Govs|Gen|Lt|Col|Capt|Cpt|Sgt|Maj|Adm|Cmdr|Cdr|Brig|Cpl|"
    r"Pvt|Fr|Msgr|Sr|Jr|Prof|Supt|Insp|Det|Hon|Atty|Amb|Pres|Sec|Gens|St|Ste|Mt)\.$")


def classify(text: str, paragraph_sentences: int) -> SentenceKind:
    """The kind of one sentence, given how many sentences its paragraph has.

    Why: a story sentence ends like a sentence; a heading is a short line standing alone without one.
    """
    stripped = text.strip()
    words = len(stripped.split())
    if _EMBED.search(stripped):
        return "embed"
    if _CREDIT.search(stripped) and words <= 30:
        return "credit"
    if paragraph_sentences == 1 and _BYLINE.match(stripped) and words <= 14:
        return "byline"
    if _CAPTION.search(stripped) and words < 40:
        return "caption"
    if _FURNITURE.match(stripped) and words <= 15:
        return "heading"
    # A heading starts with a capital and stands alone without a sentence end; a line ending in ":" introduces
    # what follows ("He said:") and a line starting in lower case is a broken-off piece of a sentence.
    if paragraph_sentences == 1 and not _TERMINAL.search(stripped) and words <= 12 \
            and not stripped.endswith(":") and (stripped[:1].isupper() or stripped[:1].isdigit()):
        return "heading"
    return "story"


def classify_paragraph(kinds: list[SentenceKind], text: str) -> list[SentenceKind]:
    """An embed or credit line is one block: the whole paragraph takes its kind (its other sentences are the
    embedded post's own text or the rest of the credit list)."""
    for special in ("embed", "credit"):
        if special in kinds:
            return [special] * len(kinds)
    if "caption" in kinds and len(text.split()) < 40:
        return ["caption"] * len(kinds)
    # a headline and its deck on one line, joined by ";" ("Quake Kills 10; 80 Hurt and 7 Villages Damaged"): a short
    # line that ends without a sentence end is headings throughout, as one of its parts alone would be
    stripped = text.strip()
    if len(kinds) > 1 and not _TERMINAL.search(stripped) and len(stripped.split()) <= 15 and \
            (stripped[:1].isupper() or stripped[:1].isdigit()):
        return ["heading"] * len(kinds)
    return kinds


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """Sentences of the stored text; a line break always ends a sentence (paragraphs never run together)."""
    text = article.text
    out: list[Sentence] = []
    paragraph = 0
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        spans: list[tuple[int, int]] = []
        for para in syntok.analyze(line):
            for sent in para:
                start = line_start + sent[0].offset
                end = line_start + sent[-1].offset + len(sent[-1].value)
                if end > start:
                    if spans and _TITLE_BEFORE_NAME.search(text[spans[-1][0]:spans[-1][1]]) \
                            and text[start:start + 1].isupper():
                        spans[-1] = (spans[-1][0], end)  # "… said the Rev." + "Thomas Green, …": one sentence
                        continue
                    spans.append((start, end))
        kinds = classify_paragraph([classify(text[s:e], len(spans)) for s, e in spans], line)
        for (start, end), kind in zip(spans, kinds):
            out.append(Sentence(Span(article.id, start, end), index=len(out), paragraph=paragraph, kind=kind))
        paragraph += 1
    return tuple(out)


def _prepared(article: Article, models: "Models") -> tuple["Doc", tuple[Sentence, ...]]:
    """The tokenised text with our sentence starts set, before any pipeline component runs."""
    import numpy
    from spacy.attrs import SENT_START

    sentences = split_sentences(article)
    doc = models.nlp.make_doc(article.text)
    starts = {s.span.start for s in sentences}
    # One array write: the ``is_sent_start`` setter scans the whole doc for a parse on every call (n² on long texts)
    flags = numpy.array([1 if token.idx in starts or token.i == 0 else -1 for token in doc], dtype=numpy.int64)
    if len(doc):
        doc.from_array([SENT_START], flags.astype(numpy.uint64))
    return doc, sentences


def parse_article(article: Article, models: "Models") -> tuple[ArticleFacts, "Doc"]:
    """One spaCy Doc over the whole text; our sentence starts are set before the parser, which respects them."""
    doc, sentences = _prepared(article, models)
    for _, proc in models.nlp.pipeline:
        doc = proc(doc)
    return ArticleFacts(article=article, sentences=sentences), doc


def parse_many(articles: Iterable[Article], models: "Models", *, batch_size: int = 16
               ) -> Iterator[tuple[ArticleFacts, "Doc"]]:
    """``parse_article`` for many articles, through ``nlp.pipe`` so the model runs on batches (the same
    result, faster: the parser and tagger work on whole batches). Yields in input order, lazily."""
    prepared = (( *_prepared(a, models), a) for a in articles)
    docs = ((doc, (sentences, article)) for doc, sentences, article in prepared)
    for doc, (sentences, article) in models.nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
        yield ArticleFacts(article=article, sentences=sentences), doc
