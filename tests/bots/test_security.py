"""Forged and stale requests do nothing; tokens stay out of logs; without tokens Slack is off."""
import logging
import time

import pytest

from pindesk.bots.settings import SlackSettings

from .conftest import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, button_labelled, message_text
from .test_events import mention


def test_a_forged_signature_gets_401_and_nothing_is_sent(slack, fake_slack):
    response = slack.command("netflix says currently unavailable", secret="not-the-secret")
    assert response.status_code == 401
    assert slack.event(mention("netflix says currently unavailable"), secret="not-the-secret").status_code == 401
    forged_click = slack.click({"action_id": "pindesk_helpful", "type": "button",
                                "value": '{"q": "x", "id": "netflix"}'}, secret="not-the-secret")
    assert forged_click.status_code == 401
    time.sleep(0.3)
    assert fake_slack.calls == []
    assert "Netflix" not in response.get_data(as_text=True)


def test_a_request_without_signature_headers_gets_401(slack_app, fake_slack):
    response = slack_app.test_client().post("/slack/events", data="command=%2Fpindesk&text=help",
                                            content_type="application/x-www-form-urlencoded")
    assert response.status_code == 401
    assert fake_slack.calls == []


def test_a_stale_timestamp_gets_401_even_when_correctly_signed(slack, fake_slack):
    six_minutes_ago = int(time.time()) - 6 * 60
    assert slack.command("help", timestamp=six_minutes_ago).status_code == 401
    assert slack.event(mention("help"), timestamp=six_minutes_ago).status_code == 401
    time.sleep(0.3)
    assert fake_slack.calls == []


def test_a_forged_retry_gets_401_too(slack):
    assert slack.event(mention("help"), secret="wrong", headers={"X-Slack-Retry-Num": "1"}).status_code == 401


def test_tokens_never_appear_in_logs_or_replies(make_slack_app, fake_slack, caplog):
    from .conftest import Slack, slack_config
    caplog.set_level(logging.DEBUG)
    app = make_slack_app(**slack_config(fake_slack, SLACK_APP_TOKEN=APP_TOKEN))
    slack = Slack(app.test_client(), fake_slack)
    replies = [slack.command("netflix says currently unavailable"), slack.command("help", secret="wrong"),
               slack.event(mention("tiktok won't load"))]
    slack.click(button_labelled(replies[0].get_json(), "Helpful"))
    slack.click({"action_id": "pindesk_bypass", "type": "button", "value": '{"q": "x", "app": "no-such-app"}'})
    fake_slack.wait_for("/chat.postMessage")
    fake_slack.wait_for("/response/click")
    time.sleep(0.3)
    seen = caplog.text + "".join(reply.get_data(as_text=True) for reply in replies)
    assert "chat.postMessage" in caplog.text  # the Web API calls were logged, at debug level
    for secret in (BOT_TOKEN, SIGNING_SECRET, APP_TOKEN):
        assert secret not in seen
        assert secret not in repr(SlackSettings.from_config(app.config))


def test_without_tokens_slack_is_switched_off_and_says_so_once(make_slack_app, caplog):
    caplog.set_level(logging.INFO)
    app = make_slack_app()
    switched_off = [r for r in caplog.records if "Slack is switched off" in r.getMessage()]
    assert len(switched_off) == 1
    response = app.test_client().post("/slack/events", data="command=%2Fpindesk&text=help",
                                      content_type="application/x-www-form-urlencoded")
    assert response.status_code == 404
    assert response.get_json() == {"error": "slack is not configured"}


def test_a_bot_token_without_signing_secret_keeps_slack_off(make_slack_app, fake_slack):
    app = make_slack_app(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=fake_slack.url + "/api/")
    assert app.test_client().post("/slack/events", data="{}", content_type="application/json").status_code == 404


def test_slack_on_makes_no_call_to_slack_at_start(make_slack_app, fake_slack):
    from .conftest import slack_config
    make_slack_app(**slack_config(fake_slack))
    time.sleep(0.2)
    assert fake_slack.calls == []


def test_markup_typed_in_a_query_comes_back_as_text(slack):
    text = message_text(slack.command("netflix <b>says</b> currently unavailable").get_json())
    assert "<b>" not in text and "&lt;b&gt;says&lt;/b&gt;" in text


def test_pindesk_config_shows_the_slack_settings_with_secrets_masked(run_cli):
    result = run_cli("config", environ={"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                                        "SLACK_APP_TOKEN": APP_TOKEN, "PINDESK_SLACK_COMMAND": "/pin"})
    assert result.status == 0
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        assert f"{name}=(set)" in result.stdout
    assert "PINDESK_SLACK_COMMAND=/pin" in result.stdout and "PINDESK_SLACK_API_URL=" in result.stdout
    assert all(secret not in result.stdout for secret in (BOT_TOKEN, SIGNING_SECRET, APP_TOKEN))


@pytest.mark.parametrize("content_type, body", [("application/json", "x{"), ("application/json", "[]"),
                                                 ("application/x-www-form-urlencoded", "payload=x{")])
def test_junk_is_400_when_signed_and_401_when_not_with_one_short_log_line(slack, content_type, body, caplog):
    caplog.set_level(logging.INFO)
    unsigned = slack.client.post("/slack/events", data=body, content_type=content_type)
    signed = slack.post(body, content_type)
    assert (unsigned.status_code, signed.status_code) == (401, 400)
    assert unsigned.get_json()["error"] and signed.get_json()["error"]
    lines = [r for r in caplog.records if r.name.startswith(("pindesk", "slack"))]
    assert [r.levelname for r in lines] == ["INFO", "INFO"] and "Traceback" not in caplog.text
