"""proxy= on /api/v1/ask and /api/v1/apps/<id>: the answer in that proxy's words, PINDESK_PROXY the default."""
import pytest

from tests.knowledge.proxy_expectations import APPS, EXPECTED, QUERIES


def words(advice: dict) -> str:
    """The advice's summary and steps as one text."""
    return " ".join([advice["summary"]] + [step["text"] for step in advice["steps"]])


@pytest.mark.parametrize("proxy", EXPECTED)
@pytest.mark.parametrize("app_id", APPS)
def test_ask_and_app_in_the_proxys_words(proxied_service, proxy, app_id):
    client = proxied_service()
    answer = client.get("/api/v1/ask", query_string={"q": QUERIES[app_id], "proxy": proxy}).get_json()
    [advice] = answer["advice"]
    assert advice["app"] == app_id and EXPECTED[proxy][app_id] in words(advice)
    posted = client.post("/api/v1/ask", json={"query": QUERIES[app_id], "proxy": proxy}).get_json()
    assert posted["advice"] == answer["advice"]
    entry = client.get(f"/api/v1/apps/{app_id}", query_string={"proxy": proxy}).get_json()
    assert entry["advice"] == advice
    if app_id == "signal":
        assert EXPECTED[proxy]["export"] in advice["export"]["content"]
        assert any(EXPECTED[proxy]["site"] in link for link in advice["links"])


def test_the_service_default_and_the_request_override(proxied_service):
    client = proxied_service(PROXY="panos")
    answer = client.get("/api/v1/ask?q=signal+won%27t+send").get_json()
    assert answer["advice"][0]["proxy"] == "panos"
    assert client.get("/api/v1/ask?q=signal+won%27t+send&proxy=squid").get_json()["advice"][0]["proxy"] == "squid"
    neutral = client.get("/api/v1/ask?q=signal+won%27t+send&proxy=").get_json()
    assert "advice" not in neutral
    assert "advice" not in client.get("/api/v1/apps/signal?proxy=").get_json()


def test_without_a_profile_nothing_changes(proxied_service):
    client = proxied_service()
    assert "advice" not in client.get("/api/v1/ask?q=signal+won%27t+send").get_json()
    assert "advice" not in client.get("/api/v1/apps/signal").get_json()


def test_an_unknown_profile_is_a_400(proxied_service):
    client = proxied_service()
    response = client.get("/api/v1/ask?q=signal&proxy=bluecoat")
    assert response.status_code == 400 and "checkpoint" in response.get_json()["error"]
    assert client.post("/api/v1/ask", json={"query": "signal", "proxy": 3}).status_code == 400
    assert client.get("/api/v1/apps/signal?proxy=bluecoat").status_code == 400
