"""Shared helper for the tests of processes writing one database at once: forked, started together, and what
each raised brought back to the test (a failure inside a child is otherwise only a non-zero exit code)."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Sequence


def _reported(work: Callable[..., object], args: tuple, go, errors) -> None:  # noqa: ANN001 - mp primitives
    go.wait()
    try:
        work(*args)
    except Exception as exc:  # noqa: BLE001 - reported to the test
        errors.put(repr(exc))


def run_together(work: Callable[..., object], args: Sequence[tuple], timeout: float = 120
                 ) -> tuple[list[int | None], list[str]]:
    """Run ``work(*a)`` for each ``a`` in its own forked process, all released at once; (exit codes, what the
    processes raised)."""
    ctx = mp.get_context("fork")
    go, errors = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_reported, args=(work, a, go, errors)) for a in args]
    for p in procs:
        p.start()
    go.set()
    for p in procs:
        p.join(timeout)
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    return [p.exitcode for p in procs], failures
