"""Faithfulness over every report the suite produces: the example story's and a hand-built one.

Every span's text is the source slice; every summary, timeline, agreement and divergence item has evidence;
no figure or date appears in a summary sentence that is not in the spans it cites; summary sentences are
source text joined by the fixed connectives only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "render"))
from handmade import handmade_report  # noqa: E402

from newsprism.report import build_report, check_evidence, validate  # noqa: E402
from newsprism.story.summary import unsupported_tokens  # noqa: E402

SECTIONS = ("summary", "timeline", "agreements", "divergences")


@pytest.fixture(scope="module", params=["handmade", pytest.param("kherson", marks=pytest.mark.slow)])
def report(request):
    if request.param == "handmade":
        r = handmade_report(request.getfixturevalue("models"))
    else:
        r = build_report(request.getfixturevalue("kherson_story"))
    validate(r)
    return r


def test_faithfulness_spans_are_source_slices(report):
    assert check_evidence(report) == []


def test_faithfulness_every_item_has_evidence(report):
    assert report["summary"] and report["timeline"]
    for section in SECTIONS:
        for n, item in enumerate(report[section]):
            assert item["evidence"], f"{section}[{n}] has no evidence"
    for n, d in enumerate(report["divergences"]):
        assert all(p["evidence"] for p in d["positions"]), f"divergences[{n}] has a side without evidence"


def test_faithfulness_summary_figures_and_dates_are_in_cited_spans(report):
    for s in report["summary"]:
        assert s["citations"] == sorted({e["article"] for e in s["evidence"]})
        missing = unsupported_tokens(s["text"], [e["text"] for e in s["evidence"]])
        assert not missing, f"{sorted(missing)} not in the spans cited by: {s['text']}"


def test_faithfulness_summary_is_source_text_and_connectives(report):
    cited_speakers = {p["speaker"] for d in report["divergences"] for p in d["positions"] if p["speaker"]}
    for s in report["summary"]:
        cited = " ".join(" ".join(e["text"].split()) for e in s["evidence"])
        for part in s["text"].split("; while "):
            part = part.rstrip(".")
            if part.startswith("According to "):
                speaker = next((sp for sp in cited_speakers if part.startswith(f"According to {sp}, ")), None)
                assert speaker, part
                part = part[len(f"According to {speaker}, "):]
            body = part[1:]  # the first letter may be lower-cased after a connective
            assert body in cited, f"not source text: {part!r}"
