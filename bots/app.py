"""The Slack bot: one Bolt app for the slash command, mentions, direct messages and buttons."""
from __future__ import annotations

import logging

from slack_bolt import App, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.webhook import WebhookClient

from pindesk.desk.answering import Desk

from .actions import browse, bypass, feedback, question, share
from .commands import pindesk as slash_command
from .events import direct_message, mention
from .settings import SlackSettings

SLACK_API_SECONDS = 3  # Slack wants an answer to a command within 3 s; no call of ours waits longer
log = logging.getLogger(__name__)


class TokenWarningFilter(logging.Filter):
    """Drops Bolt's warnings about the SLACK_BOT_TOKEN it reads from the environment itself: that it "will be
    ignored" (authorized_by_token uses that very token) and "will be unused" (the client carries it too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """False for those two warnings."""
        message = record.getMessage()
        return "will be ignored" not in message and "`token` will be unused" not in message


logging.getLogger("slack_bolt.App").addFilter(TokenWarningFilter())


def ignore_retries(req, next):
    """Slack resends an event it thinks went unanswered; the first delivery is answered already."""
    if req.headers.get("x-slack-retry-num"):
        return BoltResponse(status=200, body="")
    return next()


def authorized_by_token(token: str):
    """Bolt's authorize: the bot token as it is, without asking Slack (auth.test) on a request's path.

    Bolt's default asks auth.test on every request until it once succeeds, so a Slack that cannot be
    reached made every request fail, and a Slack that hangs held each one for 30 s.
    """
    def authorize(enterprise_id, team_id, user_id):
        """The same token for the one workspace the bot is installed in."""
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, bot_token=token)
    return authorize


def respond_within(seconds: float):
    """A respond() for the context: Bolt's own waits 30 s on a response_url that does not answer."""
    def respond_to(response_url: str):
        """respond(**message) posting to this request's response_url."""
        client = WebhookClient(response_url, timeout=seconds)
        return lambda **message: client.send(**message)
    return respond_to


def listener_failed(error: Exception) -> None:
    """Bolt's error handler: Slack not answering a reply is one warning line; anything else keeps its traceback."""
    if isinstance(error, (OSError, SlackClientError)):  # refused, timed out, unreachable, or an API error
        log.warning("a reply to Slack failed: %s", error)
    else:
        log.error("a Slack listener failed: %s", error, exc_info=error)


def bot_user_id(body: dict) -> str | None:
    """The bot's own user id, as Slack names it in an event's authorizations (so no auth.test is needed)."""
    found = (body.get("authorizations") or [{}])[0]
    return found.get("user_id") if isinstance(found, dict) and found.get("is_bot") else None


def create_bolt_app(desk: Desk, settings: SlackSettings) -> App:
    """The Bolt app: requests verified with the signing secret, no Slack call until a listener makes one.

    Every listener gets the desk in its context: it answers with the engine in service (a reloaded
    catalog is used), counts each answer and keeps feedback as the API and the web form do. Every call
    to Slack's Web API and to a response_url gives up after SLACK_API_SECONDS; the slash command is
    answered in its acknowledgement, which calls Slack for nothing.
    """
    app = App(name="pindesk", signing_secret=settings.signing_secret, token_verification_enabled=False,
              request_verification_enabled=True, authorize=authorized_by_token(settings.bot_token),
              client=WebClient(token=settings.bot_token, base_url=settings.web_api_url, timeout=SLACK_API_SECONDS))
    respond_to = respond_within(SLACK_API_SECONDS)

    def with_desk(context, body, next):
        """Hand every listener the desk, the command's name, the default proxy, a quick respond() and the
        bot's user id."""
        context.update(desk=desk, command_name=settings.command, default_proxy=settings.proxy)
        if context.response_url:
            context["respond"] = respond_to(context.response_url)
        if not context.get("bot_user_id"):
            context["bot_user_id"] = bot_user_id(body)
        return next()

    app.error(listener_failed)
    app.use(ignore_retries)
    app.use(with_desk)
    slash_command.register(app, settings.command)
    for module in (mention, direct_message, feedback, share, browse, bypass, question):
        module.register(app)
    return app
