"""Markdown rendering of a hand-built handmade dict (validated against the schema)."""

from __future__ import annotations

import pytest

from newsprism.render import render
from newsprism.render.markdown import WIDTH, cite
from newsprism.report import validate


@pytest.fixture(scope="module")
def md(handmade):
    return render(handmade, "md")


def test_markdown_fits_100_columns(md):
    assert max(len(line) for line in md.splitlines()) <= WIDTH


def test_markdown_sections_in_reading_order(md):
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads == ["## Sources", "## Summary", "## Agreements", "## Divergences", "## Aspects", "## Timeline",
                     "## Quotes", "## Entities", "## Figures"]


def test_markdown_sources_table_marks_inferred_dates_and_copies(md):
    row = next(line for line in md.splitlines() if line.startswith("| 3 "))
    assert "2022-11-11 (inf.)" in row and "[1] reworded" in row


def test_markdown_summary_and_agreements_cite_by_article(md, handmade):
    assert f"1. {handmade['summary'][0]['text']} [1][2][3]" in md
    assert "— 2 independent sources" in md and "[1][2][3]" in md
    assert "; said by Russia's defence ministry [1][2][3]" in " ".join(md.split())  # who says the agreed statement


def test_markdown_aspects_show_question_positions_and_conflict(md):
    block = " ".join(md.split("## Aspects", 1)[1].split("\n## ", 1)[0].split())
    assert "How many troops crossed the river? (sources disagree: divergence 1)" in block
    assert "1 independent source; said by Officials [1]" in block and "[2]" in block


def test_markdown_position_of_several_sources_says_whether_an_agreement_states_it(md, handmade):
    """Statements alike in meaning from two origins are a shared fact only where an agreement lies inside them."""
    positions = handmade["aspects"][1]["positions"]
    assert [p["agreements"] for p in positions] == [[1], []]
    block = " ".join(md.split("## Aspects", 1)[1].split("\n## ", 1)[0].split())
    assert "Residents celebrated in the main square. — 2 independent sources; agreement 2 [1][2]" in block
    assert "Moscow seized the city in early March. — 2 independent sources; alike in meaning, no one fact " \
           "confirmed [1][2]" in block


def test_markdown_divergence_shows_both_sides(md):
    block = md.split("temporal: end of the withdrawal", 1)[1].split("##", 1)[0]
    assert "[1] Russia: **2022-11-11T05:00**" in block
    assert "[2] Ukraine's defence minister: **P1W**" in " ".join(block.split())


def test_markdown_timeline_background_apart_with_flags(md):
    tl = md.split("## Timeline", 1)[1].split("## Quotes", 1)[0]
    assert tl.index("**Background**") < tl.index("**2014**") < tl.index("**The story's days**") < tl.index("9 Nov 2022")
    assert "(date via an inferred publication date)" in tl
    assert "(sources disagree: divergence 2)" in tl


def test_markdown_quotes_grouped_by_speaker(md):
    q = md.split("## Quotes", 1)[1]
    assert q.index("**Russia**") < q.index("its troops finished withdrawing") < q.index("**Ukraine's defence minister**")


def test_markdown_cite_dedupes():
    assert cite([3, 1, 3]) == "[3][1]"


def test_markdown_empty_sections_left_out(handmade):
    empty = dict(handmade, divergences=[], timeline=[], quotes=[], summary=[])
    md = render(empty, "md")
    assert "## Divergences" not in md and "## Timeline" not in md and "## Summary" not in md


def test_markdown_and_html_need_only_the_required_fields(handmade):
    from newsprism.report import schema

    props = schema()["properties"]

    def strip(section, item):
        required = set(props[section]["items"].get("required", []))
        return {k: v for k, v in item.items() if k in required}

    slim = dict(handmade)
    for section in ("entities", "figures", "quotes", "agreements", "divergences", "timeline", "summary"):
        slim[section] = [strip(section, item) for item in handmade[section]]
    validate(slim)
    md, page = render(slim, "md"), render(slim, "html")
    assert handmade["summary"][0]["text"] in md and "[1][2][3]" in md
    assert handmade["timeline"][0]["label"] in page


def test_markdown_glosses_an_opening_pronoun_the_report_resolved(handmade):
    import copy

    from newsprism.render.wording import refers_to

    report = copy.deepcopy(handmade)
    report["agreements"][1].update(statement="He celebrated in the main square.", refers_to="Ada Lund")
    assert "He celebrated in the main square. [He = Ada Lund] — " in render(report, "md")
    assert refers_to({"statement": "“He left.”", "refers_to": "Ada Lund"}) == " [He = Ada Lund]"
    assert refers_to(handmade["agreements"][0]) == ""  # nothing resolved: nothing added
    assert "[He = Ada Lund]" in render(report, "html")
