"""The standalone HTML page in a real Chromium (Debian's, driven by Playwright; never a downloaded browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.render import render



@pytest.fixture()
def page_of(browser, tmp_path):
    """Open a report's page from a file; record console errors, page errors and every request."""
    opened = []

    def open_page(report):
        path = tmp_path / "report.html"
        path.write_text(render(report, "html"), "utf-8")
        context = browser.new_context()
        page = context.new_page()
        log = {"errors": [], "requests": [], "url": path.as_uri()}
        page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: log["errors"].append(str(e)))

        def route(r):
            log["requests"].append(r.request.url)
            if r.request.url == log["url"]:
                r.continue_()
            else:
                r.abort()

        context.route("**/*", route)
        page.goto(log["url"])
        page.wait_for_load_state("load")
        opened.append(context)
        return page, log

    yield open_page
    for c in opened:
        c.close()


def test_html_page_citation_highlights_the_source_sentence(page_of, handmade):
    page, log = page_of(handmade)
    first = handmade["summary"][0]
    cited = {e["article"]: e["text"] for e in reversed(first["evidence"])}
    for article_id, text in cited.items():
        page.locator("#summary li").first.locator(f'button.cite[data-article="{article_id}"]').click()
        mark = page.locator(f'.article-text[data-article="{article_id}"] mark.hl')
        assert mark.count() >= 1
        assert mark.first.text_content() == text
        assert page.locator(f"#article-{article_id}").evaluate("d => d.open")
        assert mark.first.is_visible()
    # only one article carries a highlight at a time
    assert page.locator("mark.hl").count() == 1
    assert log["errors"] == []


def test_html_page_offsets_are_code_points_after_an_emoji(page_of, handmade):
    page, _ = page_of(handmade)
    fig = next(f for f in handmade["figures"] if f["evidence"][0]["text"].startswith("40,000"))
    page.locator("#figures li").filter(has_text="40,000").locator("button.cite").click()
    assert page.locator('.article-text[data-article="1"] mark.hl').text_content() == fig["evidence"][0]["text"]


def test_html_page_conflicts_show_both_sides(page_of, handmade):
    page, _ = page_of(handmade)
    for n, d in enumerate(handmade["divergences"]):
        sides = page.locator(f"#div-{n} .side")
        assert sides.count() == len(d["positions"]) >= 2
        for i, p in enumerate(d["positions"]):
            side = sides.nth(i)
            assert side.get_attribute("data-article") == str(p["article"])
            assert p["evidence"][0]["text"] in side.text_content()
        boxes = [sides.nth(i).bounding_box() for i in range(2)]
        assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] - 1
    # a side's citation opens its own article
    temporal = next(i for i, d in enumerate(handmade["divergences"]) if d["type"] == "temporal")
    page.locator(f"#div-{temporal} .side").nth(1).locator("button.cite").click()
    pos = handmade["divergences"][temporal]["positions"][1]
    assert page.locator(f'.article-text[data-article="{pos["article"]}"] mark.hl').text_content() == \
        pos["evidence"][0]["text"]


def test_html_page_injected_markup_stays_inert(page_of, handmade):
    page, log = page_of(handmade)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("main img, aside img").count() == 0
    assert page.locator("script").count() == 2  # the JSON data and the page's own script
    text = page.locator('.article-text[data-article="1"]').text_content()
    assert '<script>window.__pwned = 1</script>' in text and 'onerror="window.__pwned = 2"' in text
    # highlighting the article that holds the payload rebuilds it from text, still inert
    page.locator("#agreements li").first.locator('button.cite[data-article="1"]').click()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("aside img").count() == 0
    assert log["errors"] == []


def test_html_page_makes_no_network_request(page_of, handmade):
    page, log = page_of(handmade)
    page.locator("button.cite").first.click()
    page.wait_for_timeout(200)
    assert log["requests"] == [log["url"]]


def test_html_page_draws_the_timeline_on_an_axis(page_of, handmade):
    page, _ = page_of(handmade)
    svgs = page.locator("#timeline svg")
    assert svgs.count() == 2  # background history apart from the story's days
    markers = page.locator("#timeline svg a.marker")
    assert markers.count() == len(handmade["timeline"])
    disputed = page.locator("#timeline svg a.marker.disputed")
    assert disputed.count() == sum(t["divergence"] is not None for t in handmade["timeline"])
    # story-day markers are ordered left to right by date
    xs = [float(c.get_attribute("cx")) for c in page.locator("#timeline figure").nth(1).locator("circle").all()]
    assert xs == sorted(xs)


@pytest.mark.slow
def test_html_page_kherson_conflict_citations(page_of, kherson_story):
    from newsprism.report import build_report

    handmade = build_report(kherson_story)
    page, log = page_of(handmade)
    n = next(i for i, s in enumerate(handmade["summary"]) if s["kind"] == "divergence" and "5am" in s["text"])
    item = page.locator("#summary li").nth(n)
    for e in handmade["summary"][n]["evidence"]:
        item.locator(f'button.cite[data-article="{e["article"]}"]').click()
        marks = page.locator(f'.article-text[data-article="{e["article"]}"] mark.hl')
        assert e["text"] in [marks.nth(i).text_content() for i in range(marks.count())]
    assert log["errors"] == [] and log["requests"] == [log["url"]]
