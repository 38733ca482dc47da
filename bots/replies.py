"""What the bot says to what someone typed: help, a lookup by host, or the engine's answer."""
from __future__ import annotations

import logging
import re

from pindesk.knowledge.answer import ABSTAINED
from pindesk.knowledge.domains import normalise_host
from pindesk.knowledge.errors import QueryError
from pindesk.service.store import StoreUnavailable

from . import blocks, messages

log = logging.getLogger(__name__)

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
    engine = context["engine"]
    try:
        answer = engine.ask(text)
    except QueryError as exc:
        return messages.notice(str(exc))
    context["on_answer"](answer.outcome)
    if answer.outcome == ABSTAINED:
        remember_unanswered(context["store"], answer.query)
    return blocks.answer_message(answer, engine.catalog, share)


def lookup(raw: str, context) -> dict:
    """Which apps' lists cover a host, or how to ask when it is not a host."""
    host = normalise_host(raw)
    if not host:
        return messages.notice(f"{raw[:100]!r} is not a host name or URL; try "
                               f"`{context['command_name']} lookup chat.signal.org`")
    catalog = context["engine"].catalog
    return messages.lookup_message(host, catalog.domain_index.lookup(host), catalog)


def remember_unanswered(store, query: str) -> None:
    """Store a query pindesk abstained on, as the API does; a store that is down only logs."""
    try:
        store.add_unanswered(query)
    except StoreUnavailable as exc:
        log.warning("could not record an unanswered query: %s", exc)
