"""`pindesk serve` on its own, without a proxy in front: idle and half-sent requests cost no worker,
bodies are bounded in size however they are sent, the longest query fits in a GET, and what the
server refuses itself under /api/ is JSON."""
import json
import socket
import time
import urllib.parse
import urllib.request

import pytest

from pindesk.knowledge.text import MAX_QUERY_CHARS
from pindesk.service.worker import HEADER_SECONDS

SLOW_SOCKETS = 50


@pytest.fixture
def server(pindesk_serve, tmp_path):
    """`pindesk serve` with its default two workers over a SQLite store, no rate limit."""
    return pindesk_serve(PINDESK_WORKERS="2", PINDESK_RATELIMIT="off",
                         PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")


def port_of(server) -> int:
    """The port the server listens on."""
    return urllib.parse.urlsplit(server.url).port


def read_all(sock: socket.socket) -> bytes:
    """What the server sends until it closes the connection (or goes quiet past the socket's timeout)."""
    answer = b""
    try:
        while chunk := sock.recv(65536):
            answer += chunk
    except OSError:
        pass
    return answer


def exchange(port: int, data: bytes, seconds: float = 10) -> bytes:
    """Send raw bytes; what the server answered."""
    with socket.create_connection(("127.0.0.1", port), timeout=seconds) as sock:
        try:
            sock.sendall(data)
        except OSError:  # the server may answer and close before taking all of it
            pass
        return read_all(sock)


def status_and_json(answer: bytes) -> tuple[int, dict]:
    """The status code and the JSON body of a raw HTTP response."""
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


def test_fifty_half_sent_requests_do_not_stall_the_server(server):
    slow = []
    try:
        for _ in range(SLOW_SOCKETS):
            sock = socket.create_connection(("127.0.0.1", port_of(server)), timeout=HEADER_SECONDS + 5)
            sock.sendall(b"GET / HTTP/1.1\r\n")
            slow.append(sock)
        for _ in range(5):
            started = time.monotonic()
            assert json.load(urllib.request.urlopen(f"{server.url}/healthz", timeout=2)) == {"status": "ok"}
            assert time.monotonic() - started < 1
        # Headers not finished in time: answered 408 and closed, so the sockets do not pile up either.
        status, body = status_and_json(read_all(slow[0]))
        assert status == 408 and "headers" in body["error"]
    finally:
        for sock in slow:
            sock.close()


def test_a_chunked_body_over_the_limit_is_413(server):
    head = (b"POST /api/v1/ask HTTP/1.1\r\nHost: pindesk\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"100000\r\n" + b"a" * 0x100000 + b"\r\n"  # 1 MiB a chunk, ten of them
    status, body = status_and_json(exchange(port_of(server), head + chunk * 10 + b"0\r\n\r\n"))
    assert status == 413 and "64 KiB" in body["error"]


def test_the_longest_query_fits_in_a_get(server):
    for query in ("Ж" * MAX_QUERY_CHARS, "netflix says: " + "[error] x=1; " * 298):
        url = f"{server.url}/api/v1/ask?" + urllib.parse.urlencode({"q": query})
        answer = json.load(urllib.request.urlopen(url, timeout=10))
        assert len(answer["query"]) > 3000
    page = urllib.request.urlopen(f"{server.url}/?" + urllib.parse.urlencode({"q": "Ж" * MAX_QUERY_CHARS}))
    assert page.status == 200


def test_what_the_server_refuses_itself_is_json(server):
    line = b"GET /api/v1/ask?q=" + b"%D0%96" * (3 * MAX_QUERY_CHARS) + b" HTTP/1.1\r\nHost: pindesk\r\n\r\n"
    status, body = status_and_json(exchange(port_of(server), line))
    assert status == 414 and "POST /api/v1/ask" in body["error"]
    status, body = status_and_json(exchange(port_of(server), b"NOT HTTP AT ALL\r\n\r\n"))
    assert status == 400 and body["error"]
