"""Socket Mode: the same Bolt app over a WebSocket that pindesk opens, for workspaces without a public URL."""
from __future__ import annotations

from slack_bolt.adapter.socket_mode import SocketModeHandler

from .app import SlackSettings, create_bolt_app


def socket_mode_handler(current_engine, store, settings: SlackSettings) -> SocketModeHandler:
    """The handler connecting with the app-level token; its start() blocks until pindesk is stopped."""
    return SocketModeHandler(create_bolt_app(current_engine, store, settings), app_token=settings.app_token)
