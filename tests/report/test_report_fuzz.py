"""Fuzzing (issue 12) of the report builder: stories made by hand from small arbitrary articles (unicode, odd
whitespace, invisible and bidi characters) with arbitrary spans inside them. No exception escapes ``build_report``,
the report meets its schema, and every evidence span's text is the exact slice of its article.

Records are constructed directly (no NLP pipeline), so a few hundred examples take seconds; ``bench/fuzz.py`` runs
the same property with 10,000 examples (``NEWSPRISM_FUZZ_EXAMPLES``)."""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsprism.model import (
    Agreement, Article, ArticleFacts, Aspect, AspectPosition, Divergence, Entity, Figure, Mention, Origin, Position,
    Quote, Sentence, SourceLink, Span, Story, SummarySentence, TimeExpr, TimelineEntry,
)
from newsprism.report.build import build_report, check_evidence, validate

N = int(os.environ.get("NEWSPRISM_FUZZ_EXAMPLES", "150"))
FUZZ = hsettings(max_examples=N, deadline=None, suppress_health_check=list(HealthCheck))
CHARS = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    list("\u00ad\u200b\u200d\u2060\ufeff\u202e\u2066\r\n\t \u00a0\u2028") + ["\U0001F389", "\u0301", "\u00e9"])
TEXTS = st.lists(st.text(CHARS, min_size=1, max_size=120), min_size=1, max_size=4)
DATES = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
WORDS = st.text(CHARS, max_size=20)


@st.composite
def stories(draw) -> Story:
    texts = draw(TEXTS)
    articles = tuple(Article(id=i + 1, text=t, source=f"a{i + 1}.txt", title=draw(st.none() | WORDS),
                             outlet=draw(st.none() | st.sampled_from(["Outlet A", "Outlet B", "Ünïcödé"])),
                             published=draw(DATES)) for i, t in enumerate(texts))
    ids = [a.id for a in articles]

    def span(article: Article | None = None) -> Span:
        a = article or draw(st.sampled_from(articles))
        start = draw(st.integers(0, len(a.text)))
        return Span(a.id, start, draw(st.integers(start, len(a.text))))

    def spans(lo: int = 1) -> tuple[Span, ...]:
        return tuple(span() for _ in range(draw(st.integers(lo, 3))))

    facts = []
    for a in articles:
        facts.append(ArticleFacts(
            article=a,
            sentences=tuple(Sentence(span(a), i, 0) for i in range(draw(st.integers(0, 3)))),
            mentions=tuple(Mention(span(a), "PERSON", draw(WORDS)) for _ in range(draw(st.integers(0, 2)))),
            figures=tuple(Figure(span(a), draw(st.floats(-1e9, 1e9)), unit=draw(st.none() | st.just("%")),
                                 conversion=draw(st.none() | st.just(span(a))))
                          for _ in range(draw(st.integers(0, 2)))),
            quotes=tuple(Quote(span(a), draw(st.booleans()), draw(st.none() | WORDS), speaker_span=span(a),
                               cue="said", cue_span=span(a), parts=(span(a),)) for _ in range(draw(st.integers(0, 2)))),
            times=tuple(TimeExpr(span(a), "2022-11-10", "day", start=dt.date(2022, 11, 10), end=dt.date(2022, 11, 10))
                        for _ in range(draw(st.integers(0, 2)))),
        ))
    two = st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True).map(tuple)
    sub = st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True).map(tuple)
    positions = tuple(Position(draw(st.sampled_from(ids)), draw(st.none() | WORDS), spans(),
                               value=draw(st.none() | WORDS))
                      for _ in range(draw(st.integers(2, 3))))
    return Story(
        articles=articles,
        facts=tuple(facts),
        entities=tuple(Entity(f"e{i}", draw(WORDS) or "x", "ORG", (draw(WORDS),), spans())
                       for i in range(draw(st.integers(0, 2)))),
        # an agreement needs two independent sources (the schema's contract), so only in stories of two or more
        agreements=tuple(Agreement(span(), draw(two), (), spans(), score=draw(st.floats(0, 1)))
                         for _ in range(draw(st.integers(0, 2 if len(ids) > 1 else 0)))),
        divergences=tuple(Divergence(draw(st.sampled_from(["numeric", "temporal", "claim", "attribution", "unique"])),
                                     draw(WORDS), positions, explanation=draw(WORDS))
                          for _ in range(draw(st.integers(0, 1)))),
        aspects=tuple(Aspect(draw(WORDS), (AspectPosition(span(), draw(sub), draw(sub), spans()),), draw(two))
                      for _ in range(draw(st.integers(0, 1 if len(ids) > 1 else 0)))),
        origins=tuple(Origin((i,), evidence=spans(0)) for i in ids),
        source_links=tuple(SourceLink("wire", draw(WORDS), draw(sub), spans(0))
                           for _ in range(draw(st.integers(0, 1)))),
        timeline=tuple(TimelineEntry("2022-11-10", "day", "10 Nov 2022", dt.date(2022, 11, 10), dt.date(2022, 11, 10),
                                     spans()) for _ in range(draw(st.integers(0, 2)))),
        summary=tuple(SummarySentence(draw(WORDS), spans()) for _ in range(draw(st.integers(0, 2)))),
        problems=tuple(draw(st.lists(WORDS, max_size=2))),
    )


@FUZZ
@given(stories(), st.lists(WORDS, max_size=2))
def test_fuzz_report_is_valid_and_every_span_is_its_source_slice(story, skipped):
    report = build_report(story, skipped=skipped)
    validate(report)
    assert check_evidence(report) == []
    by_id = {a["id"]: a["text"] for a in report["articles"]}
    assert all(by_id[a.id] == a.text for a in story.articles)  # article texts reach the report unchanged
