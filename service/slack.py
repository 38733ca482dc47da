"""The Slack surface: Bolt's Flask adapter at POST /slack/events, or a JSON 404 when Slack is off."""
from __future__ import annotations

import logging

from flask import Blueprint, Flask, current_app, request

from pindesk.bots.settings import SlackSettings

from .errors import error

log = logging.getLogger(__name__)
bp = Blueprint("slack", __name__)


@bp.post("/slack/events")
def events():
    """Commands, events and button clicks alike; Bolt verifies the signature (401 when it fails)."""
    handler = current_app.extensions.get("pindesk_slack_handler")
    if handler is None:
        return error(404, "slack is not configured")
    return handler.handle(request)


def init_app(app: Flask, desk) -> None:
    """Build the Bolt app when a bot token and a signing secret are set; otherwise say Slack is off."""
    settings = SlackSettings.from_config(app.config)
    app.extensions["pindesk_slack_handler"] = None
    if settings.http_ready:
        from slack_bolt.adapter.flask import SlackRequestHandler

        from pindesk.bots.app import create_bolt_app  # slack_bolt is imported only when Slack is on
        bolt = create_bolt_app(desk, settings)
        app.extensions["pindesk_slack_handler"] = SlackRequestHandler(bolt)
    else:
        log.warning("Slack is switched off on /slack/events: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
                    "to turn it on")
    app.register_blueprint(bp)
