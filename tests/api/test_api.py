"""The API on a real uvicorn over SQLite and PostgreSQL: ingest -> story -> report -> HTML, errors, guards."""

from __future__ import annotations

import json
import socket
import threading

import httpx
import pytest

from newsprism.report import validate
from newsprism.report.build import check_evidence
from newsprism.settings import Settings

from .live import live_server
from .stories_text import DAILY, HERALD


def _post(client, path, body, **kw):
    return client.post(path, json=body, **kw)


def test_api_ingest_story_report_and_page(live):
    with live.client() as c:
        assert c.get("/api/health").json()["status"] == "ok"
        r1 = _post(c, "/api/articles", {"text": HERALD, "title": "Bridge collapse kills 30", "outlet": "Herald",
                                        "published": "2026-03-02"})
        assert r1.status_code == 201, r1.text
        a1 = r1.json()
        assert a1["id"] >= 1 and a1["copy_of"] is None and a1["published"] == "2026-03-02"
        again = _post(c, "/api/articles", {"text": HERALD, "title": "Bridge collapse kills 30", "outlet": "Herald",
                                           "published": "2026-03-02"})
        assert again.status_code == 200 and again.json()["id"] == a1["id"] and not again.json()["created"]
        a2 = _post(c, "/api/articles", {"text": DAILY, "title": "Bridge collapse", "outlet": "Daily"}).json()
        got = c.get(f"/api/articles/{a2['id']}").json()
        assert got["text"] == DAILY and got["outlet"] == "Daily"
        # each posted article joined its grouped story at once: both reports of the collapse are in one
        (grouped,) = [s for s in c.get("/api/stories").json() if s["grouped"]]
        assert grouped["articles"] == 2 and got["stories"] == [grouped["id"]]
        assert grouped["title"] == "Bridge collapse kills 30"  # no report yet: its founding article's title
        assert c.get(f"/api/stories/{grouped['id']}").json()["members"] == [a1["id"], a2["id"]]

        created = _post(c, "/api/stories", {"title": "Riverton bridge", "articles": [a1["id"], a2["id"]]})
        assert created.status_code == 201, created.text
        story = created.json()
        assert story["members"] == [a1["id"], a2["id"]] and story["job"]["state"] in ("queued", "running", "done")
        job = c.get(story["job"]["status_url"]).json()
        assert job["story"] == story["id"]

        report = live.wait_report(c, story["id"])
        assert report.status_code == 200, report.text
        data = report.json()
        validate(data)
        assert check_evidence(data) == []
        assert {a["id"] for a in data["articles"]} == {a1["id"], a2["id"]}
        assert any({"30", "12"} <= {p["value"] for p in d["positions"]} for d in data["divergences"])
        # cached and conditional
        etag = report.headers["etag"]
        assert c.get(f"/api/stories/{story['id']}/report", headers={"If-None-Match": etag}).status_code == 304

        listed = [s for s in c.get("/api/stories").json() if not s["grouped"]]
        assert listed[0]["id"] == story["id"] and listed[0]["status"] == "current"
        assert listed[0]["articles"] == 2 and listed[0]["independent_sources"] == 2 and listed[0]["divergences"] >= 1

        page = c.get(f"/stories/{story['id']}", headers={"Accept": "text/html"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "Riverton" in page.text and 'data-story="%d"' % story["id"] in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
        index = c.get("/")
        assert "Riverton bridge" in index.text

        # a new article: the stored report is stale until rebuilt, then it holds three articles
        a3 = _post(c, "/api/articles", {"text": "Divers from Riverton recovered two more bodies from the river "
                                                "on Wednesday, police said, after the bridge collapse.",
                                        "story": story["id"], "title": "Divers"}).json()
        assert a3["job"]["story"] == story["id"]
        again = live.wait_report(c, story["id"])
        assert {a["id"] for a in again.json()["articles"]} == {a1["id"], a2["id"], a3["id"]}
        assert c.get(f"/api/stories/{story['id']}").json()["revision"] == 2


def test_api_report_is_not_rebuilt_when_nothing_changed(live):
    with live.client() as c:
        a = _post(c, "/api/articles", {"text": HERALD, "title": "One"}).json()
        story = _post(c, "/api/stories", {"articles": [a["id"]]}).json()
        assert live.wait_report(c, story["id"]).status_code == 200
        # adding what it already holds changes nothing: no new revision
        r = _post(c, f"/api/stories/{story['id']}/articles", {"articles": [a["id"]]}).json()
        assert live.service.jobs.wait_idle(30)
        assert c.get(f"/api/stories/{story['id']}").json()["revision"] == 1 == r["revision"]


def test_api_search_paginates_the_same_on_both_databases(live):
    with live.client() as c:
        for i in range(5):
            _post(c, "/api/articles", {"text": f"The ferry to Sandholm sails at {i} o'clock, the port said on day {i}.",
                                       "title": f"Ferry {i}", "url": f"https://example.org/ferry/{i}"})
        _post(c, "/api/articles", {"text": "Storm warnings closed the airport.", "title": "Storm"})
        page1 = c.get("/api/articles", params={"q": "Sandholm ferry", "per_page": 2}).json()
        page3 = c.get("/api/articles", params={"q": "Sandholm ferry", "per_page": 2, "page": 3}).json()
        assert page1["total"] == 5 and page1["pages"] == 3
        assert [a["title"] for a in page1["items"]] == ["Ferry 4", "Ferry 3"]
        assert [a["title"] for a in page3["items"]] == ["Ferry 0"]
        assert c.get("/api/articles", params={"q": "airport"}).json()["total"] == 1
        assert c.get("/api/articles").json()["total"] == 6
        html = c.get("/search", params={"q": "storm"}).text
        assert "<mark>Storm</mark>" in html


@pytest.mark.parametrize("method, path, body, status, code", [
    ("GET", "/api/articles/999", None, 404, "article.not-found"),
    ("GET", "/api/stories/999/report", None, 404, "story.not-found"),
    ("GET", "/api/jobs/999", None, 404, "job.not-found"),
    ("GET", "/api/nothing", None, 404, "http.not-found"),
    ("POST", "/api/articles", {}, 422, "http.invalid"),
    ("POST", "/api/articles", {"text": "a", "html": "<p>b</p>"}, 422, "http.invalid"),
    ("POST", "/api/articles", {"text": "zero\u0000byte"}, 422, "http.invalid"),
    ("POST", "/api/articles", {"text": "   "}, 422, "ingest."),  # the core's own code (docs/errors.md)
    ("POST", "/api/articles", {"url": "file:///etc/passwd"}, 422, "http.invalid"),
    ("POST", "/api/stories", {"articles": [424242]}, 422, "http.invalid"),
    ("POST", "/api/stories/1/articles", {"articles": [1]}, 404, "story.not-found"),
    ("DELETE", "/api/stories", None, 405, "http.method-not-allowed"),
])
def test_api_errors_have_one_shape(shared_live, method, path, body, status, code):
    with shared_live.client() as c:
        r = c.request(method, path, json=body)
        assert r.status_code == status, r.text
        got = r.json()["error"]["code"]
        assert got.startswith(code) if code.endswith(".") else got == code
        assert r.json() == {"error": {"code": got, "message": r.json()["error"]["message"]}}
        assert r.json()["error"]["message"]


def test_api_refuses_fetching_private_addresses_unless_allowed(tmp_path, models):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = (f"<html><head><title>Bridge</title></head><body><article><p>{HERALD}</p><p>{DAILY}</p>"
            "</article></body></html>").encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *a):
            pass

    origin = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=origin.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{origin.server_address[1]}/bridge.html"
    try:
        base = Settings(db_url=f"sqlite:///{tmp_path / 'a.db'}")
        with live_server(base, models=models) as server, server.client() as c:
            r = _post(c, "/api/articles", {"url": url})
            assert r.status_code == 422 and r.json()["error"]["code"].startswith("fetch.")
            assert "private" in r.json()["error"]["message"] or "loopback" in r.json()["error"]["message"]
        with live_server(base.with_(allow_private=True), models=models) as server, server.client() as c:
            r = _post(c, "/api/articles", {"url": url})
            assert r.status_code == 201, r.text
            assert r.json()["url"] == url and r.json()["source_kind"] == "url"
    finally:
        origin.shutdown()


def test_api_token_guards_writes_only(tmp_path, models):
    settings = Settings(db_url=f"sqlite:///{tmp_path / 't.db'}")
    with live_server(settings, token="s3cret-token", models=models) as server, server.client() as c:
        body = {"text": HERALD, "title": "t"}
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-token"}):
            r = _post(c, "/api/articles", body, headers=headers)
            assert r.status_code == 401 and r.json()["error"]["code"] == "auth.unauthorized"
            assert r.headers["www-authenticate"] == "Bearer"
        assert _post(c, "/api/stories", {"articles": []}).status_code == 401
        ok = _post(c, "/api/articles", body, headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 201
        assert c.get("/api/articles").json()["total"] == 1  # reads stay open
        assert c.get(f"/api/articles/{ok.json()['id']}").status_code == 200
        form = c.post("/ingest", data={"text": DAILY, "story": "new", "token": "nope"})
        assert form.status_code == 401 and server.service.store.count() == 1


def test_api_refuses_oversized_bodies_with_413_before_reading_them(tmp_path, models):
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'b.db'}", max_body_bytes=4096)
    with live_server(settings, models=models) as server:
        host, port = server.url.removeprefix("http://").split(":")
        # a Content-Length over the limit, with no body sent at all: answered at once, nothing read
        with socket.create_connection((host, int(port)), timeout=10) as s:
            s.sendall(b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100000000\r\n\r\n")
            head = b""
            while chunk := s.recv(4096):  # the server closes the connection after its answer
                head += chunk
            head = head.decode()
        assert head.startswith("HTTP/1.1 413")
        assert json.loads(head.split("\r\n\r\n", 1)[1])["error"]["code"] == "http.too-large"
        with server.client() as c:
            big = {"text": "word " * 2000}
            r = _post(c, "/api/articles", big)
            assert r.status_code == 413 and r.json()["error"]["code"] == "http.too-large"

            def chunks():  # no Content-Length: counted as it arrives
                for _ in range(10):
                    yield b" " * 1000

            r = c.post("/api/articles", content=chunks(), headers={"Content-Type": "application/json"})
            assert r.status_code == 413
            assert _post(c, "/api/articles", {"text": HERALD}).status_code == 201
        assert server.service.store.count() == 1


def test_api_concurrent_writers_to_one_story_leave_a_consistent_store(live):
    with live.client() as c:
        story = _post(c, "/api/stories", {"title": "busy"}).json()
    results, errors = [], []

    def writer(n):
        try:
            with live.client() as c:
                for i in range(4):
                    r = _post(c, "/api/articles", {"text": f"Report {n}-{i}: the harbour strike entered day {i} "
                                                           f"as dockers from shift {n} joined the pickets.",
                                                   "title": f"Strike {n}-{i}", "story": story["id"]})
                    r.raise_for_status()
                    results.append(r.json()["id"])
                    c.get(f"/api/stories/{story['id']}/report")
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with live.client() as c:
        final = live.wait_report(c, story["id"], timeout=120)
        assert final.status_code == 200
        detail = c.get(f"/api/stories/{story['id']}").json()
    assert sorted(detail["members"]) == sorted(results) and len(results) == 24
    assert {a["id"] for a in final.json()["articles"]} == set(results)
    assert detail["status"] == "current"
    assert live.service.store.count() == 24
