"""Slack's Web API unreachable or hung: the slash command is still answered within Slack's 3 s, signed
requests are acknowledged at once, and nothing of pindesk's waits on Slack for long."""
import logging
import time

import pytest

from .conftest import Slack, message_text, slack_config
from .test_events import mention


class Unreachable:
    """A Web API address where nothing listens: every connection is refused at once."""

    url = "http://127.0.0.1:1"


@pytest.fixture(params=["unreachable", "silent"])
def slack_api(request, silent_listener):
    """Slack's Web API with no route to it, or one that accepts connections and never answers."""
    if request.param == "unreachable":
        return Unreachable()
    silent_listener.url = f"http://127.0.0.1:{silent_listener.port}"
    return silent_listener


@pytest.fixture
def slack_down(make_slack_app, fake_slack, slack_api):
    """Signed requests to the service whose Slack Web API (and response_url) is down or hung."""
    app = make_slack_app(**slack_config(fake_slack, SLACK_API_URL=slack_api.url + "/api/"))
    fake_slack.url = slack_api.url  # response_url points there too
    return Slack(app.test_client(), fake_slack)


def timed(fn):
    """fn()'s result and the seconds it took."""
    started = time.monotonic()
    return fn(), time.monotonic() - started


def test_the_slash_command_is_answered_within_three_seconds(slack_down):
    for _ in range(2):
        response, waited = timed(lambda: slack_down.command("netflix says currently unavailable"))
        assert response.status_code == 200 and waited < 3
        assert "Netflix" in message_text(response.get_json())


def test_events_and_clicks_are_acknowledged_at_once(slack_down):
    response, waited = timed(lambda: slack_down.event(mention("netflix says currently unavailable")))
    assert response.status_code == 200 and waited < 1
    click = {"action_id": "pindesk_helpful", "type": "button", "value": '{"q": "netflix down", "id": "netflix"}'}
    response, waited = timed(lambda: slack_down.click(click))
    assert response.status_code == 200 and waited < 1


def test_a_reply_that_cannot_reach_slack_is_one_warning_line(slack_down, caplog):
    caplog.set_level(logging.INFO)
    slack_down.event(mention("netflix says currently unavailable"))
    deadline = time.monotonic() + 5
    while "a reply to Slack failed" not in caplog.text:
        assert time.monotonic() < deadline, "the failed reply was not logged"
        time.sleep(0.05)
    assert not [r for r in caplog.records if r.exc_info] and "Traceback" not in caplog.text
