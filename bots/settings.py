"""The Slack bot's settings, declared once; SlackSettings is what the bot reads of them."""
from __future__ import annotations

from dataclasses import dataclass, field

from pindesk.knowledge.settings import Setting

SLACK_API = "https://slack.com/api/"
DEFAULT_COMMAND = "/pindesk"

BOT_TOKEN = Setting("SLACK_BOT_TOKEN", "",
                    "Slack bot token (xoxb-...); with SLACK_SIGNING_SECRET it switches the Slack bot on.", secret=True)
SIGNING_SECRET = Setting("SLACK_SIGNING_SECRET", "",
                         "Slack signing secret: every request to POST /slack/events must be signed with it.",
                         secret=True)
APP_TOKEN = Setting("SLACK_APP_TOKEN", "", "Slack app-level token (xapp-...) for `pindesk slack` (Socket Mode).",
                    secret=True)
API_URL = Setting("PINDESK_SLACK_API_URL", "",
                  "Base URL of Slack's Web API; empty means https://slack.com/api/ (set it for GovSlack or tests).")
COMMAND = Setting("PINDESK_SLACK_COMMAND", DEFAULT_COMMAND, "The slash command the Slack bot answers.",
                  lambda raw: "/" + (raw.strip() or DEFAULT_COMMAND).lstrip("/"))
SETTINGS = (BOT_TOKEN, SIGNING_SECRET, APP_TOKEN, API_URL, COMMAND)


@dataclass(frozen=True)
class SlackSettings:
    """What the bot needs; the secrets stay out of repr() so no log line can carry them."""

    bot_token: str = field(default="", repr=False)
    signing_secret: str = field(default="", repr=False)
    app_token: str = field(default="", repr=False)
    api_url: str = ""
    command: str = DEFAULT_COMMAND
    proxy: str | None = None  # PINDESK_PROXY: the wording of a workspace that chose no proxy

    @classmethod
    def from_config(cls, config) -> SlackSettings:
        """From the service's configuration (SLACK_BOT_TOKEN, ..., SLACK_API_URL, SLACK_COMMAND)."""
        return cls(bot_token=config.get("SLACK_BOT_TOKEN") or "",
                   signing_secret=config.get("SLACK_SIGNING_SECRET") or "",
                   app_token=config.get("SLACK_APP_TOKEN") or "",
                   api_url=config.get("SLACK_API_URL") or "",
                   command=COMMAND.parse(config.get("SLACK_COMMAND") or DEFAULT_COMMAND),
                   proxy=config.get("PROXY") or None)

    @property
    def http_ready(self) -> bool:
        """True when requests over HTTP can be verified and answered: a bot token and a signing secret."""
        return bool(self.bot_token and self.signing_secret)

    @property
    def web_api_url(self) -> str:
        """The Web API base URL with the trailing slash Slack's WebClient expects."""
        return (self.api_url or SLACK_API).rstrip("/") + "/"
