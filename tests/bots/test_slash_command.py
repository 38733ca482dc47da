"""The slash command: an answer in the acknowledgement, only for the person who asked."""
import time

from .conftest import ADMIN_TOKEN, button_labelled, message_text


def test_a_symptom_gets_an_answer_naming_the_app_within_three_seconds(slack):
    started = time.monotonic()
    response = slack.command("netflix says currently unavailable")
    assert response.status_code == 200
    assert time.monotonic() - started < 3
    reply = response.get_json()
    assert reply["response_type"] == "ephemeral"
    assert "Netflix" in message_text(reply)
    assert "Exempt the predefined Netflix application" in message_text(reply)
    for label in ("Helpful", "Not helpful", "Share in channel", "Get bypass config"):
        button_labelled(reply, label)


def test_help_and_an_empty_command_explain_usage_with_examples(slack):
    for text in ("help", ""):
        reply = slack.command(text).get_json()
        assert "/pindesk netflix says currently unavailable" in message_text(reply)
        assert "/pindesk lookup" in message_text(reply)


def test_lookup_names_the_apps_whose_lists_cover_a_host(slack):
    reply = slack.command("lookup https://chat.signal.org/v1/websocket").get_json()
    text = message_text(reply)
    assert "chat.signal.org" in text and "Signal" in text and "`.signal.org`" in text
    button_labelled(reply, "Signal")


def test_lookup_of_a_host_in_no_list_points_to_checking_an_unlisted_app(slack):
    text = message_text(slack.command("lookup example.org").get_json())
    assert "in no app's list" in text and "Checking an app that is not in the catalog" in text


def test_lookup_of_something_that_is_no_host_says_how_to_ask(slack):
    text = message_text(slack.command("lookup !!!").get_json())
    assert "is not a host name or URL" in text


def test_an_ambiguous_answer_offers_a_button_per_candidate(slack):
    reply = slack.command("app says No Internet Connection").get_json()
    assert "Several entries fit equally" in message_text(reply)
    button_labelled(reply, "Overcast")
    button_labelled(reply, "TrainingPeaks")


def test_an_app_outside_the_catalog_is_said_so_with_the_nearest_entries_and_remembered(slack, slack_app):
    reply = slack.command("tiktok won't load").get_json()
    text = message_text(reply)
    assert "Not in the catalog" in text and "Checking an app that is not in the catalog" in text
    assert "Nearest entries" in text
    insights = slack_app.test_client().get("/api/v1/insights", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert {"query": "tiktok won't load", "count": 1} in insights.get_json()["unanswered"]


def test_a_question_about_pinning_gets_the_article(slack):
    text = message_text(slack.command("what is certificate pinning").get_json())
    assert "What certificate pinning is" in text


def test_a_channel_mention_in_the_text_comes_back_escaped(slack):
    reply = slack.command("<!channel> <@U123> netflix says currently unavailable & more").get_json()
    text = message_text(reply)
    assert "&lt;!channel&gt;" in text and "&lt;@U123&gt;" in text and "&amp; more" in text
    assert "<!channel>" not in text and "<@U123>" not in text


def test_a_query_over_the_limit_gets_a_short_message(slack):
    reply = slack.command("netflix " * 600).get_json()
    assert "characters" in message_text(reply)
    assert len(reply["blocks"]) == 1


def test_the_command_name_is_configurable(make_slack_app, fake_slack):
    from .conftest import Slack, slack_config
    app = make_slack_app(**slack_config(fake_slack, SLACK_COMMAND="/pin"))
    slack = Slack(app.test_client(), fake_slack)
    assert "Netflix" in message_text(slack.command("netflix says currently unavailable", command="/pin").get_json())
    assert "/pin lookup" in message_text(slack.command("help", command="/pin").get_json())


def test_slack_answers_are_counted_in_the_metrics(slack):
    def answered_count():
        metrics = slack.client.get("/metrics").get_data(as_text=True)
        prefix = 'pindesk_answers_total{outcome="answered"}'
        line = next((row for row in metrics.splitlines() if row.startswith(prefix)), None)
        return float(line.split()[-1]) if line else 0.0
    before = answered_count()
    slack.command("netflix says currently unavailable")
    assert answered_count() == before + 1
