"""Mentions of the bot in a channel, answered in a thread under the message."""
from __future__ import annotations

import re

from slack_bolt import App

from .. import replies

# The mention that addressed the bot, <@U123> (older clients add |name), at the start of the text.
LEADING_MENTION_RE = re.compile(r"^\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s:,]*")


def answer_mention(event, say, context):
    """Answer in the message's thread; messages from bots are left alone."""
    if event.get("bot_id"):
        return
    text = LEADING_MENTION_RE.sub("", event.get("text", ""))
    if context.get("bot_user_id"):  # "netflix is broken, <@U0BOT> any idea?"
        text = text.replace(f"<@{context['bot_user_id']}>", " ")
    thread_ts = event.get("thread_ts") or event["ts"]
    thread = replies.thread_key(context, event.get("channel", ""), thread_ts)  # the thread is the conversation
    say(thread_ts=thread_ts, **replies.reply(text, context, share=False, thread=thread))


def register(app: App) -> None:
    """Listen for app_mention events."""
    app.event("app_mention")(answer_mention)
