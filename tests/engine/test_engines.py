"""The Ray engine gives exactly the local engine's results (facts and reports) on a local two-worker Ray."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.engine import open_engine
from newsprism.model import Article

pytestmark = pytest.mark.slow

D = dt.date(2025, 3, 4)
TEXTS = [
    ("Floods kill 12 in Valencia", "Flash floods killed 12 people in Valencia on Tuesday, regional officials said. "
     "\"We are still searching for five residents,\" said Ana Ruiz, the head of the rescue service."),
    ("Valencia flood toll rises", "The death toll from the floods in Valencia rose to 14 on Wednesday, officials "
     "said. Ana Ruiz, who leads the rescue service, said five residents were still missing."),
    ("Rotterdam dock strike", "Dock workers at the port of Rotterdam began a 48-hour strike over pay on Tuesday, "
     "the FNV union said. About 300 ships were delayed."),
]


@pytest.fixture(scope="module")
def articles():
    return [Article(id=n, text=text, source=f"test-{n}.txt", title=title, outlet=f"Outlet {n}", published=D)
            for n, (title, text) in enumerate(TEXTS, 1)]


def _stable(report):
    return {k: v for k, v in report.items() if k != "generated"}


def test_engines_ray_results_equal_local(articles, settings, monkeypatch):
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    stories = [articles[:2], articles[2:]]
    with open_engine("local", settings.with_(threads=1)) as local:
        want_facts = local.extract(articles)
        want = [_stable(r) for r in local.analyse(stories)]
    with open_engine("ray", settings, workers=2) as ray_engine:
        assert ray_engine.workers == 2
        got_facts = ray_engine.extract(articles)
        got = [_stable(r) for r in ray_engine.analyse(stories)]
    assert got_facts == want_facts
    assert got == want
    assert [len(r["articles"]) for r in got] == [2, 1]


def test_engines_unknown_engine_is_refused(settings):
    with pytest.raises(ValueError, match="unknown engine"):
        open_engine("spark", settings)
