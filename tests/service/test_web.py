"""The helpdesk web form: pages, the answer card, escaping, security headers, CSRF-checked feedback."""
import html
import re

import pytest

NETFLIX = "netflix says currently unavailable"


def token_and_fields(page: str) -> dict:
    """The feedback form's hidden fields (the CSRF token among them), as a browser would send them."""
    form = re.search(r'<form class="feedback-form".*?</form>', page, re.S).group(0)
    return {name: html.unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)}


def text_of(response) -> str:
    """The response body as text."""
    return response.get_data(as_text=True)


def submit(client, query: str, **more):
    """Type a query in the box and press Ask, as a person does: a post with the page's CSRF token."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', text_of(client.get("/", **more))).group(1)
    return client.post("/", data={"q": query, "platform": "", "csrf_token": token}, **more)


def test_search_box_works_without_javascript_and_links_to_the_answer(client):
    empty = client.get("/")
    assert empty.status_code == 200
    assert '<label for="q">' in text_of(empty) and 'action="/" method="post"' in text_of(empty)
    asked = submit(client, NETFLIX)
    assert asked.status_code == 303 and asked.headers["Location"] == "/?q=" + NETFLIX.replace(" ", "+")
    page = text_of(client.get(asked.headers["Location"]))
    assert "Netflix" in page and "Catalog name: <strong>Netflix</strong>" in page
    assert "What to do" in page and "Did this help?" in page and "Why it matched" in page
    assert f'value="{NETFLIX}"' in page  # the query stays in the box


def test_answer_fragment_is_the_card_alone(client):
    fragment = text_of(client.get("/answer", query_string={"q": "signal won't connect"}))
    assert "<html" not in fragment and "<form id=\"ask-form\"" not in fragment
    assert 'class="card outcome-answered"' in fragment and "Signal" in fragment
    assert 'id="domains-signal"' in fragment and ".signal.org" in fragment
    assert text_of(client.get("/answer?q=")) == ""


def test_ambiguous_answer_shows_the_candidates_side_by_side(client):
    page = text_of(client.get("/?q=No+Internet+Connection"))
    assert 'class="candidates"' in page and page.count('class="candidate"') >= 2
    assert "TrainingPeaks" in page and "Overcast" in page


def test_abstained_answer_says_not_in_the_catalog_and_points_to_the_unlisted_article(client, admin_headers):
    page = text_of(client.get("/", query_string={"q": "tiktok says no network connection"}))
    assert "TikTok: not in the catalog" in page
    assert 'href="/articles/unlisted-apps"' in page and "Nearest entries" in page


def unanswered(client, admin_headers) -> list[dict]:
    """What insights list as unanswered."""
    return client.get("/api/v1/insights", headers=admin_headers).get_json()["unanswered"]


def test_only_what_a_person_submits_is_recorded_and_repeats_are_one_row(client, admin_headers):
    for _ in range(30):  # a crawler, a link preview, a colleague opening the ticket's link
        client.get("/", query_string={"q": "tiktok says no network connection"})
    client.get("/answer", query_string={"q": "tikt"})  # typing, not asking
    assert unanswered(client, admin_headers) == []
    for typed in ("tiktok says no network connection", "TikTok says  no network connection."):
        assert submit(client, typed).status_code == 303
    assert unanswered(client, admin_headers) == [{"query": "tiktok says no network connection", "count": 2}]


def test_one_client_cannot_bury_what_people_asked(client, admin_headers):
    from pindesk.desk.answering import RECORDS_PER_CLIENT
    capped = 'pindesk_unanswered_dropped_total{reason="client_cap"}'

    def dropped() -> float:
        """How many unanswered queries /metrics says were left out for a client's cap."""
        lines = client.get("/metrics").get_data(as_text=True).splitlines()
        return next((float(line.split()[-1]) for line in lines if line.startswith(capped)), 0.0)
    before = dropped()
    for n in range(RECORDS_PER_CLIENT + 10):
        submit(client, f"zzqx frobnicator {n} broken", environ_base={"REMOTE_ADDR": "192.0.2.66"})
    submit(client, "tiktok says no network connection", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    rows = unanswered(client, admin_headers)
    assert len(rows) == RECORDS_PER_CLIENT + 1
    assert {"query": "tiktok says no network connection", "count": 1} in rows
    assert dropped() == before + 10


def test_article_answer_links_to_the_article(client):
    page = text_of(client.get("/", query_string={"q": "what is certificate pinning"}))
    assert 'href="/articles/what-is-pinning"' in page and "Read the article" in page


def test_runners_up_are_behind_not_what_i_meant(client):
    page = text_of(client.get("/", query_string={"q": NETFLIX}))
    assert "<details class=\"runners-up\">" in page and "<summary>Not what I meant</summary>" in page


@pytest.mark.parametrize("path", ["/", "/answer"])
def test_a_query_is_echoed_escaped(client, path):
    page = text_of(client.get(path, query_string={"q": "<script>alert(1)</script>"}))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("path", ["/", "/?q=netflix", "/apps", "/apps/signal", "/articles",
                                  "/articles/unlisted-apps", "/apps/no-such-app"])
def test_html_pages_carry_a_strict_csp_and_no_inline_script(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                      "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff" and response.headers["Referrer-Policy"]
    page = text_of(response)
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None and " style=" not in page and "<style" not in page
    assert "http://" not in page.split("</head>")[0] and "https://" not in page.split("</head>")[0]  # no CDN


def test_static_assets_are_served_by_pindesk(client):
    assert client.get("/static/pindesk.js").status_code == 200
    assert client.get("/static/pindesk.css").status_code == 200


def test_feedback_without_the_csrf_token_is_refused_and_stores_nothing(client, admin_headers):
    fields = token_and_fields(text_of(client.get("/", query_string={"q": NETFLIX})))
    del fields["csrf_token"]
    refused = client.post("/feedback", data={**fields, "helpful": "yes"})
    assert refused.status_code == 400 and "text/html" in refused.content_type
    forged = client.post("/feedback", data={**fields, "csrf_token": "forged", "helpful": "yes"})
    assert forged.status_code == 400
    assert client.get("/api/v1/insights", headers=admin_headers).get_json()["helpfulness"] == []


def test_feedback_with_the_token_is_stored_then_redirects_back_to_the_answer(client, admin_headers):
    fields = token_and_fields(text_of(client.get("/", query_string={"q": NETFLIX})))
    assert fields["id"] == "netflix" and fields["q"] == NETFLIX
    response = client.post("/feedback", data={**fields, "helpful": "yes"})
    assert response.status_code == 303 or response.status_code == 302
    assert response.headers["Location"].startswith("/?q=netflix")
    back = text_of(client.get(response.headers["Location"]))
    assert "Thank you: your feedback was recorded." in back and "Netflix" in back
    client.post("/feedback", data={**fields, "helpful": "no"}, headers={"Accept": "application/json"})
    rows = client.get("/api/v1/insights", headers=admin_headers).get_json()["helpfulness"]
    assert rows == [{"id": "netflix", "type": "app", "name": "Netflix", "helpful": 1, "not_helpful": 1}]


@pytest.mark.parametrize("change", [{"helpful": "maybe"}, {"id": "no-such-app"}, {"q": ""}])
def test_bad_feedback_form_is_400(client, change):
    fields = token_and_fields(text_of(client.get("/", query_string={"q": NETFLIX})))
    assert client.post("/feedback", data={**fields, "helpful": "yes", **change}).status_code == 400


def test_the_session_cookie_is_samesite_lax(client):
    page = client.get("/", query_string={"q": NETFLIX})  # the feedback form's CSRF token starts a session
    cookie = page.headers["Set-Cookie"]
    assert cookie.startswith("session=") and "SameSite=Lax" in cookie and "HttpOnly" in cookie


def test_a_nul_in_feedback_is_400_before_the_store_and_the_store_stays_fine(client):
    fields = token_and_fields(text_of(client.get("/", query_string={"q": NETFLIX})))
    refused = client.post("/feedback", data={**fields, "q": "netflix\x00 down", "helpful": "yes"})
    assert refused.status_code == 400 and "NUL" in text_of(refused)
    assert client.get("/readyz").get_json()["store"] == "ok"


def test_api_posts_need_no_csrf_token(client):
    body = {"query": NETFLIX, "id": "netflix", "helpful": True}
    assert client.post("/api/v1/feedback", json=body).status_code == 201


def test_apps_can_be_filtered_by_platform(client):
    everything = text_of(client.get("/apps"))
    windows = text_of(client.get("/apps?platform=windows"))
    assert "Netflix" in everything and "Signal" in everything
    rows = lambda page: page.count("<tr>") - 1  # noqa: E731 - the header row
    assert 0 < rows(windows) < rows(everything)
    assert client.get("/apps?platform=amiga").status_code == 400


def test_an_app_page_and_an_unknown_app(client):
    page = text_of(client.get("/apps/signal"))
    assert "Signal" in page and "Domains to exempt" in page and 'data-copy="domains-signal"' in page
    missing = client.get("/apps/no-such-app")
    assert missing.status_code == 404 and "text/html" in missing.content_type
    assert "no app with id" in text_of(missing) and "Traceback" not in text_of(missing)


def test_articles_render_markdown_without_raw_html(client):
    listing = text_of(client.get("/articles"))
    assert 'href="/articles/unlisted-apps"' in listing
    page = text_of(client.get("/articles/unlisted-apps"))
    assert "<h2>1. Prove inspection is the cause</h2>" in page and "<li>" in page


def test_raw_html_in_an_article_is_escaped():
    from pindesk.service.web import article_html
    markdown = "Hi <script>alert(1)</script> [x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>"
    rendered = str(article_html(markdown))
    assert "<script>" not in rendered and "<img" not in rendered and 'href="javascript:' not in rendered


def test_unexpected_errors_are_the_sites_page_without_a_traceback(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")
    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom")
    assert response.status_code == 500 and "text/html" in response.content_type
    assert "secret detail" not in text_of(response) and "Traceback" not in text_of(response)


def test_without_a_secret_key_one_is_kept_in_the_instance_folder(make_app, tmp_path, caplog):
    first = make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}", SECRET_KEY="", INSTANCE_PATH=str(tmp_path / "instance"))
    key_file = tmp_path / "instance" / "secret_key"
    assert key_file.read_text() == first.config["SECRET_KEY"] and len(first.config["SECRET_KEY"]) >= 32
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert "PINDESK_SECRET_KEY is not set" in caplog.text
    second = make_app(f"sqlite:///{tmp_path / 'db.sqlite3'}", SECRET_KEY="", INSTANCE_PATH=str(tmp_path / "instance"))
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]  # another worker or a restart
