"""Benchmark: one very long article (a digest, a transcript, a live blog) through the whole story pipeline.

Every rule reads its article's parse; a rule that scans the whole document for each sentence, token or mention
makes the cost grow with the square of the article's length, which a story of short reports never shows. Here
one article of 40, 80, 160 and 320 KB (the example's paragraphs, shuffled, with their figures varied so no two
are alike) is analysed with the four example reports beside it, and each story stage is timed. The baseline is
spaCy's pipeline alone on the same long text, in the same run: linear rules keep the ratio flat as the article
grows, and the growth exponent between sizes (time ∝ size^k) should stay near 1.

Usage: ``.venv/bin/python bench/long_article.py [--sizes 40 80 160 320]``
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "kherson"


def long_text(kb: int, seed: int = 11) -> str:
    """About ``kb`` thousand characters of the example's paragraphs in a shuffled order, each copy's figures
    multiplied so the sentences differ."""
    from newsprism.ingest.textfile import parse_text

    paras = [p for path in sorted(EXAMPLES.glob("*.txt"))
             for p in parse_text(path.read_text("utf-8"), str(path)).text.split("\n") if p.strip()]
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < kb * 1000:
        p = re.sub(r"\b\d[\d,]*\b", lambda m: str(int(m.group(0).replace(",", "")) * rng.randint(2, 9)),
                   rng.choice(paras))
        out.append(p)
        size += len(p) + 2
    return "\n\n".join(out)


def run(sizes: list[int]) -> list[dict]:
    from newsprism.ingest.textfile import parse_text
    from newsprism.model import Article
    from newsprism.nlp.models import Models
    from newsprism.pipeline import build_story
    from newsprism.settings import Settings

    models = Models(Settings())
    reports = [parse_text(p.read_text("utf-8"), str(p)) for p in sorted(EXAMPLES.glob("*.txt"))]
    build_story([Article(id=1, text=reports[0].text, source="warm", published=reports[0].published)], models)
    rows = []
    for kb in sizes:
        text = long_text(kb)
        articles = [Article(id=1, text=text, source="digest", published=reports[0].published)] + [
            Article(id=i + 2, text=d.text, source=f"report-{i + 2}", published=d.published)
            for i, d in enumerate(reports)]
        t0 = time.perf_counter()
        list(models.nlp.pipe([text]))
        spacy_s = time.perf_counter() - t0
        stages: dict[str, float] = {}
        mark = [time.perf_counter()]

        def progress(stage: str, done: int, total: int) -> None:
            if stage == "extract" and done < total:
                return
            now = time.perf_counter()
            stages[stage] = now - mark[0]
            mark[0] = now

        t0 = mark[0] = time.perf_counter()
        build_story(articles, models, progress)
        total = time.perf_counter() - t0
        rows.append({"kb": kb, "chars": len(text), "spacy_s": spacy_s, "total_s": total, **stages})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[40, 80, 160, 320], help="the long article's size, KB")
    args = ap.parse_args(argv)
    rows = run(args.sizes)
    stages = [k for k in rows[0] if k not in ("kb", "chars", "spacy_s", "total_s")]
    print(f"{'KB':>5} {'spaCy s':>8} {'total s':>8} {'ratio':>6}  " + " ".join(f"{s:>11}" for s in stages))
    for r in rows:
        print(f"{r['kb']:>5} {r['spacy_s']:8.2f} {r['total_s']:8.2f} {r['total_s'] / r['spacy_s']:6.2f}  "
              + " ".join(f"{r.get(s, 0):11.2f}" for s in stages))
    for a, b in zip(rows, rows[1:]):
        grow = math.log(b["chars"] / a["chars"])
        print(f"growth {a['kb']}→{b['kb']} KB: total k={math.log(b['total_s'] / a['total_s']) / grow:.2f}, "
              + ", ".join(f"{s} k={math.log(max(b.get(s, 1e-3), 1e-3) / max(a.get(s, 1e-3), 1e-3)) / grow:.2f}"
                          for s in ("extract", "consolidate")))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
