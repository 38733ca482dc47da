"""GET and POST /api/v1/ask: the CLI's JSON answer, and a JSON error for every bad input."""
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.wrappers import Request

from pindesk.knowledge.text import MAX_QUERY_CHARS
from pindesk.service import inputs


def test_get_gives_the_same_object_as_the_cli(client, run_cli):
    query = "netflix on my iphone says currently unavailable"
    response = client.get("/api/v1/ask", query_string={"q": query})
    assert response.status_code == 200 and response.mimetype == "application/json"
    cli = run_cli("ask", "--json", query)
    assert response.get_json() == json.loads(cli.stdout)
    assert response.get_json()["matches"][0]["id"] == "netflix"


def test_post_takes_json_with_platform_and_limit(client, run_cli):
    body = {"query": "store won't load", "platform": "android", "limit": 2}
    response = client.post("/api/v1/ask", json=body)
    assert response.status_code == 200
    cli = run_cli("ask", "--json", "--platform", "android", "--limit", "2", "store won't load")
    assert response.get_json() == json.loads(cli.stdout)
    assert response.get_json()["platform"] == "android"


def test_keys_keep_the_order_of_the_cli(client):
    keys = list(client.get("/api/v1/ask?q=imessage+won%27t+send").get_json())
    assert keys[:3] == ["query", "answered", "outcome"]


@pytest.mark.parametrize("url", ["/api/v1/ask", "/api/v1/ask?q=", "/api/v1/ask?q=%20%20",
                                 "/api/v1/ask?q=%00%00", "/api/v1/ask?q=%21%21%3F"])
def test_missing_or_empty_query_is_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.get_json()["error"]


def test_query_over_the_limit_is_413(client):
    response = client.get("/api/v1/ask", query_string={"q": "a" * (MAX_QUERY_CHARS + 1)})
    assert response.status_code == 413 and "limit" in response.get_json()["error"]
    response = client.post("/api/v1/ask", json={"query": "b " * MAX_QUERY_CHARS})
    assert response.status_code == 413


def test_body_over_the_size_cap_is_json_413(client):
    response = client.post("/api/v1/ask", data=b'{"query": "' + b"x" * 200_000 + b'"}',
                           content_type="application/json")
    assert response.status_code == 413 and "error" in response.get_json()


def test_a_body_over_the_size_cap_sent_in_chunks_is_413_not_malformed(client):
    # As a server that reads chunked bodies (and says so with wsgi.input_terminated) hands it on.
    response = client.post("/api/v1/ask", input_stream=io.BytesIO(b"a" * 10_000_000), content_type="application/json",
                           headers={"Transfer-Encoding": "chunked"}, environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 413 and "64 KiB" in response.get_json()["error"]


def test_nul_bytes_in_a_query_are_dropped(client):
    response = client.get("/api/v1/ask", query_string={"q": "netflix\x00 currently unavailable"})
    assert response.status_code == 200
    assert "\x00" not in response.get_json()["query"]


@pytest.mark.parametrize("data", [b"{not json", b"\xff\xfe\x00binary", b"", b'["a list"]', b"null"])
def test_malformed_or_non_object_body_is_400(client, data):
    response = client.post("/api/v1/ask", data=data, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]


@pytest.mark.parametrize("body", [{"query": 42}, {"query": None}, {"query": "netflix", "limit": 0},
                                  {"query": "netflix", "limit": "5"}, {"query": "netflix", "limit": True},
                                  {"query": "netflix", "platform": "amiga"}, {"query": "x", "extra": 1}])
def test_wrong_fields_are_400(client, body):
    assert client.post("/api/v1/ask", json=body).status_code == 400


def test_get_limit_and_platform_are_checked(client):
    assert client.get("/api/v1/ask?q=netflix&limit=abc").status_code == 400
    assert client.get("/api/v1/ask?q=netflix&limit=51").status_code == 400
    assert client.get("/api/v1/ask?q=netflix&platform=amiga").status_code == 400
    for digit in ("%C2%B9", "%D9%A3", "%EF%BC%95"):  # superscript one, Arabic-Indic three, fullwidth five
        refused = client.get(f"/api/v1/ask?q=netflix&limit={digit}")
        assert refused.status_code == 400 and "whole number" in refused.get_json()["error"]
    assert len(client.get("/api/v1/ask?q=netflix&limit=1").get_json()["matches"]) <= 1


def test_wrong_content_type_is_415(client):
    response = client.post("/api/v1/ask", data="query=netflix", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415 and response.get_json()["error"]


def test_html_in_a_query_comes_back_only_inside_json(client):
    query = "<script>alert(1)</script> netflix"
    response = client.get("/api/v1/ask", query_string={"q": query})
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.get_json()["query"] == query
    error = client.get("/api/v1/nothing-<b>here</b>")
    assert error.status_code == 404 and error.mimetype == "application/json"


def test_url_parameters_are_read_as_werkzeug_reads_them(client):
    """Repeated parameters give their first value, '+' is a space, and bytes that are not UTF-8 (gunicorn
    refuses them raw; a server in front may pass them on) stay percent-encoded instead of failing."""
    first = client.get("/api/v1/ask?q=netflix+currently+unavailable&q=yelp&limit=1&limit=9").get_json()
    assert first["query"] == "netflix currently unavailable" and len(first["matches"]) == 1
    raw = client.get("/api/v1/ask", environ_overrides={"QUERY_STRING": "q=netflix \xff"})
    assert raw.status_code == 200 and raw.get_json()["query"] == "netflix %FF"


# Pieces of query strings: percent-escapes of ASCII, of UTF-8 sequences whole and cut short, and any character.
URL_TEXT = st.lists(st.sampled_from(["%", "%2", "%20", "%C3", "%A9", "%E2%82", "%AC", "%FF", "%2B", "%26", "%3D", "+",
                                     "&", "=", ";", "q", "Q", "é", "€", "😀", "\x00"])
                    | st.characters(blacklist_categories=("Cs",)), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(URL_TEXT)
def test_url_parameters_read_as_werkzeug_reads_any_query_string(text):
    """Any query string, UTF-8 as a browser sends it and as WSGI hands it on (latin-1 text of the bytes)."""
    environ = {"QUERY_STRING": text.encode().decode("latin-1")}
    assert inputs.url_params(environ) == Request(environ).args.to_dict()
