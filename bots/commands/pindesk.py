"""The slash command (`/pindesk` unless PINDESK_SLACK_COMMAND names another): help, lookup, or a symptom."""
from __future__ import annotations

from slack_bolt import App

from .. import replies


def register(app: App, command: str) -> None:
    """Answer the command in its acknowledgement: the engine is fast, so no second request is needed."""

    @app.command(command)
    def answer_command(ack, body, context):
        """Reply only to the person who asked; the answer carries a Share in channel button."""
        ack(response_type="ephemeral", **replies.reply(body.get("text", ""), context, share=True))
