"""Direct messages to the bot (message.im), answered in the conversation."""
from __future__ import annotations

from slack_bolt import App

from .. import replies


def is_from_a_person(event: dict) -> bool:
    """A new message a person wrote in a DM: not a bot's, not an edit, deletion or join."""
    return event.get("channel_type") == "im" and not event.get("bot_id") and not event.get("subtype")


def answer_direct_message(event, say, context):
    """Answer a person's DM in place (a DM thread gets the answer in that thread).

    A DM thread is one conversation; outside a thread, a message continues the DM's conversation
    while pindesk waits for a reply to its question, and starts a new one otherwise.
    """
    if is_from_a_person(event):
        thread_ts = event.get("thread_ts")
        thread = replies.thread_key(context, event.get("channel", ""), thread_ts)
        say(thread_ts=thread_ts, **replies.reply(event.get("text", ""), context, share=False, thread=thread,
                                                 only_if_asking=thread_ts is None))


def register(app: App) -> None:
    """Listen for message events; only a person's direct messages are answered."""
    app.event("message")(answer_direct_message)
