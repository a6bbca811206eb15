"""The standalone HTML page as text: one file, no external asset, escaped article text, CSP-pinned script."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from handmade import INJECTED
from newsprism.render import render
from newsprism.render.html import cites, script_json


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append([dict(attrs), ""])

    def handle_data(self, data):
        if self._in is not None:
            self.scripts[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


@pytest.fixture(scope="module")
def page(handmade):
    return render(handmade, "html")


@pytest.fixture(scope="module")
def parsed(page):
    p = _Collect()
    p.feed(page)
    return p


def test_html_has_no_external_reference(parsed):
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:|//|file:)", value), (tag, name, value)
    assert not [t for t, a in parsed.tags if t in ("link", "iframe", "img", "object", "embed")]


def test_html_escapes_injected_markup(page):
    assert "<script>window.__pwned" not in page and 'onerror="window' not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page


def test_html_embeds_texts_as_inert_json(parsed, handmade):
    (data_attrs, data), (code_attrs, code) = parsed.scripts
    assert data_attrs == {"type": "application/json", "id": "np-data"}
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data)["articles"]["1"] == handmade["articles"][0]["text"]
    assert INJECTED in json.loads(data)["articles"]["1"]
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "eval(" not in code


def test_html_csp_allows_only_the_page_script(parsed):
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    code = parsed.scripts[1][1]
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp


def test_html_every_item_has_citations(parsed, handmade):
    cite_buttons = [a for t, a in parsed.tags if t == "button" and "cite" in a.get("class", "")]
    assert len(cite_buttons) >= len(handmade["summary"]) + len(handmade["agreements"]) + len(handmade["timeline"])
    for a in cite_buttons:
        assert re.fullmatch(r"\d+-\d+(,\d+-\d+)*", a["data-spans"])


def test_html_sources_table_and_side_by_side_conflicts(page, handmade):
    assert page.count('<tr data-article="') == len(handmade["articles"])
    assert "inferred (agreement-with-dated-articles)" in page
    assert page.count('class="side"') == sum(len(d["positions"]) for d in handmade["divergences"])


def test_html_cites_groups_spans_by_article():
    ev = [{"article": 2, "start": 5, "end": 9}, {"article": 1, "start": 0, "end": 3}, {"article": 2, "start": 20, "end": 25}]
    assert cites(ev) == [{"article": 1, "spans": "0-3"}, {"article": 2, "spans": "5-9,20-25"}]


def test_html_script_json_escapes_tag_characters():
    out = script_json({"t": "</script><b>&"})
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == {"t": "</script><b>&"}


def test_html_neutralises_bidi_controls(handmade):
    """A right-to-left override in an article (or a title) must not reorder what the page shows (issue 12)."""
    import copy

    report = copy.deepcopy(handmade)
    spoof = "Invoice\u202egpj.exe\u202c and \u2066isolated\u2069"
    art = report["articles"][0]
    art["title"] = spoof
    art["text"] = art["text"] + spoof  # appended: every span stays exact
    page = render(report, "html")
    bidi = re.compile("[\u202a-\u202e\u2066-\u2069]")
    assert not bidi.search(page), sorted({hex(ord(c)) for c in bidi.findall(page)})
    p = _Collect()
    p.feed(page)
    data = json.loads(p.scripts[0][1])["articles"]["1"]
    assert len(data) == len(art["text"])  # one character for each control: offsets into the text stay exact


def test_html_aspects_list_positions_and_link_their_divergence(page, handmade):
    assert 'id="aspects"' in page and "How many troops crossed the river?" in page
    assert page.count('id="aspect-') == len(handmade["aspects"])
    assert 'href="#div-0">sources disagree' in page
    # the wording of the Markdown report: two origins alike in meaning are no confirmed fact unless an agreement is
    assert "2 independent sources; agreement 2" in page and "alike in meaning, no one fact confirmed" in page
