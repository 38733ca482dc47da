"""GET /api/v1/export: the same bypass change as `pindesk export`, as JSON."""
import json


def test_zia_body_for_imessage_and_signal(client):
    response = client.get("/api/v1/export?apps=apple-imessage,signal&format=zia")
    assert response.status_code == 200
    data = response.get_json()
    body = json.loads(data["content"])
    assert body["superCategory"] == "USER_DEFINED"
    assert {"p24-keyvalueservice.icloud.com", ".whispersystems.org", ".signal.org"} <= set(body["urls"])
    assert data["apps"] == ["apple-imessage", "signal"]


def test_same_text_as_the_cli(client, run_cli):
    api = client.get("/api/v1/export?apps=signal&apps=snapchat&format=squid").get_json()
    cli = run_cli("export", "signal", "snapchat", "--format", "squid")
    assert api["content"] + "\n" == cli.stdout


def test_app_without_domains_is_a_400_that_says_what_to_do(client):
    response = client.get("/api/v1/export?apps=netflix&format=txt")
    assert response.status_code == 400
    assert "no known domains" in response.get_json()["error"]


def test_bad_requests(client):
    assert client.get("/api/v1/export?format=zia").status_code == 400
    assert client.get("/api/v1/export?apps=signal&format=pdf").status_code == 400
    assert client.get("/api/v1/export?apps=signal&format=txt&include_optional=maybe").status_code == 400
    missing = client.get("/api/v1/export?apps=whatsapp&format=txt")
    assert missing.status_code == 404 and "whatsapp" in missing.get_json()["error"]


def test_optional_entries_on_request(client):
    without = client.get("/api/v1/export?apps=google-hangouts&format=txt").get_json()
    with_optional = client.get("/api/v1/export?apps=google-hangouts&format=txt&include_optional=true").get_json()
    def entries(data):
        return [line for line in data["content"].splitlines() if not line.startswith("#")]
    assert ".video.google.com" not in entries(without) and ".video.google.com" in entries(with_optional)
