"""API benchmark: requests/s and latency of a stored story's report and page against a static file served by the
same server in the same run; ingest through the API against the CLI; a mixed soak of many clients.

The server is a real ``uvicorn`` in its own process (the app of ``newsprism serve``, plus one extra static mount
holding a copy of the report's bytes, so the baseline is the same bytes served as a plain file). Clients are
threads with one keep-alive ``http.client`` connection each, on loopback. Measured, in one run:

1. GET the stored report (``/api/stories/1/report``, cached), the story page (``/stories/1``), the same report
   bytes as a static file and a small static asset, each for ``--seconds`` at 1, 8 and 32 concurrent clients:
   requests/s, p50 and p99 latency, and each route's requests/s as a ratio of the same-bytes static file's.
2. 100 articles ingested one by one through ``POST /api/articles`` against ``newsprism ingest DIR`` (a fresh
   process, start-up included) and against the service's ``ingest_sources`` in-process, on fresh databases.
3. ``--soak`` seconds of ``--soak-clients`` clients mixing reads (report, page, story, list), searches and
   ingests into one story (whose report is rebuilt in the background meanwhile): errors, then whether every
   ingested article is in the store afterwards.

The machine is shared and noisy: read the ratios, not the absolute figures.

Usage::

    .venv/bin/python bench/api.py [--seconds 5] [--soak 60] [--soak-clients 50] [--json OUT]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KHERSON = ROOT / "examples" / "kherson"

WORDS = ("harbour council ferry bridge river mayor police engineers strike pickets dockers storm flood council "
         "minister budget vote hospital school road tunnel airport rail station market farmers drought").split()


# -- the server process ------------------------------------------------------------------------------------------


def serve(db: str, port: int, static: Path) -> None:
    """Run in the server process: the app of ``newsprism serve`` plus /bench-static/ (the baseline files)."""
    import uvicorn
    from fastapi.staticfiles import StaticFiles

    from newsprism.api import create_app
    from newsprism.settings import Settings

    app = create_app(Settings(db_url=db))
    app.mount("/bench-static", StaticFiles(directory=str(static)), name="bench-static")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: str, static: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve", db, str(self.port), str(static)], env=env)
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = request("GET", "/api/health", port=self.port)
                if status == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                raise SystemExit("the server did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def request(method: str, path: str, *, port: int, body: dict | None = None,
            conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


# -- load ---------------------------------------------------------------------------------------------------------


def load(port: int, path: str, clients: int, seconds: float) -> dict:
    """``clients`` threads GET ``path`` for ``seconds``: requests/s, p50/p99 in ms, errors."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        request("GET", path, port=port, conn=conn)  # warm the connection
        start.wait()
        mine = latencies[i]
        while time.perf_counter() < stop_at[0]:
            t = time.perf_counter()
            try:
                status, _ = request("GET", path, port=port, conn=conn)
            except OSError:
                errors[i] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append(time.perf_counter() - t)
            if status != 200:
                errors[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    stop_at[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    every = sorted(x for lat in latencies for x in lat)
    return {"path": path, "clients": clients, "requests": len(every), "rps": round(len(every) / elapsed, 1),
            "p50_ms": round(1000 * every[len(every) // 2], 2) if every else None,
            "p99_ms": round(1000 * every[min(len(every) - 1, int(len(every) * 0.99))], 2) if every else None,
            "errors": sum(errors)}


def articles(n: int, seed: int) -> list[dict]:
    """``n`` distinct short articles (varied words and numbers), so none is a copy of another."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = " ".join(rng.choice(WORDS) for _ in range(60))
        out.append({"title": f"Bench report {i}", "outlet": f"Outlet {i % 7}",
                    "text": f"Report {i}: officials said {rng.randint(2, 900)} people were affected on day {i}. "
                            f"{words.capitalize()}. The council met again on day {i + 1}, police said."})
    return out


def wait_report(port: int, story: int, timeout: float = 600) -> bytes:
    deadline = time.monotonic() + timeout
    while True:
        status, body = request("GET", f"/api/stories/{story}/report", port=port)
        if status == 200:
            return body
        if status != 202 or time.monotonic() > deadline:
            raise SystemExit(f"report of story {story}: HTTP {status}: {body[:200]!r}")
        time.sleep(0.25)


# -- the measurements ------------------------------------------------------------------------------------------------


def bench_reads(port: int, seconds: float, levels: list[int]) -> list[dict]:
    rows = []
    routes = {"report": "/api/stories/1/report", "page": "/stories/1",
              "static (same bytes)": "/bench-static/report.json", "static (small asset)": "/static/app.css"}
    for clients in levels:
        results = {name: load(port, path, clients, seconds) for name, path in routes.items()}
        base = results["static (same bytes)"]["rps"] or 1
        for name, r in results.items():
            rows.append({"route": name, **r, "vs_static": round(r["rps"] / base, 2)})
    return rows


def bench_ingest(tmp: Path, n: int) -> dict:
    drafts = articles(n, seed=11)
    # through the API, one client, one article per request
    static = tmp / "static-ingest"
    static.mkdir()
    server = Server(f"sqlite:///{tmp / 'ingest-api.db'}", static)
    try:
        t = time.perf_counter()
        for d in drafts:
            status, body = request("POST", "/api/articles", port=server.port, body=d)
            if status not in (200, 201):
                raise SystemExit(f"ingest failed: {status} {body[:200]!r}")
        api_s = time.perf_counter() - t
    finally:
        server.stop()
    # the CLI on the same articles as text files
    folder = tmp / "ingest-files"
    folder.mkdir()
    for i, d in enumerate(drafts):
        (folder / f"{i:03d}.txt").write_text(f"Title: {d['title']}\nOutlet: {d['outlet']}\n\n{d['text']}\n", "utf-8")
    newsprism = Path(sys.executable).with_name("newsprism")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t = time.perf_counter()
    subprocess.run([str(newsprism), "ingest", str(folder), "-q", "--db", f"sqlite:///{tmp / 'ingest-cli.db'}"],
                   check=True, env=env)
    cli_s = time.perf_counter() - t
    from newsprism.service import ingest_sources
    from newsprism.settings import Settings
    from newsprism.storage import Store

    settings = Settings(db_url=f"sqlite:///{tmp / 'ingest-lib.db'}")
    with Store(settings) as store:
        t = time.perf_counter()
        ingest_sources([str(folder)], settings, store)
        lib_s = time.perf_counter() - t
    return {"articles": n, "api_s": round(api_s, 2), "cli_s": round(cli_s, 2), "service_s": round(lib_s, 2),
            "api_per_s": round(n / api_s, 1), "cli_per_s": round(n / cli_s, 1), "service_per_s": round(n / lib_s, 1)}


def soak(port: int, clients: int, seconds: float) -> dict:
    status, body = request("POST", "/api/stories", port=port, body={"title": "soak"})
    story = json.loads(body)["id"]
    counts = {"read": 0, "search": 0, "ingest": 0}
    errors: list[str] = []
    ingested: list[int] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    reads = ["/api/stories/1/report", "/stories/1", "/api/stories/1", "/api/stories", "/", f"/api/stories/{story}"]
    queries = ["kherson", "withdrawal troops", "river", "council ferry", "mayor police", "nothingmatchesthis"]

    def client(i: int) -> None:
        rng = random.Random(i)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        n = 0
        while time.monotonic() < stop_at:
            roll = rng.random()
            try:
                if roll < 0.15:
                    d = articles(1, seed=10_000 + i * 1000 + n)[0] | {"story": story}
                    d["text"] = f"Client {i} article {n}. " + d["text"]
                    n += 1
                    code, body = request("POST", "/api/articles", port=port, body=d, conn=conn)
                    kind = "ingest"
                    if code in (200, 201):
                        with lock:
                            ingested.append(json.loads(body)["id"])
                elif roll < 0.30:
                    code, _ = request("GET", f"/api/articles?q={rng.choice(queries).replace(' ', '+')}", port=port,
                                      conn=conn)
                    kind = "search"
                else:
                    code, _ = request("GET", rng.choice(reads), port=port, conn=conn)
                    kind = "read"
                    if code == 202:  # the soak story's report is being rebuilt: an answer, not an error
                        code = 200
            except OSError as exc:
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            with lock:
                counts[kind] += 1
                if code not in (200, 201):
                    errors.append(f"{kind} HTTP {code}")
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.monotonic() - t
    # nothing lost: every article the API said it stored is there, and in the story
    missing = [a for a in ingested if request("GET", f"/api/articles/{a}", port=port)[0] != 200]
    _, body = request("GET", f"/api/stories/{story}", port=port)
    members = set(json.loads(body)["members"])
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": sum(counts.values()), **counts,
            "rps": round(sum(counts.values()) / elapsed, 1), "errors": len(errors),
            "error_kinds": sorted(set(errors))[:5],
            "ingested": len(ingested), "missing_from_store": len(missing),
            "missing_from_story": len(set(ingested) - members)}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="per route and concurrency level")
    ap.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--soak", type=float, default=60.0, help="seconds of the mixed run (0: skip)")
    ap.add_argument("--soak-clients", type=int, default=50)
    ap.add_argument("--ingest", type=int, default=100, help="articles for the ingest comparison (0: skip)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="newsprism-bench-api-"))
    out: dict = {}
    try:
        static = tmp / "static"
        static.mkdir()
        server = Server(f"sqlite:///{tmp / 'bench.db'}", static)
        try:
            ids = []
            for path in sorted(KHERSON.glob("*.txt")):
                from newsprism.ingest.textfile import parse_text

                d = parse_text(path.read_text("utf-8"), str(path))
                status, body = request("POST", "/api/articles", port=server.port, body={
                    "text": d.text, "title": d.title, "outlet": d.outlet, "url": d.url,
                    "published": d.published.isoformat() if d.published else None})
                ids.append(json.loads(body)["id"])
            request("POST", "/api/stories", port=server.port, body={"title": "Kherson", "articles": ids})
            t = time.perf_counter()
            report = wait_report(server.port, 1)
            out["first_build_s"] = round(time.perf_counter() - t, 1)
            (static / "report.json").write_bytes(report)
            out["report_bytes"] = len(report)
            request("GET", "/stories/1", port=server.port)  # render the page once (it is cached by revision)
            out["reads"] = bench_reads(server.port, args.seconds, args.levels)
            print(f"{'route':22} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs static':>9} errors")
            for r in out["reads"]:
                print(f"{r['route']:22} {r['clients']:>7} {r['rps']:>8} {r['p50_ms']:>8} {r['p99_ms']:>8} "
                      f"{r['vs_static']:>9} {r['errors']}")
            print(f"(report {len(report):,} bytes; first build {out['first_build_s']} s, model loading included)")
            if args.soak > 0:
                out["soak"] = soak(server.port, args.soak_clients, args.soak)
                print("soak:", json.dumps(out["soak"]))
        finally:
            server.stop()
        if args.ingest > 0:
            out["ingest"] = bench_ingest(tmp, args.ingest)
            i = out["ingest"]
            print(f"ingest {i['articles']} articles: API {i['api_s']} s ({i['api_per_s']}/s), CLI process "
                  f"{i['cli_s']} s ({i['cli_per_s']}/s), service in-process {i['service_s']} s "
                  f"({i['service_per_s']}/s)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), "utf-8")


if __name__ == "__main__":
    main()
