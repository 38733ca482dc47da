"""Shared fixtures: the shipped catalog, an engine over it, an in-process CLI runner, squid's parser,
`pindesk serve` in a subprocess, a silent listener."""
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from pindesk.cli import main
from pindesk.knowledge.catalog import load_catalog
from pindesk.knowledge.engine import Engine

ROOT = Path(__file__).resolve().parent.parent

POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "test"}


def _postgres_admin():
    """An autocommit connection to the machine's PostgreSQL; skip (fail under CI) without one."""
    import psycopg
    try:
        return psycopg.connect(**POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL at {POSTGRES['host']}:{POSTGRES['port']} is unreachable under CI: {exc}")
        pytest.skip(f"PostgreSQL at {POSTGRES['host']}:{POSTGRES['port']} is unreachable")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of its own, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'pindesk.sqlite3'}"
        return
    admin = _postgres_admin()
    schema = f"pindesk_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield (f"postgresql+psycopg://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/"
               f"{POSTGRES['dbname']}?options=-csearch_path%3D{schema}")
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


@pytest.fixture(scope="session")
def catalog():
    """The catalog shipped with pindesk."""
    return load_catalog()


@pytest.fixture(scope="session")
def engine(catalog):
    """One engine over the shipped catalog, built once for the session."""
    return Engine(catalog)


class CliResult:
    """What a CLI run printed and returned."""

    def __init__(self, status, stdout, stderr):
        self.status, self.stdout, self.stderr = status, stdout, stderr


@pytest.fixture(scope="session")
def cache_folder(tmp_path_factory):
    """A cache folder for the session's commands and servers, so tests never touch the user's own."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def run_cli(cache_folder):
    """Run `pindesk` in-process with its own streams and environment (the session's cache folder unless set)."""
    def run(*args, stdin=b"", environ=None):
        out, err = io.StringIO(), io.StringIO()
        environ = {"PINDESK_CACHE_DIR": str(cache_folder), **(environ or {})}
        status = main(list(args), stdin=io.BytesIO(stdin) if isinstance(stdin, bytes) else stdin,
                      stdout=out, stderr=err, environ=environ)
        return CliResult(status, out.getvalue(), err.getvalue())
    return run


@pytest.fixture
def squid_parse(tmp_path):
    """`squid -k parse` on a minimal ssl-bump config that includes a fragment; skips without squid unless CI."""
    squid = shutil.which("squid") or shutil.which("squid", path="/usr/sbin:/usr/local/sbin")
    if squid is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("squid is not installed but CI is set (.ci/run installs squid-openssl)")
        pytest.skip("squid is not installed (apt-get install squid-openssl)")

    def parse(fragment: str):
        (tmp_path / "pindesk.conf").write_text(fragment + "\n")
        config = tmp_path / "squid.conf"
        config.write_text(f"http_port 3128 ssl-bump\ninclude {tmp_path / 'pindesk.conf'}\n")
        done = subprocess.run([squid, "-k", "parse", "-f", str(config)], capture_output=True, text=True,
                              timeout=60)
        return done.returncode, done.stdout + done.stderr
    return parse


class ServeProcess:
    """`pindesk serve` in a subprocess on a free loopback port, its output kept in a file."""

    def __init__(self, folder: Path, environ: dict):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(folder / "serve.log", "w+")
        self.process = subprocess.Popen([sys.executable, "-m", "pindesk.cli", "serve", "--port", str(port)],
                                        cwd=folder, env=environ, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_until_up(self, timeout: float = 60) -> None:
        """Return once /healthz answers; fail when the server exits or takes too long."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=5).read()
                return
            except OSError:
                assert self.process.poll() is None, "pindesk serve exited early:\n" + self.output()
                assert time.monotonic() < deadline, f"pindesk serve did not come up in {timeout:.0f} s"
                time.sleep(0.3)

    def output(self) -> str:
        """Everything the server printed so far."""
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> tuple[int, str]:
        """Stop it as a process manager would (SIGTERM); its exit status and output."""
        self.process.terminate()
        code = self.process.wait(timeout=30)
        return code, self.output()


@pytest.fixture
def pindesk_serve(tmp_path, cache_folder):
    """Start `pindesk serve` with these settings (the caller's PINDESK_* and SLACK_* left out); stopped after."""
    servers = []

    def start(**settings) -> ServeProcess:
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("PINDESK_", "SLACK_"))}
        environ["PINDESK_CACHE_DIR"] = str(cache_folder)
        server = ServeProcess(tmp_path, {**environ, **settings})
        servers.append(server)
        server.wait_until_up()
        return server
    yield start
    for server in servers:
        if server.process.poll() is None:
            server.stop()


class SilentListener:
    """A TCP listener on 127.0.0.1 that accepts every connection and never sends a byte, as a wedged
    PgBouncer or a half-dead network does; the connections are held until the test ends."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        """Take connections and keep them open, silent."""
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self):
        """Stop listening and drop the held connections."""
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def silent_listener():
    """A listener that accepts connections and stays silent; closed after the test."""
    listener = SilentListener()
    yield listener
    listener.close()
