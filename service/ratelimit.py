"""Per-client rate limits (Flask-Limiter): the API, the web form and the admin calls each have a budget.

By default the counts are shared by the server's workers (pindesk.desk.counting, shared memory), so
PINDESK_RATELIMIT holds for the server as a whole; PINDESK_RATELIMIT_STORAGE=redis://... shares them
between replicas too. The client's address is the key of a counter and nothing more: it is never
logged or stored elsewhere.
"""
from __future__ import annotations

import math
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits.storage import Storage

from pindesk.desk.counting import SharedCounts

from . import admin, web
from .errors import error

LIMITED_PREFIX = "/api/"  # /healthz, /readyz, /metrics, static files and Slack are not limited
SHARED = "pindesk-shared://"


class SharedMemoryStorage(Storage):
    """limits' storage over SharedCounts: one count per client for all the workers of a server."""

    STORAGE_SCHEME = ["pindesk-shared"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, counts: SharedCounts | None = None,
                 **options):
        super().__init__(uri, wrap_exceptions, **options)
        self.counts = counts or SharedCounts()

    @property
    def base_exceptions(self):
        """Nothing to wrap: shared memory does not fail like a network store."""
        return ()

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count a hit in the key's window; the count so far."""
        return self.counts.hit(key, expiry, amount)[0]

    def get(self, key: str) -> int:
        """The key's count in its window."""
        return self.counts.get(key)[0]

    def get_expiry(self, key: str) -> float:
        """When the key's window ends (epoch seconds)."""
        return self.counts.get(key)[1]

    def check(self) -> bool:
        """Always reachable."""
        return True

    def reset(self) -> None:
        """Forget every count."""
        self.counts.reset()

    def clear(self, key: str) -> None:
        """Forget one key's count."""
        self.counts.clear(key)


def public_api_exempt() -> bool:
    """True outside the public API: elsewhere, and the admin calls, which have a budget of their own."""
    return not request.path.startswith(LIMITED_PREFIX) or request.blueprint == admin.bp.name


def too_many_requests(exc: RateLimitExceeded):
    """429 as JSON under /api/ (an HTML page elsewhere), with Retry-After: whole seconds until the window resets."""
    current = current_app.extensions["pindesk_limiter"].current_limit
    wait = max(1, math.ceil(current.reset_at - time.time())) if current else 1
    message = f"too many requests: at most {exc.description}; try again in {wait} s"
    if request.path.startswith(LIMITED_PREFIX):
        return error(429, message, {"Retry-After": str(wait)})
    return message + "\n", 429, {"Retry-After": str(wait), "Content-Type": "text/plain; charset=utf-8"}


def init_app(app: Flask, counts: SharedCounts) -> None:
    """Limit each client address to PINDESK_RATELIMIT on the API, on the web form and on admin calls, apart."""
    limit = app.config["RATELIMIT"]  # read by its setting: a rate, or None for off
    storage = app.config.get("RATELIMIT_STORAGE") or SHARED
    limiter = Limiter(
        get_remote_address, app=app, enabled=limit is not None,
        application_limits=[limit] if limit else [], application_limits_exempt_when=public_api_exempt,
        storage_uri=storage, storage_options={"counts": counts} if storage == SHARED else {},
        key_prefix=app.config.get("RATELIMIT_KEY_PREFIX", "pindesk"),
        # Redis down: count in memory for the while rather than fail the request.
        in_memory_fallback_enabled=True, swallow_errors=True)
    if limit:
        limiter.shared_limit(limit, scope="web")(web.bp)  # pages and answers; static files are the app's
        limiter.shared_limit(limit, scope="admin")(admin.bp)
    app.extensions["pindesk_limiter"] = limiter
    app.register_error_handler(RateLimitExceeded, too_many_requests)
