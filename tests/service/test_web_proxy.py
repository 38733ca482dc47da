"""The web form's proxy choice: the card in that proxy's words with the export to copy and the vendor's pages,
remembered in the browser (a cookie the server reads, so it works without JavaScript)."""
import html
import re

import pytest

from tests.knowledge.proxy_expectations import APPS, EXPECTED, QUERIES


def page_text(response) -> str:
    """The page's text without tags, spaces collapsed, entities undone."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


@pytest.mark.parametrize("proxy", EXPECTED)
@pytest.mark.parametrize("app_id", APPS)
def test_the_card_speaks_the_chosen_proxy(proxied_service, proxy, app_id):
    client = proxied_service()
    response = client.get("/", query_string={"q": QUERIES[app_id], "proxy": proxy})
    body = response.get_data(as_text=True)
    text = page_text(response)
    assert EXPECTED[proxy][app_id] in text
    assert f'<option value="{proxy}" selected>' in body
    if app_id == "signal":
        box = re.search(r'<textarea id="advice-[^"]+"[^>]*>(.*?)</textarea>', body, re.S)
        assert EXPECTED[proxy]["export"] in html.unescape(box.group(1))
        assert re.search(rf'<a href="https://[^"]*{re.escape(EXPECTED[proxy]["site"])}', body)


def test_the_choice_is_remembered_without_javascript(proxied_service):
    client = proxied_service()
    first = client.get("/?q=signal+won%27t+send&proxy=squid")
    assert "pindesk_proxy=squid" in first.headers["Set-Cookie"] and "HttpOnly" in first.headers["Set-Cookie"]
    later = client.get("/?q=netflix+currently+unavailable")  # the form's select was not sent: the cookie applies
    assert EXPECTED["squid"]["netflix"] in page_text(later)
    assert EXPECTED["squid"]["netflix"] in page_text(client.get("/apps/netflix"))
    fragment = client.get("/answer?q=signal+won%27t+send&proxy=cloudflare")  # what the page's script fetches
    assert EXPECTED["cloudflare"]["signal"] in page_text(fragment)
    assert "pindesk_proxy=cloudflare" in fragment.headers["Set-Cookie"]
    neutral = client.get("/?q=signal+won%27t+send&proxy=")
    assert "On Squid" not in page_text(neutral) and "On Cloudflare" not in page_text(neutral)


def test_the_service_default_applies_until_the_browser_chooses(proxied_service):
    client = proxied_service(PROXY="fortinet")
    assert EXPECTED["fortinet"]["signal"] in page_text(client.get("/?q=signal+won%27t+send"))
    assert "Exempt from SSL Inspection" not in page_text(client.get("/?q=signal+won%27t+send&proxy="))


def test_without_a_profile_the_card_is_unchanged(proxied_service):
    client = proxied_service()
    body = client.get("/?q=signal+won%27t+send").get_data(as_text=True)
    assert 'class="advice"' not in body and "Set-Cookie" not in str(client.get("/?q=x").headers)


def test_an_unknown_profile_is_refused(proxied_service):
    assert proxied_service().get("/?q=signal&proxy=bluecoat").status_code == 400
