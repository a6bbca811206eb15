"""The web app's pages, served by the API's process: story list, story page (the report page of
`newsprism.render.html` in the app's frame), article page, search, and the ingest form.

Every value reaches the page through Jinja2's autoescaping; the only scripts are the app's own files and the
report page's own script (by hash), under a Content-Security-Policy that lets a page reach nothing but its own
origin. Forms post to the page's own origin only, and a post that says it comes from another site is refused.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI, Path as PathParam, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from ..errors import NewsprismError
from ..storage.search import recent_articles, search_articles, words

if TYPE_CHECKING:  # pragma: no cover
    from ..api.app import Service

MAX_ID = 2**31 - 1
Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]
POLL_MS = 2000  # how often an open story page asks whether the story changed (app.state.poll_ms overrides)


@cache
def _env() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("newsprism.web", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def page(request: Request, name: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    html = _env().get_template(name).render(**context)
    return HTMLResponse(html, status_code=http_status, headers={"Cache-Control": "no-cache"})


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not /api, Accept names HTML)."""
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, *, code: str, message: str) -> HTMLResponse:
    return page(request, "error.html.j2", status, status=status, code=code, message=message)


def _svc(request: Request) -> "Service":
    return request.app.state.service


def _title(record: Any) -> str:
    return record.title or record.name or f"Story {record.id}"


def mount(app: FastAPI) -> None:
    """Add the pages and the static files to ``app``."""
    app.mount("/static", StaticFiles(packages=[("newsprism.web", "static")]), name="static")

    @app.get("/", response_class=HTMLResponse, tags=["pages"], summary="The story list")
    def index(request: Request) -> HTMLResponse:
        from ..service import list_stories

        svc = _svc(request)
        return page(request, "index.html.j2", stories=list_stories(svc.store), articles=svc.store.count())

    @app.get("/stories/{story_id}", response_class=HTMLResponse, tags=["pages"], summary="A story's page",
             responses={404: {"description": "No such story"}})
    async def story_page(story_id: Id, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        svc = _svc(request)
        known = svc.known_state(story_id)
        if known is not None and known[0] == "current":  # the usual read: no database, no rendering
            html = svc.cached_page(story_id, known[1])
            if html is not None:
                return _story_response(html)
        return await run_in_threadpool(_story_page, story_id, request)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, tags=["pages"], summary="An article's page",
             responses={404: {"description": "No such article"}})
    def article_page(article_id: Id, request: Request) -> Response:
        svc = _svc(request)
        try:
            article = svc.store.get(article_id)
        except KeyError:
            return error_page(request, 404, code="article.not-found", message=f"no article {article_id}")
        stories = [svc.stories.get(i) for i in svc.stories.of_article(article_id)]
        return page(request, "article.html.j2", a=article, stories=stories)

    @app.get("/search", response_class=HTMLResponse, tags=["pages"], summary="Search articles (or list them)")
    def search_page(request: Request, q: Annotated[str | None, Query(max_length=500)] = None,
                    page_no: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1) -> HTMLResponse:
        svc = _svc(request)
        size = svc.settings.page_size
        q = (q or "").strip()
        found = search_articles(svc.store, q, limit=size, offset=(page_no - 1) * size) if q else \
            recent_articles(svc.store, limit=size, offset=(page_no - 1) * size)
        results = [snippet(a, q) for a in found.articles]
        return page(request, "search.html.j2", q=q, results=results, total=found.total, page=page_no,
                    pages=max(1, -(-found.total // size)))

    @app.get("/ingest", response_class=HTMLResponse, tags=["pages"], summary="The ingest form")
    def ingest_form(request: Request, story: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> HTMLResponse:
        return _form(request, {"story": str(story) if story else "new"})

    @app.post("/ingest", include_in_schema=False)
    async def ingest_post(request: Request) -> Response:
        raw = await request.body()
        fields = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()}
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_ingest, request, fields)


def _story_page(story_id: int, request: Request) -> Response:
    svc = _svc(request)
    try:
        record = svc.stories.get(story_id)
        state, revision = svc.report_state(story_id)
    except KeyError:
        return error_page(request, 404, code="story.not-found", message=f"no story {story_id}")
    if state == "stale":
        svc.jobs.submit(story_id)
    if not record.has_report or state == "empty":
        members = svc.store.get_many(svc.stories.members(story_id))
        return page(request, "building.html.j2", story=record, members=members,
                    body={"story": story_id, "revision": revision, "articles": record.articles,
                          "building": "1" if state == "stale" else "0",
                          "poll": getattr(request.app.state, "poll_ms", POLL_MS)})
    building = state == "stale"
    poll = str(getattr(request.app.state, "poll_ms", POLL_MS))
    updates = svc.stories.changes([story_id]).get(story_id, [])

    def render(report: dict[str, Any]) -> str:
        from ..render.html import PageFrame, render_html

        if record.title and isinstance(report.get("story"), dict):  # the kept story's title heads its page
            report = {**report, "story": {**report["story"], "title": record.title}}
        header = _env().get_template("_header.html.j2").render(story_id=story_id, q=None) + \
            _env().get_template("_updates.html.j2").render(updates=updates)
        frame = PageFrame(header=header, styles=("/static/app.css",), scripts=("/static/app.js",),
                          body={"story": str(story_id), "revision": str(revision),
                                "articles": str((report.get("story") or {}).get("articles", 0)),
                                "building": "1" if building else "0", "poll": poll})
        return render_html(report, frame=frame)

    # the updates are part of the page: a new one (recorded just after its rebuild) is a new page
    # (kept in the same transaction as that rebuild's report, so a page cached for a revision has its updates)
    variant = ("building" if building else "") + (f"u{updates[-1]['id']}" if updates else "")
    return _story_response(svc.page_bytes(story_id, revision, render, variant=variant))


def _story_response(html: bytes) -> HTMLResponse:
    from ..render.html import content_security_policy

    # the report page's own policy (its inline script by hash) in the header too, where it is enforced
    return HTMLResponse(html, headers={"Cache-Control": "no-cache",
                                       "Content-Security-Policy": content_security_policy(framed=True)})


def _form(request: Request, form: dict[str, str], error: dict[str, str] | None = None, status: int = 200) -> Any:
    from ..service import list_stories

    svc = _svc(request)
    return page(request, "ingest.html.j2", status, form=form, error=error, stories=list_stories(svc.store),
                token=svc.token is not None)


def _same_origin(request: Request) -> bool:
    """A form post from this server's own pages (a cross-site post is a forgery: refused).

    Browsers say where a request comes from in ``Sec-Fetch-Site``; older ones only in ``Origin``. A client that
    sends neither (curl, a script) is not a browser lending a web page its loopback access; ``Origin: null``
    (a sandboxed or unknown origin) is refused.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin != "null" and urlsplit(origin).netloc == request.headers.get("host", "")


def _ingest(request: Request, fields: dict[str, str]) -> Response:
    from pydantic import ValidationError

    from ..api.app import ApiError, ingest_body, require_write
    from ..api.errors import core_code
    from ..api.schemas import ArticleIn
    from ..api.security import token_matches

    svc = _svc(request)
    form = {k: fields.get(k, "") for k in ("text", "title", "outlet", "published", "url", "story", "story_title")}

    def fail(*, code: str, message: str, status: int = 422) -> Any:
        return _form(request, form, {"code": code, "message": message}, status)

    if not _same_origin(request):
        return fail(code="auth.forbidden", message="this form only accepts posts from this server's own pages",
                    status=403)
    if svc.token is not None:
        if not token_matches(fields.get("token"), svc.token):
            return fail(code="auth.unauthorized", message="wrong or missing access token", status=401)
    else:
        try:
            require_write(request)
        except ApiError as exc:
            return fail(code=exc.code, message=exc.message, status=exc.status)
    text = form["text"].strip()
    story = form["story"] or "new"
    if story != "new" and not story.isdigit():
        return fail(code="http.invalid", message="pick a story from the list")
    try:
        body = ArticleIn(text=text or None, url=form["url"].strip() or None,
                         title=(form["title"].strip() or None) if text else None,
                         outlet=(form["outlet"].strip() or None) if text else None,
                         published=(form["published"].strip() or None) if text else None)
    except ValidationError as exc:
        return fail(code="http.invalid",
                    message="; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors()))
    try:
        from ..api.app import _clean

        _clean(body.model_dump(mode="json"))
        article, _, also = ingest_body(svc, body)
        ids = [article.id, *also]
        if story == "new":
            record = svc.stories.create(title=form["story_title"].strip() or None, articles=ids)
        else:
            svc.stories.add_articles(int(story), ids)
            svc.forget(int(story))
            record = svc.stories.get(int(story))
    except ApiError as exc:
        return fail(code=exc.code, message=exc.message, status=exc.status)
    except KeyError:
        return fail(code="story.not-found", message=f"no story {story}", status=404)
    except NewsprismError as exc:
        return fail(code=core_code(exc), message=str(exc))
    svc.jobs.submit(record.id)
    return RedirectResponse(f"/stories/{record.id}", status_code=303)


def snippet(article: Any, q: str, width: int = 110) -> dict[str, Any]:
    """The text around the first word of the query found in the article (plain strings, escaped by Jinja)."""
    text = article.text
    hit = None
    for w in words(q):
        hit = re.search(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", text, re.IGNORECASE)
        if hit:
            break
    if hit is None:
        return {"a": article, "before": text[: 2 * width] + ("…" if len(text) > 2 * width else ""), "hit": "",
                "after": ""}
    start, end = hit.span()
    lo, hi = max(0, start - width), min(len(text), end + width)
    return {"a": article, "before": ("…" if lo else "") + text[lo:start], "hit": text[start:end],
            "after": text[end:hi] + ("…" if hi < len(text) else "")}
