"""A button of pindesk's question back: the reply it carries, sent into the conversation it names."""
from __future__ import annotations

import re

from slack_bolt import App

from pindesk.knowledge.errors import NotFound, QueryError
from pindesk.knowledge.text import MAX_QUERY_CHARS

from .. import messages
from ..blocks import REPLY, exchange_message
from . import button_text, button_value, respond_privately

CONVERSATION_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what secrets.token_urlsafe gives
TS_RE = re.compile(r"^\d{1,12}\.\d{1,8}$")  # a Slack message timestamp


def answer_question(ack, action, body, respond, say, context):
    """Continue the conversation with the option's reply: privately after the slash command, else in place."""
    ack()
    value = button_value(action)
    conversation_id, reply = button_text(value, "c"), button_text(value, "q")
    if not CONVERSATION_ID_RE.match(conversation_id) or not reply.strip() or len(reply) > MAX_QUERY_CHARS:
        respond_privately(respond, messages.notice("That button is not one of pindesk's questions; ask again."))
        return
    desk = context["desk"]
    try:
        exchange = desk.converse(conversation_id, reply, "slack")
    except NotFound:
        respond_privately(respond, messages.notice("That conversation has expired; ask again."))
        return
    except QueryError as exc:
        respond_privately(respond, messages.notice(str(exc)))
        return
    container = body.get("container") or {}
    if container.get("is_ephemeral"):  # the slash command's answer: only the person who asked sees it
        respond_privately(respond, exchange_message(exchange, desk.catalog, share=True, in_thread=False))
        return
    say(thread_ts=thread_of(body), **exchange_message(exchange, desk.catalog, share=False, in_thread=True))


def thread_of(body: dict) -> str | None:
    """The thread the clicked message is in (None at the top of a DM), when it is a real timestamp."""
    found = (body.get("container") or {}).get("thread_ts") or (body.get("message") or {}).get("thread_ts")
    return found if isinstance(found, str) and TS_RE.match(found) else None


def register(app: App) -> None:
    """Listen for the question's buttons (numbered ids)."""
    app.action(re.compile(rf"^{REPLY}_\d+$"))(answer_question)
