"""The catalog in service changes without a restart: by the admin endpoint or by editing the file,
a broken catalog is refused while the old one keeps answering, and every worker converges."""
import json
import time
import urllib.request

import pytest
import yaml

from pindesk.knowledge.catalog import DEFAULT_CATALOG, load_catalog
from pindesk.knowledge.engine import Engine


@pytest.fixture
def catalog_file(tmp_path):
    """A copy of the shipped catalog that a test may edit."""
    path = tmp_path / "catalog.yaml"
    path.write_bytes(DEFAULT_CATALOG.read_bytes())
    return path


def rename_netflix(path, name="Netflix (renamed)"):
    """Edit the catalog file: Netflix gets another catalog name."""
    data = yaml.safe_load(path.read_text())
    next(app for app in data["apps"] if app["id"] == "netflix")["name"] = name
    path.write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.fixture
def live_app(make_app, database_url, catalog_file):
    """The service over the editable catalog, watching it every 0.2 s."""
    engine = Engine(load_catalog(catalog_file))
    return make_app(database_url, ENGINE=engine, RELOAD_SECONDS=0.2)


def netflix_name(client):
    return client.get("/api/v1/apps/netflix").get_json()["name"]


def test_admin_reload_puts_the_edited_catalog_in_service(live_app, catalog_file, admin_headers):
    client = live_app.test_client()  # the watcher runs, as in service: it may swap the file in first
    before = client.get("/readyz").get_json()["catalog_version"]
    rename_netflix(catalog_file)
    response = client.post("/api/v1/admin/reload", headers=admin_headers)
    assert response.status_code == 200 and response.get_json()["changed"] is True
    assert response.get_json()["version"] != before
    assert response.get_json()["workers"] == {"total": 1, "on_version": 1}
    assert client.get("/readyz").get_json()["catalog_version"] == response.get_json()["version"]
    assert netflix_name(client) == "Netflix (renamed)"
    assert client.get("/api/v1/ask?q=netflix+currently+unavailable").get_json()["matches"][0]["name"] \
        == "Netflix (renamed)"


def test_the_admin_hears_of_a_change_the_watcher_swapped_in_first(live_app, catalog_file, admin_headers):
    client = live_app.test_client()
    assert netflix_name(client) == "Netflix"  # the first request starts the watcher
    rename_netflix(catalog_file)
    deadline = time.monotonic() + 10
    while netflix_name(client) != "Netflix (renamed)":  # the race's other outcome, made certain
        assert time.monotonic() < deadline, "the edited catalog was not picked up in 10 s"
        time.sleep(0.05)
    response = client.post("/api/v1/admin/reload", headers=admin_headers).get_json()
    assert response["changed"] is True
    assert client.post("/api/v1/admin/reload", headers=admin_headers).get_json()["changed"] is False


def test_reload_needs_the_admin_token(live_app):
    client = live_app.test_client()
    assert client.post("/api/v1/admin/reload").status_code == 401
    assert client.post("/api/v1/admin/reload", headers={"Authorization": "Bearer wrong"}).status_code == 403


def test_a_broken_catalog_is_refused_and_the_old_one_keeps_answering(live_app, catalog_file, admin_headers):
    client = live_app.test_client()
    version = client.get("/readyz").get_json()["catalog_version"]
    catalog_file.write_text(catalog_file.read_text().replace("id: netflix", "id: Netflix!", 1))
    response = client.post("/api/v1/admin/reload", headers=admin_headers)
    assert response.status_code == 422
    body = response.get_json()
    assert "catalog.yaml" in body["error"] and "'id'" in body["error"] and body["version"] == version
    ready = client.get("/readyz").get_json()
    assert ready["catalog_version"] == version and "not a lowercase slug" in ready["catalog_reload_error"]
    assert client.get("/api/v1/ask?q=netflix+currently+unavailable").get_json()["matches"][0]["id"] == "netflix"


def test_a_changed_file_is_picked_up_without_asking(live_app, catalog_file):
    client = live_app.test_client()
    assert netflix_name(client) == "Netflix"  # the first request starts the watcher
    rename_netflix(catalog_file)
    deadline = time.monotonic() + 10
    while netflix_name(client) != "Netflix (renamed)":
        assert time.monotonic() < deadline, "the edited catalog was not picked up in 10 s"
        time.sleep(0.1)


def test_every_worker_converges_on_the_new_version(pindesk_serve, tmp_path, catalog_file):
    server = pindesk_serve(PINDESK_CATALOG=str(catalog_file), PINDESK_WORKERS="3", PINDESK_RELOAD_SECONDS="0.5",
                           PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'store.sqlite3'}")

    def versions(count):
        return {json.load(urllib.request.urlopen(f"{server.url}/readyz", timeout=5))["catalog_version"]
                for _ in range(count)}
    old = versions(30)
    assert len(old) == 1
    rename_netflix(catalog_file)
    deadline = time.monotonic() + 20
    while True:
        seen = versions(60)  # sixty requests reach every one of the three workers
        if len(seen) == 1 and seen != old:
            break
        assert time.monotonic() < deadline, f"workers did not converge: {seen}"
        time.sleep(0.3)


def test_reloads_show_in_the_metrics(live_app, catalog_file, admin_headers):
    client = live_app.test_client()

    def metric(name):
        lines = client.get("/metrics").get_data(as_text=True).splitlines()
        return [line for line in lines if line.startswith(name)]
    failures_before = metric("pindesk_catalog_reload_failures_total")
    catalog_file.write_text("apps: [")
    assert client.post("/api/v1/admin/reload", headers=admin_headers).status_code == 422
    assert metric("pindesk_catalog_reload_failures_total") != failures_before
    rename_netflix_fixed = DEFAULT_CATALOG.read_text().replace("name: Netflix\n", "name: Netflix again\n", 1)
    catalog_file.write_text(rename_netflix_fixed)
    version = client.post("/api/v1/admin/reload", headers=admin_headers).get_json()["version"]
    assert f'pindesk_catalog_info{{version="{version}"}} 1.0' in metric("pindesk_catalog_info")


def test_an_admin_reload_reaches_every_worker_at_once(pindesk_serve, tmp_path, catalog_file):
    token = "reload-test-token"
    server = pindesk_serve(PINDESK_CATALOG=str(catalog_file), PINDESK_WORKERS="3", PINDESK_RELOAD_SECONDS="0",
                           PINDESK_ADMIN_TOKEN=token, PINDESK_RATELIMIT="off",
                           PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'store.sqlite3'}")
    old = {json.load(urllib.request.urlopen(f"{server.url}/readyz", timeout=5))["catalog_version"] for _ in range(30)}
    rename_netflix(catalog_file)
    request = urllib.request.Request(f"{server.url}/api/v1/admin/reload", method="POST",
                                     headers={"Authorization": f"Bearer {token}"})
    answer = json.load(urllib.request.urlopen(request, timeout=30))
    assert answer["changed"] is True and answer["version"] not in old
    assert answer["workers"] == {"total": 3, "on_version": 3}
    seen = {json.load(urllib.request.urlopen(f"{server.url}/readyz", timeout=5))["catalog_version"]
            for _ in range(60)}  # sixty requests reach every one of the three workers
    assert seen == {answer["version"]}
    metrics = urllib.request.urlopen(f"{server.url}/metrics", timeout=5).read().decode()
    live = [line for line in metrics.splitlines() if line.startswith("pindesk_catalog_info{") and line.endswith(" 1.0")]
    assert live == [f'pindesk_catalog_info{{version="{answer["version"]}"}} 1.0']
