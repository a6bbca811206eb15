"""A real uvicorn server on 127.0.0.1 (a free port, in a thread) over a given database, driven with httpx."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn

from newsprism.api import create_app
from newsprism.settings import Settings


class LiveServer:
    def __init__(self, app, sock: socket.socket) -> None:
        self.app = app
        self.service = app.state.service
        host, port = sock.getsockname()[:2]
        self.url = f"http://{host}:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kw)

    def wait_report(self, client: httpx.Client, story_id: int, timeout: float = 60.0) -> httpx.Response:
        """GET the report until it is built (200) or the time is up."""
        deadline = time.monotonic() + timeout
        while True:
            r = client.get(f"/api/stories/{story_id}/report")
            if r.status_code != 202 or time.monotonic() > deadline:
                return r
            time.sleep(0.1)


@contextmanager
def live_server(settings: Settings, *, token: str | None = None, models=None) -> Iterator[LiveServer]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = LiveServer(create_app(settings, token=token, models=models), sock)
    server.thread.start()
    deadline = time.monotonic() + 20
    while not server.server.started:
        if time.monotonic() > deadline or not server.thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield server
    finally:
        server.server.should_exit = True
        server.thread.join(20)
        sock.close()
