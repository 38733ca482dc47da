"""The acceptance run: `pindesk serve` with test tokens, Slack's Web API stood in for on loopback."""
import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

from .conftest import BOT_TOKEN, SIGNING_SECRET, message_text, signature
from .test_events import mention


class Remote:
    """Signed requests as Slack sends them, over real HTTP."""

    def __init__(self, base: str):
        self.base = base

    def post(self, body: str, content_type: str, secret: str = SIGNING_SECRET, timestamp=None):
        """POST to /slack/events; the status and body, whatever the status."""
        request = urllib.request.Request(self.base + "/slack/events", data=body.encode(), method="POST",
                                         headers={"Content-Type": content_type,
                                                  **signature(body, secret, timestamp)})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()


def test_signed_slack_requests_over_http_to_pindesk_serve(tmp_path, fake_slack, pindesk_serve):
    server = pindesk_serve(PINDESK_WORKERS="2", PINDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                           SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                           PINDESK_SLACK_API_URL=fake_slack.url + "/api/")
    remote = Remote(server.url)
    form = urlencode({"command": "/pindesk", "text": "netflix says currently unavailable", "team_id": "T0001",
                      "user_id": "U0001", "channel_id": "C0001", "response_url": fake_slack.url + "/r"})
    started = time.monotonic()
    status, body = remote.post(form, "application/x-www-form-urlencoded")
    assert status == 200 and time.monotonic() - started < 3
    assert "Netflix" in message_text(json.loads(body))
    assert remote.post(form, "application/x-www-form-urlencoded", secret="forged")[0] == 401
    assert remote.post(form, "application/x-www-form-urlencoded", timestamp=int(time.time()) - 301)[0] == 401
    event = json.dumps({"type": "event_callback", "event": mention("help")})
    assert remote.post(event, "application/json")[0] == 200
    [posted] = fake_slack.wait_for("/chat.postMessage", timeout=10)
    assert posted["body"]["thread_ts"] == mention("help")["ts"]
    code, output = server.stop()
    assert code == 0, output
    assert BOT_TOKEN not in output and SIGNING_SECRET not in output
    assert "Traceback" not in output
    assert "slack_bolt" not in output  # no warning from Bolt about the token it reads from the environment
