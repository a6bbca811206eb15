"""The Ray engine: extraction and analysis as tasks on Ray actors, each loading the models once.

What travels to a worker is the articles themselves (ids, texts and metadata: `Article` records), never parses;
what comes back is each article's facts without its article (the driver has it: the text does not travel back)
or each story's report dict. The caller (the CLI on the driver) writes
results to the database it was given, so on a cluster that is the shared PostgreSQL. Without ``address`` a local
Ray is started for the run (``workers`` CPUs, no dashboard, a capped object store) and stopped after it; with
``address`` ("auto", "ray://HOST:10001") an existing cluster is joined and left running.

Work is cut into small batches handed to whichever actor has room, ``IN_FLIGHT`` calls queued per actor so that
an actor never waits for the driver between two batches (a pool with one call per actor idles each worker for
a round trip per batch), and the results are put back in input order, so the output equals the local engine's
whatever the number of workers.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from typing import Any

from ..errors import ConfigError
from ..model import Article, ArticleFacts
from ..settings import Settings

OBJECT_STORE_BYTES = 256 * 1024**2
BATCH = 16  # articles per extraction task: small enough to balance, large enough to batch spaCy
IN_FLIGHT = 2  # calls queued per actor: one running, one waiting


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - ray is a pinned dependency
        raise ConfigError("the ray engine needs the ray package: pip install ray==2.60.0", code="engine.ray") from exc
    return ray


class _Worker:
    """One per Ray worker process: holds the models (loaded once) and does the work it is sent."""

    def __init__(self, settings: Settings) -> None:
        from ..nlp.models import Models

        self.settings = settings
        self.models = Models(settings)

    def extract(self, articles: list[Article]) -> list[ArticleFacts]:
        from .local import extract_articles

        # the driver holds the articles: only what was found travels back (``article`` put back by the driver)
        return [dataclasses.replace(f, article=None) for f in extract_articles(articles, self.models)]  # type: ignore[arg-type]

    def analyse(self, articles: list[Article]) -> dict[str, Any]:
        from .local import analyse_story

        return analyse_story(articles, self.settings, self.models)

    def ready(self) -> bool:
        return True

    def cpu_seconds(self) -> float:
        """CPU time this worker process has used (benchmarks: how busy the workers were)."""
        import time

        return time.process_time()


class RayEngine:
    """Runs extraction and analysis on Ray actors.

    Args:
        settings: passed to every worker (one model thread each: the parallelism is the workers').
        address: an existing cluster to join; None starts a local one for the run.
        workers: actors to start (default: 2 locally; on a cluster, its CPU count).
    """

    name = "ray"

    def __init__(self, settings: Settings, *, address: str | None = None, workers: int | None = None) -> None:
        if workers is not None and workers < 1:
            raise ConfigError("workers must be at least 1", code="engine.ray")
        ray = _ray()
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        self._started = False
        if not ray.is_initialized():
            try:
                if address:
                    ray.init(address=address, log_to_driver=False)
                else:
                    ray.init(num_cpus=workers or 2, include_dashboard=False, object_store_memory=OBJECT_STORE_BYTES,
                             log_to_driver=False, configure_logging=False)
            except (ConnectionError, ValueError, RuntimeError) as exc:
                raise ConfigError(f"cannot start or join Ray at {address or 'a local instance'}: {exc}",
                                  code="engine.ray") from exc
            self._started = True
        n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.settings = settings.with_(threads=1)
        actor = ray.remote(num_cpus=1)(_Worker)
        self._actors = [actor.remote(self.settings) for _ in range(n)]
        ray.get([a.ready.remote() for a in self._actors])
        self.workers = n

    def _map(self, method: str, items: Sequence[Any]) -> list[Any]:
        """``actor.method(item)`` for every item, on whichever actor has room; results in input order."""
        ray = _ray()
        results: list[Any] = [None] * len(items)
        pending: dict[Any, tuple[int, Any]] = {}  # call -> (item index, actor)
        queue = iter(enumerate(items))

        def submit(actor: Any) -> None:
            nxt = next(queue, None)
            if nxt is not None:
                pending[getattr(actor, method).remote(nxt[1])] = (nxt[0], actor)

        for _ in range(IN_FLIGHT):
            for actor in self._actors:
                submit(actor)
        while pending:
            (ref,), _ = ray.wait(list(pending), num_returns=1)
            index, actor = pending.pop(ref)
            submit(actor)  # first: the actor's queue refills before the driver unpickles the result
            results[index] = ray.get(ref)
        return results

    def worker_cpu_seconds(self) -> list[float]:
        """Each actor's CPU time so far (bench/stream.py: busy time against wall time)."""
        return _ray().get([a.cpu_seconds.remote() for a in self._actors])

    def extract(self, articles: Sequence[Article]) -> list[ArticleFacts]:
        batches = [list(articles[i:i + BATCH]) for i in range(0, len(articles), BATCH)]
        found = [facts for batch in self._map("extract", batches) for facts in batch]
        return [dataclasses.replace(f, article=a) for f, a in zip(found, articles)]

    def analyse(self, stories: Sequence[Sequence[Article]]) -> list[dict[str, Any]]:
        return self._map("analyse", [list(s) for s in stories])

    def close(self) -> None:
        ray = _ray()
        for a in getattr(self, "_actors", []):
            ray.kill(a)
        self._actors = []
        if self._started and ray.is_initialized():
            ray.shutdown()
            self._started = False

    def __enter__(self) -> "RayEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
