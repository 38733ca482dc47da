"""Helpful / Not helpful: feedback kept by the desk, as the API's and the web form's is, so insights count all."""
from __future__ import annotations

from slack_bolt import App

from pindesk.desk.store import StoreUnavailable
from pindesk.knowledge.errors import QueryError

from .. import messages
from ..blocks import HELPFUL, NOT_HELPFUL
from . import button_text, button_value, respond_privately

THANKS = {True: "Thanks: noted that this answer helped.",
          False: "Thanks: noted that this answer did not help. The team reviewing pindesk's answers will see it."}


def record_feedback(ack, action, respond, context):
    """Keep the query, the app or article it was about, and whether it helped; then say thanks."""
    ack()
    value = button_value(action)
    helpful = action.get("action_id") == HELPFUL
    entry_id = value.get("id")
    try:
        context["desk"].feedback(button_text(value, "q"), entry_id if entry_id is None else str(entry_id), helpful)
    except QueryError as exc:
        respond_privately(respond, messages.notice(f"That feedback cannot be kept: {exc}."))
        return
    except StoreUnavailable:
        respond_privately(respond, messages.notice("Feedback cannot be stored right now; try again later."))
        return
    respond_privately(respond, messages.notice(THANKS[helpful]))


def register(app: App) -> None:
    """Listen for both feedback buttons."""
    app.action(HELPFUL)(record_feedback)
    app.action(NOT_HELPFUL)(record_feedback)
