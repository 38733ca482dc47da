"""Share in channel: the answer someone got privately, posted for everyone in the channel."""
from __future__ import annotations

import re

from slack_bolt import App

from ..blocks import SHARE, answer_message, app_message
from ..blocks import context as context_line
from . import button_value

USER_ID_RE = re.compile(r"^[UW][A-Z0-9]+$")


def register(app: App) -> None:
    """Listen for the Share in channel button."""

    @app.action(SHARE)
    def share_answer(ack, action, body, respond, context):
        """Render the same answer again (the engine gives the same one) and post it in the channel."""
        ack()
        value, engine = button_value(action), context["engine"]
        query = str(value.get("q") or "")
        if value.get("app"):
            message = app_message(engine.catalog.app(value["app"]), query, share=False)
        else:
            message = answer_message(engine.ask(query), engine.catalog, share=False)
        user = (body.get("user") or {}).get("id", "")
        if USER_ID_RE.match(user):
            message["blocks"].insert(0, context_line(f"Shared by <@{user}>"))
        respond(response_type="in_channel", replace_original=False, **message)
