"""Ingestion benchmark: articles/s for text and for HTML into SQLite, peak memory, and trafilatura as the baseline.

Generates a few hundred varied articles from the example story in a temporary folder: text files (with the date
marker) and realistic HTML pages (navigation, cookie banner, sidebar, related links, footer, OpenGraph and JSON-LD
metadata) around the same kind of story text. A few are exact or lightly edited copies, as in real news, so the
duplicate index is exercised too. Then it times, in the same run:

* ``newsprism`` text ingestion: sniffing, decoding, normalising, the store (one transaction per article) and copy
  detection (MinHash + LSH buckets in SQLite);
* ``newsprism`` HTML ingestion: the same plus trafilatura extraction, metadata and dates, stub detection;
* the baseline: plain ``trafilatura.extract`` on the same HTML pages (read from the same files), nothing stored.

Throughput is measured without tracing; peak memory is measured in a second pass of each phase with tracemalloc
(peak Python heap of that phase) and with the process's peak RSS (``ru_maxrss``).

Usage::

    .venv/bin/python bench/ingest.py [--articles 300] [--seed 7]
    .venv/bin/python bench/ingest.py --store-size 100000 [--legacy-lookup]   # ingest rate: full store vs empty

``--store-size N`` measures whether ingest slows as the store grows (issue 12): the same text files are ingested
into an empty store and into one pre-filled with N articles, and the two rates are compared (ratio = full/empty).
The pre-fill is bulk-inserted straight into the tables (article rows, signatures and one LSH bucket per band, as
random as real ones), not ingested: ingesting 100k articles would take longer than the measurement itself, and the
copy lookup only sees the rows. ``--legacy-lookup`` runs the same with the copy lookup of before the fix (bucket
keys only, which the (band, bucket) index cannot serve) for the before/after figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import html
import json
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KHERSON = ROOT / "examples" / "kherson"
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")
_MARKER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*")

OUTLETS = ["The Morning Ledger", "Daily Courier", "Evening Standard Post", "World Wire Review", "Harbour Times",
           "Continental Herald", "Metro Dispatch", "The Northern Observer"]
AUTHORS = ["Ana Ribeiro", "Tom Becker", "Lena Kovacs", "Sam Okafor", "Priya Natarajan", "Jonas Lind"]
SECTIONS = ["World", "Europe", "Politics", "Business", "Opinion", "Sport", "Culture", "Science", "Video"]


def _sentence_pool() -> list[str]:
    pool = []
    for path in sorted(KHERSON.glob("*.txt")):
        text = _MARKER.sub("", path.read_text("utf-8"))
        for para in text.split("\n"):
            pool.extend(s.strip() for s in _SENTENCE.split(para) if len(s.split()) >= 6)
    return pool


def _paragraphs(rng: random.Random, pool: list[str]) -> list[str]:
    """A new article: a lead with its own figures and date, then 12-24 sentences in 4-8 paragraphs."""
    lead = (f"Officials in the region said on {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday'])} that "
            f"{rng.randint(3, 900)} people had been moved and {rng.randint(2, 60)} settlements were checked, "
            f"report {rng.randint(10_000, 99_999)} said.")
    sentences = rng.sample(pool, rng.randint(12, 24))
    paras, i = [lead], 0
    while i < len(sentences):
        k = rng.randint(2, 4)
        paras.append(" ".join(sentences[i : i + k]))
        i += k
    return paras


def _edit(paras: list[str], rng: random.Random) -> list[str]:
    """A light edit, as a site does to a wire story: one word changed, a credit line added."""
    out = list(paras)
    j = rng.randrange(1, len(out))
    out[j] = out[j].replace(" said ", " stated ", 1)
    return out + ["(Reporting by staff; editing by the desk.)"]


def _page(paras: list[str], title: str, outlet: str, author: str, published: dt.date, rng: random.Random) -> str:
    e = html.escape
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    related = "".join(f'<li><a href="/story/{rng.randint(1000, 9999)}">{e(rng.choice(SECTIONS))}: live updates '
                      f'and analysis, part {n}</a></li>' for n in range(1, 7))
    body = "".join(f"<p>{e(p)}</p>" for p in paras)
    jsonld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                         "datePublished": f"{published.isoformat()}T{rng.randint(5, 22):02d}:15:00+00:00",
                         "author": {"@type": "Person", "name": author},
                         "publisher": {"@type": "Organization", "name": outlet}})
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} | {e(outlet)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{e(title)}"><meta property="og:site_name" content="{e(outlet)}">
<meta property="og:type" content="article"><meta name="author" content="{e(author)}">
<script type="application/ld+json">{jsonld}</script>
<link rel="stylesheet" href="/static/site.css"><script src="/static/analytics.js" async></script></head>
<body>
<div id="cookie-banner" class="consent">We use cookies to improve your experience and for personalised
advertising with our partners. <button>Accept all</button> <button>Manage preferences</button></div>
<header class="site-header"><a class="logo" href="/">{e(outlet)}</a><nav><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form><a href="/subscribe">Subscribe</a></header>
<main><article>
<h1>{e(title)}</h1>
<div class="byline">By <a href="/authors/{e(author.lower().replace(' ', '-'))}">{e(author)}</a>,
<time datetime="{published.isoformat()}">{published.strftime('%d %B %Y')}</time></div>
<figure><img src="/img/{rng.randint(1, 99999)}.jpg" alt=""><figcaption>A photo from the scene. Photograph:
Agency</figcaption></figure>
<div class="article-body">{body}</div>
<div class="share">Share this article: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
</article>
<aside class="related"><h2>Most read</h2><ul>{related}</ul></aside></main>
<footer><p>© {published.year} {e(outlet)}. All rights reserved.</p><ul><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/terms">Terms</a></li><li><a href="/contact">Contact us</a></li></ul></footer>
</body></html>
"""


def generate(folder: Path, n: int, seed: int) -> tuple[Path, Path, int]:
    """``n`` text files and ``n`` HTML pages; about one in twelve is an exact or lightly edited copy."""
    rng = random.Random(seed)
    pool = _sentence_pool()
    text_dir, html_dir = folder / "text", folder / "html"
    text_dir.mkdir()
    html_dir.mkdir()
    made: list[list[str]] = []
    copies = 0
    for i in range(n):
        if made and i % 12 == 11:
            paras = made[rng.randrange(len(made))]
            paras = _edit(paras, rng) if i % 24 == 23 else paras
            copies += 1
        else:
            paras = _paragraphs(rng, pool)
        made.append(paras)
        published = dt.date(2022, 11, 1) + dt.timedelta(days=rng.randint(0, 20))
        (text_dir / f"{i:04d}.txt").write_text(f" date {published.isoformat()} " + "\n\n".join(paras), "utf-8")
        title = paras[0].split(",")[0][:90]
        page = _page(paras, title, rng.choice(OUTLETS), rng.choice(AUTHORS), published, rng)
        (html_dir / f"{i:04d}.html").write_text(page, "utf-8")
    return text_dir, html_dir, copies


def _ingest(folder: Path, db: Path) -> Callable[[], dict[str, int]]:
    from newsprism.service import ingest_sources
    from newsprism.settings import Settings
    from newsprism.storage import Store

    def run() -> dict[str, int]:
        for f in db.parent.glob(db.name + "*"):
            f.unlink()
        settings = Settings(db_url=f"sqlite:///{db}")
        with Store(settings) as store:
            result = ingest_sources([str(folder)], settings, store)
        return {"ingested": result.ingested, "copies": result.copies, "skipped": len(result.skipped)}

    return run


def _trafilatura(folder: Path) -> Callable[[], dict[str, int]]:
    import trafilatura

    def run() -> dict[str, int]:
        ok = 0
        for path in sorted(folder.glob("*.html")):
            ok += trafilatura.extract(path.read_bytes()) is not None
        return {"ingested": ok, "copies": 0, "skipped": 0}

    return run


def _timed(fn: Callable[[], dict[str, int]]) -> tuple[float, float, dict[str, int]]:
    """Wall seconds, CPU seconds of this process, and the phase's counts."""
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - t0, time.process_time() - c0, out


def _peak(fn: Callable[[], dict[str, int]]) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _maxrss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def _prefill(db: Path, n: int, seed: int) -> None:
    """``n`` articles bulk-inserted with signatures and bucket rows (random, so no lookup finds a false match)."""
    import os
    import sqlite3

    from newsprism.ingest import copies
    from newsprism.settings import Settings
    from newsprism.storage import Store

    settings = Settings(db_url=f"sqlite:///{db}")
    Store(settings).close()  # the schema, by the migrations
    params = copies.index_params(settings)
    rng = random.Random(seed)
    con = sqlite3.connect(db)
    now = dt.datetime.now(dt.timezone.utc).isoformat(" ")
    batch = 5000
    for start in range(0, n, batch):
        ids = range(start + 1, min(n, start + batch) + 1)
        con.executemany("INSERT INTO articles (id, source, source_kind, text, content_hash, ingested_at) "
                        "VALUES (?, ?, 'text', ?, ?, ?)",
                        [(i, f"/prefill/{i}.txt", f"Prefilled article {i}.", os.urandom(32).hex(), now) for i in ids])
        con.executemany("INSERT INTO minhash_signatures VALUES (?, ?, ?, ?, ?)",
                        [(i, params.num_perm, params.shingle_words, 50, os.urandom(8 * params.num_perm))
                         for i in ids])
        con.executemany("INSERT INTO minhash_bands VALUES (?, ?, ?)",
                        [(i, b, rng.getrandbits(96).to_bytes(12, "big").hex()) for i in ids
                         for b in range(params.bands)])
        con.commit()
    con.close()


def _legacy_lookup() -> None:
    """The copy lookup as it was before issue 12: bucket keys only, the band checked in Python."""
    from sqlalchemy import select

    from newsprism.ingest import copies
    from newsprism.storage.orm import BandRow, SignatureRow
    from newsprism.storage.store import Store

    def near(self, s, article_id, sig):  # noqa: ANN001, ANN202
        keys = copies.band_keys(sig, self.params)
        if not keys:
            return []
        wanted = set(keys)
        rows = s.execute(select(BandRow.article_id, BandRow.band, BandRow.bucket)
                         .where(BandRow.bucket.in_([k for _, k in keys]), BandRow.article_id != article_id))
        candidates = sorted({aid for aid, band, bucket in rows if (band, bucket) in wanted})
        out = []
        for stored in s.scalars(select(SignatureRow).where(SignatureRow.article_id.in_(candidates))):
            similarity = sig.similarity(copies.Signature.from_bytes(stored.signature, stored.shingles))
            if similarity >= self.params.threshold:
                out.append((stored.article_id, similarity))
        return out

    Store._near = near


def scaling(args: argparse.Namespace) -> None:
    import shutil

    if args.legacy_lookup:
        _legacy_lookup()
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
        tmp_path = Path(tmp)
        text_dir, _, _ = generate(tmp_path, args.articles, args.seed)
        full = tmp_path / "full.db"
        start = time.perf_counter()
        _prefill(full, args.store_size, args.seed)
        print(f"pre-filled {args.store_size:,} articles in {time.perf_counter() - start:.1f}s (bulk insert)")
        template = tmp_path / "full-template.db"
        shutil.copy(full, template)
        _timed(_ingest(text_dir, tmp_path / "warm.db"))  # imports and first-call set-up
        rates = {}
        for name in ("empty", "full", "empty again", "full again"):  # alternated: the machine is noisy
            db = tmp_path / "empty.db"
            if name.startswith("full"):
                db = tmp_path / "f.db"
                for f in tmp_path.glob("f.db*"):
                    f.unlink()
                shutil.copy(template, db)
                fn = _ingest_into(text_dir, db)
            else:
                fn = _ingest(text_dir, db)
            wall, cpu, out = _timed(fn)
            rates[name] = out["ingested"] / wall
            print(f"{name:12} {out['ingested']:5d} articles {wall:6.2f}s {rates[name]:7.1f} articles/s "
                  f"(cpu {cpu:.2f}s)")
        empty = (rates["empty"] + rates["empty again"]) / 2
        full_rate = (rates["full"] + rates["full again"]) / 2
        lookup = "legacy bucket-only lookup" if args.legacy_lookup else "(band, bucket) index lookup"
        print(f"ingest rate into a store of {args.store_size:,} articles / into an empty one: "
              f"{full_rate / empty:.2f} ({lookup})")


def _ingest_into(folder: Path, db: Path) -> Callable[[], dict[str, int]]:
    """Like `_ingest`, but into the existing database at ``db`` (not emptied first)."""
    from newsprism.service import ingest_sources
    from newsprism.settings import Settings
    from newsprism.storage import Store

    def run() -> dict[str, int]:
        settings = Settings(db_url=f"sqlite:///{db}")
        with Store(settings) as store:
            result = ingest_sources([str(folder)], settings, store)
        return {"ingested": result.ingested, "copies": result.copies, "skipped": len(result.skipped)}

    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles of each kind (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store-size", type=int, default=0, help="compare ingest into a store of this many "
                                                                  "articles with ingest into an empty one")
    parser.add_argument("--legacy-lookup", action="store_true", help="with --store-size: the copy lookup of "
                                                                      "before issue 12")
    args = parser.parse_args(argv)
    if args.store_size:
        scaling(args)
        return

    with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
        tmp_path = Path(tmp)
        text_dir, html_dir, n_copies = generate(tmp_path, args.articles, args.seed)
        size_text = sum(p.stat().st_size for p in text_dir.iterdir()) / 2**20
        size_html = sum(p.stat().st_size for p in html_dir.iterdir()) / 2**20
        print(f"corpus: {args.articles} text files ({size_text:.1f} MiB) and {args.articles} HTML pages "
              f"({size_html:.1f} MiB), {n_copies} of each are copies; python {sys.version.split()[0]}")
        phases = {
            "newsprism text -> SQLite": _ingest(text_dir, tmp_path / "text.db"),
            "newsprism HTML -> SQLite": _ingest(html_dir, tmp_path / "html.db"),
            "trafilatura.extract (baseline)": _trafilatura(html_dir),
        }
        # Warm-up: imports, regex compilation, trafilatura's and htmldate's first-call set-up.
        for name, fn in phases.items():
            _timed(_ingest(text_dir, tmp_path / "warm.db") if "text" in name else fn)
        results = {name: _timed(fn) for name, fn in phases.items()}
        rss_after_timing = _maxrss_mib()
        peaks = {name: _peak(fn) for name, fn in phases.items()}

        # Wall time counts waiting for the disk and for a busy CPU; CPU time is what the work itself costs, and is
        # the steadier figure on a shared machine.
        print(f"{'phase':32} {'articles':>8} {'copies':>6} {'skipped':>7} {'wall s':>7} {'articles/s':>10} "
              f"{'cpu s':>6} {'art./cpu-s':>10} {'peak heap MiB':>13}")
        for name, (wall, cpu, out) in results.items():
            n = out["ingested"]
            print(f"{name:32} {n:8d} {out['copies']:6d} {out['skipped']:7d} {wall:7.2f} {n / wall:10.1f} "
                  f"{cpu:6.2f} {n / cpu:10.1f} {peaks[name]:13.1f}")
        ours = results["newsprism HTML -> SQLite"]
        base = results["trafilatura.extract (baseline)"]
        wall_ratio = (ours[2]["ingested"] / ours[0]) / (base[2]["ingested"] / base[0])
        cpu_ratio = (ours[2]["ingested"] / ours[1]) / (base[2]["ingested"] / base[1])
        print(f"HTML ingestion speed relative to plain trafilatura.extract: {wall_ratio:.2f}x by wall time, "
              f"{cpu_ratio:.2f}x by CPU time (extraction + metadata + dates + stub checks + store + copy detection)")
        print(f"peak RSS of the process: {rss_after_timing:.0f} MiB after the timed runs, "
              f"{_maxrss_mib():.0f} MiB after the traced ones")


if __name__ == "__main__":
    main()
