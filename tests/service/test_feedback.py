"""POST /api/v1/feedback and GET /api/v1/insights: what was asked, what helped, who may see it."""
import pytest


def feedback(client, **fields):
    """Post feedback with sensible defaults."""
    body = {"query": "netflix currently unavailable", "id": "netflix", "helpful": True, **fields}
    return client.post("/api/v1/feedback", json=body)


def test_feedback_is_stored_with_its_id(client):
    first, second = feedback(client), feedback(client, helpful=False, comment="still broken")
    assert first.status_code == 201 and second.status_code == 201
    assert second.get_json()["id"] > first.get_json()["id"]
    assert feedback(client, id=None).status_code == 201
    assert feedback(client, id="recognising-pinning").status_code == 201


@pytest.mark.parametrize("fields", [{"id": "no-such-app"}, {"helpful": "yes"}, {"helpful": 1},
                                    {"helpful": None}, {"query": ""}, {"query": 7}, {"id": 3},
                                    {"comment": 5}, {"colour": "red"}])
def test_bad_feedback_is_400(client, fields):
    response = feedback(client, **fields)
    assert response.status_code == 400 and response.get_json()["error"]


@pytest.mark.parametrize("fields", [{"query": "netflix\x00 down"}, {"comment": "still\x00broken"},
                                    {"id": "netflix\x00"}])
def test_a_nul_in_feedback_is_400_and_the_store_stays_fine(client, admin_headers, fields):
    response = feedback(client, **fields)
    assert response.status_code == 400 and "NUL" in response.get_json()["error"]
    assert client.get("/readyz").get_json()["store"] == "ok"
    assert feedback(client).status_code == 201
    assert client.get("/api/v1/insights", headers=admin_headers).get_json()["helpfulness"][0]["helpful"] == 1


def test_feedback_too_long_is_413_and_wrong_type_415(client):
    assert feedback(client, comment="x" * 2001).status_code == 413
    assert feedback(client, query="q" * 4001).status_code == 413
    assert client.post("/api/v1/feedback", data="helpful=1").status_code == 415


def test_insights_count_unanswered_queries_and_helpfulness(client, admin_headers):
    for query in ["zzqx frobnicator app broken", "zzqx frobnicator app broken", "qwpz gadget fails"]:
        assert client.get("/api/v1/ask", query_string={"q": query}).get_json()["outcome"] == "abstained"
    client.get("/api/v1/ask?q=netflix+currently+unavailable")  # answered: not recorded
    feedback(client), feedback(client), feedback(client, helpful=False), feedback(client, id="signal")
    response = client.get("/api/v1/insights", headers=admin_headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["unanswered"] == [{"query": "zzqx frobnicator app broken", "count": 2},
                                  {"query": "qwpz gadget fails", "count": 1}]
    by_id = {row["id"]: row for row in body["helpfulness"]}
    assert by_id["netflix"] == {"id": "netflix", "type": "app", "name": "Netflix", "helpful": 2, "not_helpful": 1}
    assert by_id["signal"]["helpful"] == 1


def test_insights_need_the_admin_token(client):
    missing = client.get("/api/v1/insights")
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"].lower().startswith("bearer")
    assert client.get("/api/v1/insights", headers={"Authorization": "Basic dXNlcjpwdw=="}).status_code == 401
    wrong = client.get("/api/v1/insights", headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403 and wrong.get_json()["error"]


def test_insights_are_disabled_without_a_configured_token(make_app, database_url, admin_headers):
    client = make_app(database_url, ADMIN_TOKEN="").test_client()
    response = client.get("/api/v1/insights", headers=admin_headers)
    assert response.status_code == 403 and "disabled" in response.get_json()["error"]
