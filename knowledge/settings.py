"""Every setting (PINDESK_* and Slack's SLACK_*), declared once with its default and help."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    """One environment setting."""

    name: str
    default: str
    help: str
    secret: bool = False


def default_workers(cores: int | None = None) -> int:
    """One worker per core, at least 2, at most 8: answering is CPU work, not waiting.

    Gunicorn's 2 x cores + 1 suits workers that wait on I/O; measured with wrk on 2 cores, 2 workers
    answered /api/v1/ask about 15% faster than 5, with a p99 of 30 ms instead of 170 ms.
    """
    return min(max(cores or os.cpu_count() or 1, 2), 8)


SETTINGS = (
    Setting("PINDESK_CATALOG", "", "Catalog YAML file to serve; empty means the catalog shipped with pindesk."),
    Setting("PINDESK_CACHE_DIR", "",
            "Folder for the built index (and the English dictionary) kept between runs, keyed by the catalog's "
            "content, pindesk's version and the engine's tuning; empty means the platform's user cache folder "
            "(~/.cache/pindesk on Linux). A folder that cannot be written only means building in memory."),
    Setting("PINDESK_DATABASE_URL", "",
            "Where the service keeps feedback and unanswered queries: a SQLAlchemy URL such as "
            "postgresql+psycopg://user:password@host:5432/pindesk; empty means a SQLite file in the "
            "service's instance folder."),
    Setting("PINDESK_ADMIN_TOKEN", "",
            "Bearer token for GET /api/v1/insights; empty disables insights.", secret=True),
    Setting("PINDESK_SECRET_KEY", "",
            "Key that signs the web form's session and CSRF tokens; empty means a random key kept in "
            "the service's instance folder (created on first start, shared by every worker).", secret=True),
    Setting("PINDESK_RETENTION_DAYS", "90",
            "Days to keep feedback and unanswered queries; older rows are deleted."),
    Setting("PINDESK_RELOAD_SECONDS", "5",
            "How often each worker checks the catalog file and articles for changes and rebuilds the "
            "index (0 turns watching off; POST /api/v1/admin/reload still works)."),
    Setting("PINDESK_HOST", "127.0.0.1", "Address `pindesk serve` listens on (--host wins)."),
    Setting("PINDESK_PORT", "8080", "Port `pindesk serve` listens on (--port wins)."),
    Setting("PINDESK_WORKERS", str(default_workers()),
            "Worker processes of `pindesk serve` (default one per core, at least 2, at most 8)."),
    Setting("PINDESK_LOG_FORMAT", "json",
            "Log lines of the service: json (one object a line) or text."),
    Setting("PINDESK_RATELIMIT", "300/minute",
            "Requests each client address may make to /api/ (e.g. 300/minute, 20/second); off turns the "
            "limit off."),
    Setting("PINDESK_RATELIMIT_STORAGE", "",
            "Where the rate limit's counters live: empty keeps them in each worker's memory; a Redis URL "
            "such as redis://127.0.0.1:6379 shares them between workers and replicas."),
    Setting("SLACK_BOT_TOKEN", "",
            "Slack bot token (xoxb-...); with SLACK_SIGNING_SECRET it switches the Slack bot on.", secret=True),
    Setting("SLACK_SIGNING_SECRET", "",
            "Slack signing secret: every request to POST /slack/events must be signed with it.", secret=True),
    Setting("SLACK_APP_TOKEN", "",
            "Slack app-level token (xapp-...) for `pindesk slack` (Socket Mode).", secret=True),
    Setting("PINDESK_SLACK_API_URL", "",
            "Base URL of Slack's Web API; empty means https://slack.com/api/ (set it for GovSlack or tests)."),
    Setting("PINDESK_SLACK_COMMAND", "/pindesk", "The slash command the Slack bot answers."),
)

def cache_dir(setting: str = "") -> Path:
    """PINDESK_CACHE_DIR's folder, else the platform's user cache folder for pindesk (~/.cache/pindesk on
    Linux, ~/Library/Caches/pindesk on macOS, %LOCALAPPDATA%\\pindesk\\Cache on Windows)."""
    if setting:
        return Path(setting).expanduser()
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("pindesk", appauthor=False))


# user:password@ inside a URL: the password is masked even in settings that are not secret.
URL_PASSWORD_RE = re.compile(r"(://[^/@:]*:)[^/]*@")


def effective(environ=None) -> dict[str, str]:
    """The value of every setting: from the environment, else its default."""
    environ = os.environ if environ is None else environ
    return {s.name: environ.get(s.name, s.default) for s in SETTINGS}


def hide_password(value: str) -> str:
    """The value with any password inside a URL replaced by ***."""
    return URL_PASSWORD_RE.sub(r"\1***@", value)


def masked(environ=None) -> list[tuple[Setting, str]]:
    """Every setting with its effective value, secrets shown only as set or not."""
    values = effective(environ)
    rows = []
    for setting in SETTINGS:
        value = values[setting.name]
        if setting.secret:
            value = "(set)" if value else "(not set)"
        rows.append((setting, hide_password(value)))
    return rows
