"""The synthetic port-fire story: each planted difference found with its type, and nothing else in conflict."""

from __future__ import annotations

import pytest

from consolidation_helpers import consolidated, synthetic_articles
from newsprism.report import build_report, check_evidence, validate

CONFLICTS = ("numeric", "temporal", "claim", "attribution")


@pytest.fixture(scope="module")
def story(models):
    return consolidated(synthetic_articles(), models)


@pytest.fixture(scope="module")
def report(story):
    return build_report(story)


def _find(report, type_, left, right):
    """The divergence of ``type_`` with a position of article left[0] containing left[1], and one for right."""
    for d in report["divergences"]:
        if d["type"] != type_:
            continue
        hit = [any(p["article"] == aid and any(text in e["text"] for e in p["evidence"]) for p in d["positions"])
               for aid, text in (left, right)]
        if all(hit):
            return d
    return None


@pytest.mark.parametrize("type_,left,right", [
    ("numeric", (1, "120 firefighters"), (2, "60 firefighters")),
    ("temporal", (1, "extinguished early on Tuesday"), (2, "extinguished on Wednesday")),
    ("claim", (1, "caused by an electrical fault"), (3, "not caused by an electrical fault")),
    ("attribution", (1, "Ilves said the blaze was the largest"), (4, "Brandt said the blaze was the largest")),
])
def test_synthetic_planted_difference_found(report, type_, left, right):
    assert _find(report, type_, left, right) is not None


def test_synthetic_nothing_else_is_a_conflict(report):
    conflicts = [d for d in report["divergences"] if d["type"] in CONFLICTS]
    assert len(conflicts) == 4
    assert sorted(d["type"] for d in conflicts) == sorted(CONFLICTS)
    for d in conflicts:  # copies are never positions: their original speaks for them
        assert not {p["article"] for p in d["positions"]} & {5, 6}


def test_synthetic_copies(story, report):
    by_id = {a.id: a for a in story.articles}
    assert (by_id[5].copy_of, by_id[5].copy_kind) == (1, "exact")
    assert (by_id[6].copy_of, by_id[6].copy_kind) == (2, "reworded")
    assert report["story"]["independent_articles"] == 4
    assert {a.article.id: a.article.copy_kind for a in story.facts}[6] == "reworded"  # facts carry it too
    for g in report["agreements"]:
        assert 5 not in g["sources"] and 6 not in g["sources"]
    containers = next(g for g in report["agreements"] if "300 containers" in g["statement"])
    assert containers["support"] == "2 independent sources (+2 copies)"


def test_synthetic_report_valid(report):
    validate(report)
    assert check_evidence(report) == []
