"""/api/v1/openapi.json is a valid OpenAPI 3.0 document, and the live responses match it."""
from pathlib import Path

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.test import EnvironBuilder

DETECT_FIXTURES = Path(__file__).resolve().parent.parent / "knowledge" / "detect" / "fixtures"
DETECT_LOG = (DETECT_FIXTURES / "zeek-ssl.log").read_bytes()
BODY = {"query": "netflix currently unavailable", "id": "netflix", "helpful": True}
CALLS = [  # (method, url, keyword arguments for the test client)
    ("get", "/api/v1/ask?q=netflix+on+my+iphone+says+currently+unavailable", {}),
    ("get", "/api/v1/ask?q=zzqx+frobnicator&platform=android&limit=3", {}),
    ("get", "/api/v1/ask?q=CONNECT+login.live.com:443+failed", {}),
    ("get", "/api/v1/ask?q=what+is+certificate+pinning", {}),
    ("post", "/api/v1/ask", {"json": {"query": "imessage won't send", "platform": "ios", "limit": 2}}),
    ("get", "/api/v1/ask?q=", {}),
    ("get", "/api/v1/ask?q=" + "a" * 4001, {}),
    ("post", "/api/v1/ask", {"data": "{broken", "content_type": "application/json"}),
    ("post", "/api/v1/ask", {"data": "q=x", "content_type": "text/plain"}),
    ("post", "/api/v1/conversations", {"json": {"message": "No Internet Connection"}}),
    ("post", "/api/v1/conversations", {"json": {"message": "netflix on my iphone says currently unavailable"}}),
    ("post", "/api/v1/conversations", {"json": {"message": ""}}),
    ("post", "/api/v1/conversations/no-such-conversation", {"json": {"message": "Overcast"}}),
    ("get", "/api/v1/lookup?host=chat.signal.org", {}),
    ("get", "/api/v1/lookup?host=", {}),
    ("get", "/api/v1/apps", {}),
    ("get", "/api/v1/export?apps=apple-imessage,signal&format=zia", {}),
    ("get", "/api/v1/export?apps=netflix&format=squid", {}),
    ("get", "/api/v1/export?apps=nope&format=txt", {}),
    ("get", "/api/v1/apps/netflix", {}),
    ("get", "/api/v1/apps/signal?proxy=fortinet", {}),
    ("get", "/api/v1/apps/signal?proxy=bluecoat", {}),
    ("get", "/api/v1/ask?q=signal+won%27t+send&proxy=squid", {}),
    ("post", "/api/v1/ask", {"json": {"query": "netflix currently unavailable", "proxy": "cloudflare"}}),
    ("get", "/api/v1/apps/nope", {}),
    ("get", "/api/v1/articles/what-is-pinning", {}),
    ("get", "/api/v1/articles/nope", {}),
    ("post", "/api/v1/feedback", {"json": BODY}),
    ("post", "/api/v1/feedback", {"json": {**BODY, "id": None, "comment": "thanks"}}),
    ("post", "/api/v1/feedback", {"json": {**BODY, "id": "nope"}}),
    ("get", "/api/v1/insights", {"admin": True}),
    ("post", "/api/v1/admin/reload", {"admin": True}),
    ("post", "/api/v1/admin/reload", {}),
    ("get", "/api/v1/insights", {}),
    ("get", "/api/v1/insights", {"headers": {"Authorization": "Bearer wrong"}}),
    ("get", "/api/v1/openapi.json", {}),
    ("post", "/api/v1/detect?format=squid", {"admin": True, "data": DETECT_LOG,
                                             "content_type": "application/octet-stream"}),
    ("post", "/api/v1/detect", {"admin": True, "data": b"shopping list\n", "content_type": "text/plain"}),
    ("post", "/api/v1/detect", {"data": DETECT_LOG, "content_type": "application/octet-stream"}),
]


@pytest.fixture(scope="module")
def spec():
    """The document the service serves, checked as OpenAPI 3.0."""
    from pindesk.service.openapi import SPEC
    return OpenAPI.from_dict(SPEC)  # validates the document itself


def test_the_served_document_is_the_spec(client):
    from pindesk.service.openapi import SPEC
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.0") and document == SPEC


def test_every_path_in_the_spec_is_exercised():
    from pindesk.service.openapi import SPEC
    called = {(m, url.split("?")[0].replace("/api/v1", "")) for m, url, _ in CALLS}
    for path, operations in SPEC["paths"].items():
        for method in operations:
            prefix = path.split("{")[0]
            assert any(m == method and (p == path or (p.startswith(prefix) and "{" in path))
                       for m, p in called), (method, path)


@pytest.mark.parametrize("method,url,kwargs", CALLS, ids=[f"{m} {u[:60]}" for m, u, _ in CALLS])
def test_live_responses_match_the_spec(spec, client, admin_headers, method, url, kwargs):
    kwargs = dict(kwargs)
    if kwargs.pop("admin", False):
        kwargs["headers"] = admin_headers
    response = getattr(client, method)(url, **kwargs)
    # The same request again, for openapi-core to read: the client's copy has its body consumed.
    request = EnvironBuilder(path=url, method=method.upper(), **kwargs).get_request()
    spec.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
    if response.status_code < 300:
        spec.validate_request(WerkzeugOpenAPIRequest(request))
