"""Sentences with exact offsets (syntok), their kind (story text or not), and one spaCy parse per article.

Headings, bylines, photo captions, credit lines and social-media embeds are kept as sentences (their offsets
stay valid) but marked, so later stages count only story sentences as statements of the story.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import syntok.segmenter as syntok

from ..model import Article, ArticleFacts, Sentence, SentenceKind, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..models_loader import Models

_EMBED = re.compile(r"pic\.twitter\.com/|https?://t\.co/|\(@\w{1,15}\)\s+\w+ \d{1,2}, \d{4}|instagram\.com/p/")
_BYLINE = re.compile(r"^(by|reporting by|with reporting by|additional reporting by|writing by|editing by)\b", re.I)
_CREDIT = re.compile(r"^(photo|image|picture|video|file photo|credit)\s*[:(]|(getty images|reuters|ap photo|afp)\)?$", re.I)
_TERMINAL = re.compile(r"[.!?…\"'”’)\]]$")


def classify(text: str, paragraph_sentences: int) -> SentenceKind:
    """Why: a story sentence ends like a sentence; a heading is a short line standing alone without one."""
    stripped = text.strip()
    if _EMBED.search(stripped):
        return "embed"
    if _BYLINE.match(stripped):
        return "credit"
    if _CREDIT.search(stripped) and len(stripped.split()) < 25:
        return "caption"
    if paragraph_sentences == 1 and not _TERMINAL.search(stripped) and len(stripped.split()) <= 12:
        return "heading"
    return "story"


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
                    spans.append((start, end))
        for start, end in spans:
            kind = classify(text[start:end], len(spans))
            out.append(Sentence(Span(article.id, start, end), index=len(out), paragraph=paragraph, kind=kind))
        paragraph += 1
    return tuple(out)


def parse_article(article: Article, models: "Models") -> tuple[ArticleFacts, "Doc"]:
    """One spaCy Doc over the whole text; our sentence starts are set before the parser, which respects them."""
    sentences = split_sentences(article)
    nlp = models.nlp
    doc = nlp.make_doc(article.text)
    starts = {s.span.start for s in sentences}
    for token in doc:
        token.is_sent_start = token.idx in starts or token.i == 0
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return ArticleFacts(article=article, sentences=sentences), doc
