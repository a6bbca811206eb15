"""Quotes per article: direct quotes from quotation marks, indirect speech from the parse, speakers resolved.

The cascade, one module per step:

1. ``marks``: quotation marks paired into regions, multi-paragraph quotes joined; titles and scare quotes told apart.
2. ``attribution``: every reporting verb outside the marks, with its speaker and reported clause.
3. ``direct``: which attribution each quotation belongs to (or none, never guessed).
4. ``speakers``: speaker phrases resolved to the fullest safe form within the article.

This module pairs them (halves of one quote, continuations) and builds the ``Quote`` records.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...model import ArticleFacts, Quote, Span
from ..parsed import doc_text
from .marks import (Region, is_title, mark_regions, one_sentence, paragraphs, previous_paragraph,
                    reads_as_speech, same_paragraph, split_transcript, whole_paragraph)
from .attribution import Attribution, attributions
from .direct import (adjacent_attribution, addressee_in_marks, attribute_direct, colon_lead, colon_sentence,
                     dash_attribution, dash_lead, distance, from_lead, in_words, lead_attribution, name_colon,
                     only_attribution, participle_lead, previous_sentence_attribution, transcript_name)
from .speakers import Resolver

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


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
    text = doc_text(doc)
    skip = skip or []
    regions = [r for r in split_transcript(text, mark_regions(text)) if not any(a <= r.start < b for a, b in skip)]
    inside = [p for r in regions for p in r.pieces]
    atts = [a for a in attributions(doc, inside) if not any(s <= a.cue_start < e for s, e in skip)]
    # a report nested inside another's reported clause ("X said Kyiv could not confirm …") is part of X's account
    outer = [a.content for a in atts if a.content is not None]
    atts = [a for a in atts if not any(c[0] <= a.cue_start < c[1] and a.content != c for c in outer)]
    spoken = [a for a in atts if not a.stance]  # what may attribute a quotation: words said, not a view held

    # Pair each quotation with its attribution (or none) before building records, so continuations can inherit.
    paras = paragraphs(text)
    direct: list[tuple[Region, Attribution | None]] = []
    for r in regions:
        if is_title(text, r):
            continue  # “Make Your Kid a Millionaire”, “Morning Joe”: the name of a work or show, not speech
        after = adjacent_attribution(doc, r)
        near = after or lead_attribution(doc, paras, r)
        # a transcript line, “WALLACE: …”: the name before the colon speaks, whatever verbs the line holds
        att = transcript_name(doc, r) or attribute_direct(doc, r, spoken)
        if att is not None and near is not None and near.cue.i != att.cue.i and att.cue_text != "according to" \
                and (distance(r, near) < distance(r, att) or near is after and _clause_between(doc, att, r)):
            # "X wrote to Y about …. Y replied, “…”": the cue right at the quote, over a farther parse link; and
            # "The loopholes he cited are “…,” the paper reported.": the attribution closing the quote, over a cue
            # before it that a clause of its own separates from the quotation
            att = near
        att = att or dash_attribution(doc, r) or colon_lead(text, paras, r, spoken) or name_colon(doc, paras, r) \
            or participle_lead(doc, r) or near or dash_lead(doc, r) or in_words(doc, r) \
            or from_lead(doc, paras, r) or colon_sentence(doc, paras, r)
        if att is not None and addressee_in_marks(doc, r, att):
            continue  # “Today” in "told NBC’s “Today”": a show's name, not speech
        if att is None:
            # a quotation inside the reported clause of an attribution belongs to that speaker
            att = next((x for x in spoken if x.content and x.content[0] <= r.start and r.end <= x.content[1] + 1), None)
        direct.append((r, att))

    merged: list[tuple[Region, Attribution | None, bool]] = []  # (region, attribution, inherited)
    for r, att in direct:
        if att is not None and merged and merged[-1][1] is att and same_paragraph(paras, merged[-1][0].end, r.start) \
                and att.cue_start >= merged[-1][0].end and att.cue_end <= r.start \
                and only_attribution(doc, merged[-1][0].end, r.start, att):
            pr = merged[-1][0]  # “…,” he said, “…”: both halves hang on the one cue between them
            merged[-1] = (Region(pr.pieces + r.pieces, r.closed), att, False)
            continue
        if att is None and merged:
            n = len(merged) - 1
            # over a scare quote or fragment inside the attribution sentence of the quote before: “…,” X told
            # NBC’s “Today” on Monday. “…” / “…,” X told the AP after hinting that “changes” could come. “…”
            while n > 0 and (merged[n][1] is None or merged[n - 1][0].end <= merged[n][1].cue_start
                             and merged[n][1].cue_end <= merged[n][0].start
                             and len(text[merged[n][0].start: merged[n][0].end].split()) < 6):
                n -= 1
            pr, patt, _ = merged[n]
            if patt is not None and same_paragraph(paras, pr.end, r.start):
                gap = text[pr.end: r.start]
                if len(gap) <= 200 and one_sentence(gap) and (
                        n == len(merged) - 1 and not gap.strip(" ,.\"'“”‘’")
                        or patt.cue_start >= pr.end and patt.cue_end <= r.start):
                    merged[n] = (Region(pr.pieces + r.pieces, r.closed), patt, False)  # "…," he said. "…"
                    continue
            pr, patt, _ = merged[-1]
            if patt is not None and whole_paragraph(text, paras, r) and previous_paragraph(paras, pr.end, r.start):
                merged.append((r, patt, True))  # a paragraph in marks after an attributed quote: same speaker
                continue
        if att is None:
            prev = previous_sentence_attribution(doc, text, paras, r, spoken, [m[0] for m in merged])
            if prev is not None:
                merged.append((r, prev, True))  # X said that …. “…”: the quoted sentence goes on with X's words
                continue
        merged.append((r, att, False))

    resolver = Resolver(doc, skip=skip)
    records: list[tuple[int, Quote]] = []
    events: list[tuple[int, str, object]] = [(r.start, "direct", (r, att, inh)) for r, att, inh in merged]
    events += [(a.cue_start if a.content is None else min(a.cue_start, a.content[0]), "indirect", a) for a in atts]
    events.sort(key=lambda e: (e[0], e[1]))
    resolved: dict[int, tuple[str, bool]] = {}

    def speaker_of(att: Attribution) -> tuple[str, bool]:
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
                if reads_as_speech(doc, r):  # a quotation we could not attribute: kept, speaker unknown
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


def _clause_between(doc: "Doc", att: Attribution, r: Region) -> bool:
    """A verb stands between a cue before the quotation and the quotation ("he cited are “…”"): the cue does not
    introduce it."""
    if att.cue_end > r.start:
        return False
    span = doc.char_span(att.cue_end, r.start, alignment_mode="contract")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _quote(article_id: int, a: int, b: int, direct: bool, speaker: str, att: Attribution,
           parts: tuple[Span, ...], cue: bool = True) -> Quote:
    sp = att.speaker
    return Quote(span=Span(article_id, a, b), direct=direct, speaker=speaker or None,
                 speaker_span=Span(article_id, sp.start_char, sp.end_char) if sp is not None else None,
                 cue=(att.cue_text if att.cue_text in ("according to", "dash", "colon") else att.cue.lemma_.lower()) if cue else None,
                 cue_span=Span(article_id, att.cue_start, att.cue_end) if cue else None,
                 addressee=att.addressee if cue else None, parts=parts)


def _parts(article_id: int, r: Region) -> tuple[Span, ...]:
    return tuple(Span(article_id, a, b) for a, b in r.pieces) if len(r.pieces) > 1 else ()
