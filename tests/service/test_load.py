"""A bounded load on `pindesk serve` over loopback: wrk, 64 connections, 20 seconds on /api/v1/ask (rotating
real queries, deploy/ask.lua) and on /healthz; every response 2xx and no socket error. Speed is reported,
not asserted. Deselect with `-m "not load"`."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.load
DURATION = "20s"


@pytest.fixture
def wrk():
    """wrk's path; skipped when it is missing (failed under CI, which installs it)."""
    found = shutil.which("wrk")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("wrk is not installed but CI is set (.ci/run installs it)")
        pytest.skip("wrk is not installed (apt-get install wrk)")
    return found


def errors(report: str) -> dict[str, int]:
    """Non-2xx responses and socket errors from wrk's report (absent lines mean none)."""
    counts = {"non-2xx": 0, "connect": 0, "read": 0, "write": 0, "timeout": 0}
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", report):
        counts["non-2xx"] = int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report):
        counts.update(zip(("connect", "read", "write", "timeout"), map(int, match.groups()), strict=True))
    return counts


def run_wrk(wrk: str, url: str, *script: str) -> str:
    """wrk -t2 -c64 for DURATION with latency percentiles; its report."""
    done = subprocess.run([wrk, "-t2", "-c64", f"-d{DURATION}", "--latency", *script, url], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def summary(name: str, report: str) -> str:
    """One line: requests/s, p99 and how many requests, as wrk reported them."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", report).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", report, re.MULTILINE).group(1)
    total = re.search(r"(\d+) requests in", report).group(1)
    return f"{name}: {rate} requests/s, p99 {p99}, {total} requests"


def test_serve_takes_a_bounded_load_without_errors(tmp_path, pindesk_serve, wrk):
    server = pindesk_serve(PINDESK_RATELIMIT="off", PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    reports = {"ask": run_wrk(wrk, server.url, "-s", "deploy/ask.lua"),
               "healthz": run_wrk(wrk, f"{server.url}/healthz")}
    for name, report in reports.items():
        print(summary(name, report), errors(report))
        assert errors(report) == {"non-2xx": 0, "connect": 0, "read": 0, "write": 0, "timeout": 0}, report
    code, output = server.stop()
    assert code == 0 and "Traceback" not in output
