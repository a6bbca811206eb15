"""Stream benchmark: story grouping at 1k / 10k / 100k articles, and extraction on Ray (1 vs 2 workers) vs local.

Articles are generated from templates with known stories: each story is one event (a kind of event, a place, two
people, an organisation, figures, a date) told by several outlets in varied words, titles and order, over a few
days; stories are spread over two years, and event kinds, places and people recur across stories (so stories of
the same kind in the same place must be told apart by who, what figures and when). Story sizes are skewed (many
small stories, a few large ones), as in a real stream.

Grouping: each size runs in a fresh process (peak RSS is that process's), articles in publication order, without
the embedding features (the sentence embedder is a per-article cost paid at ingest and parallel by nature; its
throughput is measured beside, so its cost at any size is a multiplication). Printed: seconds, articles/s, peak
RSS, growth ratio of time (wall and this process's CPU: the machine may be shared) against the previous size
(linear = 10x), B³ F1 against the generated stories. The
dev corpora's B³ F1 (no embeddings) is printed beside for reference.

Ray: extraction (every per-article stage) of ``--ray-articles`` generated articles with the local engine, then
the Ray engine with 1 and with 2 workers, in the same run; Ray times exclude starting Ray and loading the models
(each worker loads them once, before the clock starts), as the local engine's exclude loading its models.

    python bench/stream.py [--sizes 1000 10000 100000] [--ray-articles 1000] [--skip-ray | --ray-only] [--json FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

KINDS = [
    ("flood", ["Floods kill {n} in {place}", "{place} floods: {n} dead", "Flash floods hit {place}"],
     "Flash floods killed {n} people in {place} on {day}, {org} said.",
     "Rescuers led by {p1} searched for {m} missing residents after the river burst its banks."),
    ("strike", ["{org} workers strike in {place}", "Strike halts {place} {thing}", "{place} walkout over pay"],
     "Workers at {org} in {place} began a {n}-hour strike over pay on {day}.",
     "Union leader {p1} said talks with {p2} had failed after {m} rounds."),
    ("trial", ["{p1} jailed for {n} years", "Court in {place} sentences {p1}", "{p1} found guilty of fraud"],
     "A court in {place} sentenced {p1} to {n} years in prison for fraud on {day}.",
     "Prosecutor {p2} said {org} lost {m} million in the scheme."),
    ("fire", ["Fire destroys {thing} in {place}", "{place} blaze: {n} hurt", "Firefighters battle {place} fire"],
     "A fire destroyed a {thing} in {place} on {day}, injuring {n} people, {org} said.",
     "Fire chief {p1} said {m} crews fought the blaze through the night."),
    ("election", ["{p1} wins {place} vote", "{place} election: {p1} ahead", "{p1} claims victory in {place}"],
     "{p1} won the mayoral election in {place} on {day} with {n} percent of the vote.",
     "Rival {p2} of {org} conceded after {m} districts reported."),
    ("merger", ["{org} to buy {thing} maker", "{org} agrees {n} billion deal", "{org} deal shakes {place}"],
     "{org} agreed on {day} to buy a {thing} maker based in {place} for {n} billion dollars.",
     "Chief executive {p1} said {m} jobs would move; analyst {p2} called the price high."),
    ("quake", ["Earthquake shakes {place}", "Magnitude {n} quake hits {place}", "{place} quake damages {thing}"],
     "An earthquake of magnitude {n} struck near {place} on {day}, {org} said.",
     "{p1}, a local official, said {m} buildings including a {thing} were damaged."),
    ("outbreak", ["{place} reports {n} cholera cases", "Cholera outbreak in {place}", "{org} warns of {place} cholera"],
     "Health officials in {place} reported {n} cholera cases on {day}, {org} said.",
     "Doctor {p1} said {m} patients were treated at the {thing}."),
]
PLACES = ["Valencia", "Rotterdam", "Lagos", "Osaka", "Lima", "Krakow", "Nairobi", "Porto", "Tbilisi", "Hanoi",
          "Quito", "Tampere", "Leeds", "Cebu", "Izmir", "Gdansk", "Recife", "Durban", "Malmo", "Bilbao", "Pune",
          "Oran", "Cusco", "Kazan", "Perth", "Ghent", "Turin", "Lyon", "Accra", "Davao"]
THINGS = ["warehouse", "school", "hospital", "factory", "market", "ferry", "stadium", "bridge", "mill", "depot"]
SYL = ["ka", "lo", "mi", "ren", "sa", "to", "vi", "dan", "el", "or", "ni", "ba", "ro", "su", "te", "an", "gu", "ha"]
FILLER = ["Officials said more details would be released later.", "The news was widely shared on social media.",
          "Residents described a tense day.", "It was not immediately clear what would happen next.",
          "A spokesperson declined to comment further.", "Local media carried the story throughout the day."]
OUTLETS = [f"Outlet {i}" for i in range(40)]


def _name(rng: random.Random, parts: int = 2) -> str:
    return " ".join("".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts))


def generate(n_articles: int, seed: int = 14) -> list[tuple]:
    """``(id, title, text, published, story)`` tuples in publication order, about ``n_articles`` of them."""
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    people = [_name(rng) for _ in range(max(50, n_articles // 20))]
    orgs = [f"{_name(rng, 1)} {rng.choice(['Group', 'Union', 'Ministry', 'Agency', 'Holdings', 'Council'])}"
            for _ in range(max(20, n_articles // 50))]
    docs: list[tuple] = []
    story = 0
    while len(docs) < n_articles:
        story += 1
        kind, titles, first, second = rng.choice(KINDS)
        slots = {"place": rng.choice(PLACES), "p1": rng.choice(people), "p2": rng.choice(people),
                 "org": rng.choice(orgs), "thing": rng.choice(THINGS), "n": rng.randint(2, 90),
                 "m": rng.randint(3, 400)}
        day = start + dt.timedelta(days=rng.randint(0, 729))
        size = min(int(rng.paretovariate(1.3)), 60)
        for _ in range(size):
            published = day + dt.timedelta(days=min(int(rng.expovariate(0.8)), 10))
            s = dict(slots, day=published.strftime("%A"))
            body = [first.format(**s), second.format(**s)] + rng.sample(FILLER, 3)
            lead, rest = body[:1], body[1:]
            rng.shuffle(rest)
            text = " ".join(lead + rest)
            docs.append((published, rng.random(), rng.choice(titles).format(**s), text, story))
    docs.sort(key=lambda d: (d[0], d[1]))
    return [(i, d[2], d[3], d[0], d[4]) for i, d in enumerate(docs[:n_articles], 1)]


def _group_run(n: int, out: "mp.Queue") -> None:  # in a fresh process, so its peak RSS is the grouping's
    from newsprism.evaluation.grouping import b_cubed
    from newsprism.stories.grouping import StoryGrouper

    docs = generate(n)
    g = StoryGrouper()
    t, cpu = time.perf_counter(), time.process_time()
    g.add_many([(d[0], d[1], d[2], d[3]) for d in docs])
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    score = b_cubed({d[0]: g.story_id(d[0]) for d in docs}, {d[0]: d[4] for d in docs})
    out.put({"articles": n, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "articles_per_s": round(n / seconds, 1),
             "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
             "b3_precision": round(score.precision, 4), "b3_recall": round(score.recall, 4),
             "b3_f1": round(score.f1, 4), "stories_found": score.found, "stories_gold": score.gold})


def grouping_table(sizes: list[int]) -> list[dict]:
    ctx = mp.get_context("spawn")
    rows = []
    for n in sizes:
        q = ctx.Queue()
        p = ctx.Process(target=_group_run, args=(n, q))
        p.start()
        row = q.get()
        p.join()
        if rows:
            row["time_ratio_vs_previous"] = round(row["seconds"] / rows[-1]["seconds"], 2)
            row["cpu_ratio_vs_previous"] = round(row["cpu_seconds"] / rows[-1]["cpu_seconds"], 2)
            row["size_ratio_vs_previous"] = round(n / rows[-1]["articles"], 2)
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def dev_rows() -> list[dict]:
    from newsprism.evaluation import clustmcms, ecbplus
    from newsprism.evaluation.grouping import newsprism_grouping, score_variant, stream_order

    rows = []
    for name, mod, variant in (("ecbplus", ecbplus, "all"), ("clustmcms", clustmcms, "without-other")):
        try:
            docs = stream_order(mod.load(mod.default_data_dir()))
        except OSError as exc:
            print(f"{name}: not measured ({exc})")
            continue
        s = score_variant(newsprism_grouping(None)(docs), docs, variant)
        rows.append({"corpus": name, "articles": len(docs), "b3_f1_no_embeddings": round(s.f1, 4)})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def embed_rate(n: int = 500) -> float:
    from newsprism.nlp.models import Models
    from newsprism.settings import Settings
    from newsprism.stories.features import featurise

    docs = generate(n, seed=99)
    texts = [featurise(d[1], d[2], d[3]).embed_text for d in docs]
    emb = Models(Settings()).embedder
    emb.embed(texts[:8])
    t = time.perf_counter()
    emb.embed(texts)
    return n / (time.perf_counter() - t)


def ray_table(n: int) -> list[dict]:
    from newsprism.engine import open_engine
    from newsprism.model import Article
    from newsprism.settings import Settings

    docs = generate(n, seed=7)
    articles = [Article(id=d[0], text=d[2], source=f"gen-{d[0]}", title=d[1], published=d[3]) for d in docs]
    settings = Settings().with_(threads=1)
    rows = []
    for name, workers in (("local", None), ("ray", 1), ("ray", 2)):
        with open_engine(name, settings, workers=workers) as engine:
            engine.extract(articles[:4])  # warm: models loaded in every worker before the clock starts
            if name == "ray":
                engine.extract(articles[4:4 + 4 * (workers or 1)])
            cpu0 = engine.worker_cpu_seconds() if name == "ray" else None
            load0 = os.getloadavg()[0]
            t, driver0 = time.perf_counter(), time.process_time()
            facts = engine.extract(articles)
            seconds, driver = time.perf_counter() - t, time.process_time() - driver0
            row = {"engine": name, "workers": workers or 1, "articles": len(facts), "seconds": round(seconds, 2),
                   "articles_per_s": round(n / seconds, 1), "driver_cpu_s": round(driver, 2),
                   "load_average_1m": [round(load0, 2), round(os.getloadavg()[0], 2)]}
            if cpu0 is not None:
                # busy: the workers' CPU time over (workers x wall time); the rest is waiting (for a core on a
                # loaded machine, or for the driver: serial overhead)
                busy = [b - a for a, b in zip(cpu0, engine.worker_cpu_seconds())]
                row["worker_cpu_s"] = [round(b, 2) for b in busy]
                row["worker_busy"] = round(sum(busy) / (len(busy) * seconds), 2)
        rows.append(row)
        print(json.dumps(rows[-1]), flush=True)
    one = next(r for r in rows if r["engine"] == "ray" and r["workers"] == 1)
    for r in rows:
        r["speedup_vs_ray_1"] = round(one["seconds"] / r["seconds"], 2)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--ray-articles", type=int, default=1000)
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--ray-only", action="store_true", help="only the Ray extraction table")
    ap.add_argument("--skip-dev", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    conditions = {"cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
                  "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="minutes")}
    print(json.dumps(conditions), flush=True)
    if args.ray_only:
        out: dict = {"conditions": conditions, "ray_extraction": ray_table(args.ray_articles)}
        out["conditions"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        print(json.dumps(out, indent=2))
        if args.json:
            args.json.write_text(json.dumps(out, indent=2), "utf-8")
        return
    out = {"conditions": conditions, "grouping": grouping_table(args.sizes)}
    if not args.skip_dev:
        out["dev"] = dev_rows()
    rate = embed_rate()
    out["embedding_articles_per_s"] = round(rate, 1)
    print(json.dumps({"embedding_articles_per_s": round(rate, 1)}), flush=True)
    if not args.skip_ray:
        out["ray_extraction"] = ray_table(args.ray_articles)
    out["conditions"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), "utf-8")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
