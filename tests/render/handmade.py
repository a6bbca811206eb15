"""A small hand-built story (three articles, one a reworded copy) used by the renderer, faithfulness and browser
tests. Its texts carry an injected ``<script>``, an ``onerror=`` attribute and an emoji before cited text (so
code-point offsets differ from UTF-16 ones in the browser)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from newsprism.model import (
    Agreement, Article, ArticleFacts, Aspect, AspectPosition, Divergence, Entity, Figure, InferredDate, Origin,
    Position, Quote, SourceLink, Span,
    Story, TimeExpr,
)
from newsprism.extract.sentences import split_sentences

INJECTED = ('A reader wrote <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2"> '
            'in a comment & left.')
TEXT1 = ("Russia said its troops finished withdrawing from the west bank at 5am on Friday.\n\n"
         "The withdrawal was announced on Wednesday, November 9.\n\n"
         "Moscow seized the city in early March.\n\n"
         "Residents celebrated in the main square. \U0001F389 Officials said 40,000 troops had crossed the river.\n\n"
         + INJECTED)
TEXT2 = ("Ukraine's defence minister said the withdrawal would take at least a week.\n\n"
         "The withdrawal was announced on Wednesday by Russia's defence ministry.\n\n"
         "Residents celebrated in the central square.\n\n"
         "Officials said 30,000 troops had crossed the river.\n\n"
         "Crimea was seized in 2014.")
TEXT3 = ("Russia announced the withdrawal on Wednesday, November 9, officials said.\n\n"
         "Troops began leaving on Thursday.")


def span(article: Article, needle: str, occurrence: int = 1) -> Span:
    pos = -1
    for _ in range(occurrence):
        pos = article.text.index(needle, pos + 1)
    return Span(article.id, pos, pos + len(needle))


def sentence(facts: ArticleFacts, needle: str) -> Span:
    inner = span(facts.article, needle)
    return next(s.span for s in facts.sentences if s.span.covers(inner))


def _time(a: Article, text: str, value: str, gran: str, *, kind: str = "date", mod: str | None = None,
          anchored: str = "published", start: dt.date | None = None, end: dt.date | None = None) -> TimeExpr:
    return TimeExpr(span(a, text), value, gran, kind=kind, mod=mod, start=start, end=end,  # type: ignore[arg-type]
                    anchored=anchored)  # type: ignore[arg-type]


def handmade_story() -> Story:
    """The extracted and consolidated story, before the timeline and summary stages."""
    d = dt.date
    a1 = Article(1, TEXT1, "one.txt", title="Russia completes pull-out", outlet="Wire One", published=d(2022, 11, 11),
                 published_source="marker")
    a2 = Article(2, TEXT2, "two.txt", title="Pull-out will take a week, says Kyiv", outlet="Daily Two",
                 published=d(2022, 11, 12), published_source="marker")
    a3 = Article(3, TEXT3, "three.txt", title=None, outlet=None, copy_of=1, copy_kind="reworded", copy_similarity=0.71)
    a3 = replace(a3, published_inferred=InferredDate(d(2022, 11, 11), "agreement-with-dated-articles",
                                                     "It reports Wednesday's announcement as news.",
                                                     (span(a3, "on Wednesday, November 9"),)))
    f1 = ArticleFacts(a1, split_sentences(a1))
    f2 = ArticleFacts(a2, split_sentences(a2))
    f3 = ArticleFacts(a3, split_sentences(a3))
    f1 = replace(f1, times=(
        _time(a1, "5am on Friday", "2022-11-11T05:00", "time", start=d(2022, 11, 11), end=d(2022, 11, 11)),
        _time(a1, "Wednesday, November 9", "2022-11-09", "day", anchored="absolute", start=d(2022, 11, 9),
              end=d(2022, 11, 9)),
        _time(a1, "early March", "2022-03", "month", mod="start", start=d(2022, 3, 1), end=d(2022, 3, 10))),
        figures=(Figure(span(a1, "40,000 troops"), 40000, counts="troops"),),
        quotes=(Quote(span(a1, "its troops finished withdrawing from the west bank at 5am on Friday"), False, "Russia",
                      speaker_span=span(a1, "Russia"), cue="said", cue_span=span(a1, "said")),))
    f2 = replace(f2, times=(
        _time(a2, "at least a week", "P1W", "duration", kind="duration", mod="at least"),
        _time(a2, "Wednesday", "2022-11-09", "day", start=d(2022, 11, 9), end=d(2022, 11, 9)),
        _time(a2, "2014", "2014", "year", anchored="absolute", start=d(2014, 1, 1), end=d(2014, 12, 31))),
        figures=(Figure(span(a2, "30,000 troops"), 30000, counts="troops"),),
        quotes=(Quote(span(a2, "the withdrawal would take at least a week"), False, "Ukraine's defence minister",
                      speaker_span=span(a2, "Ukraine's defence minister"), cue="said"),))
    f3 = replace(f3, times=(
        _time(a3, "Wednesday, November 9", "2022-11-09", "day", anchored="absolute", start=d(2022, 11, 9),
              end=d(2022, 11, 9)),
        _time(a3, "Thursday", "2022-11-10", "day", anchored="inferred", start=d(2022, 11, 10), end=d(2022, 11, 10))))
    agreements = (
        Agreement(sentence(f1, "announced on Wednesday"), (1, 2), (3,),
                  (sentence(f1, "announced on Wednesday"), sentence(f2, "announced on Wednesday"),
                   sentence(f3, "announced the withdrawal")), score=0.9, speakers=("Russia's defence ministry",)),
        Agreement(sentence(f1, "Residents celebrated"), (1, 2), (),
                  (sentence(f1, "Residents celebrated"), sentence(f2, "Residents celebrated")), score=0.8),
    )
    divergences = (
        Divergence("numeric", "troops crossed the river",
                   (Position(1, "Officials", (sentence(f1, "40,000"),), "40,000"),
                    Position(2, "Officials", (sentence(f2, "30,000"),), "30,000")), "40,000 vs 30,000", 0.8),
        Divergence("temporal", "end of the withdrawal",
                   (Position(1, "Russia", (sentence(f1, "5am on Friday"),), "2022-11-11T05:00"),
                    Position(2, "Ukraine's defence minister", (sentence(f2, "at least a week"),), "P1W")),
                   "finished by 5am Friday vs at least a week", 0.9),
    )
    entities = (Entity("russia", "Russia", "GPE", ("Russia",), (span(a1, "Russia"), span(a3, "Russia"))),)
    links = (SourceLink("copy", "reworded copy", (1, 3), (span(a3, "Russia announced the withdrawal"),)),)
    aspects = (
        Aspect("How many troops crossed the river?",
               (AspectPosition(sentence(f1, "40,000"), (1,), (1,), (sentence(f1, "40,000"),), ("Officials",)),
                AspectPosition(sentence(f2, "30,000"), (2,), (2,), (sentence(f2, "30,000"),), ("Officials",))),
               (1, 2), 1.0, 0),
        # one position holding an agreement, one whose statements are alike in meaning but state no one fact
        Aspect("What do the sources say about the residents and the seizures?",
               (AspectPosition(sentence(f1, "Residents celebrated"), (1, 2), (1, 2),
                               (sentence(f1, "Residents celebrated"), sentence(f2, "Residents celebrated"))),
                AspectPosition(sentence(f1, "Moscow seized"), (1, 2), (1, 2),
                               (sentence(f1, "Moscow seized"), sentence(f2, "Crimea was seized")))),
               (1, 2), 0.5),
    )
    origins = (Origin((1, 3), "copy"), Origin((2,)))
    return Story(articles=(a1, a2, a3), facts=(f1, f2, f3), entities=entities, agreements=agreements,
                 divergences=divergences, aspects=aspects, origins=origins, source_links=links)


def handmade_report(models: Any = None) -> dict[str, Any]:
    """The report of the hand-built story after the real timeline and summary stages."""
    from newsprism.report import build_report
    from newsprism.story.summary import summarise
    from newsprism.story.timeline import build_timeline

    story = summarise(build_timeline(handmade_story(), models), models)
    return build_report(story, generated=dt.datetime(2022, 11, 12, 12, 0, tzinfo=dt.timezone.utc))
