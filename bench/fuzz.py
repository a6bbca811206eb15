"""Fuzz the readers of untrusted input with many examples (issue 12): the properties of tests/ingest/test_fuzz.py
(decoders, sniffing, HTML, feeds, front matter) and of tests/report/test_report_fuzz.py (the report builder), with
10,000 examples each, or ``--examples N``.

Usage::

    .venv/bin/python bench/fuzz.py [--examples 10000]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    args = parser.parse_args(argv)
    os.environ["NEWSPRISM_FUZZ_EXAMPLES"] = str(args.examples)
    import pytest

    return pytest.main(["-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
                        str(ROOT / "tests" / "ingest" / "test_fuzz.py"),
                        str(ROOT / "tests" / "report" / "test_report_fuzz.py")])


if __name__ == "__main__":
    sys.exit(main())
