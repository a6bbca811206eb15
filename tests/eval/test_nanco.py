"""NAnCo answer-consolidation scorer: the pair logic on hand-made reports, the whole path on a hand-written fixture in
NAnCo's format (tests/data/nanco: five answers, two meanings, written for the test), and the corpus where present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.cli import main
from newsprism.evaluation import Figure
from newsprism.evaluation.nanco import (
    balanced_accuracy, default_data_dir, evaluate, outlet_of, question_pairs, read_questions,
)

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "nanco"
QUESTION = read_questions(FIXTURE)[0]


def _report(items_key: str, items: list, texts: dict[int, str]) -> dict:
    return {"articles": [{"id": i, "text": t} for i, t in texts.items()], items_key: items}


def _span(texts: dict[int, str], article: int, piece: str) -> dict:
    at = texts[article].index(piece)
    return {"article": article, "start": at, "end": at + len(piece), "text": piece}


TEXTS = {n + 1: a["Paragraph"] for n, a in enumerate(QUESTION["answers"])}
ARTICLE_OF = {a["Paragraph Id"]: n + 1 for n, a in enumerate(QUESTION["answers"])}


def test_one_agreement_holding_two_answers_makes_one_same_pair():
    ans = QUESTION["answers"]
    agreement = {"evidence": [_span(TEXTS, 1, ans[0]["Paragraph"]), _span(TEXTS, 2, ans[1]["Answer"])]}
    pairs, held, grouped = question_pairs(QUESTION, _report("agreements", [agreement], TEXTS), ARTICLE_OF)
    assert len(pairs) == 10
    assert [s for _, s in pairs] == [True] + [False] * 9  # only the pair (answer 1, answer 2)
    assert held == [True, True, False, False, False] and grouped == held
    # gold: answers 1-3 one meaning, 4-5 another -> 4 same pairs; TPR 1/4, TNR 6/6
    assert balanced_accuracy(pairs) == pytest.approx((0.25 + 1.0) / 2)


def test_a_span_covering_under_half_of_an_answer_does_not_hold_it():
    ans = QUESTION["answers"][0]["Answer"]
    short = ans[: len(ans) // 3]
    agreement = {"evidence": [_span(TEXTS, 1, short), _span(TEXTS, 2, QUESTION["answers"][1]["Answer"])]}
    pairs, held, _ = question_pairs(QUESTION, _report("agreements", [agreement], TEXTS), ARTICLE_OF)
    assert held[0] is False and not any(s for _, s in pairs)


def test_positions_and_agreements_are_groups_and_two_positions_are_different():
    ans = QUESTION["answers"]
    aspects = [{"question": "why closed", "positions": [
        {"evidence": [_span(TEXTS, 1, ans[0]["Answer"]), _span(TEXTS, 3, ans[2]["Answer"])]},
        {"evidence": [_span(TEXTS, 4, ans[3]["Answer"])], "members": [{"evidence": [_span(TEXTS, 5, ans[4]["Answer"])]}]},
    ]}]
    report = _report("aspects", aspects, TEXTS)
    pairs, held, _ = question_pairs(QUESTION, report, ARTICLE_OF)
    same = {(i, j) for (i, j), (_, s) in zip(((i, j) for i in range(5) for j in range(i + 1, 5)), pairs) if s}
    assert same == {(0, 2), (3, 4)}  # two positions of one aspect: different
    assert held == [True, False, True, True, True]
    # an agreement is a group too (in a real report it is one of the positions, or one past the aspects cap)
    report["agreements"] = [{"evidence": [_span(TEXTS, 1, ans[0]["Answer"]), _span(TEXTS, 2, ans[1]["Answer"])]}]
    pairs, held, _ = question_pairs(QUESTION, report, ARTICLE_OF)
    same = {(i, j) for (i, j), (_, s) in zip(((i, j) for i in range(5) for j in range(i + 1, 5)), pairs) if s}
    assert same == {(0, 1), (0, 2), (3, 4)} and all(held)


def test_balanced_accuracy_saying_different_everywhere_is_half():
    assert balanced_accuracy([(True, False), (False, False), (False, False)]) == 0.5
    assert balanced_accuracy([(True, True), (False, False)]) == 1.0


def test_outlet_is_the_host_without_www():
    assert outlet_of("https://www.riverside-gazette.example/a/b") == "riverside-gazette.example"
    assert outlet_of("https://nypost.com/2022/x") == "nypost.com"


def test_fixture_runs_through_the_real_pipeline(models):
    figures = {f.feature: f for f in evaluate(FIXTURE, models)}
    per_q = figures["nanco/F1/balanced-accuracy"]
    assert isinstance(per_q, Figure)
    assert (per_q.detail["answers"], per_q.detail["pairs"], per_q.detail["gold_same"]) == (5, 10, 4)
    ba, cov = figures["nanco/balanced-accuracy"].value, figures["nanco/coverage"].value
    assert 0.0 <= ba <= 1.0 and 0.0 <= cov <= 1.0
    assert figures["nanco/same-pairs"].gold == 4
    if per_q.detail["system_same"] == 0:
        assert ba == 0.5


def test_cli_prints_the_figures_as_json():
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        code = main(["evaluate", "--corpus", "nanco", "--data", str(FIXTURE), "--json"])
    assert code == 0
    rows = {r["feature"]: r for r in json.loads(buf.getvalue())}
    assert {"nanco/balanced-accuracy", "nanco/coverage", "nanco/same-pairs"} <= rows.keys()
    assert rows["nanco/F1/balanced-accuracy"]["answers"] == 5


DATA = default_data_dir()


@pytest.mark.slow
@pytest.mark.skipif(not list(DATA.glob("nanco*.json")), reason=f"NAnCo data not found at {DATA}")
def test_nanco_val_runs_on_every_question(models):
    figures = {f.feature: f for f in evaluate(DATA, models, limit=1)}
    assert figures["nanco/balanced-accuracy"].detail["questions"] == 1


def test_an_answer_drawn_across_a_quotation_mark_is_located():
    from newsprism.evaluation.nanco import _locate

    text = 'The minister "asked the council respectfully to consider not signing the deal" with the firm.'
    at = _locate(text, "to consider not signing the deal with the firm")
    assert at is not None and text[at[0]:at[1]] == 'to consider not signing the deal" with the firm'


def test_an_agreement_past_the_aspects_cap_still_holds_its_answers():
    ans = QUESTION["answers"]
    agreement = {"evidence": [_span(TEXTS, 1, ans[0]["Answer"]), _span(TEXTS, 2, ans[1]["Answer"])]}
    report = _report("agreements", [agreement], TEXTS)
    report["aspects"] = []  # the report lists aspects, but not the one this agreement belongs to
    pairs, held, _ = question_pairs(QUESTION, report, ARTICLE_OF)
    assert [s for _, s in pairs][0] and held[:2] == [True, True]
