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


def reply(text: str, context, share: bool) -> dict:
    """The message for what someone typed; a query the engine refuses becomes a short notice."""
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
        answer = desk.ask(text)
    except QueryError as exc:
        return messages.notice(str(exc))
    return workspace_proxy.with_advice(blocks.answer_message(answer, desk.catalog, share), answer, context)


def lookup(raw: str, context) -> dict:
    """Which apps' lists cover a host, or how to ask when it is not a host."""
    catalog = context["desk"].catalog
    try:
        found = catalog.lookup(raw)
    except QueryError:
        return messages.notice(f"{raw[:100]!r} is not a host name or URL; try "
                               f"`{context['command_name']} lookup chat.signal.org`")
    return messages.lookup_message(found, catalog)
