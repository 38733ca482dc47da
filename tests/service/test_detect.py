"""POST /api/v1/detect and the detect page: admin token, size limit, CSRF, escaping, nothing stored."""
import gzip
import html
import io
import json
import re
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "knowledge" / "detect" / "fixtures"
MITMPROXY_LOG = (FIXTURES / "mitmproxy.log").read_bytes()
HOSTILE_NAME = "<img src=x onerror=alert(1)>\x1b[31m.log"


@pytest.fixture
def app(make_app, tmp_path):
    """The service over SQLite, with a 1 MiB limit on detect uploads."""
    return make_app(f"sqlite:///{tmp_path / 'pindesk.sqlite3'}", DETECT_MAX_MB=1)


def post_log(client, admin_headers, body=MITMPROXY_LOG, query=""):
    """POST a log to the API with the admin token."""
    return client.post(f"/api/v1/detect{query}", data=body, headers=admin_headers,
                       content_type="application/octet-stream")


def test_the_api_answers_what_pindesk_detect_json_prints(client, admin_headers, run_cli):
    answer = post_log(client, admin_headers, query="?format=mitmproxy")
    assert answer.status_code == 200
    printed = run_cli("detect", "--json", "--format", "mitmproxy", "-", stdin=MITMPROXY_LOG)
    assert answer.get_json() == {**json.loads(printed.stdout), "sources": answer.get_json()["sources"]}
    assert answer.get_json()["sources"] == [{"name": "upload", "format": "mitmproxy", "records": 110,
                                             "skipped": {}}]


def test_gzip_and_several_files_in_one_multipart_post(client, admin_headers):
    answer = client.post("/api/v1/detect", headers=admin_headers, data={"file": [
        (io.BytesIO(gzip.compress(MITMPROXY_LOG)), "mitmdump.log.gz"),
        (io.BytesIO((FIXTURES / "zeek-ssl.json").read_bytes()), "ssl.json")]})
    assert answer.status_code == 200
    report = answer.get_json()
    assert [s["format"] for s in report["sources"]] == ["mitmproxy", "zeek"]
    pinned = {h["host"] for h in report["hosts"] if h["verdict"] == "pinned"}
    assert {"chat.signal.org", "p24-keyvalueservice.icloud.com"} <= pinned


def test_without_or_with_a_wrong_token(client):
    assert client.post("/api/v1/detect", data=MITMPROXY_LOG).status_code == 401
    wrong = client.post("/api/v1/detect", data=MITMPROXY_LOG, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.get_json() == {"error": "wrong admin token"}


def test_an_upload_over_the_limit_is_a_json_413_and_other_posts_keep_64_kib(client, admin_headers):
    too_big = post_log(client, admin_headers, body=MITMPROXY_LOG * 30)  # 1.3 MB over a 1 MiB limit
    assert too_big.status_code == 413 and "error" in too_big.get_json()
    fits = post_log(client, admin_headers, body=MITMPROXY_LOG * 20)
    assert fits.status_code == 200
    ask = client.post("/api/v1/ask", json={"query": "x" * 70_000})
    assert ask.status_code == 413


def test_unreadable_uploads_and_bad_options_are_400(client, admin_headers):
    binary = post_log(client, admin_headers, body=bytes(range(256)) * 100)
    assert binary.status_code == 400 and "binary data" in binary.get_json()["error"]
    for query in ("?format=nope", "?min_clients=two", "?since=yesterday", "?log_format=nope"):
        assert post_log(client, admin_headers, query=query).status_code == 400, query


def page_fields(page: str) -> dict:
    """The detect form's hidden fields, as a browser sends them."""
    return {name: html.unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page)}


def upload(client, name="mitmdump.log", body=MITMPROXY_LOG, **fields):
    """The detect form posted with the CSRF token, the test admin token and a file."""
    from .conftest import ADMIN_TOKEN
    data = {**page_fields(client.get("/detect").get_data(as_text=True)), "token": ADMIN_TOKEN,
            "file": (io.BytesIO(body), name), **fields}
    return client.post("/detect", data=data, content_type="multipart/form-data")


def test_the_page_shows_the_report_with_a_server_drawn_chart(client):
    response = upload(client, format="squid")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert "Signal</a> (pinned): chat.signal.org, storage.signal.org" in page
    assert "tallybank.co.uk" in page and "127.0.0.20: completed 0 of 8 hosts" in page
    assert "acl pindesk_nobump ssl::server_name .signal.org" in page
    chart = re.search(r'<svg class="detect-chart".*?</svg>', page, re.S).group(0)
    assert chart.count("<polyline") == 5 and "chat.signal.org: " in chart
    assert " style=" not in page and re.search(r"<script(?![^>]*\bsrc=)", page) is None


def test_every_string_from_the_upload_is_escaped(client):
    hostile_log = (b"[10:00:00.000][10.0.0.5:5000] Client TLS handshake failed. The client does not trust the "
                   b"proxy's certificate for <script>alert(1)</script> (tlsv1 alert unknown ca)\n")
    page = upload(client, name=HOSTILE_NAME, body=MITMPROXY_LOG + hostile_log).get_data(as_text=True)
    assert "<img src=x" not in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_page_needs_the_admin_token_and_the_csrf_token(client):
    wrong = upload(client, token="nope")
    assert wrong.status_code == 403 and "chat.signal.org" not in wrong.get_data(as_text=True)
    forged = client.post("/detect", data={"csrf_token": "forged", "token": "x",
                                          "file": (io.BytesIO(MITMPROXY_LOG), "a.log")},
                         content_type="multipart/form-data")
    assert forged.status_code == 400 and "chat.signal.org" not in forged.get_data(as_text=True)


def test_uploads_never_touch_the_disk(client, monkeypatch):
    import werkzeug.formparser

    def refuse(*args, **kwargs):
        raise AssertionError("an upload was spooled to a temporary file")
    monkeypatch.setattr(werkzeug.formparser, "SpooledTemporaryFile", refuse)
    big = MITMPROXY_LOG * 15  # 650 KB: werkzeug spools parts over 500 KB to a temporary file
    assert upload(client, body=big).status_code == 200


def test_a_too_large_upload_on_the_page_is_the_sites_413_page(client):
    response = upload(client, body=MITMPROXY_LOG * 30)
    assert response.status_code == 413 and "text/html" in response.content_type


@pytest.mark.parametrize("value", ["0", "-1", "lots", "1.5"])
def test_a_bad_detect_size_setting_stops_the_service(value):
    from pindesk.knowledge.errors import PindeskError
    from pindesk.service.settings import config
    with pytest.raises(PindeskError, match="PINDESK_DETECT_MAX_MB"):
        config({"PINDESK_DETECT_MAX_MB": value})
    assert config({"PINDESK_DETECT_MAX_MB": "5"})["DETECT_MAX_MB"] == 5
