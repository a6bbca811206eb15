"""Quality gate on the dev corpora where they are present (``$NEWSPRISM_DATA``, default ``../shared/data``): the
figures measured when each was last raised, less a margin for the run-to-run noise of the stream orders and the
embedding pass. A change that loses more fails here; raise the pinned figure when a change improves it."""

from __future__ import annotations

import pytest

from newsprism.evaluation import ecbplus, nanco
from newsprism.evaluation.grouping import newsprism_grouping, score_variant, stream_order

MARGIN = 0.01
NANCO_BALANCED_ACCURACY = 0.668  # issue 10: a subject read into an opening phrase of time (was 0.585); 0.658 -> 0.654
# when a role's organisation words stopped naming its holder (Q2: "Trucks attempting to enter Texas" was the governor);
# 0.654 -> 0.668 when a permission announced became a decision (Q3: "Hochul announced businesses will be able to")
NANCO_COVERAGE = 0.904  # 0.895 -> 0.904: "its" of a subject owned by the country named before
# issue 14: days_apart, 24 lookups, second look (was 0.842 / 0.905); B 0.932 -> 0.928 when the grouping evaluation
# read the documents as the reports do (one ECB+ reader, headlines on their own line)
ECBPLUS_AS_STORED_F1 = {"A": 0.870, "B": 0.928}

NANCO = nanco.default_data_dir()
ECBPLUS = ecbplus.default_data_dir()


@pytest.mark.slow
@pytest.mark.skipif(not list(NANCO.glob("nanco*.json")), reason=f"NAnCo data not found at {NANCO}")
def test_nanco_val_balanced_accuracy_and_coverage_hold(models):
    figures = {f.feature: f for f in nanco.evaluate(NANCO, models)}
    assert figures["nanco/balanced-accuracy"].value >= NANCO_BALANCED_ACCURACY - MARGIN
    assert figures["nanco/coverage"].value >= NANCO_COVERAGE - MARGIN


@pytest.mark.slow
@pytest.mark.skipif(not list(ECBPLUS.glob("*/*.xml")), reason=f"ECB+ dev not found at {ECBPLUS}")
@pytest.mark.parametrize("split", ["A", "B"])
def test_ecbplus_story_grouping_as_stored_holds(models, split):
    docs = stream_order([d for d in ecbplus.load(ECBPLUS) if d.split == split])
    pred = newsprism_grouping(None, embed_xl=models.multilingual_embedder.embed)(docs)
    assert score_variant(pred, docs, "all").f1 >= ECBPLUS_AS_STORED_F1[split] - MARGIN
