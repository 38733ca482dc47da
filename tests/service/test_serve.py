"""`pindesk serve` runs gunicorn over the app; `pindesk config` shows the service settings, masked."""
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def get(url: str):
    """GET a URL on loopback: status and JSON body."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_serve_answers_over_http_and_stops_cleanly(tmp_path, pindesk_serve):
    server = pindesk_serve(PINDESK_WORKERS="1", PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert get(f"{server.url}/healthz") == (200, {"status": "ok"})
    status, answer = get(f"{server.url}/api/v1/ask?q=imessage+won%27t+send+private+words")
    assert status == 200 and answer["answered"] and answer["matches"][0]["type"] == "app"
    code, output = server.stop()
    assert code == 0, output
    assert "Traceback" not in output
    assert "GET /api/v1/ask" in output and "private" not in output  # the access log has no query strings


class Terminal(io.StringIO):
    """Standard output as a terminal shows it."""

    def isatty(self):
        """A terminal, as far as pindesk can tell."""
        return True


@pytest.mark.parametrize("stdout, shown", [(Terminal(), True), (io.StringIO(), False)])
def test_serve_says_where_it_listens_on_a_terminal_before_anything_else(monkeypatch, stdout, shown):
    import pindesk.service.app
    import pindesk.service.server
    from pindesk.cli import main
    seen_at_start = []
    monkeypatch.setattr(pindesk.service.app, "create_app", lambda config: seen_at_start.append(stdout.getvalue()))
    monkeypatch.setattr(pindesk.service.server, "serve", lambda app, host, port, environ: None)
    assert main(["serve", "--port", "8123"], stdout=stdout, stderr=io.StringIO(), environ={}) == 0
    banner = "pindesk on http://127.0.0.1:8123/ — web form and API\n"
    assert seen_at_start == [banner if shown else ""]  # printed before the app (and its log lines) starts


def test_serve_with_a_broken_catalog_says_one_line_and_exits_2(run_cli, tmp_path):
    broken = tmp_path / "catalog.yaml"
    broken.write_text("apps: [\n")
    result = run_cli("--catalog", str(broken), "serve", environ={"PINDESK_DATABASE_URL": "sqlite://"})
    assert result.status == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("pindesk: error:")


@pytest.mark.parametrize("name,value", [("PINDESK_WORKERS", "many"), ("PINDESK_RETENTION_DAYS", "0")])
def test_serve_rejects_bad_numbers(run_cli, name, value):
    result = run_cli("serve", environ={name: value, "PINDESK_DATABASE_URL": "sqlite://"})
    assert result.status == 2 and name in result.stderr


def test_config_lists_the_service_settings_with_secrets_masked(run_cli):
    result = run_cli("config", environ={"PINDESK_DATABASE_URL": "postgresql+psycopg://pindesk:hunter2@db:5432/p",
                                        "PINDESK_ADMIN_TOKEN": "tok-7f3a9c"})
    assert result.status == 0
    for name in ("PINDESK_DATABASE_URL", "PINDESK_ADMIN_TOKEN", "PINDESK_RETENTION_DAYS", "PINDESK_HOST",
                 "PINDESK_PORT", "PINDESK_WORKERS"):
        assert f"{name}=" in result.stdout
    assert "hunter2" not in result.stdout and "tok-7f3a9c" not in result.stdout
    assert "PINDESK_DATABASE_URL=postgresql+psycopg://pindesk:***@db:5432/p" in result.stdout


def test_gunicorn_serves_the_app_with_the_shipped_settings_file(tmp_path):
    """`gunicorn -c deploy/gunicorn.conf.py`, as the README gives it, serves the same app."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    conf = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PINDESK_", "SLACK_"))}
    environ.update(PINDESK_PORT=str(port), PINDESK_WORKERS="1",
                   PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(conf)], cwd=tmp_path, env=environ,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, answer = get(f"http://127.0.0.1:{port}/api/v1/ask?q=signal+will+not+connect")
                break
            except OSError:
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline, "gunicorn did not come up"
                time.sleep(0.3)
        assert status == 200 and answer["matches"][0]["id"] == "signal"
    finally:
        process.terminate()
        process.wait(timeout=30)
