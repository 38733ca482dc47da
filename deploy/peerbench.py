#!/usr/bin/env python3
"""Benchmark (not a test): how long `pindesk serve` takes to answer while its peers misbehave.

Usage: python3 deploy/peerbench.py [--pindesk PATH] [--repeat N]

Starts `pindesk serve` on a free loopback port with its store (PostgreSQL) and Slack's Web API both
pointed at a listener that accepts connections and never sends a byte, as a wedged PgBouncer or a
half-dead network does, then times, over fresh connections:
  - GET /healthz while 50 sockets hold half-sent requests (`GET / HTTP/1.1` and nothing more);
  - GET /readyz; GET /api/v1/ask with queries pindesk abstains on (each one would be recorded in the
    store), and with one it answers; GET /healthz;
  - the Slack slash command, signed as Slack signs it (Slack gives up after 3 s).
Each request waits at most --wait seconds; one that did not finish is shown as "> WAIT s".
"""
import argparse
import hashlib
import hmac
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

SECRET = "peerbench-signing-secret"


class Silent:
    """A TCP listener on 127.0.0.1 that accepts every connection and stays silent."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.held.append(self.sock.accept()[0])
            except OSError:
                return


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(request: urllib.request.Request | str, wait: float) -> tuple[float, str]:
    """Seconds until the whole response arrived (or wait, if it did not) and its status."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=wait) as response:
            response.read()
            status = str(response.status)
    except urllib.error.HTTPError as error:
        error.read()
        status = str(error.code)
    except (OSError, TimeoutError) as error:
        return wait, type(error).__name__
    return time.monotonic() - started, status


def slash_command(url: str, text: str) -> urllib.request.Request:
    """A slash command as Slack sends it, signed with the secret the server was given."""
    body = urllib.parse.urlencode({"command": "/pindesk", "text": text, "user_id": "U1", "team_id": "T1",
                                   "channel_id": "C1", "response_url": url + "/unused", "trigger_id": "1.2"})
    stamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return urllib.request.Request(url + "/slack/events", data=body.encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}"})


def report(name: str, runs: list[tuple[float, str]], wait: float) -> None:
    seconds = [s for s, _ in runs]
    statuses = sorted({status for _, status in runs})

    def shown(value: float) -> str:
        return f"> {wait:g} s" if value >= wait else f"{value * 1000:,.0f} ms"
    print(f"  {name:48} median {shown(statistics.median(seconds)):>9}   max {shown(max(seconds)):>9}"
          f"   status {', '.join(statuses)}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pindesk", default=shutil.which("pindesk") or ".venv/bin/pindesk")
    parser.add_argument("--repeat", type=int, default=10, help="requests timed per measure (default 10)")
    parser.add_argument("--wait", type=float, default=10.0, help="seconds a request may take (default 10)")
    args = parser.parse_args()
    args.pindesk = os.path.abspath(args.pindesk)

    silent, port = Silent(), free_port()
    url = f"http://127.0.0.1:{port}"
    work = tempfile.mkdtemp()
    environ = {**os.environ, "PINDESK_RATELIMIT": "off", "PINDESK_WORKERS": "2",
               "PINDESK_DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{silent.port}/test",
               "SLACK_BOT_TOKEN": "xoxb-peerbench", "SLACK_SIGNING_SECRET": SECRET,
               "PINDESK_SLACK_API_URL": f"http://127.0.0.1:{silent.port}/api/"}
    with open(os.path.join(work, "serve.log"), "wb") as log:
        server = subprocess.Popen([args.pindesk, "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  env=environ, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    try:
        deadline = time.monotonic() + 120
        while timed(url + "/healthz", 2)[1] != "200":
            if server.poll() is not None or time.monotonic() > deadline:
                print(open(os.path.join(work, "serve.log")).read()[-2000:], file=sys.stderr)
                return 2
            time.sleep(0.5)
        print(f"pindesk serve ({args.pindesk}) on {url}; store and Slack's API silent; "
              f"{args.repeat} requests a measure, each given {args.wait:g} s", flush=True)

        slow = []
        for _ in range(50):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(b"GET / HTTP/1.1\r\n")
            slow.append(sock)
        report("/healthz, 50 half-sent requests open", [timed(url + "/healthz", args.wait)
                                                         for _ in range(args.repeat)], args.wait)
        for sock in slow:
            sock.close()

        report("/readyz, store silent", [timed(url + "/readyz", args.wait) for _ in range(args.repeat)], args.wait)
        abstain = [f"{url}/api/v1/ask?q=zzqx+frobnicator+{i}+app+broken" for i in range(args.repeat)]
        report("/api/v1/ask abstained (recorded), store silent", [timed(u, args.wait) for u in abstain], args.wait)
        answered = url + "/api/v1/ask?q=netflix+says+currently+unavailable"
        report("/api/v1/ask answered, store silent", [timed(answered, args.wait) for _ in range(args.repeat)],
               args.wait)
        report("/healthz, store silent", [timed(url + "/healthz", args.wait) for _ in range(args.repeat)], args.wait)
        report("slash command, Slack's API silent",
               [timed(slash_command(url, "netflix says currently unavailable"), args.wait)
                for _ in range(args.repeat)], args.wait)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
