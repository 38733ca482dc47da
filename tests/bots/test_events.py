"""Mentions answered in a thread, direct messages answered in place; bots and retries left alone."""
import json
import time

from .conftest import BOT_USER, message_text


def mention(text: str, **more) -> dict:
    return {"type": "app_mention", "user": "U0001", "text": f"<@{BOT_USER}> {text}", "ts": "1700000000.000100",
            "channel": "C0001", **more}


def direct_message(text: str, **more) -> dict:
    return {"type": "message", "channel_type": "im", "user": "U0001", "text": text, "ts": "1700000000.000200",
            "channel": "D0001", **more}


def test_a_mention_is_answered_in_a_thread_under_it(slack, fake_slack):
    assert slack.event(mention("netflix says currently unavailable")).status_code == 200
    [posted] = fake_slack.wait_for("/chat.postMessage")
    assert posted["body"]["channel"] == "C0001"
    assert posted["body"]["thread_ts"] == "1700000000.000100"
    assert "Netflix" in message_text(posted["body"])
    assert "Share in channel" not in message_text(posted["body"])  # it is in the channel already


def test_the_bots_own_mention_inside_the_text_is_not_part_of_the_question(slack, fake_slack):
    slack.event(mention(f"netflix says currently unavailable, <@{BOT_USER}> any idea?"))
    [posted] = fake_slack.wait_for("/chat.postMessage")
    assert BOT_USER not in message_text(posted["body"]) and "Netflix" in message_text(posted["body"])


def test_a_mention_inside_a_thread_is_answered_in_that_thread(slack, fake_slack):
    slack.event(mention("help", thread_ts="1699999999.000001"))
    [posted] = fake_slack.wait_for("/chat.postMessage")
    assert posted["body"]["thread_ts"] == "1699999999.000001"
    assert "lookup" in message_text(posted["body"])


def test_a_direct_message_is_answered_in_the_conversation(slack, fake_slack):
    assert slack.event(direct_message("imessage won't send from the office")).status_code == 200
    [posted] = fake_slack.wait_for("/chat.postMessage")
    assert posted["body"]["channel"] == "D0001"
    assert not posted["body"].get("thread_ts")
    assert "iMessage" in message_text(posted["body"])


def test_a_host_slack_turned_into_a_link_is_read_as_typed(slack, fake_slack):
    slack.event(direct_message("lookup <http://chat.signal.org|chat.signal.org>"))
    [posted] = fake_slack.wait_for("/chat.postMessage")
    assert "Signal" in message_text(posted["body"])


def test_messages_from_bots_and_edits_get_no_answer(slack, fake_slack):
    slack.event(direct_message("netflix says currently unavailable", bot_id="B0002"))
    slack.event(direct_message("netflix says currently unavailable", subtype="message_changed"))
    slack.event(mention("netflix says currently unavailable", bot_id="B0002"))
    slack.event(direct_message("help"))  # a person's message after them: answered
    fake_slack.wait_for("/chat.postMessage")
    time.sleep(0.3)
    [posted] = fake_slack.received("/chat.postMessage")
    assert "lookup" in message_text(posted["body"])


def test_a_retry_is_acknowledged_without_a_second_answer(slack, fake_slack):
    event = mention("netflix says currently unavailable")
    assert slack.event(event).status_code == 200
    fake_slack.wait_for("/chat.postMessage")
    retry = slack.event(event, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status_code == 200
    time.sleep(0.5)
    assert len(fake_slack.received("/chat.postMessage")) == 1


def test_the_url_verification_challenge_is_answered(slack):
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"type": "url_verification", "token": "legacy", "challenge": challenge})
    response = slack.post(body, "application/json")
    assert response.status_code == 200
    assert response.get_json() == {"challenge": challenge}


def test_the_echoed_text_of_a_mention_cannot_ping_the_channel(slack, fake_slack):
    slack.event(mention("&lt;!channel&gt; <!channel> netflix says currently unavailable"))
    [posted] = fake_slack.wait_for("/chat.postMessage")
    text = message_text(posted["body"])
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text
