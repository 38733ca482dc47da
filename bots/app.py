"""The Slack bot: one Bolt app for the slash command, mentions, direct messages and buttons."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from .actions import browse, bypass, feedback, share
from .commands import pindesk as slash_command
from .events import direct_message, mention

if TYPE_CHECKING:
    from pindesk.knowledge.engine import Engine

DEFAULT_COMMAND = "/pindesk"


@dataclass(frozen=True)
class SlackSettings:
    """What the bot needs; the secrets stay out of repr() so no log line can carry them."""

    bot_token: str = field(default="", repr=False)
    signing_secret: str = field(default="", repr=False)
    app_token: str = field(default="", repr=False)
    api_url: str = ""
    command: str = DEFAULT_COMMAND

    @classmethod
    def from_config(cls, config) -> SlackSettings:
        """From the service's configuration (SLACK_BOT_TOKEN, ..., SLACK_API_URL, SLACK_COMMAND)."""
        command = (config.get("SLACK_COMMAND") or DEFAULT_COMMAND).strip()
        return cls(bot_token=config.get("SLACK_BOT_TOKEN") or "",
                   signing_secret=config.get("SLACK_SIGNING_SECRET") or "",
                   app_token=config.get("SLACK_APP_TOKEN") or "",
                   api_url=config.get("SLACK_API_URL") or "",
                   command="/" + command.lstrip("/"))

    @property
    def http_ready(self) -> bool:
        """True when requests over HTTP can be verified and answered: a bot token and a signing secret."""
        return bool(self.bot_token and self.signing_secret)

    @property
    def web_api_url(self) -> str:
        """The Web API base URL with the trailing slash WebClient expects."""
        return (self.api_url or WebClient.BASE_URL).rstrip("/") + "/"


def ignore_retries(req, next):
    """Slack resends an event it thinks went unanswered; the first delivery is answered already."""
    if req.headers.get("x-slack-retry-num"):
        return BoltResponse(status=200, body="")
    return next()


def create_bolt_app(current_engine: Callable[[], Engine], store, settings: SlackSettings,
                    on_answer: Callable[[str], None] = lambda outcome: None) -> App:
    """The Bolt app: requests verified with the signing secret, no Slack call until a request comes.

    `current_engine` gives the engine in service at each request, so a reloaded catalog is used;
    `on_answer` hears each answer's outcome (the service counts them in its metrics).
    """
    app = App(name="pindesk", signing_secret=settings.signing_secret, token_verification_enabled=False,
              request_verification_enabled=True,
              client=WebClient(token=settings.bot_token, base_url=settings.web_api_url))

    def with_knowledge(context, next):
        """Hand every listener the engine, the store and the command's name."""
        context.update(engine=current_engine(), store=store, command_name=settings.command, on_answer=on_answer)
        return next()

    app.use(ignore_retries)
    app.use(with_knowledge)
    slash_command.register(app, settings.command)
    for module in (mention, direct_message, feedback, share, browse, bypass):
        module.register(app)
    return app
