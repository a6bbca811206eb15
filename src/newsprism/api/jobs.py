"""Background analysis: one worker thread builds story reports, so no request waits for the pipeline.

One worker, because the models are loaded once and shared, and the pipeline already uses the cores it is given.
A story has at most one queued job: a job reads the story's articles when it starts, so a second request made
while one is queued is answered with that job. A job started while another one of the same story runs (new
articles arrived meanwhile) is queued behind it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

State = Literal["queued", "running", "done", "failed"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(slots=True)
class Job:
    id: int
    story: int
    state: State = "queued"
    created: dt.datetime = field(default_factory=_now)
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    rebuilt: bool | None = None
    revision: int | None = None
    error: dict[str, str] | None = None  # {"code", "message"} when it failed

    def as_json(self) -> dict[str, Any]:
        iso = (lambda d: d.isoformat(timespec="milliseconds") if d else None)
        return {"id": self.id, "story": self.story, "state": self.state, "created": iso(self.created),
                "started": iso(self.started), "finished": iso(self.finished), "rebuilt": self.rebuilt,
                "revision": self.revision, "error": self.error, "status_url": f"/api/jobs/{self.id}",
                "report_url": f"/api/stories/{self.story}/report"}


class Jobs:
    """The job queue of one server process.

    Args:
        build: builds one story's report; returns (rebuilt, revision). Runs on the worker thread.
        describe: turns an exception into ``{"code", "message"}`` for the job's status.
        keep: how many finished jobs stay queryable.
    """

    def __init__(self, build: Callable[[int], tuple[bool, int]],
                 describe: Callable[[BaseException], dict[str, str]], *, keep: int = 1000) -> None:
        self._build = build
        self._describe = describe
        self._keep = keep
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._jobs: dict[int, Job] = {}
        self._queued: dict[int, Job] = {}  # story id -> its queued job
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-analysis")
        self._idle = threading.Condition(self._lock)

    def submit(self, story_id: int) -> Job:
        """A job that will bring the story's report up to date (the queued one, if there is one)."""
        with self._lock:
            job = self._queued.get(story_id)
            if job is not None:
                return job
            job = Job(next(self._ids), story_id)
            self._jobs[job.id] = job
            self._queued[story_id] = job
            self._forget_old()
        self._pool.submit(self._run, job)
        return job

    def _run(self, job: Job) -> None:
        with self._lock:
            self._queued.pop(job.story, None)
            job.state, job.started = "running", _now()
        try:
            rebuilt, revision = self._build(job.story)
        except BaseException as exc:  # noqa: BLE001 - any failure is the job's status, never a dead worker
            with self._lock:
                job.state, job.error = "failed", self._describe(exc)
        else:
            with self._lock:
                job.state, job.rebuilt, job.revision = "done", rebuilt, revision
        finally:
            with self._lock:
                job.finished = _now()
                self._idle.notify_all()

    def get(self, job_id: int) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def latest(self, story_id: int) -> Job | None:
        """The story's newest job."""
        with self._lock:
            return next((j for j in reversed(self._jobs.values()) if j.story == story_id), None)

    def counts(self) -> dict[str, int]:
        with self._lock:
            out = {"queued": 0, "running": 0, "done": 0, "failed": 0}
            for j in self._jobs.values():
                out[j.state] += 1
            return out

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no job is queued or running (tests, shutdown)."""
        with self._idle:
            return self._idle.wait_for(lambda: all(j.state in ("done", "failed") for j in self._jobs.values()),
                                       timeout)

    def _forget_old(self) -> None:
        finished = [i for i, j in self._jobs.items() if j.state in ("done", "failed")]
        for i in finished[: max(0, len(self._jobs) - self._keep)]:
            del self._jobs[i]

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
