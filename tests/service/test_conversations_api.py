"""POST /api/v1/conversations and /conversations/<id>: questions back, replies that settle them, errors."""
import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.test import EnvironBuilder

from pindesk.service.openapi import SPEC

START = "/api/v1/conversations"


def say(client, message, conversation_id=None):
    """Post a message, to a new conversation or to one under way; the response."""
    return client.post(f"{START}/{conversation_id}" if conversation_id else START, json={"message": message})


def test_the_ambiguous_query_gets_a_question_naming_both_apps_and_a_reply_settles_it(client):
    started = say(client, "No Internet Connection")
    assert started.status_code == 201
    body = started.get_json()
    assert body["answer"]["outcome"] == "ambiguous" and body["id"]
    options = {option["label"]: option["value"] for option in body["question"]["options"]}
    assert {"Overcast", "TrainingPeaks"} <= set(options)
    replied = say(client, options["TrainingPeaks"], body["id"])
    assert replied.status_code == 200
    reply = replied.get_json()
    assert reply["id"] == body["id"] and reply["question"] is None
    assert reply["answer"]["outcome"] == "answered" and reply["answer"]["matches"][0]["name"] == "TrainingPeaks"


def test_a_reply_typed_in_words_refines_the_first_turn(client):
    started = say(client, "the store won't load").get_json()
    assert started["question"] is not None
    reply = say(client, "it's on android", started["id"]).get_json()
    assert reply["answer"]["matches"][0]["id"] == "google-play-store"


def test_an_uncovered_query_that_works_at_home_too_is_probably_not_inspection(client):
    started = say(client, "WhatsApp won't connect").get_json()
    assert started["answer"]["outcome"] == "abstained" and started["question"] is not None
    reply = say(client, "it works at home too", started["id"]).get_json()
    assert "probably not" in reply["answer"]["message"].lower() and reply["answer"]["matches"] == []
    assert reply["question"] is None


def test_a_confident_answer_asks_nothing(client):
    body = say(client, "netflix on my iphone says currently unavailable").get_json()
    assert body["question"] is None and body["answer"]["matches"][0]["id"] == "netflix"


def test_an_unknown_conversation_is_404_json(client):
    response = say(client, "Overcast", "not-a-conversation")
    assert response.status_code == 404 and "conversation" in response.get_json()["error"]


@pytest.mark.parametrize("body, status", [
    ({"message": "x" * 4001}, 413), ({"message": ""}, 400), ({}, 400), ({"message": 7}, 400),
    ({"message": "netflix", "platform": "ios"}, 400), ({"message": "?!?"}, 400),
])
def test_bad_messages_are_refused(client, body, status):
    response = client.post(START, json=body)
    assert response.status_code == status and response.get_json()["error"]


def test_a_message_that_is_not_json_is_415(client):
    assert client.post(START, data="message=hi", content_type="text/plain").status_code == 415


def test_a_store_that_is_down_gives_a_single_answer_not_an_error(make_app, down_url):
    client = make_app(down_url).test_client()
    started = say(client, "No Internet Connection")
    assert started.status_code == 201
    body = started.get_json()
    assert body["id"] is None and body["question"] is None and body["answer"]["outcome"] == "ambiguous"
    assert say(client, "Overcast", "some-id").get_json()["answer"]["matches"][0]["id"] == "overcast"


def test_conversations_are_rate_limited_like_the_rest_of_the_api(make_app, tmp_path):
    client = make_app(f"sqlite:///{tmp_path / 'limited.sqlite3'}", RATELIMIT="2/minute").test_client()
    assert [say(client, "netflix").status_code for _ in range(3)] == [201, 201, 429]


def test_a_continued_conversation_matches_the_openapi_document(client):
    spec = OpenAPI.from_dict(SPEC)
    conversation_id = say(client, "No Internet Connection").get_json()["id"]
    for message in ("none of these", "yes"):
        url = f"{START}/{conversation_id}"
        response = client.post(url, json={"message": message})
        request = EnvironBuilder(path=url, method="POST", json={"message": message}).get_request()
        spec.validate_request(WerkzeugOpenAPIRequest(request))
        spec.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
