"""Per-article extraction benchmark: sentences/s of the full extraction against spaCy's own pipeline alone.

The example story's articles are replicated (new ids, same texts) until they hold a few hundred sentences. In one
process, with the models loaded once and warmed up, it times on the same texts:

* the baseline: ``nlp.pipe(texts)``, spaCy's full pipeline alone, nothing else;
* ``newsprism``: ``pipeline.extract_many``: sentence splitting and kinds, the spaCy pass with those sentence
  boundaries, and every per-article stage that exists at run time (mentions, figures, quotes, times, ...);

and prints sentences/s for both, their ratio (aim: >= 0.8), the time each stage adds beyond the parse, and peak
memory (peak Python heap of one extraction pass under tracemalloc, and the process's peak RSS).

Usage::

    .venv/bin/python bench/extract.py [--sentences 400] [--repeat 2]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KHERSON = ROOT / "examples" / "kherson"


def load_articles(min_sentences: int):
    """The example articles, replicated with fresh ids until they hold at least ``min_sentences`` sentences."""
    from newsprism.ingest.textfile import parse_text
    from newsprism.model import Article
    from newsprism.extract.sentences import split_sentences

    base = []
    for path in sorted(KHERSON.glob("*.txt")):
        d = parse_text(path.read_text("utf-8"), str(path))
        base.append(Article(id=0, text=d.text, source=d.source, published=d.published))
    out, sentences, n = [], 0, 0
    while sentences < min_sentences:
        a = replace(base[n % len(base)], id=n + 1)
        out.append(a)
        sentences += len(split_sentences(a))
        n += 1
    return out, sentences


def load_corpus(folder: Path):
    """Every .txt of ``folder`` as an article (ids 1..): real, distinct texts, dated where the file name holds a
    date (PolNeAR's do), as the pipeline sees dated reports."""
    import datetime as dt
    import re

    from newsprism.ingest.textfile import parse_text
    from newsprism.model import Article
    from newsprism.extract.sentences import split_sentences

    def date_in(name: str) -> dt.date | None:
        m = re.search(r"(\d{4}-\d{2}-\d{2})", name)
        return dt.date.fromisoformat(m.group(1)) if m else None

    out = [Article(id=n, text=parse_text(p.read_text("utf-8", errors="replace"), str(p)).text, source=str(p),
                   published=date_in(p.name))
           for n, p in enumerate(sorted(folder.glob("*.txt")), 1)]
    return out, sum(len(split_sentences(a)) for a in out)


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def stage_breakdown(articles, models) -> dict[str, float]:
    """Seconds spent in the parse and in each per-article stage, over all articles (one pass)."""
    from newsprism import pipeline

    spent: dict[str, float] = {"parse (syntok + spaCy)": 0.0}
    stages = pipeline._article_stages()
    for name, _ in stages:
        spent[name] = 0.0
    for a in articles:
        t0 = time.perf_counter()
        facts, doc = pipeline.parse(a, models)
        spent["parse (syntok + spaCy)"] += time.perf_counter() - t0
        for name, stage in stages:
            t0 = time.perf_counter()
            facts = stage(facts, doc, models)
            spent[name] += time.perf_counter() - t0
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=400, help="replicate the example to at least this many")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs of each phase; the best is reported")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    ap.add_argument("--corpus", type=Path, help="a folder of distinct .txt articles to use instead of the "
                    "replicated example (e.g. ../shared/data/polnear-dev/text): no repeated sentence helps a cache")
    args = ap.parse_args(argv)

    from newsprism import pipeline
    from newsprism.nlp.models import Models
    from newsprism.settings import Settings

    t0 = time.perf_counter()
    models = Models(Settings())
    nlp = models.nlp  # loaded once for the whole process
    load_s = time.perf_counter() - t0
    articles, n_sent = load_corpus(args.corpus) if args.corpus else load_articles(args.sentences)
    texts = [a.text for a in articles]

    # warm-up: first calls build caches (spaCy, date recognizer) that later calls reuse
    pipeline.extract_many(articles[:4], models)
    list(nlp.pipe(texts[:4]))

    spacy_s = best_of(args.repeat, lambda: list(nlp.pipe(texts)))

    def cold_extract() -> None:  # caches emptied: a repeat must not be faster for having seen the texts
        models.clear_caches()
        pipeline.extract_many(articles, models)

    extract_s = best_of(args.repeat, cold_extract)
    models.clear_caches()
    breakdown = stage_breakdown(articles, models)

    gc.collect()
    tracemalloc.start()
    pipeline.extract_many(articles, models)
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    spacy_rate, extract_rate = n_sent / spacy_s, n_sent / extract_s
    figures = {
        "articles": len(articles), "sentences": n_sent, "threads_setting": models.settings.threads,
        "model_load_s": round(load_s, 2),
        "spacy_pipe_s": round(spacy_s, 3), "spacy_pipe_sentences_per_s": round(spacy_rate, 1),
        "extract_s": round(extract_s, 3), "extract_sentences_per_s": round(extract_rate, 1),
        "ratio_extract_to_spacy": round(extract_rate / spacy_rate, 3),
        "stage_s": {k: round(v, 3) for k, v in breakdown.items()},
        "peak_heap_mib_extract": round(heap_peak / 2**20, 1), "peak_rss_mib": round(rss_kib / 1024, 1),
    }
    what = f"distinct articles from {args.corpus}" if args.corpus else "example story replicated"
    print(f"{len(articles)} articles, {n_sent} sentences ({what}); models loaded in {load_s:.2f} s")
    print(f"spaCy nlp.pipe alone      : {spacy_s:7.3f} s  {spacy_rate:8.1f} sentences/s")
    print(f"newsprism extract_many    : {extract_s:7.3f} s  {extract_rate:8.1f} sentences/s")
    print(f"ratio extract / spaCy     : {extract_rate / spacy_rate:.3f}   (aim >= 0.8)")
    print("time per stage (one pass) : " + ", ".join(f"{k} {v:.3f} s" for k, v in breakdown.items()))
    print(f"peak memory               : {heap_peak / 2**20:.1f} MiB Python heap (extraction pass), "
          f"{rss_kib / 1024:.1f} MiB peak RSS (process)")
    if args.json:
        print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
