"""`newsprism watch` against a real feed server on 127.0.0.1 whose entries change between polls."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.stories.watch import changes, digest, parse_interval

FILLER = ("Emergency teams worked through the night in the river valley while volunteers brought food, blankets "
          "and drinking water to the shelters set up in schools and sports halls across the region. Roads into "
          "the lower town remained closed, and the regional government asked residents to stay away from the "
          "river banks until the water level had fallen. Power was restored to most homes by the evening, the "
          "grid operator said, although several villages were still cut off and could only be reached by boat. "
          "Insurers began to count the cost of the damage to homes, shops, farms and cars along the coast. ")
ENTRIES = [
    ("a", "Floods kill 12 in Valencia", "Flash floods killed 12 people in Valencia on Tuesday, regional "
     "officials said. Ana Ruiz, head of the Valencia rescue service, said five residents were still missing. "),
    ("b", "Valencia floods: rescuers search for missing", "Rescuers in Valencia searched for five missing "
     "residents on Wednesday after flash floods killed 12 people, Ana Ruiz of the rescue service said. "),
    ("c", "Valencia flood death toll rises", "Flash floods killed 14 people in Valencia, regional officials "
     "said on Thursday, raising the toll. Ana Ruiz of the Valencia rescue service said three were missing. "),
]


def feed(n: int) -> bytes:
    items = "".join(f"<item><title>{t}</title><link>http://127.0.0.1/{k}</link><guid>{k}</guid>"
                    f"<pubDate>Tue, 04 Mar 2025 0{i}:00:00 GMT</pubDate><description>{body}{FILLER}</description></item>"
                    for i, (k, t, body) in enumerate(ENTRIES[:n]))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Levante Daily</title>'
            f"<link>http://127.0.0.1/</link><description>news</description>{items}</channel></rss>").encode()


class FeedServer:
    """Version 1, 2, 3 of the feed on the first three polls, then version 3 again (ETag ``"v3"``)."""

    def __init__(self) -> None:
        self.bodies = 0  # full responses sent
        self.not_modified = 0
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.requests += 1
                version = min(server.requests, 3)
                tag = f'"v{version}"'
                if self.headers.get("If-None-Match") == tag:
                    server.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                body = feed(version)
                server.bodies += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", tag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.xml"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.slow
def test_watch_three_changing_polls_give_one_story_with_two_updates_and_304_fetches_nothing(tmp_path, db_url,
                                                                                             models):
    server = FeedServer()
    try:
        db, state = db_url, tmp_path / "watch.json"
        runner = CliRunner()
        result = runner.invoke(app, ["watch", server.url, "--polls", "4", "--interval", "0.01s", "--allow-private",
                                     "--db", db, "--state", str(state)])
        assert result.exit_code == 0, result.output
        assert (server.bodies, server.not_modified) == (3, 1)  # the fourth poll: 304, nothing read again
        listed = runner.invoke(app, ["stories", "--json", "--db", db])  # updates are in the database
        assert listed.exit_code == 0, listed.output
        stories = json.loads(listed.output)["stories"]
        assert len(stories) == 1
        (story,) = stories
        assert [a["title"] for a in story["articles"]] == [t for _, t, _ in ENTRIES]
        assert {a["source"] for a in story["articles"]} == {"Levante Daily"}
        updates = story["updates"]
        assert len(updates) == 2
        assert updates[0]["sources"]["before"]["articles"] == 1 and updates[0]["sources"]["after"]["articles"] == 2
        assert updates[1]["sources"]["after"]["articles"] == 3
        # the same outlet now says 14 killed where it said 12: a correction
        assert [(c["outlet"], c["before"], c["after"]) for c in updates[1]["corrections"]] == [("Levante Daily", 12, 14)]
        assert updates[0]["articles"] == [story["articles"][1]["id"]]
        assert list(json.loads(state.read_text("utf-8"))) == ["feeds"]  # the file keeps only the feeds' validators
        _updates_in_api_and_web(db, story["id"], updates, models)
    finally:
        server.close()


def _updates_in_api_and_web(db, story_id, updates, models):
    """The same updates through a real uvicorn: the API's story list and updates, the web app's pages."""
    from api.live import live_server

    from newsprism.settings import Settings

    with live_server(Settings(db_url=db), models=models) as live, live.client() as client:
        (listed,) = client.get("/api/stories").json()
        assert (listed["id"], listed["grouped"], listed["updates"], listed["articles"]) == (story_id, True, 2, 3)
        got = client.get(f"/api/stories/{story_id}/updates").json()
        assert got == {"story": story_id, "updates": updates}
        assert client.get("/api/stories/999/updates").status_code == 404
        index = client.get("/").text
        assert f'data-story="{story_id}"' in index and '<td class="num updates">2</td>' in index
        page = client.get(f"/stories/{story_id}").text
        assert "What changed" in page and "Correction: Levante Daily now gives 14" in page
        assert "Sources: 1 → 2 articles" in page


def test_watch_a_failing_feed_backs_off_and_the_poll_returns(tmp_path):
    from newsprism.settings import Settings
    from newsprism.stories.watch import Watcher
    from newsprism.storage import Store

    now = [1000.0]
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'b.db'}", allow_private=True, connect_timeout=1.0)
    with Store(settings) as store:
        w = Watcher(["http://127.0.0.1:9/feed.xml"], settings, store, state_path=tmp_path / "s.json",
                    interval=60, clock=lambda: now[0])
        first = w.poll()
        assert len(first.failed) == 1 and w.feeds[0].failures == 1
        assert w.feeds[0].next_poll == 1000.0 + 120  # interval * 2**failures
        assert w.poll().polled == []  # not due yet
        now[0] += 121
        w.poll()
        assert w.feeds[0].failures == 2 and w.feeds[0].next_poll == now[0] + 240
        w.close()


def test_watch_updates_name_new_agreements_and_same_outlet_corrections():
    def report(value, article, statements):
        return {"articles": [{"id": 1, "outlet": "Daily"}, {"id": article, "outlet": "Daily"}],
                "figures": [{"article": article, "value": value, "unit": None, "counts": "people killed"}],
                "agreements": [{"statement": s} for s in statements], "divergences": [],
                "story": {"articles": 2, "independent_origins": 2, "outlets": 1}}

    before, after = digest(report(12, 1, ["A"])), digest(report(14, 2, ["A", "B"]))
    change = changes(before, after)
    assert change["new_agreements"] == ["B"]
    assert change["corrections"] == [{"outlet": "Daily", "counts": "people killed", "unit": None, "before": 12,
                                      "after": 14, "article": 2, "earlier_article": 1}]
    assert "sources" not in change and changes(after, after) == {}


def test_watch_intervals_parse():
    assert parse_interval("15m") == 900 and parse_interval("2h") == 7200 and parse_interval("30") == 30
    with pytest.raises(ValueError):
        parse_interval("soon")
