"""The report contract: a hand-built story gives a schema-valid report whose evidence is the exact source slice."""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

from newsprism.model import (
    Agreement, Article, ArticleFacts, Divergence, Figure, InferredDate, Position, Quote, Sentence, Span, Story,
)
from newsprism.report import SCHEMA_ID, build_report, check_evidence, validate

TEXT_A = "Officials said 40,000 troops remained. The pull-out finished at 5am."
TEXT_B = "It will take at least a week, the minister said. He said 40,000 troops were there."


def _story() -> Story:
    a = Article(id=1, text=TEXT_A, source="a.txt", published=dt.date(2022, 11, 11), published_source="marker")
    b = Article(id=2, text=TEXT_B, source="b.txt",
                published_inferred=InferredDate(dt.date(2022, 11, 11), "weekday", "test", (Span(2, 0, 12),)))
    fa = ArticleFacts(a, sentences=(Sentence(Span(1, 0, 38), 0, 0), Sentence(Span(1, 39, len(TEXT_A)), 1, 0)),
                      figures=(Figure(Span(1, 15, 21), 40000, counts="troops"),))
    fb = ArticleFacts(b, quotes=(Quote(Span(2, 0, 28), direct=False, speaker="the minister"),))
    agreement = Agreement(statement=Span(1, 0, 38), sources=(1, 2), copies=(),
                          evidence=(Span(1, 0, 38), Span(2, 49, len(TEXT_B))))
    divergence = Divergence("temporal", "end of the withdrawal", (
        Position(1, None, (Span(1, 39, len(TEXT_A)),), "finished at 5am"),
        Position(2, "the minister", (Span(2, 0, 48),), "at least a week")))
    return Story(articles=(a, b), facts=(fa, fb), agreements=(agreement,), divergences=(divergence,))


def test_report_contract_valid_and_faithful():
    report = build_report(_story())
    validate(report)
    assert report["schema"] == SCHEMA_ID
    assert check_evidence(report) == []
    assert report["agreements"][0]["support"] == "2 independent sources"
    assert report["articles"][1]["published"] is None
    assert report["articles"][1]["published_inferred"]["value"] == "2022-11-11"
    sides = report["divergences"][0]["positions"]
    assert [p["evidence"][0]["text"] for p in sides] == ["The pull-out finished at 5am.",
                                                           "It will take at least a week, the minister said."]


def test_report_contract_detects_unfaithful_span():
    report = build_report(_story())
    report["figures"][0]["evidence"][0]["text"] = "50,000"
    assert check_evidence(report) == ["figures[0].evidence[0]: span 1:15-21 != source"]


def test_report_contract_rejects_item_without_evidence():
    report = build_report(_story())
    report["divergences"][0]["evidence"] = []
    with pytest.raises(jsonschema.ValidationError):
        validate(report)


def test_span_rejects_reading_against_other_article():
    with pytest.raises(ValueError):
        Span(2, 0, 3).text(Article(id=1, text="abc", source="x"))


def test_pipeline_not_strict_reports_a_broken_stage_and_keeps_the_rest(models, monkeypatch):
    """A stage that raises on an article is one line in Story.problems; the other stages' facts are kept."""
    from newsprism import pipeline
    from newsprism.errors import StageError
    from newsprism.extract import figures

    def broken(facts, doc, models):
        raise RuntimeError("boom")

    monkeypatch.setattr(figures, "find_figures", broken)
    article = Article(id=7, text="Officials said 40,000 troops remained on Thursday.", source="x.txt",
                      published=dt.date(2022, 11, 11))
    story = pipeline.build_story([article], models, strict=False, until="entities")
    assert story.problems == ("stage 'figures' failed (article 7): RuntimeError: boom",)
    assert story.facts[0].figures == () and story.facts[0].times  # later stages still ran
    with pytest.raises(StageError):
        pipeline.build_story([article], models, until="entities")
