"""Lookup, apps, one app, one article; JSON 404 and 405 under /api."""
import json

import pytest


def test_lookup_names_the_apps_covering_a_host(client, run_cli):
    response = client.get("/api/v1/lookup", query_string={"host": "https://chat.signal.org/v1/websocket"})
    assert response.status_code == 200
    assert response.get_json() == json.loads(run_cli("lookup", "--json", "https://chat.signal.org/v1/websocket").stdout)
    assert response.get_json()["apps"]


@pytest.mark.parametrize("url", ["/api/v1/lookup", "/api/v1/lookup?host=", "/api/v1/lookup?host=%21%21%21"])
def test_lookup_without_a_host_is_400(client, url):
    response = client.get(url)
    assert response.status_code == 400 and response.get_json()["error"]


def test_apps_lists_the_catalog(client, catalog, run_cli):
    response = client.get("/api/v1/apps")
    assert response.status_code == 200
    assert response.get_json() == json.loads(run_cli("apps", "--json").stdout)
    assert len(response.get_json()) == len(catalog.apps)


def test_one_app_and_one_article(client, run_cli):
    app = client.get("/api/v1/apps/netflix")
    assert app.status_code == 200
    assert app.get_json() == json.loads(run_cli("show", "--json", "netflix").stdout)
    article = client.get("/api/v1/articles/recognising-pinning")
    assert article.status_code == 200
    assert article.get_json() == json.loads(run_cli("show", "--article", "--json", "recognising-pinning").stdout)


@pytest.mark.parametrize("url", ["/api/v1/apps/no-such-app", "/api/v1/articles/no-such-article",
                                 "/api/v1/nowhere", "/api/v2/ask"])
def test_unknown_ids_and_routes_are_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.get_json()["error"]


def test_wrong_method_is_json_405_with_allow(client):
    response = client.delete("/api/v1/ask")
    assert response.status_code == 405 and response.mimetype == "application/json"
    assert "GET" in response.headers["Allow"]
    assert client.post("/api/v1/apps", json={}).status_code == 405


def test_an_unexpected_failure_is_a_plain_json_500(app, client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(app.extensions["pindesk_live"].current(), "ask", broken)
    response = client.get("/api/v1/ask?q=netflix")
    assert response.status_code == 500
    assert response.get_json() == {"error": "internal error"}
