"""A workspace's proxy: `/pindesk proxy [name]` shows or sets it (kept in the store), and answers carry its advice."""
from __future__ import annotations

import logging

from pindesk.desk.store import StoreUnavailable
from pindesk.knowledge.advice import Advice, advise
from pindesk.knowledge.proxies import load_profiles, profile_ids

from . import messages
from .blocks import SECTION_LIMIT, context, escape, section

log = logging.getLogger(__name__)
NEUTRAL = ("none", "neutral", "off")  # words that choose the neutral wording
FENCE = "```"


def chosen(context_) -> str | None:
    """The workspace's proxy profile: its own choice in the store, else the service's PINDESK_PROXY."""
    team_id = context_.get("team_id")
    stored = None
    if team_id:
        try:
            stored = context_["desk"].store.workspace_proxy(team_id)
        except StoreUnavailable as exc:
            log.warning("could not read the workspace's proxy: %s", exc)
    if stored is not None:
        return stored or None
    return context_.get("default_proxy")


def choose(name: str, context_) -> dict:
    """`proxy` shows the workspace's proxy; `proxy NAME` sets it (`proxy none` for the neutral wording)."""
    command = context_["command_name"]
    if not name:
        current = chosen(context_)
        said = (f"Answers here are worded for *{load_profiles().get(current).name}*." if current
                else "Answers here use the neutral wording (no proxy chosen).")
        return messages.notice(f"{said} Choose with `{command} proxy NAME`: {', '.join(profile_ids())}, "
                                    f"or `{command} proxy none`.")
    value = name.lower()
    if value not in (*profile_ids(), *NEUTRAL):
        return messages.notice(f"{name[:40]!r} is no proxy pindesk knows: choose one of {', '.join(profile_ids())}, "
                               f"or none.")
    stored = "" if value in NEUTRAL else value
    team_id = context_.get("team_id")
    if not team_id:
        return messages.notice("This workspace could not be told apart, so the choice was not kept.")
    try:
        context_["desk"].store.set_workspace_proxy(team_id, stored)
    except StoreUnavailable:
        return messages.notice("The choice cannot be kept right now; please try again later.")
    said = f"*{load_profiles().get(stored).name}*" if stored else "the neutral wording"
    return messages.notice(f"From now on, answers in this workspace are worded for {said}.")


def with_advice(message: dict, answer, context_) -> dict:
    """The answer's message with the workspace proxy's advice for its leading app(s), above the buttons."""
    advised = advise(answer, chosen(context_), context_["desk"].catalog)
    if not advised.advice:
        return message
    extra = [block for advice in advised.advice for block in advice_blocks(advice)]
    blocks = message["blocks"]
    return {**message, "blocks": (blocks[:-1] + extra)[:49] + blocks[-1:]}  # Slack takes 50 blocks at most


def advice_blocks(advice: Advice) -> list[dict]:
    """One app's advice for one proxy: what to do with links to the vendor's pages, the export, what is built in."""
    lines = [f"*On {escape(advice.proxy_name)}* ({escape(advice.app_name)}): {escape(advice.summary)}"]
    lines += [f"{n}. {escape(step.text)}" + (f" <{step.link}|docs>" if step.link else "")
              for n, step in enumerate(advice.steps, 1)]
    blocks = [section("\n".join(lines))]
    if advice.export:
        room = SECTION_LIMIT - 100
        content = advice.export.content
        cut = content if len(content) <= room else content[:content.rfind("\n", 0, room)] + "\n(cut short)"
        blocks.append(section(f"*{escape(advice.export.label)}*\n{FENCE}\n{escape(cut)}\n{FENCE}"))
    for step in advice.built_in:
        blocks.append(context(f"Already in {escape(advice.proxy_name)}: {escape(step.text)}"
                              + (f" <{step.link}|source>" if step.link else "")))
    return blocks
