"""The slash command (`/pindesk` unless PINDESK_SLACK_COMMAND names another): help, lookup, or a symptom."""
from __future__ import annotations

from slack_bolt import App

from .. import replies


def answer_command(ack, body, context):
    """Answer in the acknowledgement, only to the person who asked; the answer has a Share in channel button.

    The engine is fast, so no second request to Slack is needed.
    """
    ack(response_type="ephemeral", **replies.reply(body.get("text", ""), context, share=True))


def register(app: App, command: str) -> None:
    """Listen for the slash command."""
    app.command(command)(answer_command)
