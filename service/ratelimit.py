"""A per-client rate limit on /api/ (Flask-Limiter): counters in memory, or in Redis shared by replicas.

The client's address is the key of a counter and nothing more: it is never logged or stored elsewhere.
"""
from __future__ import annotations

import math
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from .errors import error

LIMITED_PREFIX = "/api/"  # /healthz, /readyz, /metrics, the web form and Slack are not limited


def not_limited() -> bool:
    """True for requests outside the API."""
    return not request.path.startswith(LIMITED_PREFIX)


def too_many_requests(exc: RateLimitExceeded):
    """429 as JSON, with Retry-After: whole seconds until the client's window resets."""
    current = current_app.extensions["pindesk_limiter"].current_limit
    wait = max(1, math.ceil(current.reset_at - time.time())) if current else 1
    return error(429, f"too many requests: at most {exc.description}; try again in {wait} s",
                 {"Retry-After": str(wait)})


def init_app(app: Flask) -> None:
    """Limit each client address on /api/ to PINDESK_RATELIMIT, counted in PINDESK_RATELIMIT_STORAGE."""
    limit = app.config["RATELIMIT"]  # read by its setting: a rate, or None for off
    limiter = Limiter(
        get_remote_address, app=app, enabled=limit is not None,
        application_limits=[limit] if limit else [], application_limits_exempt_when=not_limited,
        storage_uri=app.config.get("RATELIMIT_STORAGE") or "memory://",
        key_prefix=app.config.get("RATELIMIT_KEY_PREFIX", "pindesk"),
        # Redis down: count in memory for the while rather than fail the request.
        in_memory_fallback_enabled=True, swallow_errors=True)
    app.extensions["pindesk_limiter"] = limiter
    app.register_error_handler(RateLimitExceeded, too_many_requests)
