"""The HTTP API and the web app in one FastAPI application, over the service layer.

Routes clients rely on (documented at ``/docs``; the web pages are in `newsprism.web`)::

    GET  /api/health                     status, versions, counts
    POST /api/articles                   store one article (text, html, or a url to fetch)
    GET  /api/articles?q=&page=          list or search, paginated
    GET  /api/articles/{id}              one article with its text
    POST /api/feeds                      read a feed once
    POST /api/stories                    a new story from article ids and/or sources
    GET  /api/stories                    every story
    GET  /api/stories/{id}               one story: counts, members, status, latest job
    POST /api/stories/{id}/articles      add articles to a story
    GET  /api/stories/{id}/updates       what changed in it, as `watch` recorded after each rebuild
    GET  /api/stories/{id}/report        200 the report (newsprism.report/*), or 202 and the job building it
    GET  /api/jobs/{id}                  a background analysis job

Writes (POST) need ``Authorization: Bearer TOKEN`` when a token is configured (``NEWSPRISM_TOKEN``); without one
they are accepted from loopback clients only. Every error is ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import IngestError, NewsprismError
from ..model import ArticleDraft
from ..settings import Settings
from ..storage import Store
from ..storage.search import recent_articles, search_articles
from ..storage.stories import Stories, fingerprint
from . import schemas
from .errors import HTTP_CODES, ApiError, core_code, core_status, error_response
from .jobs import Jobs
from .security import BodyLimit, SecurityHeaders, bearer, is_loopback, token_matches

MAX_ID = 2**31 - 1  # ids are 32-bit integers on every database
STATE_TTL = 1.0  # seconds a story's state is trusted without asking the database again (see Service.known_state)
EMPTY = fingerprint(())
Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]


class Service:
    """What the app holds for its lifetime: settings, the store, the job queue, caches of built pages.

    Args:
        settings: the database URL, limits, ``allow_private`` for fetches.
        token: the bearer token writes need (None: writes open to loopback clients only).
        models: loaded models to share (tests); loaded on the first analysis otherwise.
    """

    def __init__(self, settings: Settings, *, token: str | None = None, models: Any = None) -> None:
        self.settings = settings
        self.token = token
        self.store = Store(settings)
        self.stories = Stories(self.store)
        self._models = models
        self._models_lock = threading.Lock()
        self.jobs = Jobs(self._build, describe)
        self._lock = threading.Lock()
        self._reports: OrderedDict[int, tuple[int, bytes]] = OrderedDict()  # story -> (revision, JSON)
        self._pages: OrderedDict[tuple[int, int, str], bytes] = OrderedDict()  # (story, revision) -> HTML
        self._states: dict[int, tuple[float, str, int]] = {}  # story -> (read at, state, revision)

    def models(self) -> Any:
        with self._models_lock:
            if self._models is None:
                from ..nlp.models import Models

                self._models = Models(self.settings)
            return self._models

    def _build(self, story_id: int) -> tuple[bool, int]:
        from ..service import build_story_report

        try:
            done = build_story_report(self.store, story_id, self.settings, models=self.models())
        finally:
            self.forget(story_id)
        return done.rebuilt, done.story.revision

    # -- reports, cached by revision: a rebuilt report has a new revision, so nothing is ever served stale ----

    def report_state(self, story_id: int) -> tuple[str, int]:
        """``("current"|"stale"|"empty", revision)`` of a story's stored report, read from the database
        (``KeyError``: no story)."""
        from ..service import story_is_current

        revision, built_from, built_with, current = self.stories.state(story_id)
        if current == EMPTY:
            state = "empty", revision
        else:
            state = ("current" if story_is_current(built_from, built_with, current) else "stale"), revision
        with self._lock:
            self._states[story_id] = (time.monotonic(), *state)
        return state

    def known_state(self, story_id: int) -> tuple[str, int] | None:
        """The story's state as read less than ``STATE_TTL`` ago, without a database read (None: ask it).

        Writes through this server forget the state at once (`forget`); a write by another process (a CLI run
        on the same database) is seen within ``STATE_TTL``.
        """
        with self._lock:
            hit = self._states.get(story_id)
        if hit is None or time.monotonic() - hit[0] > STATE_TTL:
            return None
        return hit[1], hit[2]

    def forget(self, story_id: int) -> None:
        with self._lock:
            self._states.pop(story_id, None)

    def cached_report(self, story_id: int, revision: int) -> bytes | None:
        with self._lock:
            hit = self._reports.get(story_id)
            if hit and hit[0] == revision:
                self._reports.move_to_end(story_id)
                return hit[1]
        return None

    def report_bytes(self, story_id: int, revision: int) -> bytes:
        hit = self.cached_report(story_id, revision)
        if hit is not None:
            return hit
        stored = self.stories.report(story_id)
        data = stored.text.encode("utf-8")  # type: ignore[union-attr]
        with self._lock:
            self._reports[story_id] = (stored.revision, data)  # type: ignore[union-attr]
            while len(self._reports) > 256:
                self._reports.popitem(last=False)
        return data

    def cached_page(self, story_id: int, revision: int, variant: str = "") -> bytes | None:
        key = (story_id, revision, variant)
        with self._lock:
            hit = self._pages.get(key)
            if hit is not None:
                self._pages.move_to_end(key)
            return hit

    def page_bytes(self, story_id: int, revision: int, render: Callable[[dict[str, Any]], str], *,
                   variant: str = "") -> bytes:
        key = (story_id, revision, variant)
        hit = self.cached_page(story_id, revision, variant)
        if hit is not None:
            return hit
        data = render(json.loads(self.report_bytes(story_id, revision))).encode("utf-8")
        with self._lock:
            self._pages[key] = data
            while len(self._pages) > 64:
                self._pages.popitem(last=False)
        return data

    def close(self) -> None:
        self.jobs.shutdown()
        self.store.close()


def describe(exc: BaseException) -> dict[str, str]:
    if isinstance(exc, NewsprismError):
        return {"code": core_code(exc), "message": str(exc)}
    if isinstance(exc, KeyError):
        return {"code": "story.not-found", "message": f"story {exc.args[0]} no longer exists"}
    return {"code": "http.internal", "message": f"{type(exc).__name__}: {exc}"}


# -- request checks ------------------------------------------------------------------------------------------------


def _clean(value: Any, where: str = "body") -> None:
    """Refuse strings no database can store: NUL characters and lone surrogates (422, not a database error)."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ApiError(422, code="http.invalid", message=f"{where}: NUL characters are not allowed")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ApiError(422, code="http.invalid", message=f"{where}: not valid Unicode (lone surrogate)") from None
    elif isinstance(value, dict):
        for k, v in value.items():
            _clean(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _clean(v, f"{where}[{i}]")


def _check_ids(ids: list[int]) -> None:
    bad = [i for i in ids if not 1 <= i <= MAX_ID]
    if bad:
        raise ApiError(422, code="http.invalid", message=f"not an article id: {bad[0]}")


def service_of(request: Request) -> Service:
    return request.app.state.service


def require_write(request: Request) -> None:
    """Writes: the bearer token when one is configured, else a loopback client."""
    svc = service_of(request)
    if svc.token is not None:
        if not token_matches(bearer(request.headers.get("authorization")), svc.token):
            raise ApiError(401, code="auth.unauthorized",
                           message="this server needs 'Authorization: Bearer TOKEN' for writes",
                           headers={"WWW-Authenticate": "Bearer"})
        return
    if not is_loopback(request.client.host if request.client else None):
        raise ApiError(403, code="auth.forbidden",
                       message="writes are open to loopback clients only; start the server with "
                                         "NEWSPRISM_TOKEN set to accept others")


Svc = Annotated[Service, Depends(service_of)]
Write = [Depends(require_write)]
ERRORS = {s: {"model": schemas.ErrorOut} for s in (401, 403, 404, 409, 413, 422)}


# -- the application -------------------------------------------------------------------------------------------


def create_app(settings: Settings, *, token: str | None = None, models: Any = None) -> FastAPI:
    """The API and the web app over ``settings.db_url``. ``token``: see `require_write`."""
    svc = Service(settings, token=token, models=models)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        svc.close()

    app = FastAPI(title="newsprism", version=__version__, lifespan=lifespan,
                  description="Stories split into their sources: what they agree on, where they diverge, timeline, "
                              "quotes, cited summary. Every error is `{\"error\": {\"code\", \"message\"}}`.",
                  responses={413: {"model": schemas.ErrorOut}})
    app.state.service = svc
    _errors(app)
    _api_routes(app)
    from ..web.pages import mount

    mount(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> Response:
        return error_response(exc.status, code=exc.code, message=exc.message, headers=exc.headers)

    @app.exception_handler(NewsprismError)
    async def _core(request: Request, exc: NewsprismError) -> Response:
        return error_response(core_status(exc), code=core_code(exc), message=str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        from ..web.pages import wants_html, error_page

        code = HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no route {request.method} {request.url.path}"
        if wants_html(request):
            return error_page(request, exc.status_code, code=code, message=message)
        return error_response(exc.status_code, code=code, message=message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
            parts.append(f"{where}: {e.get('msg')}")
        return error_response(422, code="http.invalid", message="; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        return error_response(500, code="http.internal", message=f"internal error: {type(exc).__name__}")


def _article_out(a: Any) -> schemas.ArticleOut:
    return schemas.ArticleOut.of(a)


def store_draft(svc: Service, draft: ArticleDraft) -> tuple[Any, bool]:
    """Store one draft; a draft no larger than the limit, with text, or a 422."""
    if len(draft.text.encode("utf-8")) > svc.settings.max_text_bytes:
        raise ApiError(422, code="ingest.oversized",
                       message=f"{draft.source}: oversized: more than {svc.settings.max_text_bytes:,} bytes "
                                      "of text")
    article, created = svc.store.add_draft(draft)
    if created:  # it joins its story (or founds one) at once, as at any ingest
        from ..stories.stored import group_stored

        group_stored(svc.store)
    return article, created


def ingest_body(svc: Service, body: schemas.ArticleIn) -> tuple[Any, bool, list[int]]:
    """The article a POST describes, stored (fetched first for a URL alone). Returns (article, created, also)."""
    from ..ingest.html import draft_from_html
    from ..service import ingest_sources

    source = body.url or "api"
    if body.text is not None:
        draft = ArticleDraft(text=body.text, source=source, source_kind="text", title=body.title,
                             outlet=body.outlet, author=body.author, url=body.url, published=body.published,
                             published_source="given" if body.published else None)
        return (*store_draft(svc, draft), [])
    if body.html is not None:
        draft = draft_from_html(body.html, source, source_kind="html", url=body.url,
                                min_words=svc.settings.min_article_words)
        draft.title = body.title or draft.title
        draft.outlet = body.outlet or draft.outlet
        draft.author = body.author or draft.author
        if body.published:
            draft.published, draft.published_source = body.published, "given"
        return (*store_draft(svc, draft), [])
    result = ingest_sources([body.url], svc.settings, svc.store)  # type: ignore[list-item]
    if not result.articles:
        first = (result.skipped or result.problems or [IngestError(body.url or "", "no article")])[0]
        raise first
    head = result.articles[0]
    return head, bool(result.created), [a.id for a in result.articles[1:]]


def _api_routes(app: FastAPI) -> None:
    @app.get("/api/health", response_model=schemas.Health, tags=["meta"])
    def health(svc: Svc) -> dict[str, Any]:
        from ..service import pipeline_version

        return {"status": "ok", "version": __version__, "pipeline_version": pipeline_version(),
                "database": svc.store.engine.dialect.name, "articles": svc.store.count(),
                "stories": len(svc.stories.list()), "jobs": svc.jobs.counts(),
                "writes": "token" if svc.token else "loopback"}

    @app.post("/api/articles", response_model=schemas.IngestedArticle, status_code=201, dependencies=Write,
              responses=ERRORS | {200: {"model": schemas.IngestedArticle,
                                        "description": "Already stored (same content, same source)"}},
              tags=["articles"])
    def post_article(body: schemas.ArticleIn, svc: Svc) -> Response:
        _clean(body.model_dump(mode="json"))
        if body.story is not None:
            _story_or_404(svc, body.story)
        article, created, also = ingest_body(svc, body)
        job = None
        if body.story is not None:
            svc.stories.add_articles(body.story, [article.id, *also])
            svc.forget(body.story)
            job = svc.jobs.submit(body.story).as_json()
        out = schemas.IngestedArticle(**_article_out(article).model_dump(), created=created, also=also, job=job)
        return JSONResponse(out.model_dump(mode="json"), status_code=201 if created else 200,
                            headers={"Location": f"/api/articles/{article.id}"})

    @app.get("/api/articles", response_model=schemas.ArticlePage, tags=["articles"])
    def list_articles(svc: Svc, q: Annotated[str | None, Query(max_length=500)] = None,
                      page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                      per_page: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
        offset = (page - 1) * per_page
        found = search_articles(svc.store, q, limit=per_page, offset=offset) if q and q.strip() else \
            recent_articles(svc.store, limit=per_page, offset=offset)
        return {"items": [_article_out(a) for a in found.articles], "page": page, "per_page": per_page,
                "total": found.total, "pages": max(1, math.ceil(found.total / per_page)), "q": q}

    @app.get("/api/articles/{article_id}", response_model=schemas.ArticleFull, responses=ERRORS,
             tags=["articles"])
    def get_article(article_id: Id, svc: Svc) -> dict[str, Any]:
        try:
            a = svc.store.get(article_id)
        except KeyError:
            raise ApiError(404, code="article.not-found", message=f"no article {article_id}") from None
        return {**_article_out(a).model_dump(), "text": a.text, "stories": svc.stories.of_article(article_id)}

    @app.post("/api/feeds", response_model=schemas.FeedOut, dependencies=Write, responses=ERRORS,
              tags=["articles"])
    def post_feed(body: schemas.FeedIn, svc: Svc) -> dict[str, Any]:
        from ..service import ingest_sources

        _clean(body.model_dump())
        result = ingest_sources([body.url], svc.settings, svc.store)
        if not result.articles:
            raise (result.skipped or result.problems or [IngestError(body.url, "no article")])[0]
        return {"articles": [_article_out(a) for a in result.articles], "created": result.created,
                "skipped": [str(e) for e in result.skipped + result.problems]}

    @app.post("/api/stories", response_model=schemas.StoryDetail, status_code=201, dependencies=Write,
              responses=ERRORS, tags=["stories"])
    def post_story(body: schemas.StoryIn, svc: Svc) -> Response:
        from ..service import ingest_sources

        _clean(body.model_dump())
        _check_ids(body.articles)
        ids, skipped = list(body.articles), []
        if body.sources:
            result = ingest_sources(body.sources, svc.settings, svc.store)
            ids += [a.id for a in result.articles]
            skipped = [str(e) for e in result.skipped + result.problems]
            if not result.articles and not body.articles:
                raise ApiError(422, code="ingest.empty", message="no source gave an article: " + "; ".join(skipped))
        try:
            story = svc.stories.create(title=body.title, name=body.name, articles=ids)
        except KeyError as exc:
            raise ApiError(422, code="http.invalid", message=f"no article {exc.args[0]}") from None
        except ValueError as exc:
            raise ApiError(409, code="story.name-taken", message=str(exc)) from None
        job = svc.jobs.submit(story.id) if ids else None
        out = _story_detail(svc, story.id, job=job)
        out["skipped"] = skipped
        return JSONResponse(out, status_code=201, headers={"Location": f"/api/stories/{story.id}"})

    @app.get("/api/stories", response_model=list[schemas.StoryOut], tags=["stories"])
    def get_stories(svc: Svc) -> list[dict[str, Any]]:
        from ..service import list_stories

        return list_stories(svc.store)

    @app.get("/api/stories/{story_id}", response_model=schemas.StoryDetail, responses=ERRORS, tags=["stories"])
    def get_story(story_id: Id, svc: Svc) -> dict[str, Any]:
        return _story_detail(svc, story_id, job=svc.jobs.latest(story_id))

    @app.get("/api/stories/{story_id}/updates", response_model=schemas.StoryUpdates, responses=ERRORS,
             tags=["stories"])
    def get_story_updates(story_id: Id, svc: Svc) -> dict[str, Any]:
        _story_or_404(svc, story_id)
        return {"story": story_id, "updates": svc.stories.changes([story_id]).get(story_id, [])}

    @app.post("/api/stories/{story_id}/articles", response_model=schemas.StoryDetail, dependencies=Write,
              responses=ERRORS, tags=["stories"])
    def post_story_articles(story_id: Id, body: schemas.StoryArticlesIn, svc: Svc) -> dict[str, Any]:
        _check_ids(body.articles)
        _story_or_404(svc, story_id)
        try:
            added = svc.stories.add_articles(story_id, body.articles)
        except KeyError as exc:
            raise ApiError(422, code="http.invalid", message=f"no article {exc.args[0]}") from None
        svc.forget(story_id)
        job = svc.jobs.submit(story_id) if added or svc.report_state(story_id)[0] == "stale" else \
            svc.jobs.latest(story_id)
        return _story_detail(svc, story_id, job=job)

    @app.get("/api/stories/{story_id}/report", tags=["stories"],
             responses=ERRORS | {200: {"content": {"application/json": {"schema": schemas.REPORT_SCHEMA}},
                                       "description": "The report (`newsprism.report/*`)"},
                                 202: {"model": schemas.Building, "description": "Being built"}})
    async def get_report(story_id: Id, request: Request, svc: Svc) -> Response:
        # async, and no database read while the story's state is fresh: a cached report is one dict lookup
        known = svc.known_state(story_id)
        state, revision = known if known is not None else await run_in_threadpool(_state_or_404, svc, story_id)
        if state == "empty":
            raise ApiError(409, code="story.empty", message=f"story {story_id} has no article yet: add some first")
        if state == "stale":
            job = svc.jobs.submit(story_id)
            return JSONResponse({"story": story_id, "job": job.as_json()}, status_code=202,
                                headers={"Location": f"/api/jobs/{job.id}", "Retry-After": "1"})
        etag = f'"{story_id}-{revision}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        data = svc.cached_report(story_id, revision) or await run_in_threadpool(svc.report_bytes, story_id, revision)
        return Response(data, media_type="application/json", headers={"ETag": etag, "Cache-Control": "no-cache"})

    @app.get("/api/jobs/{job_id}", response_model=schemas.JobOut, responses=ERRORS, tags=["stories"])
    def get_job(job_id: Id, svc: Svc) -> dict[str, Any]:
        job = svc.jobs.get(job_id)
        if job is None:
            raise ApiError(404, code="job.not-found",
                           message=f"no job {job_id} (jobs live as long as the server process)")
        return job.as_json()


def _story_or_404(svc: Service, story_id: int) -> Any:
    try:
        return svc.stories.get(story_id)
    except KeyError:
        raise ApiError(404, code="story.not-found", message=f"no story {story_id}") from None


def _state_or_404(svc: Service, story_id: int) -> tuple[str, int]:
    try:
        return svc.report_state(story_id)
    except KeyError:
        raise ApiError(404, code="story.not-found", message=f"no story {story_id}") from None


def _story_detail(svc: Service, story_id: int, *, job: Any = None) -> dict[str, Any]:
    from ..service import story_summary

    record = _story_or_404(svc, story_id)
    out = story_summary(record, svc.stories.current_fingerprint(story_id),
                        len(svc.stories.changes([story_id]).get(story_id, ())))
    out["members"] = svc.stories.members(story_id)
    out["job"] = job.as_json() if job is not None else None
    out["skipped"] = []
    return out


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          example: Path | None = None, log: Callable[[str], None] = print) -> None:
    """Run the app under uvicorn until interrupted (``newsprism serve``)."""
    import uvicorn

    app = create_app(settings, token=token)
    if example is not None:
        seed_example(app.state.service, example, log)
    if token is None and not is_loopback(host) and host not in ("localhost",):
        log(f"note: listening on {host} without NEWSPRISM_TOKEN: writes are accepted from loopback clients only")
    log(f"newsprism serving {settings.db_url.split('://', 1)[0]} database on http://{host}:{port}/ "
        f"(API documented at http://{host}:{port}/docs); Ctrl-C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def seed_example(svc: Service, folder: Path, log: Callable[[str], None]) -> None:
    """Ingest a folder as the story named after it and queue its report (``make serve``)."""
    from ..service import ingest_sources

    result = ingest_sources([str(folder)], svc.settings, svc.store)
    for problem in result.skipped:
        log(f"skipped {problem}")
    name = folder.resolve().name
    story = svc.stories.by_name(name) or svc.stories.create(name=name)
    svc.stories.add_articles(story.id, [a.id for a in result.articles])
    svc.jobs.submit(story.id)
    log(f"story {name!r} (id {story.id}): {len(result.articles)} articles; its report is built in the background")
