"""The committed audits (tests/audit/clustmcms, tests/audit/ecbplus, tests/audit/ecb, tests/audit/rest): every item
judged with a known verdict, and the figures script runs on the files. The figures' values are a measurement, not asserted here."""

from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(__file__).resolve().parent / "clustmcms"
FOLDERS = [FOLDER] + [Path(__file__).resolve().parent / name for name in ("ecbplus", "ecb", "rest")]


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


figures_script = _module("audit_figures")
harness = _module("audit_clustmcms")


def test_at_least_twelve_stories_are_committed():
    assert len(list(FOLDER.glob("*.json"))) >= 12


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_committed_item_has_a_known_verdict_and_a_reason(folder):
    stories = figures_script.load(folder)
    assert figures_script.unjudged(stories) == []
    for s in stories:
        for a in s["agreements"]:
            assert a["verdict"] in harness.AGREEMENT_VERDICTS, (s["story"], a["text"])
            assert a["why"], (s["story"], a["text"])
        for d in s["divergences"]:
            assert d["verdict"] in harness.DIVERGENCE_VERDICTS, (s["story"], d["text"])
            assert d["why"], (s["story"], d["text"])
        for p in s["positions"]:
            assert p["verdict"] in harness.POSITION_VERDICTS, (s["story"], p["text"])
            assert p["why"], (s["story"], p["text"])
        for x in s["summary"]:
            assert x["verdict"] in harness.SUMMARY_VERDICTS, (s["story"], x["text"])
            assert x["why"], (s["story"], x["text"])
        assert isinstance(s["independent_origins_reporting_main_event"], int)
        assert isinstance(s["missed_divergences"], list)  # read for divergences the report lacks


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_figures_script_runs_on_the_committed_files(folder):
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert figures_script.main(["--json", str(folder)]) == 0
    f = json.loads(buf.getvalue())
    assert f["stories"] == len(list(folder.glob("*.json")))
    assert f["agreements_judged"] == f["agreements"] and f["divergences_judged"] == f["divergences"]
    assert f["positions_judged"] == f["positions"]
    assert f["summary_judged"] == f["summary_sentences"] > 0


def test_rerun_keeps_verdicts_of_unchanged_items_and_leaves_new_ones_unjudged():
    old = [{"text": "The  Bridge was closed on Monday.", "verdict": "CORRECT", "why": "both say it", "main_event": True},
           {"text": "gone", "verdict": "WRONG", "why": "x", "main_event": False}]
    new = [{"text": "the bridge was closed on monday"}, {"text": "A new sentence."}]
    merged = harness.merge(new, old)
    assert (merged[0]["verdict"], merged[0]["main_event"]) == ("CORRECT", True)
    assert merged[1]["verdict"] is None and merged[1]["why"] is None
    story = {"agreements": merged}
    harness.derive(story)
    assert story["has_main_event_agreement"] is True
    story = {"agreements": [dict(merged[0], main_event=False), merged[1]]}
    harness.derive(story)
    assert story["has_main_event_agreement"] is None  # undecided while an agreement is unjudged
