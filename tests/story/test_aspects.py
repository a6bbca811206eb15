"""Aspects, positions and the slot checks of divergences (issue 10), on a short story written for the test.

Each article pairs a real shared fact with a trap that similarity alone falls into: statements on one topic that
say different things, numbers of different quantities, a hypothetical against an actual figure, a negation about
another subject.
"""

from __future__ import annotations

import datetime as dt

import pytest

from consolidation_helpers import consolidated
from newsprism.model import Article
from newsprism.report import build_report, check_evidence, validate

TEXTS = {
    1: ("Coast Herald",
        "The central bank intervened in the currency market on Thursday for the first time since 1998.\n\n"
        "The krona lost 17 percent against the dollar this year.\n\n"
        "\"I do not think the economy is in a recession,\" finance minister Eva Lund said.\n\n"
        "Even a 6 percent jobless rate would cost the country thousands of firms, analyst Piet Moor said.\n\n"
        "Officials said the central bank building was not damaged in the protest."),
    2: ("Valley News",
        "The central bank carried out its first currency intervention since 1998 on Thursday, buying krona.\n\n"
        "The euro fell 0.1 percent against the dollar on Friday.\n\n"
        "\"I don't think we need a recession to bring prices down,\" economist Mara Holt said.\n\n"
        "The jobless rate stands at 3.7 percent, the statistics office said.\n\n"
        "Several shop windows were damaged in the protest near the central bank."),
    3: ("City Post",
        "On Thursday the central bank intervened in the currency market for the first time since 1998.\n\n"
        "Traders said the krona recovered some of its losses after the move."),
}


@pytest.fixture(scope="module")
def report(models):
    arts = [Article(id=n, text=t, source=f"t{n}", outlet=o, published=dt.date(2024, 9, 23))
            for n, (o, t) in TEXTS.items()]
    return build_report(consolidated(arts, models))


def _agreement_with(report, *words):
    return [g for g in report["agreements"] if all(any(w in e["text"] for e in g["evidence"]) for w in words)]


def test_aspects_report_is_valid_and_every_span_faithful(report):
    validate(report)
    assert check_evidence(report) == []
    assert report["aspects"] and all(a["question"] and a["positions"] for a in report["aspects"])


def test_aspects_main_event_paraphrases_agree_with_every_origin(report):
    # worded apart, but the same subject, the same date and the same "since 1998": one position, three origins
    agreed = _agreement_with(report, "1998")
    assert agreed and agreed[0]["independent_sources"] == 3
    assert agreed[0]["outlets"] == ["Coast Herald", "Valley News", "City Post"]
    assert agreed[0]["support"] == "3 independent sources"


def test_aspects_same_topic_different_subjects_are_no_agreement(report):
    assert not _agreement_with(report, "economy is in a recession", "need a recession")


def test_aspects_different_quantities_are_never_a_numeric_divergence(report):
    numeric = [d for d in report["divergences"] if d["type"] == "numeric"]
    texts = " ".join(e["text"] for d in numeric for e in d["evidence"])
    assert "17 percent" not in texts and "0.1 percent" not in texts  # the krona this year, the euro on Friday
    assert "6 percent" not in texts and "3.7 percent" not in texts  # a hypothetical against the actual rate


def test_aspects_a_negation_about_another_subject_is_no_claim_divergence(report):
    claims = [d for d in report["divergences"] if d["type"] == "claim"]
    assert not any("shop windows" in e["text"] for d in claims for e in d["evidence"])


def test_aspects_positions_name_their_origins_and_a_conflict_links_its_divergence(report):
    for a in report["aspects"]:
        assert a["independent_sources"] >= 2
        for p in a["positions"]:
            assert p["statement_evidence"]["text"] == p["statement"]
            assert set(p["sources"]) <= set(p["articles"])
        if a["divergence"] is not None:
            assert report["divergences"][a["divergence"]]["type"] != "unique"


ROUND_UP = {
    1: ("Coast Herald", "The Harbor Council approved a 40 million krona budget for the new ferry terminal on Tuesday.\n\n"
                        "Council leader Ana Berg said construction of the terminal would start in May."),
    2: ("Valley News", "The Harbor Council on Tuesday approved a 40 million krona budget for a new ferry terminal.\n\n"
                       "The terminal will replace the old pier, which the Harbor Council closed in 2019."),
    3: ("City Post", "Five stories you might have missed this week.\n\n"
                     "The Harbor Council approved the ferry terminal budget on Tuesday, the council said.\n\n"
                     "Singer Lila Marsh sold 300,000 tickets for her autumn tour of Nordland.\n\n"
                     "The Riverside Rovers signed striker Tom Ekman for 2 million krona."),
}


@pytest.fixture(scope="module")
def round_up(models):
    arts = [Article(id=n, text=t, source=f"r{n}", outlet=o, published=dt.date(2024, 9, 23))
            for n, (o, t) in ROUND_UP.items()]
    return build_report(consolidated(arts, models))


def test_aspects_round_up_brings_no_off_story_unique_facts(round_up):
    unique = " ".join(e["text"] for d in round_up["divergences"] if d["type"] == "unique" for e in d["evidence"])
    assert "Lila Marsh" not in unique and "Tom Ekman" not in unique
    assert not any("Lila Marsh" in e["text"] for a in round_up["aspects"] for e in a["evidence"])
