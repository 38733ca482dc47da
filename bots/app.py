"""The Slack bot: one Bolt app for the slash command, mentions, direct messages and buttons."""
from __future__ import annotations

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from pindesk.desk.answering import Desk

from .actions import browse, bypass, feedback, share
from .commands import pindesk as slash_command
from .events import direct_message, mention
from .settings import SlackSettings


def ignore_retries(req, next):
    """Slack resends an event it thinks went unanswered; the first delivery is answered already."""
    if req.headers.get("x-slack-retry-num"):
        return BoltResponse(status=200, body="")
    return next()


def create_bolt_app(desk: Desk, settings: SlackSettings) -> App:
    """The Bolt app: requests verified with the signing secret, no Slack call until a request comes.

    Every listener gets the desk in its context: it answers with the engine in service (a reloaded
    catalog is used), counts each answer and keeps feedback as the API and the web form do.
    """
    app = App(name="pindesk", signing_secret=settings.signing_secret, token_verification_enabled=False,
              request_verification_enabled=True,
              client=WebClient(token=settings.bot_token, base_url=settings.web_api_url))

    def with_desk(context, next):
        """Hand every listener the desk and the command's name."""
        context.update(desk=desk, command_name=settings.command, default_proxy=settings.proxy)
        return next()

    app.use(ignore_retries)
    app.use(with_desk)
    slash_command.register(app, settings.command)
    for module in (mention, direct_message, feedback, share, browse, bypass):
        module.register(app)
    return app
