"""PostgreSQL stopped mid-run and started again, under a real `pindesk serve`: answers go on, feedback
gets 503 while it is down and is stored again once it is back (after the breaker's wait), without a
restart, and no row is lost.

The cluster is a private one made for the test (never the machine's shared PostgreSQL)."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pindesk.desk.store import BREAKER_SECONDS

PG_BIN = Path("/usr/lib/postgresql")
TOKEN = "fault-test-token"


def pg_tool(name: str) -> Path | None:
    """The newest installed PostgreSQL's program, or None."""
    found = sorted(PG_BIN.glob(f"*/bin/{name}"), key=lambda p: int(p.parent.parent.name))
    return found[-1] if found else None


class Cluster:
    """A PostgreSQL cluster of its own in a temporary folder, on a free loopback port, run as postgres."""

    def __init__(self, folder: Path):
        self.folder, self.data = folder, folder / "data"
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/pindesk"

    def run(self, tool: str, *args: str) -> None:
        """Run a PostgreSQL program as the postgres user; fail the test with its output if it fails."""
        done = subprocess.run(["runuser", "-u", "postgres", "--", str(pg_tool(tool)), *args],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{tool} {' '.join(args)}:\n{done.stdout}{done.stderr}"

    def create(self) -> None:
        """initdb, start, and a database for pindesk."""
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "pindesk")

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"), "-w", "start")

    def stop(self) -> None:
        """Stop it at once, as a crash or a failover would: open connections are cut."""
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self) -> bool:
        """True while the server process runs."""
        return (self.data / "postmaster.pid").exists()


@pytest.fixture
def cluster():
    """A private PostgreSQL cluster; skipped when not root or PostgreSQL is not installed (failed under CI)."""
    missing = None
    if os.geteuid() != 0:
        missing = "the fault test runs PostgreSQL's programs as the postgres user, which needs root"
    elif pg_tool("initdb") is None or shutil.which("runuser") is None:
        missing = f"PostgreSQL's initdb is not under {PG_BIN} (apt-get install postgresql)"
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing + " but CI is set")
        pytest.skip(missing)
    folder = Path(tempfile.mkdtemp(prefix="pindesk-pg-"))  # pytest's tmp_path is closed to postgres
    shutil.chown(folder, "postgres", "postgres")
    made = Cluster(folder)
    try:
        made.create()
        yield made
    finally:
        if made.running():
            made.stop()
        shutil.rmtree(folder, ignore_errors=True)


def call(url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    """GET, or POST a JSON body; the status and the JSON answer, errors included."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_postgresql_stopped_and_restarted_under_serve(cluster, pindesk_serve):
    server = pindesk_serve(PINDESK_WORKERS="2", PINDESK_DATABASE_URL=cluster.url, PINDESK_ADMIN_TOKEN=TOKEN,
                           PINDESK_RATELIMIT="off")
    ask, feedback, insights = (f"{server.url}/api/v1/{p}" for p in ("ask", "feedback", "insights"))

    def give_feedback(helpful: bool):
        return call(feedback, {"query": "netflix currently unavailable", "id": "netflix", "helpful": helpful})

    # Before: rows stored in both workers (several requests, so each worker opens its pool).
    for helpful in (True, True, False, True):
        assert give_feedback(helpful)[0] == 201
    for _ in range(3):
        assert call(f"{ask}?q=zzqx+frobnicator+app")[1]["outcome"] == "abstained"
    deadline = time.monotonic() + 10  # unanswered queries are written in the background: wait for them
    while {"query": "zzqx frobnicator app", "count": 3} not in call(insights, token=TOKEN)[1]["unanswered"]:
        assert time.monotonic() < deadline, "the unanswered queries were not recorded in 10 s"
        time.sleep(0.2)

    cluster.stop()
    for _ in range(6):  # enough that both workers meet the dead connections in their pools
        status, answer = call(f"{ask}?q=netflix+on+my+iphone+says+currently+unavailable")
        assert status == 200 and answer["outcome"] == "answered"
        assert call(f"{ask}?q=zzqx+frobnicator+app")[0] == 200  # not recorded, but answered
        status, body = give_feedback(True)
        assert status == 503 and "error" in body
    assert call(insights, token=TOKEN)[0] == 503
    status, ready = call(f"{server.url}/readyz")
    assert ready["store"] == "unavailable"
    assert call(f"{server.url}/healthz") == (200, {"status": "ok"})

    cluster.start()
    time.sleep(BREAKER_SECONDS)  # each worker leaves a failed store alone that long, then tries it again
    for _ in range(6):  # pindesk was not restarted: every worker writes again
        assert give_feedback(False)[0] == 201
    status, body = call(insights, token=TOKEN)
    assert status == 200
    assert {"id": "netflix", "type": "app", "name": "Netflix", "helpful": 3, "not_helpful": 7} in body["helpfulness"]
    assert {"query": "zzqx frobnicator app", "count": 3} in body["unanswered"]
    code, output = server.stop()
    assert code == 0 and "Traceback" not in output
