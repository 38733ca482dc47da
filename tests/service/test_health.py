"""/healthz and /readyz."""


def test_healthz_says_alive(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_gives_the_catalog_version_and_the_store(client, catalog):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready" and body["store"] == "ok"
    assert body["catalog_version"] == catalog.version and body["apps"] == len(catalog.apps)
