"""Socket Mode: the same Bolt app over a WebSocket that pindesk opens, for workspaces without a public URL."""
from __future__ import annotations

from slack_bolt.adapter.socket_mode import SocketModeHandler

from pindesk.desk.answering import Desk

from .app import create_bolt_app
from .settings import SlackSettings


def socket_mode_handler(desk: Desk, settings: SlackSettings) -> SocketModeHandler:
    """The handler connecting with the app-level token; its start() blocks until pindesk is stopped."""
    return SocketModeHandler(create_bolt_app(desk, settings), app_token=settings.app_token)
