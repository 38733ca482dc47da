"""Per-client rate limit on /api/: 429 JSON with Retry-After; counters in memory or shared through Redis."""
import os
import uuid

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.test import EnvironBuilder

from pindesk.knowledge.errors import PindeskError
from pindesk.service.openapi import SPEC

REDIS_URL = "redis://127.0.0.1:6379"
ASK = "/api/v1/ask?q=signal+won%27t+connect"


@pytest.fixture
def limited(make_app, tmp_path):
    """Build an app over SQLite whose API allows 3 requests a minute per client (memory unless storage)."""
    def make(storage="", prefix="pindesk", limit="3/minute"):
        return make_app(f"sqlite:///{tmp_path / 'pindesk.sqlite3'}", RATELIMIT=limit, RATELIMIT_STORAGE=storage,
                        RATELIMIT_KEY_PREFIX=prefix)
    return make


@pytest.fixture
def redis_url():
    """The machine's Redis; skip when unreachable (fail under CI, which starts it)."""
    import redis
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis at {REDIS_URL} is unreachable under CI: {exc}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable")
    return REDIS_URL


def test_the_fourth_request_in_a_minute_is_429_json_with_retry_after(limited):
    client = limited().test_client()
    assert [client.get(ASK).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/v1/apps")  # one budget for the whole API, not one per route
    assert refused.status_code == 429
    assert "too many requests" in refused.get_json()["error"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 61  # the window, rounded up to whole seconds


def test_each_client_address_has_its_own_budget(limited):
    client = limited(limit="1/minute").test_client()
    assert client.get(ASK, environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 200
    assert client.get(ASK, environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 429
    assert client.get(ASK, environ_base={"REMOTE_ADDR": "192.0.2.2"}).status_code == 200


def test_health_metrics_and_static_files_are_not_limited(limited):
    client = limited(limit="1/minute").test_client()
    for path in ("/healthz", "/readyz", "/metrics", "/static/pindesk.css"):
        assert [client.get(path).status_code for _ in range(3)] == [200, 200, 200], path
    assert client.get(ASK).status_code == 200


def test_the_web_form_has_a_budget_of_its_own(limited):
    client = limited(limit="2/minute").test_client()
    assert [client.get(p).status_code for p in ("/?q=signal", "/answer?q=sig", "/apps")] == [200, 200, 429]
    refused = client.get("/")
    assert refused.status_code == 429 and "too many requests" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) >= 1
    assert client.get(ASK).status_code == 200  # the API's budget is another


def test_admin_calls_are_out_of_the_public_limit(limited, admin_headers):
    client = limited(limit="2/minute").test_client()
    assert [client.get(ASK).status_code for _ in range(3)] == [200, 200, 429]
    assert client.post("/api/v1/admin/reload", headers=admin_headers).status_code == 200
    assert client.get("/api/v1/insights", headers=admin_headers).status_code == 200
    other = {"REMOTE_ADDR": "192.0.2.9"}  # and admin calls do not spend an address's public budget
    for _ in range(2):
        client.get("/api/v1/insights", headers=admin_headers, environ_base=other)
    assert client.get(ASK, environ_base=other).status_code == 200


def test_the_workers_of_one_server_share_the_count_without_redis(pindesk_serve, tmp_path):
    import urllib.error
    import urllib.request
    server = pindesk_serve(PINDESK_WORKERS="2", PINDESK_RATELIMIT="10/minute",
                           PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    statuses = []
    for _ in range(30):  # a new connection each: gunicorn hands them to either worker
        try:
            statuses.append(urllib.request.urlopen(server.url + ASK, timeout=10).status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
    assert statuses.count(200) == 10 and statuses.count(429) == 20


def test_off_turns_the_limit_off(limited):
    client = limited(limit="off").test_client()
    assert {client.get(ASK).status_code for _ in range(10)} == {200}


@pytest.mark.parametrize("limit", ["lots", "300/fortnight", ""])
def test_a_limit_pindesk_cannot_read_is_refused(limited, limit):
    with pytest.raises(PindeskError, match="PINDESK_RATELIMIT"):
        limited(limit=limit)


def test_the_429_is_in_the_openapi_document(limited):
    client = limited(limit="1/minute").test_client()
    client.get(ASK)
    response = client.get(ASK)
    assert response.status_code == 429
    request = EnvironBuilder(path=ASK, method="GET").get_request()
    OpenAPI.from_dict(SPEC).validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
    assert all("429" in operation["responses"] for operations in SPEC["paths"].values()
               for operation in operations.values())


def test_redis_counts_are_shared_between_two_apps(limited, redis_url):
    prefix = f"pindesk-test-{uuid.uuid4().hex[:12]}"  # this test's own counters in the shared Redis
    first, second = limited(redis_url, prefix).test_client(), limited(redis_url, prefix).test_client()
    assert [first.get(ASK).status_code, second.get(ASK).status_code, first.get(ASK).status_code] == [200] * 3
    assert second.get(ASK).status_code == 429
    assert first.get(ASK).status_code == 429
    # Apps in memory do not share: each has its own three.
    alone = limited(prefix=prefix).test_client()
    assert alone.get(ASK).status_code == 200


def test_redis_down_falls_back_to_memory(limited):
    client = limited("redis://127.0.0.1:1").test_client()  # nothing listens on port 1
    assert [client.get(ASK).status_code for _ in range(4)] == [200, 200, 200, 429]
