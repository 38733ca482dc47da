"""Which proxy a request's answer is worded for: the request's own choice (a parameter, or the web form's
cookie), else the service's PINDESK_PROXY."""
from __future__ import annotations

from flask import abort, current_app, request

from pindesk.knowledge.advice import advice_for, advise
from pindesk.knowledge.proxies import load_profiles, profile_ids

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
    """The answer with the advice of the proxy the request chose (or the service's default); as it is without one."""
    proxy = requested(value)
    return advise(answer, proxy, current.desk().catalog) if proxy else answer


def app_with_advice(app, value) -> dict:
    """An app's JSON entry; with a proxy chosen, its advice under "advice"."""
    proxy = requested(value)
    data = app.to_dict()
    if proxy:
        data["advice"] = advice_for(app, proxy, current.desk().catalog).to_dict()
    return data


COOKIE = "pindesk_proxy"
COOKIE_DAYS = 365


def web_choice() -> str | None:
    """The web form's proxy: ?proxy= when the form sent it, else the browser's remembered choice, else the default."""
    value = request.args.get("proxy")
    if value is None:
        value = request.cookies.get(COOKIE)
        if value is not None and value.strip().lower() not in ("", *profile_ids()):
            value = None  # a stale cookie from a renamed profile: the default applies
    return requested(value)


def remember(response):
    """Keep the proxy chosen in the form in the browser, so the next visit (with or without JavaScript) uses it."""
    value = request.args.get("proxy")
    if value is not None:
        response.set_cookie(COOKIE, value.strip().lower(), max_age=COOKIE_DAYS * 86400, samesite="Lax",
                            secure=request.is_secure, httponly=True)
    return response


def proxy_options() -> list[tuple[str, str]]:
    """The choices of the form's proxy picker: each profile's id and the product's name."""
    profiles = load_profiles()
    return [(profile_id, profiles.get(profile_id).name) for profile_id in profile_ids()]
