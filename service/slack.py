"""The Slack surface: Bolt's Flask adapter at POST /slack/events, or a JSON 404 when Slack is off."""
from __future__ import annotations

import logging

from flask import Blueprint, Flask, current_app, request
from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier

from pindesk.bots.settings import SlackSettings

from .errors import error

log = logging.getLogger(__name__)
bp = Blueprint("slack", __name__)


@bp.post("/slack/events")
def events():
    """Commands, events and button clicks alike: 401 unless signed by Slack, 400 unless Bolt can read it.

    Both are checked here, before Bolt, so that a stranger's junk is one short log line (the request's
    own), never a traceback; Bolt checks the signature again.
    """
    handler = current_app.extensions.get("pindesk_slack_handler")
    if handler is None:
        return error(404, "slack is not configured")
    body = request.get_data(as_text=True)
    if not current_app.extensions["pindesk_slack_verifier"].is_valid_request(body, dict(request.headers)):
        return error(401, "the request is not signed by Slack, or is too old")
    try:
        parsed = parse_body(body, request.mimetype)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        return error(400, "the body is not a Slack request pindesk can read")
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
        app.extensions["pindesk_slack_verifier"] = SignatureVerifier(settings.signing_secret)
    else:
        log.warning("Slack is switched off on /slack/events: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
                    "to turn it on")
    app.register_blueprint(bp)
