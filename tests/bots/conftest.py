"""Slack fixtures: a local stand-in for Slack's Web API, the service with Slack on, signed requests."""
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode

import pytest

from pindesk.service.app import create_app

BOT_TOKEN = "xoxb-test-bot-token-1234567890"
SIGNING_SECRET = "test-signing-secret-0987654321"
APP_TOKEN = "xapp-test-app-token-1122334455"
ADMIN_TOKEN = "test-admin-token"
BOT_USER = "UBOT0001"


class FakeSlack:
    """Slack's Web API and the response_url endpoint on 127.0.0.1, recording every call it gets."""

    def __init__(self):
        self.calls = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                body = (json.loads(raw) if self.headers.get("Content-Type", "").startswith("application/json")
                        else {k: v[0] for k, v in parse_qs(raw).items()})
                with fake.lock:
                    fake.calls.append({"path": self.path, "body": body, "headers": dict(self.headers)})
                reply = {"ok": True}
                if self.path.endswith("/auth.test"):
                    reply.update(user_id=BOT_USER, bot_id="BBOT0001", team_id="T0001", url="https://t.slack.com/")
                elif self.path.endswith("/chat.postMessage"):
                    reply.update(channel=body.get("channel"), ts=f"{time.time():.6f}")
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def received(self, path_end: str) -> list[dict]:
        """The calls so far whose path ends with path_end (auth.test and the like left out otherwise)."""
        with self.lock:
            return [call for call in self.calls if call["path"].endswith(path_end)]

    def wait_for(self, path_end: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        """Wait until count calls to path_end arrived; return them (fewer after the timeout)."""
        deadline = time.monotonic() + timeout
        while len(self.received(path_end)) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.received(path_end)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_slack():
    """A stand-in for Slack, stopped after the test."""
    server = FakeSlack()
    yield server
    server.close()


def slack_config(fake_slack, **more) -> dict:
    """Service configuration with Slack on, its Web API pointed at the stand-in."""
    return {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.url + "/api/", **more}


@pytest.fixture
def make_slack_app(engine, tmp_path):
    """Build the service for a test over a fresh SQLite store, with the given configuration."""
    built = []

    def make(**config):
        app = create_app({"TESTING": True, "ENGINE": engine, "ADMIN_TOKEN": ADMIN_TOKEN,
                          "DATABASE_URL": f"sqlite:///{tmp_path / 'pindesk.sqlite3'}", **config})
        built.append(app)
        return app
    yield make
    for app in built:
        app.extensions["pindesk_desk"].store.engine.dispose()


@pytest.fixture
def slack_app(make_slack_app, fake_slack):
    """The service with Slack on."""
    return make_slack_app(**slack_config(fake_slack))


def signature(body: str, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict:
    """Slack's v0 signature headers over a body, now or at the timestamp given."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


class Slack:
    """Sends requests to /slack/events as Slack does: signed, form-encoded or JSON."""

    def __init__(self, client, fake):
        self.client, self.fake = client, fake

    def post(self, body: str, content_type: str, secret: str = SIGNING_SECRET, timestamp: int | None = None,
             headers: dict | None = None):
        """POST a body with Slack's v0 signature over it (a wrong secret or old timestamp to forge)."""
        return self.client.post("/slack/events", data=body, content_type=content_type,
                                headers={**signature(body, secret, timestamp), **(headers or {})})

    def command(self, text: str, command: str = "/pindesk", **kwargs):
        """A slash command as Slack sends it."""
        form = {"command": command, "text": text, "team_id": "T0001", "channel_id": "C0001", "user_id": "U0001",
                "user_name": "alex", "trigger_id": "1.2.3", "response_url": f"{self.fake.url}/response/command"}
        return self.post(urlencode(form), "application/x-www-form-urlencoded", **kwargs)

    def event(self, event: dict, **kwargs):
        """An Events API callback carrying one event."""
        envelope = {"type": "event_callback", "team_id": "T0001", "api_app_id": "A0001", "event": event,
                    "event_id": f"Ev{time.time_ns()}", "event_time": int(time.time()),
                    "authorizations": [{"team_id": "T0001", "user_id": BOT_USER, "is_bot": True}]}
        return self.post(json.dumps(envelope), "application/json", **kwargs)

    def click(self, button: dict, ephemeral: bool = True, **kwargs):
        """A click on one of the bot's buttons (block_actions), with a response_url to the stand-in."""
        payload = {"type": "block_actions", "team": {"id": "T0001"}, "user": {"id": "U0001"},
                   "api_app_id": "A0001", "trigger_id": "1.2.3",
                   "container": {"type": "message", "is_ephemeral": ephemeral, "channel_id": "C0001"},
                   "channel": {"id": "C0001"}, "response_url": f"{self.fake.url}/response/click",
                   "actions": [{**button, "block_id": "b1", "action_ts": str(time.time())}]}
        return self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded",
                         **kwargs)

    def press(self, message: dict, label: str) -> dict:
        """Click the button with this label in a message; the message the bot sends back to response_url."""
        before = len(self.fake.received("/response/click"))
        self.click(button_labelled(message, label))
        posted = self.fake.wait_for("/response/click", count=before + 1)
        assert len(posted) > before, f"nothing came back for {label!r}"
        return posted[-1]["body"]


@pytest.fixture
def slack(slack_app, fake_slack):
    """Signed requests to the service with Slack on."""
    return Slack(slack_app.test_client(), fake_slack)


def buttons(message: dict) -> list[dict]:
    """Every button in a message's blocks."""
    return [element for block in message.get("blocks", []) if block["type"] == "actions"
            for element in block["elements"]]


def button_labelled(message: dict, label: str) -> dict:
    """The button with this label; fails the test when there is none."""
    found = [b for b in buttons(message) if b["text"]["text"] == label]
    assert found, f"no {label!r} button in {[b['text']['text'] for b in buttons(message)]}"
    return found[0]


def message_text(message: dict) -> str:
    """All the text of a message: the fallback and every block's, as a person would read it."""
    parts = [message.get("text") or ""]
    for block in message.get("blocks", []):
        parts.append((block.get("text") or {}).get("text", ""))
        parts += [(e.get("text") or "") if isinstance(e.get("text"), str) else e.get("text", {}).get("text", "")
                  for e in block.get("elements", [])]
    return "\n".join(parts)
