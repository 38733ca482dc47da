"""Each button: share, feedback, candidates, all domains, the bypass list."""
import json

import pytest

from .conftest import ADMIN_TOKEN, Slack, button_labelled, message_text, slack_config


def answer_to(slack, text: str) -> dict:
    """The ephemeral answer the slash command gives."""
    return slack.command(text).get_json()


def insights(slack_app) -> dict:
    """What the admin sees at /api/v1/insights."""
    return slack_app.test_client().get("/api/v1/insights",
                                       headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}).get_json()


def test_share_in_channel_posts_the_same_answer_for_everyone(slack):
    shared = slack.press(answer_to(slack, "netflix says currently unavailable"), "Share in channel")
    assert shared["response_type"] == "in_channel" and shared["replace_original"] is False
    text = message_text(shared)
    assert "Netflix" in text and "Shared by <@U0001>" in text
    assert "Share in channel" not in text


def test_helpful_is_stored_and_counted_in_insights(slack, slack_app):
    thanks = slack.press(answer_to(slack, "netflix says currently unavailable"), "Helpful")
    assert "Thanks" in message_text(thanks) and thanks["response_type"] == "ephemeral"
    rows = insights(slack_app)["helpfulness"]
    assert rows == [{"id": "netflix", "type": "app", "name": "Netflix", "helpful": 1, "not_helpful": 0}]


def test_not_helpful_is_stored_with_the_web_forms_feedback(slack, slack_app):
    client = slack_app.test_client()
    client.post("/api/v1/feedback", json={"query": "netflix broken", "id": "netflix", "helpful": True})
    slack.press(answer_to(slack, "netflix says currently unavailable"), "Not helpful")
    [row] = insights(slack_app)["helpfulness"]
    assert (row["id"], row["helpful"], row["not_helpful"]) == ("netflix", 1, 1)


def test_a_candidate_button_opens_that_apps_entry(slack):
    opened = slack.press(answer_to(slack, "app says No Internet Connection"), "Overcast")
    text = message_text(opened)
    assert "*Overcast*" in text and "What to do" in text
    assert opened["response_type"] == "ephemeral"
    button_labelled(opened, "Share in channel")


def test_show_all_domains_lists_every_domain_of_a_long_list(slack, catalog):
    app = max(catalog.apps, key=lambda a: len(a.domains + a.note_domains))
    entry = slack.press(answer_to(slack, f"lookup {app.domains[0].lstrip('.')}"), app.display_name)
    assert "more" in message_text(entry) and f"`{app.domains[-1]}`" not in message_text(entry)
    full = message_text(slack.press(entry, "Show all domains"))
    assert all(f"`{domain}`" in full for domain in app.domains + app.note_domains)


def test_get_bypass_config_gives_the_apps_domains_to_paste(slack):
    entry = slack.press(answer_to(slack, "lookup chat.signal.org"), "Signal")
    text = message_text(slack.press(entry, "Get bypass config"))
    assert "```\n" in text and ".signal.org\n" in text and ".whispersystems.org" in text
    assert "--format zia" in text


def test_get_bypass_config_for_an_app_without_domains_recommends_its_cloud_app(slack):
    text = message_text(slack.press(answer_to(slack, "netflix says currently unavailable"), "Get bypass config"))
    assert "no known domains for Netflix" in text and "cloud application" in text


def forged(button: dict, value: dict) -> dict:
    """The same button with a value that Slack did not get from pindesk."""
    return {**button, "value": json.dumps(value)}


@pytest.mark.parametrize("value", [
    {"q": "netflix", "id": "x" * 500},              # an id no catalog has, longer than the store's column
    {"q": "netflix", "id": ["netflix"]},            # not text at all
    {"q": "netflix\x00 down", "id": "netflix"},     # a NUL byte PostgreSQL would refuse
    {"q": "", "id": "netflix"},                     # nothing asked
])
def test_a_feedback_button_with_a_forged_value_is_refused_and_stores_nothing(make_slack_app, fake_slack,
                                                                             database_url, value):
    slack_app = make_slack_app(**slack_config(fake_slack, DATABASE_URL=database_url))
    slack = Slack(slack_app.test_client(), fake_slack)
    helpful = button_labelled(answer_to(slack, "netflix says currently unavailable"), "Helpful")
    before = len(slack.fake.received("/response/click"))
    slack.click(forged(helpful, value))
    reply = slack.fake.wait_for("/response/click", count=before + 1)[-1]["body"]
    assert "cannot be kept" in message_text(reply)
    assert insights(slack_app)["helpfulness"] == []
    assert slack_app.test_client().get("/readyz").get_json()["store"] == "ok"  # refused before the store


def test_a_candidate_button_naming_no_app_gets_a_notice(slack):
    candidate = button_labelled(answer_to(slack, "lookup chat.signal.org"), "Signal")
    before = len(slack.fake.received("/response/click"))
    slack.click(forged(candidate, {"q": "x", "app": "no-such-app"}))
    reply = slack.fake.wait_for("/response/click", count=before + 1)[-1]["body"]
    assert "no longer in the catalog" in message_text(reply)
