"""The web app end to end in Debian's Chromium (Playwright), over a real uvicorn on 127.0.0.1.

Paste an article in the form -> its story page shows it; a second source that disagrees -> the open page says
the story changed, and the conflict shows both sides; markup in an article stays inert text; no request ever
leaves the page's own origin. Screenshots of the story page and the story list go to $NEWSPRISM_ARTIFACTS
(default: a newsprism-artifacts folder in the system temp dir), never into the repository.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import httpx
import pytest

from newsprism.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from api.live import live_server  # noqa: E402
from api.stories_text import DAILY, HERALD  # noqa: E402


EVIL = ('Riverton council statement. <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> '
        'The council said the ferry will replace the bridge until it is rebuilt, and the mayor agreed on Tuesday.')


def artifacts() -> Path:
    out = Path(os.environ.get("NEWSPRISM_ARTIFACTS") or Path(tempfile.gettempdir()) / "newsprism-artifacts")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def app_page(browser, tmp_path, models):
    """A page on a fresh server; every request the page makes is recorded, and any to another origin aborted."""
    with live_server(Settings(db_url=f"sqlite:///{tmp_path / 'web.db'}"), models=models) as server:
        server.app.state.poll_ms = 300
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        log = {"errors": [], "foreign": [], "requests": [], "dialogs": []}
        page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: log["errors"].append(str(e)))
        page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))

        def route(r):
            log["requests"].append(r.request.url)
            if r.request.url.startswith(server.url + "/"):
                r.continue_()
            else:
                log["foreign"].append(r.request.url)
                r.abort()

        context.route("**/*", route)
        yield server, page, log
        context.close()


def _paste(page, server, text, title, outlet, story="new", story_title=""):
    page.goto(server.url + "/ingest")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=title]", title)
    page.fill("input[name=outlet]", outlet)
    page.select_option("select[name=story]", story)
    if story_title:
        page.fill("input[name=story_title]", story_title)
    page.click("form.np-form button[type=submit]")


def test_web_paste_an_article_then_a_conflicting_one(app_page):
    server, page, log = app_page
    _paste(page, server, HERALD, "Bridge collapse kills 30", "Herald", story_title="Riverton bridge")
    page.wait_for_url("**/stories/*")
    story_id = int(page.url.rsplit("/", 1)[1])
    # the page is built in the background and shows itself when ready
    page.wait_for_selector("#sources table.sources", timeout=60_000)
    assert "Herald" in page.locator("#sources").inner_text()
    assert page.locator("h1").first.inner_text() == "Riverton bridge"

    # a second source arrives while the page is open: the page says so
    with httpx.Client(base_url=server.url) as c:
        r = c.post("/api/articles", json={"text": DAILY, "title": "Bridge collapse", "outlet": "Daily",
                                          "story": story_id})
        assert r.status_code == 201
    from playwright.sync_api import expect

    # (expect, not wait_for_function: the page's CSP forbids eval, which that would need)
    expect(page.locator("#np-live")).to_contain_text("changed", timeout=60_000)
    assert "2 articles now" in page.locator("#np-live").inner_text()
    page.click("#np-live a")
    page.wait_for_selector("#divergences .divergence", timeout=30_000)
    sides = page.locator("#divergences .divergence").filter(has_text="30").filter(has_text="12").first
    values = sides.locator(".side .value").all_inner_texts()
    assert {"30", "12"} <= set(values)
    assert {"Herald", "Daily"} <= set(page.locator("#sources td:nth-child(2)").all_inner_texts())
    # a citation reveals the highlighted source sentence
    sides.locator("button.cite").first.click()
    assert page.locator("mark.hl").count() == 1 and "killed" in page.locator("mark.hl").inner_text()
    page.screenshot(path=str(artifacts() / "story-page.png"), full_page=True)

    page.goto(server.url + "/")
    row = page.locator(f'tr[data-story="{story_id}"]')
    assert row.locator("td").nth(1).inner_text() == "2"  # sources
    assert row.locator("td").nth(2).inner_text() == "2"  # independent
    assert int(row.locator("td").nth(3).inner_text()) >= 1  # divergences
    page.screenshot(path=str(artifacts() / "story-list.png"), full_page=True)

    page.fill("header input[name=q]", "pillars")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=pillars*")
    assert page.locator(".np-results li").count() == 1 and "Bridge collapse" in page.inner_text(".np-results")

    assert log["errors"] == [] and log["foreign"] == [] and log["dialogs"] == []
    assert all(u.startswith(server.url) for u in log["requests"])


def test_web_markup_in_an_article_stays_inert_text(app_page):
    server, page, log = app_page
    _paste(page, server, EVIL, '<img src=x onerror="alert(1)">Council', "<b>Gazette</b>")
    page.wait_for_url("**/stories/*")
    page.wait_for_selector("#articles .article-text", state="attached", timeout=60_000)
    for url in (page.url, server.url + "/", server.url + "/search?q=council"):
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("script:not([src]):not([type])").count() <= 1  # only the report page's own script
        assert page.locator("img").count() == 0
    page.goto(server.url + "/articles/1")
    assert "<script>window.__pwned = 1</script>" in page.locator(".np-text").inner_text()
    assert page.locator("h1").inner_text().startswith('<img src=x onerror="alert(1)">')
    assert page.evaluate("window.__pwned") is None
    assert log["dialogs"] == [] and log["foreign"] == [] and log["errors"] == []


def test_web_form_errors_are_shown_and_nothing_is_stored(app_page):
    server, page, log = app_page
    page.goto(server.url + "/ingest")
    page.click("form.np-form button[type=submit]")
    assert "give the article's text" in page.locator(".np-error").inner_text()
    assert server.service.store.count() == 0


def test_web_app_story_page_shows_what_changed(app_page):
    """A grouped story rebuilt with a new source (as `watch` does): its page and the list show the update."""
    from newsprism.engine.local import LocalEngine
    from newsprism.stories.watch import rebuild_story

    server, page, log = app_page
    svc = server.service
    with server.client() as c:
        first = c.post("/api/articles", json={"text": HERALD, "title": "Bridge collapse kills 30", "outlet": "Herald",
                                              "published": "2026-03-02"}).json()
        (story,) = [s for s in c.get("/api/stories").json() if s["grouped"]]
        engine = LocalEngine(svc.settings, svc.models())
        assert rebuild_story(svc.store, story["id"], lambda arts: engine.analyse([arts])[0]) is None  # a new story
        second = c.post("/api/articles", json={"text": DAILY, "title": "Bridge collapse", "outlet": "Daily",
                                               "published": "2026-03-02"}).json()
        assert c.get(f"/api/articles/{second['id']}").json()["stories"] == [story["id"]]
        update = rebuild_story(svc.store, story["id"], lambda arts: engine.analyse([arts])[0], {second["id"]})
        assert update["articles"] == [second["id"]] and update["sources"]["after"]["articles"] == 2
        assert c.get(f"/api/stories/{story['id']}/updates").json()["updates"][0]["sources"] == update["sources"]
    page.goto(f"{server.url}/")
    assert page.locator(f'tr[data-story="{story["id"]}"] td.updates').inner_text() == "1"
    page.goto(f"{server.url}/stories/{story['id']}")
    section = page.locator("section.np-updates")
    section.wait_for(state="visible")
    assert "What changed" in section.inner_text() and "Sources: 1 → 2 articles" in section.inner_text()
    assert section.locator(f'a[href="/articles/{second["id"]}"]').count() >= 1
    assert first["id"] != second["id"] and log["errors"] == [] and log["foreign"] == []
    page.screenshot(path=str(artifacts() / "story-updates.png"), full_page=True)
