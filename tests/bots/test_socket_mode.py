"""`pindesk slack`: the same Bolt app over Socket Mode, or one clear line when a token is missing."""
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.request import BoltRequest

from pindesk.bots import socket_mode

from .conftest import APP_TOKEN, BOT_TOKEN


def test_without_an_app_token_it_says_so_in_one_line_and_exits_2(run_cli, tmp_path):
    result = run_cli("slack", environ={"SLACK_BOT_TOKEN": BOT_TOKEN,
                                       "PINDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert result.status == 2
    assert result.stderr.count("\n") == 1 and "SLACK_APP_TOKEN is not set" in result.stderr
    assert BOT_TOKEN not in result.stderr


def test_without_a_bot_token_it_exits_2(run_cli):
    result = run_cli("slack", environ={"SLACK_APP_TOKEN": APP_TOKEN})
    assert result.status == 2 and "SLACK_BOT_TOKEN is not set" in result.stderr


def test_it_runs_the_bolt_app_over_socket_mode_with_the_app_token(run_cli, tmp_path, monkeypatch, fake_slack):
    started = []
    monkeypatch.setattr(SocketModeHandler, "connect", lambda self: started.append(self))
    monkeypatch.setattr(socket_mode, "wait_until_stopped", lambda: None)
    result = run_cli("slack", environ={"SLACK_APP_TOKEN": APP_TOKEN, "SLACK_BOT_TOKEN": BOT_TOKEN,
                                       "PINDESK_SLACK_API_URL": fake_slack.url + "/api/",
                                       "PINDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert result.status == 0, result.stderr
    [handler] = started
    assert handler.app_token == APP_TOKEN
    assert handler.app.client.base_url == fake_slack.url + "/api/"
    assert "answering /pindesk" in result.stderr
    assert APP_TOKEN not in result.stderr and BOT_TOKEN not in result.stderr
    assert fake_slack.calls == []  # nothing is called before Slack sends something
    # Socket Mode requests come unsigned over the WebSocket; the same listeners answer them.
    command = {"command": "/pindesk", "text": "netflix says currently unavailable", "team_id": "T0001",
               "user_id": "U0001", "channel_id": "C0001", "response_url": fake_slack.url + "/response/1"}
    reply = handler.app.dispatch(BoltRequest(body=command, mode="socket_mode"))
    assert reply.status == 200 and "Netflix" in reply.body


def test_without_a_route_to_slack_it_says_so_in_one_line(run_cli, tmp_path):
    result = run_cli("slack", environ={"SLACK_APP_TOKEN": APP_TOKEN, "SLACK_BOT_TOKEN": BOT_TOKEN,
                                       "PINDESK_SLACK_API_URL": "http://127.0.0.1:1/api/",
                                       "PINDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert result.status == 2
    last = result.stderr.splitlines()[-1]
    assert last.startswith("pindesk: error: cannot reach Slack's API at http://127.0.0.1:1/api/")
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
