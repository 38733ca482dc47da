"""`pindesk serve` runs gunicorn over the app; `pindesk config` shows the service settings, masked."""
import json
import urllib.request

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
