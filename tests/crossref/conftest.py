"""A fake Crossref on 127.0.0.1 per test, and client settings small enough for speed."""

from __future__ import annotations

import logging
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from citeman.online.client import Settings
from tests.crossref.fake import FakeCrossref
from tests.crossref.fake_datacite import FakeDataCite


@dataclass
class Crossref:
    """The running fake: its base URL and the handler whose knobs a test turns."""

    url: str
    fake: FakeCrossref
    server: HTTPServer

    def settings(self, **changes: object) -> Settings:
        """Return settings that point at the fake, with tiny timeouts and backoff."""
        values: dict[str, object] = {
            "base_url": self.url,
            "mailto": "test@example.org",
            "connect_timeout": 0.5,
            "read_timeout": 0.5,
            "retries": 2,
            "backoff": 0.01,
            "retry_after_max": 2.0,
            "time_limit": 10.0,
        }
        values.update(changes)
        return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def _server() -> Iterator[HTTPServer]:
    # werkzeug logs each request to stderr, which CliRunner would capture.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()  # once: stopping takes half a second


@pytest.fixture
def crossref(_server: HTTPServer) -> Iterator[Crossref]:
    """Return a fresh fake Crossref (its counters at zero) on the shared server."""
    fake = FakeCrossref()
    _server.clear()
    _server.expect_request(re.compile(r"^/")).respond_with_handler(fake)
    yield Crossref(_server.url_for("").rstrip("/"), fake, _server)
    _server.clear()


@dataclass
class DataCite:
    """The running fake DataCite: its base URL and its handler."""

    url: str
    fake: FakeDataCite


@pytest.fixture(scope="session")
def _datacite_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def datacite(_datacite_server: HTTPServer) -> Iterator[DataCite]:
    """Return a fresh fake DataCite on its own server (another host to Crossref's)."""
    fake = FakeDataCite()
    _datacite_server.clear()
    _datacite_server.expect_request(re.compile(r"^/")).respond_with_handler(fake)
    yield DataCite(_datacite_server.url_for("").rstrip("/"), fake)
    _datacite_server.clear()


@pytest.fixture
def closed_url() -> str:
    """Return a URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


class Trickle:
    """A server on 127.0.0.1 that sends its answer one byte every ``pause`` seconds.

    ``headers_first`` sends complete headers (a 1 MB body announced) at once and
    then trickles the body; otherwise even the status line trickles. Every byte
    comes well within a read timeout, so only a bound on the whole run stops it.
    """

    def __init__(self, *, headers_first: bool, pause: float = 0.05) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._headers_first = headers_first
        self._pause = pause
        self._stop = threading.Event()
        self.connections = 0
        host, port = self._listener.getsockname()
        self.url = f"http://{host}:{port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._send, args=(client,), daemon=True).start()

    def _send(self, client: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        head += b"Content-Length: 1000000\r\n\r\n"
        with client:
            try:
                if self._headers_first:
                    client.sendall(head)
                    head = b'{"status": "ok", ' + b" " * 1000000
                for byte in head:
                    if self._stop.wait(self._pause):
                        return
                    client.sendall(bytes([byte]))
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self._listener.close()


@pytest.fixture(params=["body", "headers"])
def trickle(request: pytest.FixtureRequest) -> Iterator[Trickle]:
    """Return a server trickling its body, or even its headers, a byte at a time."""
    server = Trickle(headers_first=request.param == "body")
    yield server
    server.close()
