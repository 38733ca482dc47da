"""A workspace's proxy in Slack: `/pindesk proxy panos` keeps it in the store, answers then speak that proxy."""
import html

import pytest

from pindesk.knowledge.proxies import load_profiles
from tests.knowledge.proxy_expectations import APPS, EXPECTED, QUERIES

from .conftest import Slack, message_text, slack_config


def read(reply: dict) -> str:
    """The message as a person reads it: entities undone, spaces collapsed."""
    return " ".join(html.unescape(message_text(reply)).split())


@pytest.mark.parametrize("proxy", EXPECTED)
def test_a_workspace_chooses_its_proxy_and_answers_follow(slack, proxy):
    reply = slack.command(f"proxy {proxy}").get_json()
    assert "From now on" in read(reply)
    assert f"worded for *{load_profiles().get(proxy).name}*" in read(slack.command("proxy").get_json())
    for app_id in APPS:
        answer = slack.command(QUERIES[app_id]).get_json()
        text = read(answer)
        assert EXPECTED[proxy][app_id] in text, (app_id, text[:600])
        if app_id == "signal":
            assert EXPECTED[proxy]["export"] in text
            assert any(EXPECTED[proxy]["site"] in part for part in message_text(answer).split("<"))
        assert answer["blocks"][-1]["type"] == "actions" and len(answer["blocks"]) <= 50


def test_proxy_shows_the_choice_and_none_goes_back_to_the_neutral_wording(slack):
    assert "neutral wording" in read(slack.command("proxy").get_json())
    slack.command("proxy panos")
    assert "Palo Alto Networks PAN-OS" in read(slack.command("proxy").get_json())
    assert "PAN-OS" in read(slack.command(QUERIES["signal"]).get_json())
    slack.command("proxy none")
    assert "On Palo Alto" not in read(slack.command(QUERIES["signal"]).get_json())


def test_an_unknown_proxy_is_refused_and_nothing_changes(slack):
    reply = slack.command("proxy bluecoat").get_json()
    assert "no proxy pindesk knows" in read(reply) and "checkpoint" in read(reply)
    assert "neutral wording" in read(slack.command("proxy").get_json())


def test_mentions_and_direct_messages_use_the_workspace_choice(slack, fake_slack):
    slack.command("proxy squid")
    slack.event({"type": "app_mention", "user": "U0001", "text": "<@UBOT0001> " + QUERIES["signal"],
                 "channel": "C0001", "ts": "1700000000.000100"})
    [posted] = fake_slack.wait_for("/chat.postMessage")
    assert "Splice Signal's connections" in " ".join(html.unescape(message_text(posted["body"])).split())


def test_the_service_default_applies_until_the_workspace_chooses(make_slack_app, fake_slack):
    slack = Slack(make_slack_app(**slack_config(fake_slack, PROXY="cloudflare")).test_client(), fake_slack)
    assert EXPECTED["cloudflare"]["signal"] in read(slack.command(QUERIES["signal"]).get_json())
    slack.command("proxy none")
    assert "Do Not Inspect for Signal" not in read(slack.command(QUERIES["signal"]).get_json())


def test_without_a_choice_the_answer_is_unchanged(slack):
    text = message_text(slack.command(QUERIES["netflix"]).get_json())
    assert "*On " not in text and "Already in" not in text
