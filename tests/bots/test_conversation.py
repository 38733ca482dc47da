"""Conversations in Slack: a question back with buttons, replies in the thread, the slash command's ids."""
import json
import time
from urllib.parse import urlencode

from .conftest import BOT_USER, button_labelled, buttons, message_text

THREAD = "1700000000.000100"


def mention(text: str, **more) -> dict:
    return {"type": "app_mention", "user": "U0001", "text": f"<@{BOT_USER}> {text}", "ts": THREAD,
            "channel": "C0001", **more}


def direct_message(text: str, ts: str, **more) -> dict:
    return {"type": "message", "channel_type": "im", "user": "U0001", "text": text, "ts": ts, "channel": "D0001",
            **more}


def posted(fake_slack, count: int) -> dict:
    """The count-th message the bot posted with chat.postMessage."""
    calls = fake_slack.wait_for("/chat.postMessage", count=count)
    assert len(calls) >= count, "the bot posted nothing"
    return calls[count - 1]["body"]


def click_in_thread(slack, button: dict, thread_ts: str | None, channel: str = "C0001") -> None:
    """A click on a button of a message the bot posted in a channel (in a thread, or at the top of a DM)."""
    container = {"type": "message", "is_ephemeral": False, "channel_id": channel, "message_ts": "1700000001.1"}
    if thread_ts:
        container["thread_ts"] = thread_ts
    payload = {"type": "block_actions", "team": {"id": "T0001"}, "user": {"id": "U0001"}, "api_app_id": "A0001",
               "trigger_id": "1.2.3", "container": container, "channel": {"id": channel},
               "message": {"ts": "1700000001.1", "thread_ts": thread_ts} if thread_ts else {"ts": "1700000001.1"},
               "response_url": f"{slack.fake.url}/response/click",
               "actions": [{**button, "block_id": "b1", "action_ts": str(time.time())}]}
    slack.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def test_the_slash_command_asks_which_app_and_a_button_answers_it(slack):
    reply = slack.command("No Internet Connection").get_json()
    assert "Which of these apps is it?" in message_text(reply)
    button_labelled(reply, "Overcast")
    button_labelled(reply, "TrainingPeaks")
    answered = slack.press(reply, "TrainingPeaks")
    assert answered["response_type"] == "ephemeral"
    text = message_text(answered)
    assert "*TrainingPeaks*" in text and "What to do" in text and "Which of these apps" not in text


def test_a_mention_thread_is_one_conversation(slack, fake_slack):
    slack.event(mention("No Internet Connection"))
    first = posted(fake_slack, 1)
    assert first["thread_ts"] == THREAD and "Or reply here in your own words." in message_text(first)
    slack.event(mention("it's Overcast", ts="1700000005.000100", thread_ts=THREAD))
    second = posted(fake_slack, 2)
    assert second["thread_ts"] == THREAD and "*Overcast*" in message_text(second)
    assert "Which of these apps" not in message_text(second)


def test_an_uncovered_query_that_works_at_home_too_is_probably_not_inspection(slack, fake_slack):
    slack.event(mention("WhatsApp won't connect"))
    assert buttons(posted(fake_slack, 1))
    slack.event(mention("it works at home too", ts="1700000005.000100", thread_ts=THREAD))
    text = message_text(posted(fake_slack, 2))
    assert "Probably not TLS inspection" in text and "Domains to exempt" not in text


def test_a_button_in_a_thread_answers_in_that_thread(slack, fake_slack):
    slack.event(mention("the app store won't load"))
    store = button_labelled(posted(fake_slack, 1), "iOS App Store")
    click_in_thread(slack, store, THREAD)
    answered = posted(fake_slack, 2)
    assert answered["thread_ts"] == THREAD and "iOS App Store" in message_text(answered)


def test_a_direct_message_continues_while_a_question_waits_then_starts_afresh(slack, fake_slack):
    slack.event(direct_message("the app store won't load", "1700000010.000100"))
    assert "Which of these apps is it?" in message_text(posted(fake_slack, 1))
    slack.event(direct_message("it's on android", "1700000011.000100"))
    answered = posted(fake_slack, 2)
    assert not answered.get("thread_ts") and "Google Play Store" in message_text(answered)
    slack.event(direct_message("No Internet Connection", "1700000012.000100"))
    assert "Which of these apps is it?" in message_text(posted(fake_slack, 3))  # a new problem


def test_a_button_at_the_top_of_a_dm_answers_there(slack, fake_slack):
    slack.event(direct_message("No Internet Connection", "1700000010.000100"))
    click_in_thread(slack, button_labelled(posted(fake_slack, 1), "Overcast"), None, channel="D0001")
    answered = posted(fake_slack, 2)
    assert answered["channel"] == "D0001" and not answered.get("thread_ts") and "*Overcast*" in message_text(answered)


def forged(button: dict, value) -> dict:
    """The same button with a value someone else made up."""
    return {**button, "value": value if isinstance(value, str) else json.dumps(value)}


def test_question_buttons_with_values_that_are_not_ours_get_a_notice(slack):
    option = button_labelled(slack.command("No Internet Connection").get_json(), "Overcast")
    conversation_id = json.loads(option["value"])["c"]
    for value, notice in [({"q": "overcast", "c": "../../etc"}, "not one of pindesk's"),
                          ({"q": "overcast"}, "not one of pindesk's"),
                          ({"q": "x" * 4001, "c": conversation_id}, "not one of pindesk's"),
                          ({"q": "overcast", "c": "unknownConversation"}, "expired"),
                          ("not json", "not one of pindesk's")]:
        before = len(slack.fake.received("/response/click"))
        slack.click(forged(option, value))
        reply = slack.fake.wait_for("/response/click", count=before + 1)[-1]["body"]
        assert notice in message_text(reply) and reply["response_type"] == "ephemeral"
