"""Button listeners: feedback, sharing, candidates and all domains, the bypass list."""
from __future__ import annotations

import json


def button_value(action: dict) -> dict:
    """What a button of ours carries: the query ("q") and the ids its action needs."""
    try:
        value = json.loads(action.get("value") or "{}")
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def respond_privately(respond, message: dict) -> None:
    """A new message only the person who clicked sees, leaving the original as it was."""
    respond(response_type="ephemeral", replace_original=False, **message)
