"""Typed records that flow through the pipeline.

Every annotation is a `Span` of character offsets into `Article.text`, the text as normalised once at ingest
(Unicode NFC, whitespace) and never changed afterwards: `article.text[span.start:span.end]` is the exact source
text, for ever. Records are frozen; a stage returns new records (``dataclasses.replace``) instead of mutating.

Flow::

    sources --ingest--> Article --extract--> ArticleFacts (sentences, mentions, figures, quotes, times)
    [ArticleFacts] --story stages--> Story (entities, claims, agreements, divergences, timeline, summary)
    Story --report--> JSON dict ``newsprism.report/3`` --render--> JSON | Markdown | HTML
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

ArticleId = int
EntityId = str

# ---------------------------------------------------------------------------------------------------------------
# Spans and articles


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Character offsets ``[start, end)`` into the stored text of one article."""

    article_id: ArticleId
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}:{self.end}")

    def text(self, article: "Article") -> str:
        if article.id != self.article_id:
            raise ValueError(f"span of article {self.article_id} read against article {article.id}")
        return article.text[self.start : self.end]

    def covers(self, other: "Span") -> bool:
        return self.article_id == other.article_id and self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.article_id == other.article_id and self.start < other.end and other.start < self.end


CopyKind = Literal["exact", "near", "reworded"]


@dataclass(frozen=True, slots=True)
class InferredDate:
    """A publication date inferred from an article's own content, with the spans it rests on: one day
    (``value``), or, when the content bounds the day without pinning it, only the range ``earliest``–``latest``
    (``value`` None, ``method`` "bounds"; nothing is then resolved against it)."""

    value: dt.date | None
    method: str  # e.g. "absolute-date", "weekday", "agreement-with-dated-articles", "bounds"
    reason: str  # one human sentence
    evidence: tuple[Span, ...] = ()
    earliest: dt.date | None = None  # the range the content allows (equal to ``value`` for one day)
    latest: dt.date | None = None


@dataclass(slots=True)
class ArticleDraft:
    """What a source yields before it is stored and given an id."""

    text: str
    source: str
    source_kind: str = "text"  # text | html | url | feed | stdin
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # marker, front-matter, json-ld, meta, htmldate, feed, feed-updated
    modified: dt.date | None = None
    notes: list[str] = field(default_factory=list)  # what ingestion noticed but did not reject (e.g. a future date)
    encoding: str | None = None  # the encoding the bytes were decoded with, when ingestion decoded them
    problems: list[str] = field(default_factory=list)  # what was damaged but kept (bad bytes replaced): one line each


@dataclass(frozen=True, slots=True)
class Article:
    """One ingested report. ``text`` is normalised and immutable; offsets of every span refer to it."""

    id: ArticleId
    text: str
    source: str  # the path, URL or "-" it was read from
    source_kind: Literal["text", "html", "url", "feed", "stdin"] = "text"
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # where the date came from: "marker", "front-matter", "json-ld", "meta", "feed", ...
    modified: dt.date | None = None
    published_inferred: InferredDate | None = None
    content_hash: str = ""
    copy_of: ArticleId | None = None
    copy_kind: CopyKind | None = None
    copy_similarity: float | None = None

    @property
    def reference_date(self) -> dt.date | None:
        """The date relative expressions are resolved against: the stated one, else the inferred one."""
        if self.published is not None:
            return self.published
        return self.published_inferred.value if self.published_inferred else None


# ---------------------------------------------------------------------------------------------------------------
# Per-article facts

SentenceKind = Literal["story", "heading", "byline", "caption", "embed", "credit"]


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    index: int  # position among all sentences of the article (story and non-story alike)
    paragraph: int
    kind: SentenceKind = "story"


EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "EVENT", "NORP", "FAC", "OTHER"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named entity in one article, before story-level canonicalisation."""

    span: Span
    label: EntityType
    text: str  # the surface form as written, e.g. "Mr Zelensky's" stripped to "Zelensky"
    role: str | None = None  # a stated role or title, e.g. "Ukraine's Defence Minister"
    entity_id: EntityId | None = None  # filled by canonicalisation


@dataclass(frozen=True, slots=True)
class AliasLink:
    """How one alias of an entity was linked to it, when it is not the same name: the rule, said in words."""

    alias: str  # "NBER", "Fed", "Reznikov"
    rule: str  # "acronym defined in the text", "acronym of the full name", "clipped form", "surname", …


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity of the story: one person, organisation, place or event with all its spellings."""

    id: EntityId
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]
    roles: tuple[str, ...] = ()
    links: tuple[AliasLink, ...] = ()  # aliases joined by a rule other than the same name, with that rule


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity as stated: "about 70%" -> value 70, unit "%", qualifier "about"."""

    span: Span
    value: float
    unit: str | None = None  # "%", "km", "troops"... None for a bare count
    qualifier: str | None = None  # "about", "at least", "more than", "less than", "up to", "dozens"
    counts: str | None = None  # what it counts or measures: "troops", "settlements", "civilians killed"
    # "tally": a record or a score ("52-3", "45-7-2", "an 88-72 loss"), ``value`` its first number
    kind: Literal["count", "percent", "measure", "money", "duration", "age", "ordinal", "tally"] = "count"
    value_high: float | None = None  # upper bound for ranges and vague counts ("dozens" -> 24..99)
    conversion: Span | None = None  # "(11 miles)" folded into "18 kilometers"


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct or indirect speech with its speaker resolved where that is safe."""

    span: Span  # the content: the words inside the quotation marks, or the reported clause
    direct: bool
    speaker: str | None  # the speaker as written or resolved ("Oleksii Reznikov", "the military"); None if unattributed
    speaker_entity: EntityId | None = None
    speaker_span: Span | None = None
    cue: str | None = None  # "said", "told", "according to", "tweeted"
    cue_span: Span | None = None
    addressee: str | None = None  # "Reuters", "Telegram", "reporters"
    parts: tuple[Span, ...] = ()  # the quoted pieces when one quote is split around its attribution


Granularity = Literal["year", "month", "week", "day", "part_of_day", "time", "duration", "set"]


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression resolved against the article's reference date.

    ``value`` is TIMEX3-style: "2022-11-10", "2022-11", "2022-W45", "2022-11-10TEV" (evening), "2022-11-11T05:00",
    "P1W" for durations. ``start``/``end`` bound it in days where it is a date.
    """

    span: Span
    value: str
    granularity: Granularity
    kind: Literal["date", "time", "duration", "set"] = "date"
    mod: str | None = None  # "start", "mid", "end", "approx", "at least", "before", "after"
    start: dt.date | None = None
    end: dt.date | None = None
    anchored: Literal["absolute", "published", "inferred", "none"] = "absolute"


LEAD_SENTENCES = 2  # news tells its main event first: an article's lead is its first story sentences


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """All that per-article extraction found in one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()

    def story_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.kind == "story")

    def lead_sentences(self) -> tuple[Sentence, ...]:
        """The article's lead: its first ``LEAD_SENTENCES`` story sentences, where news tells its main event."""
        return self.story_sentences()[:LEAD_SENTENCES]


# ---------------------------------------------------------------------------------------------------------------
# Cross-source records

Polarity = Literal["affirmed", "negated"]
Modality = Literal["asserted", "denied", "uncertain", "predicted", "not_confirmed", "confirmed"]


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence or clause that states one fact, with its frame."""

    id: str  # "a{article}-c{n}"
    span: Span
    sentence_index: int
    speaker: str | None = None  # attribution when it is reported speech
    speaker_entity: EntityId | None = None
    entities: tuple[EntityId, ...] = ()
    figures: tuple[Figure, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    predicate: str | None = None  # lemma of the main verb (or its family)
    polarity: Polarity = "affirmed"
    modality: Modality = "asserted"


@dataclass(frozen=True, slots=True)
class Agreement:
    """A fact backed by two or more independent sources."""

    statement: Span  # stated in the words of one source
    sources: tuple[ArticleId, ...]  # independent witnesses (originals)
    copies: tuple[ArticleId, ...]  # articles that repeat it as copies, not counted
    evidence: tuple[Span, ...]
    claims: tuple[str, ...] = ()
    score: float = 0.0  # independent sources + how close it is (the mean of ``cohesion`` and its centrality)
    speakers: tuple[str, ...] = ()  # who says it, as its statements name them (a quote shown without its speaker)
    refers_to: str | None = None  # who the statement's opening pronoun stands for ("He …": "Jerry Ortiz")
    cohesion: float = 0.0  # the mean similarity of its statements: how surely they state one fact
    unnamed_speaker: bool = False  # the statement is quoted words whose own text leaves the speaker unnamed ("…,"
    # he wrote; a quote alone): ``speakers`` says who

    @property
    def independent_count(self) -> int:
        return len(self.sources)


DivergenceType = Literal["numeric", "temporal", "claim", "attribution", "unique"]


@dataclass(frozen=True, slots=True)
class Position:
    """One side of a divergence: what one article says, and who says it."""

    article_id: ArticleId
    speaker: str | None
    evidence: tuple[Span, ...]
    value: str | None = None  # the figure, date or stance of this side, as written
    subject: str | None = None  # the resolved subject of this side's statement (an entity key or a head noun)
    articles: tuple[ArticleId, ...] = ()  # every article of this side's origin that says it (copies included)


@dataclass(frozen=True, slots=True)
class Divergence:
    type: DivergenceType
    topic: str
    positions: tuple[Position, ...]
    explanation: str = ""
    confidence: float = 1.0
    question: str = ""  # what the sides answer differently, in plain words


@dataclass(frozen=True, slots=True)
class Origin:
    """Articles that are versions of one text (one wire story, a copy and its original): one independent source."""

    articles: tuple[ArticleId, ...]  # the first is the one that speaks for the others
    reason: str = "one article"  # "one article", "copy", "wire credit: AP", "shared sentences"
    evidence: tuple[Span, ...] = ()  # the wire credits, or one near-identical sentence of each article


@dataclass(frozen=True, slots=True)
class AspectPosition:
    """One answer to an aspect's question: statements that say the same thing, and the origins that hold it."""

    statement: Span  # the clearest member
    origins: tuple[ArticleId, ...]  # one article per independent origin (the origin's first article)
    articles: tuple[ArticleId, ...]  # every article holding it, copies included
    evidence: tuple[Span, ...]
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Aspect:
    """What a group of statements is about (the same event or predicate with the same participants), and the
    positions the sources take on it."""

    question: str
    positions: tuple[AspectPosition, ...]
    origins: tuple[ArticleId, ...]
    centrality: float = 0.0
    divergence: int | None = None  # index into Story.divergences when its positions conflict


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    value: str  # resolved TIMEX value
    granularity: Granularity
    label: str  # honest human rendering: "10 Nov 2022, evening", "early March 2022", "2014"
    start: dt.date | None
    end: dt.date | None
    evidence: tuple[Span, ...]
    background: bool = False  # history before the days of the story itself
    inferred: bool = False  # dated through an inferred publication date
    divergence: int | None = None  # index into Story.divergences where sources disagree on the date


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str  # source text, possibly joined by fixed connectives
    evidence: tuple[Span, ...]
    kind: Literal["fact", "divergence"] = "fact"


@dataclass(frozen=True, slots=True)
class SourceLink:
    """A note that articles share an origin: the same wire agency, or the same original speaker."""

    kind: Literal["wire", "speaker", "copy"]
    name: str
    articles: tuple[ArticleId, ...]
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """One story: its articles, their facts, and what the cross-source stages made of them."""

    articles: tuple[Article, ...]
    facts: tuple[ArticleFacts, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    divergences: tuple[Divergence, ...] = ()
    aspects: tuple[Aspect, ...] = ()
    origins: tuple[Origin, ...] = ()  # independent origins; empty before consolidation
    source_links: tuple[SourceLink, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    problems: tuple[str, ...] = field(default=())  # stages that could not run, said in one line each

    def article(self, article_id: ArticleId) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(f"no article {article_id} in story")

    def with_facts(self, facts: "Sequence[ArticleFacts]") -> "Story":
        """This story with ``facts`` as its articles' facts (after a stage changed an article, e.g. an inferred date)."""
        return replace(self, facts=tuple(facts), articles=tuple(f.article for f in facts))

    def originals(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.copy_of is None)
