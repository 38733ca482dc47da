"""Which proxy a request's answer is worded for: the request's own choice, else the service's PINDESK_PROXY."""
from __future__ import annotations

from flask import abort, current_app

from pindesk.knowledge.advice import advice_for, advise
from pindesk.knowledge.proxies import profile_ids

from . import current


def requested(value) -> str | None:
    """The profile asked for: None when not given (the service's default applies), "" for the neutral wording.

    400 for a name that is no profile.
    """
    if value is None:
        return current_app.config.get("PROXY")
    if not isinstance(value, str) or value.strip().lower() not in ("", *profile_ids()):
        abort(400, f"proxy must be empty or one of {', '.join(profile_ids())}")
    return value.strip().lower() or None


def advised(answer, value):
    """The answer with the advice of the proxy the request chose (or the service's default)."""
    return advise(answer, requested(value), current.desk().catalog)


def app_with_advice(app, value) -> dict:
    """An app's JSON entry; with a proxy chosen, its advice under "advice"."""
    proxy = requested(value)
    data = app.to_dict()
    if proxy:
        data["advice"] = advice_for(app, proxy, current.desk().catalog).to_dict()
    return data
