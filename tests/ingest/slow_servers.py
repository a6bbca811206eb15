"""Misbehaving servers on 127.0.0.1 that http.server cannot play: a listener that never completes a connection,
and one that drips its status line and headers a byte at a time. Real sockets, no mocks."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def slow_connect() -> Iterator[str]:
    """Base URL of a port whose accept queue is full: the TCP handshake of a new connection never completes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(3):  # backlog 0 holds one queued connection; the rest of the SYNs are dropped
        c = socket.socket()
        c.setblocking(False)
        try:
            c.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        fillers.append(c)
    time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for c in fillers:
            c.close()
        listener.close()


@contextmanager
def header_drip(interval: float = 0.05) -> Iterator[tuple[str, list[int]]]:
    """Base URL of a server that sends its response headers one byte every ``interval`` seconds, without end
    (each byte arrives well within any read timeout), and the list of connections it accepted."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    stop = threading.Event()
    accepted: list[int] = []

    def drip(conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Padding: " + b"a" * 100_000
        try:
            conn.recv(65536)
            for i in range(len(head)):
                if stop.is_set():
                    break
                conn.sendall(head[i:i + 1])
                time.sleep(interval)
        except OSError:
            pass
        finally:
            conn.close()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            accepted.append(1)
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    finally:
        stop.set()
        thread.join(2)
        listener.close()
