"""/metrics in Prometheus' text format: requests, latency, answers, catalog version, reload failures;
summed over gunicorn's workers under `pindesk serve`."""
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from prometheus_client.parser import text_string_to_metric_families

from pindesk.service import metrics


@pytest.fixture
def client(make_app, tmp_path):
    """A test client of the service over a fresh SQLite file."""
    return make_app(f"sqlite:///{tmp_path / 'pindesk.sqlite3'}").test_client()


def samples(text: str) -> dict:
    """{(sample name, sorted labels): value} from a scrape, parsed by prometheus_client."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def scrape(client) -> dict:
    """GET /metrics, checked as Prometheus' text format."""
    response = client.get("/metrics")
    assert response.status_code == 200 and response.content_type.startswith("text/plain; version=")
    return samples(response.get_data(as_text=True))


def value(scraped: dict, name: str, **labels) -> float:
    """One sample's value; 0 when the series has not appeared yet."""
    return scraped.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_latency_and_answers_are_counted(client, catalog):
    before = scrape(client)
    for query in ("netflix on my iphone says currently unavailable", "zzqx frobnicator app broken",
                  "No Internet Connection", "imessage won't send"):
        assert client.get("/api/v1/ask", query_string={"q": query}).status_code == 200
    assert client.get("/api/v1/apps/nope").status_code == 404
    assert client.get("/no/such/page").status_code == 404
    after = scrape(client)

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)
    assert grew("pindesk_requests_total", route="/api/v1/ask", status="200") == 4
    assert grew("pindesk_requests_total", route="/api/v1/apps/<app_id>", status="404") == 1
    assert grew("pindesk_requests_total", route="unmatched", status="404") == 1
    assert grew("pindesk_request_duration_seconds_count", route="/api/v1/ask") == 4
    assert grew("pindesk_request_duration_seconds_bucket", route="/api/v1/ask", le="+Inf") == 4
    assert grew("pindesk_answers_total", outcome="answered") == 2
    assert grew("pindesk_answers_total", outcome="ambiguous") == 1
    assert grew("pindesk_answers_total", outcome="abstained") == 1
    assert value(after, "pindesk_catalog_info", version=catalog.version) == 1
    assert ("pindesk_catalog_reload_failures_total", ()) in after
    names = {name for name, _ in after}
    assert all(name.startswith("pindesk_") for name in names), names


def test_catalog_version_and_reload_failures(client, catalog):
    metrics.catalog_loaded("0123456789ab")
    failures = value(scrape(client), "pindesk_catalog_reload_failures_total")
    metrics.reload_failed()
    scraped = scrape(client)
    assert value(scraped, "pindesk_catalog_reload_failures_total") == failures + 1
    # The scraping process serves the shipped catalog: only its version is shown as in service.
    shown = {dict(labels)["version"]: v for (name, labels), v in scraped.items() if name == "pindesk_catalog_info"}
    assert shown == {catalog.version: 1.0}


def fetch(url: str) -> int:
    """GET a URL on loopback; its status."""
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        return response.status


def test_serve_sums_requests_over_its_workers(tmp_path, pindesk_serve, catalog):
    server = pindesk_serve(PINDESK_WORKERS="2", PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    sent = 60
    with ThreadPoolExecutor(8) as pool:  # concurrent, so both workers take some
        statuses = list(pool.map(fetch, [f"{server.url}/api/v1/ask?q=signal+won%27t+connect"] * sent))
    assert statuses == [200] * sent
    # Each scrape is answered by whichever worker accepts it: every one must see all the requests.
    for _ in range(6):
        with urllib.request.urlopen(f"{server.url}/metrics", timeout=10) as response:
            scraped = samples(response.read().decode())
        assert value(scraped, "pindesk_requests_total", route="/api/v1/ask", status="200") == sent
        assert value(scraped, "pindesk_request_duration_seconds_count", route="/api/v1/ask") == sent
        assert value(scraped, "pindesk_answers_total", outcome="answered") == sent
        assert value(scraped, "pindesk_catalog_info", version=catalog.version) == 1
    code, output = server.stop()
    assert code == 0 and output.count("Booting worker") == 2
