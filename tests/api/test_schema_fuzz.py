"""Schemathesis against the server's own OpenAPI document: no generated request gets a 5xx, and every error
that comes back has the one error shape. Bounded: a few examples per operation, on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from newsprism.settings import Settings

from .live import live_server
from .stories_text import DAILY, HERALD

EXAMPLES = 12  # per operation and database: enough to reach every field's edge cases, a few seconds each


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzz_server(request, tmp_path_factory, models):
    if request.param == "sqlite":
        url, done = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}", None
    else:
        server = request.getfixturevalue("pg_server")
        if server is None:
            pytest.skip("no PostgreSQL server binaries (apt-get install postgresql) and no NEWSPRISM_TEST_PG")
        import postgres

        done = postgres.database(server, template=request.getfixturevalue("pg_template"))
        url = done.__enter__()
    # short fetch limits: generated URLs point nowhere, and each must fail fast
    base = Settings(db_url=url, connect_timeout=0.5, read_timeout=0.5, max_fetch_seconds=1.0, max_body_bytes=65536)
    with live_server(base, models=models) as live:
        with live.client() as c:  # something for generated ids to find
            ids = [c.post("/api/articles", json={"text": t, "title": n}).json()["id"]
                   for n, t in (("Herald", HERALD), ("Daily", DAILY))]
            c.post("/api/stories", json={"title": "seed", "articles": ids})
        yield live
        live.service.jobs.wait_idle(60)
    if done is not None:
        done.__exit__(None, None, None)


def _operations(live):
    """Every operation of the server's OpenAPI document (the document is fetched from the running server)."""
    import httpx

    document = httpx.get(f"{live.url}/openapi.json", timeout=30).json()
    return [result.ok() for result in schemathesis.openapi.from_dict(document).get_all_operations()]


def test_api_fuzz_no_server_error_and_one_error_shape(fuzz_server):
    # Driven by hand rather than by schemathesis' pytest plugin, which does not run under pytest 9.
    operations = _operations(fuzz_server)
    labels = {op.label for op in operations}
    assert {"GET /api/health", "POST /api/articles", "GET /api/stories/{story_id}/report", "GET /",
            "GET /stories/{story_id}"} <= labels

    spent: dict[str, float] = {}
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call(base_url=fuzz_server.url, timeout=30)
            assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}: " \
                                               f"{response.text[:300]}"
            kind = (response.headers.get("content-type") or [""])[0]
            if response.status_code >= 400 and kind.startswith("application/json"):
                body = response.json()
                assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
                assert body["error"]["code"] and body["error"]["message"]

        started = time.monotonic()
        check()
        spent[operation.label] = round(time.monotonic() - started, 2)
    print("fuzz seconds per operation:", spent)
