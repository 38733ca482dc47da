"""Helpful / Not helpful: feedback kept in the same store as the web form's, so insights count both."""
from __future__ import annotations

import logging

from slack_bolt import App

from pindesk.service.store import StoreUnavailable

from .. import messages
from ..blocks import HELPFUL, NOT_HELPFUL
from . import button_value, respond_privately

log = logging.getLogger(__name__)


def register(app: App) -> None:
    """Listen for both feedback buttons."""

    def record_feedback(ack, action, respond, context):
        """Store the query, the app or article it was about, and whether it helped; then say thanks."""
        ack()
        value = button_value(action)
        helpful = action["action_id"] == HELPFUL
        try:
            context["store"].add_feedback(str(value.get("q") or ""), value.get("id"), helpful, None)
        except StoreUnavailable as exc:
            log.error("could not store feedback: %s", exc)
            respond_privately(respond, messages.notice("Feedback cannot be stored right now; try again later."))
            return
        thanks = ("Thanks: noted that this answer helped." if helpful else
                  "Thanks: noted that this answer did not help. The team reviewing pindesk's answers will see it.")
        respond_privately(respond, messages.notice(thanks))

    app.action(HELPFUL)(record_feedback)
    app.action(NOT_HELPFUL)(record_feedback)
