"""A database that accepts connections and never answers: answers do not wait for it, feedback and
readiness give up within about a second, and after that failure the store is left alone for a while."""
import time

import pytest

from pindesk.desk.store import Store, StoreUnavailable


def silent_url(listener) -> str:
    """A PostgreSQL URL pointing at the silent listener."""
    return f"postgresql+psycopg://postgres@127.0.0.1:{listener.port}/test"


def timed(fn):
    """fn()'s result (or the exception it raised) and the seconds it took."""
    started = time.monotonic()
    try:
        result = fn()
    except Exception as exc:
        result = exc
    return result, time.monotonic() - started


def test_a_silent_database_fails_within_a_second_then_at_once(silent_listener):
    store = Store(silent_url(silent_listener))
    first, waited = timed(lambda: store.add_feedback("q", None, True, None))
    assert isinstance(first, StoreUnavailable) and waited < 1.5
    again, waited = timed(lambda: store.add_feedback("q", None, True, None))
    assert isinstance(again, StoreUnavailable) and "tried again" in str(again) and waited < 0.1
    store.engine.dispose()


def test_the_breaker_lets_one_call_try_again_after_its_wait(silent_listener):
    store = Store(silent_url(silent_listener))
    store.breaker.seconds = 0.3
    with pytest.raises(StoreUnavailable):
        store.ping()
    time.sleep(0.4)
    _, waited = timed(store.ping)
    assert waited >= 0.2  # tried the database again (and waited for it), not refused at once
    store.engine.dispose()


def test_the_service_answers_and_reports_without_waiting_on_a_silent_database(make_app, silent_listener):
    client = make_app(silent_url(silent_listener)).test_client()
    for _ in range(3):
        ask, waited = timed(lambda: client.get("/api/v1/ask", query_string={"q": "zzqx frobnicator app broken"}))
        assert ask.status_code == 200 and ask.get_json()["outcome"] == "abstained" and waited < 0.5
    ready, waited = timed(lambda: client.get("/readyz"))
    assert ready.get_json()["store"] == "unavailable" and waited < 0.5
    assert timed(lambda: client.get("/healthz"))[1] < 0.5
    feedback, waited = timed(lambda: client.post("/api/v1/feedback", json={"query": "q", "id": None,
                                                                            "helpful": True}))
    assert feedback.status_code == 503 and waited < 1.5
    client.application.extensions["pindesk_desk"].recorder.flush(3)
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'pindesk_unanswered_dropped_total{reason="store_unavailable"}' in metrics
