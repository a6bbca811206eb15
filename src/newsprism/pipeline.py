"""The visible pipeline: the ordered stages that turn articles into a story.

Per article, on one spaCy ``Doc`` of the whole stored text (so token offsets are article offsets) whose
sentence boundaries are set from syntok before the parser runs::

    sentences -> mentions -> figures -> quotes -> times

Across the story::

    entities (canonicalise) -> publication dates (infer, re-resolve) -> claims -> alignment/independence
    -> agreements & divergences -> timeline -> summary

A stage that raises is named (``StageError``); outside strict mode that is one line in the report's ``problems``
and the rest of the report is still produced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from dataclasses import replace
from typing import TYPE_CHECKING

from .errors import StageError
from .model import Article, ArticleFacts, Story
from .nlp.models import Models
from .settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

Progress = Callable[[str, int, int], None]  # (stage, done, total)

ArticleStage = Callable[[ArticleFacts, "Doc", Models], ArticleFacts]
StoryStage = Callable[[Story, Models], Story]


def _article_stages() -> list[tuple[str, ArticleStage]]:
    from .extract import figures, mentions, quotes, times

    return [
        ("mentions", mentions.find_mentions),
        ("figures", figures.find_figures),
        ("quotes", quotes.find_quotes),
        ("times", times.find_times),
    ]


def _story_stages(docs: Mapping[int, "Doc"]) -> list[tuple[str, StoryStage]]:
    """Story stages in order. ``docs`` are the parses kept from extraction, so no stage parses an article twice."""
    from .story import consolidate, entities, pubdates, summary, timeline

    return [
        ("entities", entities.canonicalise),
        ("pubdates", partial(pubdates.infer_publication_dates, docs=docs)),
        ("consolidate", partial(consolidate.consolidate_with, docs=docs)),
        ("timeline", timeline.build_timeline),
        ("summary", summary.summarise),
    ]


def parse(article: Article, models: Models) -> tuple[ArticleFacts, "Doc"]:
    """Split sentences and run spaCy once over the article with those sentence boundaries."""
    from .extract.sentences import parse_article

    return parse_article(article, models)


def extract(article: Article, models: Models) -> tuple[ArticleFacts, "Doc"]:
    """One article through the parse and every per-article stage (strict): its facts and its ``Doc``."""
    docs: dict[int, "Doc"] = {}
    (facts,) = extract_many([article], models, docs=docs)
    return facts, docs[article.id]


def extract_many(articles: Sequence[Article], models: Models, progress: Progress | None = None, *,
                 docs: dict[int, "Doc"] | None = None, problems: list[str] | None = None) -> list[ArticleFacts]:
    """Per-article extraction. spaCy runs once per article; each stage reads the same ``Doc``.

    When ``docs`` is given it receives each article's ``Doc`` (by article id) for the story stages. When
    ``problems`` is given, a stage that raises on one article is reported there in one line and that article keeps
    what the earlier stages found; otherwise the failure raises ``StageError``.
    """
    from .extract.sentences import parse_many

    stages = _article_stages()
    out: list[ArticleFacts] = []
    for n, (facts, doc) in enumerate(parse_many(articles, models), 1):  # spaCy on batches, same parses
        article = facts.article
        for name, stage in stages:
            try:
                result = stage(facts, doc, models)
            except Exception as exc:  # noqa: BLE001 - a broken stage is named; the article is kept
                error = StageError(name, f"{type(exc).__name__}: {exc}", article.id, code="stage.failed")
                if problems is None:
                    raise error from exc
                problems.append(str(error))
                continue
            if not isinstance(result, ArticleFacts):
                raise StageError(name, f"returned {type(result).__name__} instead of ArticleFacts", article.id,
                                 code="stage.contract")
            facts = result
        out.append(facts)
        if docs is not None:
            docs[article.id] = doc
        if progress:
            progress("extract", n, len(articles))
    return out


def build_story(articles: Iterable[Article], models: Models, progress: Progress | None = None, *,
                until: str | None = None, strict: bool = True) -> Story:
    """Run every stage on one story's articles and return the finished ``Story``.

    Args:
        articles: the story's articles (copies included; they are linked, not counted).
        models: the models, loaded once.
        progress: called as ``progress(stage, done, total)``.
        until: the last story stage to run (tests of one stage need not pay for the later ones).
        strict: raise ``StageError`` when a stage fails (tests); when False (CLI, API) the failure is one line in
            ``Story.problems`` and the report is still produced from what the other stages found.
    """
    articles = tuple(articles)
    docs: dict[int, "Doc"] = {}
    problems: list[str] | None = None if strict else []
    facts = extract_many(articles, models, progress, docs=docs, problems=problems)
    story = Story(articles=articles, facts=tuple(facts), problems=tuple(problems or ()))
    stages = _story_stages(docs)
    if until is not None and until not in {name for name, _ in stages}:
        raise ValueError(f"no story stage named {until!r}")
    for n, (name, stage) in enumerate(stages, 1):
        try:
            result = stage(story, models)
        except Exception as exc:  # noqa: BLE001
            error = StageError(name, f"{type(exc).__name__}: {exc}", code="stage.failed")
            if strict:
                raise error from exc
            story = replace(story, problems=story.problems + (str(error),))
            continue
        if not isinstance(result, Story):
            raise StageError(name, f"returned {type(result).__name__} instead of Story", code="stage.contract")
        story = result
        if progress:
            progress(name, n, len(stages))
        if name == until:
            break
    return story


def analyse(articles: Iterable[Article], settings: Settings, models: Models | None = None,
            progress: Progress | None = None) -> Story:
    """Convenience for callers outside the tests: load models if not given and build the story, never failing
    on one broken stage (its failure is reported in ``Story.problems``)."""
    return build_story(articles, models or Models(settings), progress, strict=False)
