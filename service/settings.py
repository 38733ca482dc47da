"""The service's settings, each declared once with the parser that reads it."""
from __future__ import annotations

import os

from pindesk.knowledge.settings import SETTINGS as CORE_SETTINGS
from pindesk.knowledge.settings import Setting, one_of, optional, seconds, text, whole_number

from ..bots import settings as slack_settings

RATELIMIT_OFF = "off"
LOG_FORMATS = ("json", "text")


def default_workers(cores: int | None = None) -> int:
    """One worker per core, at least 2, at most 8: answering is CPU work, not waiting.

    Gunicorn's 2 x cores + 1 suits workers that wait on I/O; measured with wrk on 2 cores, 2 workers
    answered /api/v1/ask about 15% faster than 5, with a p99 of 30 ms instead of 170 ms.
    """
    return min(max(cores or os.cpu_count() or 1, 2), 8)


def rate_limit(raw: str) -> str | None:
    """A Flask-Limiter rate ("300/minute"), or None for off."""
    import limits  # only the service needs it
    raw = raw.strip()
    if raw.lower() == RATELIMIT_OFF:
        return None
    try:
        limits.parse(raw)
    except ValueError:
        raise ValueError("must be a rate such as 300/minute, or off") from None
    return raw


DATABASE_URL = Setting(
    "PINDESK_DATABASE_URL", "",
    "Where the service keeps feedback and unanswered queries: a SQLAlchemy URL such as "
    "postgresql+psycopg://user:password@host:5432/pindesk; empty means a SQLite file in the "
    "service's instance folder.", optional)
ADMIN_TOKEN = Setting(
    "PINDESK_ADMIN_TOKEN", "",
    "Bearer token for GET /api/v1/insights, POST /api/v1/admin/reload and POST /api/v1/detect (and the "
    "web form's Detect page); empty disables them.", secret=True)
SECRET_KEY = Setting(
    "PINDESK_SECRET_KEY", "",
    "Key that signs the web form's session and CSRF tokens; empty means a random key kept in "
    "the service's instance folder (created on first start, shared by every worker).", secret=True)
RETENTION_DAYS = Setting("PINDESK_RETENTION_DAYS", "90",
                         "Days to keep feedback and unanswered queries; older rows are deleted.", whole_number(1))
CONVERSATION_HOURS = Setting(
    "PINDESK_CONVERSATION_HOURS", "24",
    "Hours a conversation (a Slack thread, the web form's or the API's) is kept after its last message; "
    "a reply after that starts afresh.", whole_number(1))
RELOAD_SECONDS = Setting(
    "PINDESK_RELOAD_SECONDS", "5",
    "How often each worker checks the catalog file and articles for changes and rebuilds the "
    "index (0 turns watching off; POST /api/v1/admin/reload still works).", seconds(0))
HOST = Setting("PINDESK_HOST", "127.0.0.1", "Address `pindesk serve` listens on (--host wins).", text)
PORT = Setting("PINDESK_PORT", "8080", "Port `pindesk serve` listens on (--port wins).", whole_number(1, 65535))
WORKERS = Setting("PINDESK_WORKERS", str(default_workers()),
                  "Worker processes of `pindesk serve` (default one per core, at least 2, at most 8).",
                  whole_number(1, 64))
LOG_FORMAT = Setting("PINDESK_LOG_FORMAT", "json", "Log lines of the service: json (one object a line) or text.",
                     one_of(*LOG_FORMATS))
RATELIMIT = Setting(
    "PINDESK_RATELIMIT", "300/minute",
    "Requests each client address may make to the public API, to the web form and in admin calls, each "
    "(e.g. 300/minute, 20/second); off turns the limit off.", rate_limit)
DETECT_MAX_MB = Setting(
    "PINDESK_DETECT_MAX_MB", "100",
    "Largest log or capture POST /api/v1/detect and the web form's detect page accept, in megabytes "
    "(read as it arrives, never stored); every other request stays under 64 KiB.", whole_number(1, 100_000))
RATELIMIT_STORAGE = Setting(
    "PINDESK_RATELIMIT_STORAGE", "",
    "Where the rate limit's counters live: empty keeps them in memory shared by the server's workers; "
    "a Redis URL such as redis://127.0.0.1:6379 shares them between replicas too.", optional)

SETTINGS = (DATABASE_URL, ADMIN_TOKEN, SECRET_KEY, RETENTION_DAYS, CONVERSATION_HOURS, RELOAD_SECONDS, HOST, PORT,
            WORKERS, LOG_FORMAT, RATELIMIT, RATELIMIT_STORAGE, DETECT_MAX_MB)


def config(environ=None, overrides=None) -> dict:
    """The app's configuration: every setting the service reads (its own, the core's, Slack's), parsed.

    Keys are the names without their PINDESK_ prefix (CATALOG, PROXY, DATABASE_URL, ..., SLACK_BOT_TOKEN).
    An override's text (a test's configuration) is read by the setting's parser like the environment's;
    a value already parsed is kept as it is.
    """
    found = {}
    for setting in (*CORE_SETTINGS, *SETTINGS, *slack_settings.SETTINGS):
        key = setting.name.removeprefix("PINDESK_")
        given = (overrides or {}).get(key, setting.raw(environ))
        found[key] = setting.value({setting.name: given}) if isinstance(given, str) else given
    return found
