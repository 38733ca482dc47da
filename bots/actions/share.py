"""Share in channel: the answer someone got privately, posted for everyone in the channel."""
from __future__ import annotations

import re

from slack_bolt import App

from pindesk.knowledge.errors import QueryError

from .. import messages
from ..blocks import SHARE, answer_message, app_message
from ..blocks import context as context_line
from . import button_app, button_text, button_value, respond_privately

USER_ID_RE = re.compile(r"^[UW][A-Z0-9]+$")


def share_answer(ack, action, body, respond, context):
    """Render the same answer again (the engine gives the same one) and post it in the channel."""
    ack()
    value, desk = button_value(action), context["desk"]
    query = button_text(value, "q")
    if value.get("app"):
        app = button_app(value, desk.catalog, respond)
        if app is None:
            return
        message = app_message(app, query, share=False)
    else:
        try:
            message = answer_message(desk.ask(query, record=False), desk.catalog, share=False)
        except QueryError as exc:
            respond_privately(respond, messages.notice(str(exc)))
            return
    user = (body.get("user") or {}).get("id", "")
    if isinstance(user, str) and USER_ID_RE.match(user):
        message["blocks"].insert(0, context_line(f"Shared by <@{user}>"))
    respond(response_type="in_channel", replace_original=False, **message)


def register(app: App) -> None:
    """Listen for the Share in channel button."""
    app.action(SHARE)(share_answer)
