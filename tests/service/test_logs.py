"""Structured logs: one JSON line per request (route, method, status, latency, outcome), warnings as JSON,
and never a token, a query string or a client's address."""
import json

import pytest

from pindesk.knowledge.errors import PindeskError

from .conftest import ADMIN_TOKEN


@pytest.fixture
def sqlite_app(make_app, tmp_path):
    """The service over a fresh SQLite file."""
    return make_app(f"sqlite:///{tmp_path / 'pindesk.sqlite3'}")


def json_lines(text: str) -> list[dict]:
    """Every line of standard error, each of which must be one JSON object."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def request_lines(capsys) -> list[dict]:
    """The request lines logged since the last call."""
    return [line for line in json_lines(capsys.readouterr().err) if line["logger"] == "pindesk.service.requests"]


def test_one_json_line_per_request_with_route_status_latency_and_outcome(sqlite_app, capsys):
    client = sqlite_app.test_client()
    capsys.readouterr()
    client.get("/api/v1/ask?q=netflix+on+my+iphone+says+currently+unavailable")
    client.post("/api/v1/ask", json={"query": "zzqx frobnicator app broken"})
    client.get("/api/v1/ask?q=No+Internet+Connection")
    client.get("/api/v1/apps/netflix")
    client.get("/no/such/page")
    lines = request_lines(capsys)
    assert [(line["method"], line["route"], line["status"], line.get("outcome")) for line in lines] == [
        ("GET", "/api/v1/ask", 200, "answered"), ("POST", "/api/v1/ask", 200, "abstained"),
        ("GET", "/api/v1/ask", 200, "ambiguous"), ("GET", "/api/v1/apps/<app_id>", 200, None),
        ("GET", None, 404, None)]
    for line in lines:
        assert line["level"] == "info" and line["time"].endswith("+00:00")
        assert isinstance(line["latency_ms"], float) and line["latency_ms"] >= 0


def test_the_web_form_logs_its_answers_outcome(sqlite_app, capsys):
    client = sqlite_app.test_client()
    capsys.readouterr()
    client.get("/?q=imessage+won%27t+send")
    client.get("/answer?q=zzqx+frobnicator")
    assert [(line["route"], line["outcome"]) for line in request_lines(capsys)] == [
        ("/", "answered"), ("/answer", "abstained")]


def test_no_token_query_string_or_client_address_is_logged(sqlite_app, capsys):
    client = sqlite_app.test_client()
    address = {"REMOTE_ADDR": "203.0.113.77"}
    client.get("/api/v1/ask?q=private+words+netflix", environ_base=address)
    client.get("/api/v1/insights", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, environ_base=address)
    client.get("/api/v1/insights", headers={"Authorization": "Bearer wrong-guess-7f3a"}, environ_base=address)
    err = capsys.readouterr().err
    assert err.count('"logger": "pindesk.service.requests"') == 3
    for secret in ("private", ADMIN_TOKEN, "wrong-guess-7f3a", "203.0.113.77", "Authorization", "q="):
        assert secret not in err


def test_warnings_and_errors_are_json_too(make_app, down_url, capsys):
    client = make_app(down_url).test_client()
    capsys.readouterr()
    assert client.post("/api/v1/feedback", json={"query": "q", "id": None, "helpful": True}).status_code == 503
    errors = [line for line in json_lines(capsys.readouterr().err) if line["level"] == "error"]
    assert errors and errors[0]["logger"] == "pindesk.desk.answering"
    assert "could not store feedback" in errors[0]["message"]


def test_text_format_on_request(make_app, tmp_path, capsys):
    client = make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}", LOG_FORMAT="text").test_client()
    capsys.readouterr()
    client.get("/api/v1/apps/netflix")
    err = capsys.readouterr().err
    assert "INFO pindesk.service.requests: GET /api/v1/apps/<app_id> 200" in err and "{" not in err


def test_an_unknown_log_format_is_refused(make_app, tmp_path, run_cli):
    with pytest.raises(PindeskError, match="PINDESK_LOG_FORMAT"):
        make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}", LOG_FORMAT="xml")
    result = run_cli("serve", environ={"PINDESK_LOG_FORMAT": "xml", "PINDESK_DATABASE_URL": "sqlite://"})
    assert result.status == 2 and "PINDESK_LOG_FORMAT" in result.stderr
