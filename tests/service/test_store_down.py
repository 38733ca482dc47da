"""A store that cannot be reached: answers go on, feedback says 503, readiness reports it (degraded,
still ready, so an orchestrator keeps the replica answering); it recovers once the breaker lets a
request try it again."""
import time


def test_store_down_keeps_answering(make_app, down_url, caplog):
    client = make_app(down_url).test_client()
    ask = client.get("/api/v1/ask", query_string={"q": "zzqx frobnicator app broken"})
    assert ask.status_code == 200 and ask.get_json()["outcome"] == "abstained"
    client.application.extensions["pindesk_desk"].recorder.flush()
    assert "could not record" in caplog.text
    feedback = client.post("/api/v1/feedback", json={"query": "q", "id": "netflix", "helpful": True})
    assert feedback.status_code == 503 and feedback.get_json()["error"]
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["store"] == "unavailable" and ready.get_json()["status"] == "degraded"
    assert client.get("/healthz").status_code == 200


def test_a_store_that_comes_back_works_without_restart(make_app, tmp_path):
    folder = tmp_path / "later"
    app = make_app(f"sqlite:///{folder / 'pindesk.sqlite3'}")
    breaker = app.extensions["pindesk_desk"].store.breaker
    breaker.seconds = 0.2
    breaker.failed()  # as the failure at start did, with the shorter wait
    client = app.test_client()
    assert client.get("/readyz").get_json()["store"] == "unavailable"
    folder.mkdir()
    time.sleep(0.3)  # the breaker's wait: then one request tries the store again
    body = client.get("/readyz").get_json()
    assert body["status"] == "ready" and body["store"] == "ok"
    assert client.post("/api/v1/feedback", json={"query": "q", "id": None, "helpful": True}).status_code == 201
