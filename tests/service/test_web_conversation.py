"""The web form's conversation without JavaScript: the question's options are buttons in a form."""
import html
import re

import pytest


def text_of(response) -> str:
    """The response body as text."""
    return response.get_data(as_text=True)


def form_fields(page: str, form_class: str) -> dict:
    """The hidden fields of a form on the page (the CSRF token among them), as a browser sends them."""
    form = re.search(rf'<form class="{form_class}".*?</form>', page, re.S).group(0)
    return {name: html.unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)}


def buttons(page: str) -> dict:
    """The question's option buttons: label to value."""
    form = re.search(r'<form class="options".*?</form>', page, re.S).group(0)
    return {html.unescape(label): html.unescape(value) for value, label in
            re.findall(r'<button type="submit" name="choice" value="([^"]*)">([^<]*)</button>', form)}


def press(client, page: str, label: str):
    """Press an option's button; the page the redirect leads to."""
    response = client.post("/reply", data={**form_fields(page, "options"), "choice": buttons(page)[label]})
    assert response.status_code == 302 and "c=" in response.headers["Location"]
    return client.get(response.headers["Location"])


def answer_in_words(client, page: str, words: str):
    """Type a reply and send it; the page the redirect leads to."""
    response = client.post("/reply", data={**form_fields(page, "reply"), "message": words})
    assert response.status_code == 302
    return client.get(response.headers["Location"])


def test_the_ambiguous_query_asks_with_a_button_per_app_and_pressing_one_answers_it(client):
    page = text_of(client.get("/", query_string={"q": "No Internet Connection"}))
    assert "Which of these apps is it?" in page
    assert {"Overcast", "TrainingPeaks", "None of these"} <= set(buttons(page))
    answered = text_of(press(client, page, "Overcast"))
    assert "Several fit" not in answered and "Catalog name: <strong>Overcast</strong>" in answered
    assert '<ol class="said"' in answered and "<li>Overcast</li>" in answered
    assert "Which of these apps is it?" not in answered


def test_a_reply_in_words_refines_the_first_message(client):
    page = text_of(client.get("/", query_string={"q": "the store won't load"}))
    answered = text_of(answer_in_words(client, page, "it's on android"))
    assert "Google Play Store" in answered and "Not in the catalog" not in answered


def test_an_uncovered_query_that_works_at_home_too_is_probably_not_inspection(client):
    page = text_of(client.get("/", query_string={"q": "WhatsApp won't connect"}))
    answered = text_of(answer_in_words(client, page, "it works at home too"))
    assert "Probably not TLS inspection" in answered and "Domains to exempt" not in answered


def test_the_conversation_goes_on_from_its_page(client):
    page = text_of(client.get("/", query_string={"q": "my laptop is slow"}))
    second = text_of(answer_in_words(client, page, "works fine at home"))
    assert 'name="c"' in second and "Which of these" in second
    third = text_of(press(client, second, "None of these"))
    assert "<li>works fine at home</li>" in third and "<li>None of these</li>" in third


def test_a_reply_without_the_csrf_token_is_refused(client):
    response = client.post("/reply", data={"q": "No Internet Connection", "choice": "overcast"})
    assert response.status_code == 400


def test_an_unknown_conversation_is_a_404_page(client):
    response = client.get("/", query_string={"c": "no-such-conversation"})
    assert response.status_code == 404 and "<html" in text_of(response)


def test_answering_as_someone_types_shows_the_question_and_keeps_nothing(client, admin_headers):
    fragment = text_of(client.get("/answer", query_string={"q": "the store won't l"}))
    assert '<form class="options"' in fragment and 'name="c"' not in fragment
    assert client.get("/api/v1/insights", headers=admin_headers).get_json()["unanswered"] == []


def test_what_was_said_is_escaped(client):
    page = text_of(client.get("/", query_string={"q": "No Internet Connection"}))
    answered = text_of(answer_in_words(client, page, "<script>alert(1)</script> the podcast one"))
    assert "<script>alert(1)</script>" not in answered and "&lt;script&gt;" in answered


def test_feedback_on_a_conversation_comes_back_to_it(client):
    page = text_of(client.get("/", query_string={"q": "No Internet Connection"}))
    answered = text_of(press(client, page, "TrainingPeaks"))
    response = client.post("/feedback", data={**form_fields(answered, "feedback-form"), "helpful": "yes"})
    assert response.status_code == 302 and "c=" in response.headers["Location"]


@pytest.fixture
def down_client(make_app, down_url):
    """The service over a store that cannot be reached."""
    return make_app(down_url).test_client()


def test_a_store_that_is_down_gives_the_replys_own_answer(down_client):
    page = text_of(down_client.get("/", query_string={"q": "No Internet Connection"}))
    response = down_client.post("/reply", data={**form_fields(page, "options"), "choice": "overcast"})
    assert response.status_code == 200 and "Overcast" in text_of(response)
