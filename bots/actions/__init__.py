"""Button listeners: feedback, sharing, candidates and all domains, the bypass list.

What a button sends back comes from Slack, but read it as if a stranger typed it: values that are
not ours, ids the catalog does not have, and text of any length are refused with a short notice.
"""
from __future__ import annotations

import json

from pindesk.knowledge.catalog import App, Catalog
from pindesk.knowledge.errors import NotFound

from .. import messages

MAX_VALUE_CHARS = 2000  # Slack's own limit for a button's value


def button_value(action: dict) -> dict:
    """What a button of ours carries: the query ("q") and the ids its action needs; {} for anything else."""
    raw = action.get("value") or "{}"
    try:
        value = json.loads(raw) if isinstance(raw, str) and len(raw) <= MAX_VALUE_CHARS else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def button_text(value: dict, key: str) -> str:
    """A text a button carries, or "" when it carries none (or something that is not text)."""
    found = value.get(key)
    return found if isinstance(found, str) else ""


def button_app(value: dict, catalog: Catalog, respond) -> App | None:
    """The app a button names; None, after telling the person who clicked, when the catalog has no such app."""
    try:
        return catalog.app(button_text(value, "app"))
    except NotFound:
        respond_privately(respond, messages.notice("That entry is no longer in the catalog; ask again."))
        return None


def respond_privately(respond, message: dict) -> None:
    """A new message only the person who clicked sees, leaving the original as it was."""
    respond(response_type="ephemeral", replace_original=False, **message)
