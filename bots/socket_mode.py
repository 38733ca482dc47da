"""Socket Mode: the same Bolt app over a WebSocket that pindesk opens, for workspaces without a public URL."""
from __future__ import annotations

import contextlib
import logging
import threading
from urllib.error import URLError

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackClientError

from pindesk.desk.answering import Desk
from pindesk.knowledge.errors import PindeskError

from .app import create_bolt_app
from .settings import SlackSettings


class SlackUnreachable(PindeskError):
    """Slack's API could not be reached or refused the app-level token."""


def socket_mode_handler(desk: Desk, settings: SlackSettings) -> SocketModeHandler:
    """The handler connecting with the app-level token."""
    return SocketModeHandler(create_bolt_app(desk, settings), app_token=settings.app_token)


@contextlib.contextmanager
def quiet(logger_name: str):
    """Hold back a library's own error lines: a failure here is said once, by pindesk."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def wait_until_stopped() -> None:
    """Block this thread until the process is stopped (the WebSocket runs in threads of its own)."""
    threading.Event().wait()


def run(handler: SocketModeHandler, api_url: str) -> None:
    """Connect to Slack, then answer until stopped; SlackUnreachable in one line when Slack cannot be reached."""
    with quiet("slack_sdk"):
        try:
            handler.connect()
        except (OSError, SlackClientError) as exc:
            reason = exc.reason if isinstance(exc, URLError) else exc
            raise SlackUnreachable(f"cannot reach Slack's API at {api_url} ({reason}): Socket Mode needs "
                                   f"outbound HTTPS to Slack") from None
    wait_until_stopped()
