"""The report does not depend on Python's string hash seed.

Why: sets of strings iterate in an order that changes with ``PYTHONHASHSEED``. Where such an order decided a tie
(which near-identical sentence pair an origin shows first, which groups merged first and so kept their evidence),
two runs of unchanged code on one input gave different reports. The story below is built to hit that: three
versions of one text whose opening sentences (each its own) share word trigrams with three different shared sentences, so the
trigram met first (a set's order) used to pick the pair an origin showed.

Run as a script (``python test_hash_seed.py``), this file prints the story's report as JSON; the test runs it in two
interpreters with different hash seeds and compares the output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = ("1", "7")  # under the old code these two gave different origin evidence (checked when the test was written)

OPENINGS = ("Officials said the river burst its banks near the old grain mill and the bridge on Harbour Street shut.",
            "By Monday the bridge on Harbour Street was shut and the old grain mill stood in water where the river "
            "burst its banks.",
            "Residents watched as the river burst its banks, as water reached the old grain mill and as the bridge "
            "on Harbour Street shut.")
SHARED = (
    "The river burst its banks late on Sunday after two days of heavy rain across the upper valley, flooding {x}.",
    "Water reached the old grain mill by midnight and the owners moved their stock to the upper floors, {x}.",
    "The bridge on Harbour Street was closed to traffic on Monday morning while engineers checked its supports, {x}.",
)
VARIANTS = (("dozens of homes", "the miller said", "police said"),
            ("dozens of houses", "the miller told reporters", "the police said"),
            ("scores of homes", "the miller said on Monday", "police told reporters"))
INDEPENDENT = ("Mayor Lena Ostrova said 40 families had been moved to the sports hall and would stay there for a week. "
               "The river burst its banks on Sunday night, the mayor said. "
               "Forecasters expect more rain in the upper valley on Wednesday, the weather service said.")


def articles():
    import datetime as dt

    from newsprism.model import Article

    out = []
    for n, (opening, words) in enumerate(zip(OPENINGS, VARIANTS), 1):
        body = " ".join([opening, *(s.format(x=w) for s, w in zip(SHARED, words)),
                         f"Version {n} of the report was filed from the town hall on Monday afternoon."])
        out.append(Article(id=n, text=body, source=f"v{n}.txt", title="Flood in the valley",
                           published=dt.date(2025, 4, 7)))
    out.append(Article(id=4, text=INDEPENDENT, source="mayor.txt", title="Families moved",
                       published=dt.date(2025, 4, 7)))
    return out


def report_json() -> str:
    from newsprism.nlp.models import Models
    from newsprism.pipeline import build_story
    from newsprism.report import build_report
    from newsprism.settings import Settings

    report = build_report(build_story(articles(), Models(Settings()), until="consolidate"))
    report.pop("generated", None)
    return json.dumps(report, sort_keys=True, default=str)


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run([sys.executable, str(Path(__file__))], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_report_is_the_same_under_two_hash_seeds():
    first, second = _run(SEEDS[0]), _run(SEEDS[1])
    report = json.loads(first)
    shared = [o for o in report["origins"] if len(o["articles"]) > 1]
    assert shared and shared[0]["evidence"], "the versions must be one origin with evidence, or nothing is tested"
    assert first == second


if __name__ == "__main__":
    sys.stdout.write(report_json())
