"""Benchmark: one whole ``newsprism analyze`` process against the floor of the work it cannot avoid.

The floor, measured in the same run: a fresh process that loads spaCy and MiniLM and runs one parse of the
example articles and one embedding pass over their sentences, nothing else. The ratio ``analyze / floor`` is what
newsprism adds on top: imports, opening the store, ingest (the articles are already stored by an untimed first
run, as on every call but the first), the rules, the report. Also times ``newsprism --help`` (a command that needs
no model must start at once).

Children may write and read bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped from their environment): an
installed package has its ``.pyc`` files, and the untimed first run writes them for an editable install, so the
timed runs measure what a user's every call costs, not recompiling newsprism's source (about 0.3 s).

Each process is run ``--repeat`` times, alternating, and the median is kept. Both wall-clock and CPU seconds
(user + system of the child) are reported: on a shared machine the CPU figure is the steadier one.

Usage: ``.venv/bin/python bench/startup.py [--repeat 5] [--json out.json]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "kherson"
BIN = Path(sys.executable).parent

FLOOR = r"""
import sys
from pathlib import Path
from newsprism.nlp.models import Models
from newsprism.settings import Settings

models = Models(Settings())
texts = [p.read_text("utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
docs = list(models.nlp.pipe(texts))
sentences = [s.text for d in docs for s in d.sents]
models.embedder.embed(sentences)
"""


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    newsprism = str(BIN / "newsprism")
    kinds = ("floor", "analyze", "help")
    wall: dict[str, list[float]] = {k: [] for k in kinds}
    cpu: dict[str, list[float]] = {k: [] for k in kinds}
    with tempfile.TemporaryDirectory(prefix="newsprism-startup-") as tmp:
        db = f"sqlite:///{Path(tmp) / 'startup.db'}"
        analyze = [newsprism, "analyze", str(EXAMPLES), "--format", "json", "--db", db,
                   "-o", str(Path(tmp) / "report.json"), "--quiet"]
        _run(analyze, env)  # untimed: creates the database and stores the articles, builds model caches
        commands = {"floor": [sys.executable, "-c", FLOOR, str(EXAMPLES)], "analyze": analyze,
                    "help": [newsprism, "--help"]}
        for _ in range(args.repeat):
            for kind in kinds:
                w, c = _run(commands[kind], env)
                wall[kind].append(w)
                cpu[kind].append(c)
    med = {k: (statistics.median(wall[k]), statistics.median(cpu[k])) for k in kinds}
    figures = {"floor_s": round(med["floor"][0], 3), "analyze_s": round(med["analyze"][0], 3),
               "ratio": round(med["analyze"][0] / med["floor"][0], 3), "help_s": round(med["help"][0], 3),
               "floor_cpu_s": round(med["floor"][1], 3), "analyze_cpu_s": round(med["analyze"][1], 3),
               "ratio_cpu": round(med["analyze"][1] / med["floor"][1], 3), "help_cpu_s": round(med["help"][1], 3),
               "repeat": args.repeat, "wall": {k: [round(x, 3) for x in v] for k, v in wall.items()},
               "cpu": {k: [round(x, 3) for x in v] for k, v in cpu.items()}}
    print(f"{'':58}  wall s   CPU s")
    print(f"{'floor (spaCy + MiniLM load, one parse, one embedding pass)':58}  {med['floor'][0]:6.2f}  "
          f"{med['floor'][1]:6.2f}")
    print(f"{'newsprism analyze examples/kherson --format json':58}  {med['analyze'][0]:6.2f}  "
          f"{med['analyze'][1]:6.2f}")
    print(f"{'ratio analyze / floor (target <= 1.3)':58}  {figures['ratio']:6.2f}  {figures['ratio_cpu']:6.2f}")
    print(f"{'newsprism --help (target < 0.3 s)':58}  {med['help'][0]:6.3f}  {med['help'][1]:6.3f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
