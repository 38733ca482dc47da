"""The web form in a real browser: Debian's chromium, driven by Playwright, against `pindesk serve`."""
import json
import os
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ADMIN_TOKEN = "browser-test-token"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(scope="module")
def browser():
    """Headless chromium; skipped without it, except under CI (.ci/run installs it)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing but CI is set (.ci/run installs chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def server(pindesk_serve, tmp_path):
    """`pindesk serve` with its own SQLite file and the admin token set."""
    return pindesk_serve(PINDESK_WORKERS="2", PINDESK_ADMIN_TOKEN=ADMIN_TOKEN,
                         PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'pindesk.sqlite3'}")


def helpful_count(url: str, answer_id: str) -> int:
    """How many said the answer helped, as GET /api/v1/insights reports it."""
    request = urllib.request.Request(f"{url}/api/v1/insights", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        rows = json.loads(response.read())["helpfulness"]
    return sum(row["helpful"] for row in rows if row["id"] == answer_id)


def open_page(browser, url: str, problems: list, **options):
    """A fresh page that records console errors, page errors and CSP violations into problems."""
    page = browser.new_context(**options).new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.goto(url)
    return page


def test_type_a_symptom_see_the_card_and_say_it_helped(browser, server):
    problems = []
    page = open_page(browser, server.url + "/", problems, viewport={"width": 1100, "height": 900})
    page.get_by_label("Describe the problem").press_sequentially("netflix says currently unavailable", delay=15)
    card = page.locator("#answer .card")
    card.locator("h2", has_text="Netflix").wait_for()  # answered as typed: no submit
    assert "q=netflix" in page.url  # the address bar holds a link to this answer
    assert "Catalog name: Netflix" in card.inner_text() and "What to do" in card.inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    card.screenshot(path=str(SCREENSHOTS / "answer-card.png"))

    card.get_by_role("button", name="Yes").click()
    card.get_by_text("Thank you: your feedback was recorded.").wait_for()
    assert helpful_count(server.url, "netflix") == 1
    assert problems == []


def test_without_javascript_the_form_posts_and_comes_back_to_the_answer(browser, server):
    problems = []
    page = open_page(browser, server.url + "/", problems, java_script_enabled=False)
    page.get_by_label("Describe the problem").fill("netflix says currently unavailable")
    page.get_by_role("button", name="Ask").click()
    page.locator("#answer h2", has_text="Netflix").wait_for()
    page.get_by_role("button", name="Yes").click()  # Post/Redirect/Get
    page.get_by_text("Thank you: your feedback was recorded.").wait_for()
    assert "q=netflix" in page.url and "Netflix" in page.locator("#answer").inner_text()
    assert helpful_count(server.url, "netflix") == 1
    assert problems == []


def test_copy_button_and_catalog_pages_load_cleanly_on_a_phone(browser, server):
    problems = []
    page = open_page(browser, server.url + "/?q=signal+won%27t+connect", problems,
                     viewport={"width": 390, "height": 844}, is_mobile=True)
    assert page.locator("button[data-copy='domains-signal']").is_visible()
    for path in ("/apps?platform=ios", "/apps/signal", "/articles", "/articles/unlisted-apps", "/apps/nope"):
        page.goto(server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"{path} is {width}px wide on a 390px screen"
    assert [p for p in problems if "404" not in p] == []


def test_upload_a_log_on_the_detect_page_and_read_the_report(browser, server):
    problems = []
    page = open_page(browser, server.url + "/detect", problems, viewport={"width": 1100, "height": 900})
    fixtures = Path(__file__).resolve().parents[1] / "knowledge" / "detect" / "fixtures"
    page.get_by_label("Logs or captures").set_input_files([str(fixtures / "squid-access.log"),
                                                           str(fixtures / "squid-cache.log")])
    page.get_by_label("Admin token").fill(ADMIN_TOKEN)
    page.get_by_label("Bypass change for").select_option("squid")
    page.get_by_role("button", name="Detect").click()
    report = page.locator("#report")
    report.get_by_text("Catalog apps that pin their hosts").wait_for()
    assert report.locator("svg.detect-chart polyline").count() == 5
    assert "acl pindesk_nobump ssl::server_name .tallybank.co.uk" in page.locator("#detect-change").input_value()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "detect-report.png"), full_page=True)


def test_without_javascript_a_question_back_is_answered_with_a_button(browser, server):
    problems = []
    page = open_page(browser, server.url + "/", problems, java_script_enabled=False)
    page.get_by_label("Describe the problem").fill("No Internet Connection")
    page.get_by_role("button", name="Ask").click()
    question = page.locator("#question")
    question.get_by_text("Which of these apps is it?").wait_for()
    assert question.get_by_role("button", name="TrainingPeaks").is_visible()
    question.get_by_role("button", name="Overcast").click()  # a form post, then back to the conversation
    page.locator("#answer .said").wait_for()
    assert "c=" in page.url and page.locator("#question").count() == 0
    assert "Catalog name: Overcast" in page.locator("#answer").inner_text()
    assert problems == []


def test_with_javascript_the_question_follows_typing_and_a_reply_in_words_settles_it(browser, server):
    problems = []
    page = open_page(browser, server.url + "/", problems, viewport={"width": 1100, "height": 900})
    page.get_by_label("Describe the problem").press_sequentially("WhatsApp won't connect", delay=15)
    # the card and its question follow the typing; wait for the one about the whole query
    page.locator("#question input[name='q'][value=\"WhatsApp won't connect\"]").first.wait_for(state="attached")
    page.get_by_label("Or answer in your own words").fill("it works at home too")
    page.get_by_role("button", name="Reply").click()
    page.get_by_role("heading", name="Probably not TLS inspection").wait_for()
    assert "c=" in page.url and "Domains to exempt" not in page.locator("#answer").inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("#answer .card").screenshot(path=str(SCREENSHOTS / "conversation-card.png"))
    assert problems == []
