"""What the bot says to what someone typed: help, a lookup by host, or the desk's answer."""
from __future__ import annotations

import re

from pindesk.knowledge.errors import QueryError

from . import blocks, messages, workspace_proxy

# Slack sends links as <https://host|label> or <https://host>; the label is what the person typed.
LINK_RE = re.compile(r"<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>")


def plain_text(text: str) -> str:
    """Slack's formatting undone: links become what was typed, &amp; &lt; &gt; their characters."""
    text = LINK_RE.sub(lambda m: m.group(2) or m.group(1), text or "")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def reply(text: str, context, share: bool, thread: str | None = None, only_if_asking: bool = False) -> dict:
    """The message for what someone typed; a query the engine refuses becomes a short notice.

    A symptom goes to the desk's conversation: the one a Slack `thread` key names (see thread_key),
    else a new one whose question's buttons carry its id.
    """
    text = plain_text(text)
    word, _, rest = text.partition(" ")
    if not text or word.lower() == "help":
        return messages.help_message(context["command_name"])
    if word.lower() == "lookup":
        return lookup(rest.strip(), context)
    if word.lower() == "proxy":
        return workspace_proxy.choose(rest.strip(), context)
    desk = context["desk"]
    try:
        exchange = desk.converse(None, text, "slack", thread=thread, only_if_asking=only_if_asking,
                                 client=context.get("user_id"))
    except QueryError as exc:
        return messages.notice(str(exc))
    message = blocks.exchange_message(exchange, desk.catalog, share, in_thread=thread is not None)
    return workspace_proxy.with_advice(message, exchange.answer, context)


def thread_key(context, channel: str, thread_ts: str | None = None) -> str:
    """The conversation a Slack thread is: team, channel and the thread's first message (none: the DM itself)."""
    return "/".join(part for part in (context.get("team_id") or "", channel or "", thread_ts or "") if part)


def lookup(raw: str, context) -> dict:
    """Which apps' lists cover a host, or how to ask when it is not a host."""
    catalog = context["desk"].catalog
    try:
        found = catalog.lookup(raw)
    except QueryError:
        return messages.notice(f"{raw[:100]!r} is not a host name or URL; try "
                               f"`{context['command_name']} lookup chat.signal.org`")
    return messages.lookup_message(found, catalog)
