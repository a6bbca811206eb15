"""Benchmark: consolidation time for stories of 10, 50 and 200 articles, against the embedding pass alone.

Stories are the four example reports plus generated variants of them (paragraph shuffles, sentence drops,
figure and date edits, paraphrase by word substitution), so alignment sees realistic near-duplicates, edits
and noise. Articles first go through the real per-article extraction (timed apart: that is extraction, not
consolidation), then consolidation runs on their facts and kept parses, as in the pipeline.

Prints per size: articles, claims, candidate pairs, consolidation seconds (claims / embed / align / compare),
the embedding pass alone on the same claim texts, the ratio, the CPU seconds of both (process time: the ONNX
session's threads count, so on a loaded machine CPU is the steadier figure), Python peak memory during consolidation
(tracemalloc) and the process's max RSS; then the growth exponent of each cost between sizes. The process runs
with the command's settings (``cli.process_defaults``: one OpenBLAS thread unless OPENBLAS_NUM_THREADS is set, the
collector threshold), so the figures are those of ``newsprism analyze``.

Usage: ``.venv/bin/python bench/consolidate.py [--sizes 10 50 200] [--json out.json] [--profile DIR]``

``--profile DIR``: per size, one more (untimed) consolidation under cProfile, its stats written to
``DIR/consolidate-N.prof`` (read with ``python -m pstats``) and its 15 costliest functions (own time) printed.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "kherson"

_SUBST = {"said": "stated", "told": "informed", "troops": "soldiers", "forces": "units", "city": "town",
          "withdraw": "pull out", "withdrawal": "pullout", "region": "province", "officials": "authorities",
          "Thursday": "Friday", "week": "fortnight", "announced": "declared", "reported": "said", "killed": "left dead",
          "residents": "locals", "soldiers": "troops", "attack": "strike", "video": "footage"}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def variant(text: str, rng: random.Random) -> str:
    """One generated report from an example: some of its paragraphs, shuffled, with edits."""
    paras = [p for p in text.split("\n") if p.strip()]
    head, rest = paras[0], paras[1:]
    rng.shuffle(rest)
    rest = rest[: max(3, int(len(rest) * rng.uniform(0.5, 0.95)))]
    out = []
    for p in [head, *rest]:
        if rng.random() < 0.3:  # figure edit
            p = re.sub(r"\b\d[\d,]*\b", lambda m: f"{int(m.group(0).replace(',', '')) * rng.choice([2, 3]):,}", p, count=1)
        if rng.random() < 0.2:  # date edit
            p = re.sub("|".join(_WEEKDAYS), lambda m: rng.choice(_WEEKDAYS), p, count=1)
        if rng.random() < 0.6:  # paraphrase by substitution
            p = re.sub(r"\b(" + "|".join(map(re.escape, _SUBST)) + r")\b",
                       lambda m: _SUBST[m.group(0)] if rng.random() < 0.5 else m.group(0), p)
        out.append(p)
    return "\n\n".join(out)


def articles_for(n: int, seed: int = 7):
    from newsprism.ingest.textfile import parse_text
    from newsprism.model import Article

    rng = random.Random(seed + n)
    bases = [parse_text(p.read_text("utf-8"), str(p)) for p in sorted(EXAMPLES.glob("*.txt"))]
    out = []
    for i in range(n):
        d = bases[i % len(bases)]
        text = d.text if i < len(bases) else variant(d.text, rng)
        out.append(Article(id=i + 1, text=text, source=f"bench-{i + 1}", published=d.published))
    return out


def run(sizes: list[int], profile: Path | None = None) -> list[dict]:
    from newsprism.model import Story
    from newsprism.nlp.models import Models
    from newsprism.pipeline import extract_many
    from newsprism.settings import Settings
    from newsprism.story.consolidate import consolidate_with, story_frames

    models = Models(Settings())
    models.embedder.embed(["warm up"])  # build/load the ONNX session outside the timings
    models.nlp  # noqa: B018 - load spaCy
    rows = []
    for n in sizes:
        arts = articles_for(n)
        t0 = time.perf_counter()
        docs: dict = {}
        facts = extract_many(arts, models, docs=docs)  # the real per-article stages, as in the pipeline
        t_extract = time.perf_counter() - t0
        story = Story(articles=tuple(arts), facts=tuple(facts))
        timings: dict[str, float] = {}
        models.clear_caches()  # cold: no vector kept from the previous size
        t0, c0 = time.perf_counter(), time.process_time()
        out = consolidate_with(story, models, docs, timings)
        t_cons, c_cons = time.perf_counter() - t0, time.process_time() - c0
        # memory in a second, untimed run: tracemalloc slows every allocation and would inflate the timing
        tracemalloc.start()
        consolidate_with(story, models, docs)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        if profile is not None:  # after the timed run and with a warm cache: the profile is of the Python work
            import cProfile
            import pstats

            profile.mkdir(parents=True, exist_ok=True)
            prof = cProfile.Profile()
            prof.runcall(consolidate_with, story, models, docs)
            prof.dump_stats(str(profile / f"consolidate-{n}.prof"))
            pstats.Stats(prof).sort_stats("tottime").print_stats(15)
        texts = [f.content_text for f in story_frames(story, models, docs)]
        models.clear_caches()  # the embedding pass alone, cold (the runs above filled the text cache)
        t0, c0 = time.perf_counter(), time.process_time()
        models.embedder.embed(texts)
        t_embed, c_embed = time.perf_counter() - t0, time.process_time() - c0
        row = {"articles": n, "claims": int(timings["frames"]), "pairs": int(timings["pairs"]),
               "extract_s": round(t_extract, 2), "consolidate_s": round(t_cons, 2),
               "claims_s": round(timings["claims"], 2), "embed_in_consolidate_s": round(timings["embed"], 2),
               "align_s": round(timings["align"], 3), "compare_s": round(timings["compare"], 3),
               "embedding_alone_s": round(t_embed, 2), "ratio_to_embedding": round(t_cons / t_embed, 2),
               "consolidate_cpu_s": round(c_cons, 2), "embedding_alone_cpu_s": round(c_embed, 2),
               "python_peak_mib": round(peak / 2**20, 1),
               "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
               "agreements": len(out.agreements), "divergences": len(out.divergences),
               "reworded_copies": sum(a.copy_kind == "reworded" for a in out.articles)}
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def growth(rows: list[dict]) -> None:
    """Log-log slope of each cost between consecutive sizes: 1.0 is linear, 2.0 quadratic."""
    for a, b in zip(rows, rows[1:]):
        k = math.log(b["articles"] / a["articles"])
        parts = {key: round(math.log(max(b[key], 1e-3) / max(a[key], 1e-3)) / k, 2)
                 for key in ("consolidate_s", "embedding_alone_s", "align_s", "compare_s", "pairs")}
        print(f"growth {a['articles']}->{b['articles']} articles (exponent): {json.dumps(parts)}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--profile", type=Path, help="write cProfile stats of one more consolidation per size here")
    args = ap.parse_args(argv)
    rows = run(args.sizes, args.profile)
    growth(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    from newsprism.cli import process_defaults

    process_defaults()  # as the ``newsprism`` command runs: one OpenBLAS thread, its collector threshold
    main()
