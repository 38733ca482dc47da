"""The web form's Export choice: the same change as `pindesk export`, to copy or download."""
import re


def test_answer_card_offers_export_for_apps_with_domains(client):
    page = client.get("/?q=signal+app+won%27t+connect").get_data(as_text=True)
    assert 'action="/export"' in page and 'name="apps" value="signal"' in page
    assert '<option value="squid">' in page
    netflix = client.get("/?q=netflix+currently+unavailable").get_data(as_text=True)
    assert 'action="/export"' not in netflix  # no domains: the card says how to exempt it instead


def test_export_page_shows_the_cli_text(client, run_cli):
    page = client.get("/export?apps=signal&format=squid").get_data(as_text=True)
    text = re.search(r'<textarea id="export-text"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    shown = text.replace("&#39;", "'").replace("&#34;", '"')
    assert shown + "\n" == run_cli("export", "signal", "--format", "squid").stdout


def test_download_is_a_file(client):
    response = client.get("/export?apps=apple-imessage,signal&format=zia&download=1")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment; filename=pindesk-zia.json" == response.headers["Content-Disposition"]
    assert "p24-keyvalueservice.icloud.com" in response.get_data(as_text=True)


def test_bad_exports_get_pages_not_tracebacks(client):
    assert client.get("/export?apps=signal&format=pdf").status_code == 400
    assert client.get("/export?apps=whatsapp&format=txt").status_code == 404
    nothing = client.get("/export?apps=netflix&format=txt")
    assert nothing.status_code == 400 and "no known domains" in nothing.get_data(as_text=True)
