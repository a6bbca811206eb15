"""Whatever bytes a source holds, ingestion yields drafts or errors and never raises."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsprism.errors import IngestError
from newsprism.ingest.sources import iter_drafts
from newsprism.model import ArticleDraft
from newsprism.settings import Settings

from .conftest import TODAY

SETTINGS = Settings(db_url="sqlite://", max_text_bytes=50_000)
PIECES = st.sampled_from([
    b"<html>", b"<body>", b"<p>", b"</p>", b"<rss version='2.0'>", b"<item>", b"<title>", b"</title>",
    b'<?xml version="1.0"?>', b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<entry>", b"{", b"}",
    b'"version": "https://jsonfeed.org/version/1"', b'"items": [', b"\xef\xbb\xbf", b"\x00", b"\xff\xfe",
    b" date 2023-01-01 ", b"---\ntitle: x\n---\n", b"The mayor said on Monday that the bridge would reopen. ",
    b"Subscribe now to continue reading. ", b"<script type='application/ld+json'>", b"</script>",
    b"\xe9\xe8\x93\x94", b"&nbsp;", b"<![CDATA[", b"]]>",
])


def check(items) -> None:
    assert items, "every source yields at least one item"
    for item in items:
        assert isinstance(item, (ArticleDraft, IngestError))
        if isinstance(item, ArticleDraft):
            assert item.text.strip() and item.text == item.text.strip()
        else:
            assert "\n" not in str(item) and str(item).startswith(f"{item.source}: ")


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.binary(max_size=40)), max_size=40))
def test_any_bytes_on_stdin(chunks):
    check(list(iter_drafts(["-"], SETTINGS, stdin=io.BytesIO(b"".join(chunks)), today=TODAY)))


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.one_of(PIECES, st.binary(max_size=40)), max_size=40),
       suffix=st.sampled_from([".txt", ".html", ".xml", ".json", ".rss", ""]))
def test_any_bytes_in_a_file(tmp_path, data, suffix):
    path = tmp_path / f"source{suffix}"
    path.write_bytes(b"".join(data))
    check(list(iter_drafts([str(path)], SETTINGS, today=TODAY)))
