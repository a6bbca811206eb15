"""Request and response shapes of the API (pydantic, at the edge only), apart from the stored rows and records."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..model import Article


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleIn(_In):
    """An article to store: its ``text`` (or ``html``) with what is known about it, or only a ``url`` to fetch.

    A URL alone is fetched (a page, or a feed: then every entry is stored and the first is answered, the others
    listed in ``also``). With ``text`` or ``html`` the URL is only recorded.
    """

    text: str | None = Field(None, description="The article's plain text.")
    html: str | None = Field(None, description="The article's HTML page (its main text is extracted).")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000, description="Where the article is (fetched when alone).")
    outlet: str | None = Field(None, max_length=512)
    author: str | None = Field(None, max_length=512)
    published: dt.date | None = Field(None, description="Publication date, ISO (YYYY-MM-DD).")
    story: int | None = Field(None, description="Also put the article in this story (its report is rebuilt).")

    @model_validator(mode="after")
    def _one_body(self) -> "ArticleIn":
        bodies = [k for k in ("text", "html") if getattr(self, k) is not None]
        if len(bodies) > 1:
            raise ValueError("give text or html, not both")
        if not bodies and not self.url:
            raise ValueError("give the article's text (or html), or a url to fetch")
        if not bodies and any(getattr(self, k) is not None for k in ("title", "outlet", "author", "published")):
            raise ValueError("title, outlet, author and published go with text or html; a fetched url gives its own")
        return self

    @field_validator("url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().startswith(("http://", "https://")):
            raise ValueError("url must start with http:// or https://")
        return value


class FeedIn(_In):
    url: str = Field(..., max_length=4000, description="An RSS, Atom or JSON feed, read once.")

    _http = field_validator("url")(ArticleIn._http.__func__)  # type: ignore[attr-defined]


class StoryIn(_In):
    """A new story: from stored article ids and/or URLs to ingest first (``sources``)."""

    title: str | None = Field(None, max_length=2000)
    name: str | None = Field(None, min_length=1, max_length=200, description="A unique name (the CLI's --story).")
    articles: list[int] = Field(default_factory=list, max_length=10_000)
    sources: list[str] = Field(default_factory=list, max_length=100, description="http(s) URLs of pages or feeds.")

    @field_validator("sources")
    @classmethod
    def _urls(cls, value: list[str]) -> list[str]:
        for v in value:
            ArticleIn._http(v)  # type: ignore[call-arg]
        return value


class StoryArticlesIn(_In):
    articles: list[int] = Field(..., min_length=1, max_length=10_000)


class ArticleOut(BaseModel):
    id: int
    source: str
    source_kind: str
    url: str | None
    title: str | None
    outlet: str | None
    author: str | None
    published: dt.date | None
    copy_of: int | None
    copy_kind: str | None
    copy_similarity: float | None

    @classmethod
    def of(cls, a: Article) -> "ArticleOut":
        return cls(id=a.id, source=a.source, source_kind=a.source_kind, url=a.url, title=a.title, outlet=a.outlet,
                   author=a.author, published=a.published, copy_of=a.copy_of, copy_kind=a.copy_kind,
                   copy_similarity=a.copy_similarity)


class ArticleFull(ArticleOut):
    text: str
    stories: list[int] = Field(default_factory=list, description="Ids of the stories holding it.")


class IngestedArticle(ArticleOut):
    created: bool = Field(..., description="False when the same content from the same source was stored before.")
    also: list[int] = Field(default_factory=list, description="Other articles the URL gave (a feed).")
    job: "JobOut | None" = None


class ArticlePage(BaseModel):
    items: list[ArticleOut]
    page: int
    per_page: int
    total: int
    pages: int
    q: str | None = None


class FeedOut(BaseModel):
    articles: list[ArticleOut]
    created: int
    skipped: list[str]


class JobOut(BaseModel):
    id: int
    story: int
    state: Literal["queued", "running", "done", "failed"]
    created: str
    started: str | None
    finished: str | None
    rebuilt: bool | None
    revision: int | None
    error: dict[str, str] | None
    status_url: str
    report_url: str


class StoryOut(BaseModel):
    id: int
    name: str | None
    title: str | None
    articles: int
    independent_sources: int | None
    divergences: int | None
    updated: str | None
    built: str | None
    revision: int
    report_schema: str | None
    status: Literal["current", "stale", "empty"]
    grouped: bool = Field(False, description="Grouping made the story (each article is in one grouped story).")
    updates: int = Field(0, description="Updates `watch` recorded (GET /api/stories/{id}/updates).")


class StoryDetail(StoryOut):
    members: list[int]
    job: JobOut | None = None
    skipped: list[str] = Field(default_factory=list, description="Sources that gave no article (creation).")


class StoryUpdates(BaseModel):
    """What changed in a story, oldest first, as ``watch`` recorded it after each rebuild: new agreements and
    divergences, changed source counts (``sources``), corrections (the same outlet changing a figure)."""

    story: int
    updates: list[dict[str, Any]]


class Building(BaseModel):
    """The report is being built: poll ``job.status_url`` or the report URL again."""

    story: int
    job: JobOut


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    pipeline_version: str
    database: str
    articles: int
    stories: int
    jobs: dict[str, int]
    writes: Literal["token", "loopback"]


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


REPORT_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["schema"],
    "properties": {"schema": {"type": "string", "pattern": "^newsprism\\.report/"}},
    "description": "The story's report, `newsprism.report/*` (docs/report.md).",
}

IngestedArticle.model_rebuild()
