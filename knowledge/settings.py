"""Settings: each declared once with its default, help and parser; `pindesk config` prints them all.

The core declares what the core reads (the catalog); the service and the Slack bot declare theirs in
their own packages (pindesk.service.settings, pindesk.bots.settings), with the same Setting.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import PindeskError


def text(raw: str) -> str:
    """A setting taken as it is written."""
    return raw


def optional(raw: str) -> str | None:
    """A setting whose empty value means "not set"."""
    return raw.strip() or None


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """A parser for a whole number from `low` (to `high`)."""
    bounds = f"from {low} to {high}" if high is not None else f"{low} or more"

    def parse(raw: str) -> int:
        try:
            number = int(raw.strip())
        except ValueError:
            number = None
        if number is None or number < low or (high is not None and number > high):
            raise ValueError(f"must be a whole number {bounds}")
        return number
    return parse


def seconds(low: float = 0.0) -> Callable[[str], float]:
    """A parser for a number of seconds, `low` or more."""
    def parse(raw: str) -> float:
        try:
            number = float(raw.strip())
        except ValueError:
            number = None
        if number is None or not number >= low or number == float("inf"):
            raise ValueError(f"must be a number of seconds, {low:g} or more")
        return number
    return parse


def one_of(*choices: str) -> Callable[[str], str]:
    """A parser for one of a few words."""
    def parse(raw: str) -> str:
        if raw.strip() not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return raw.strip()
    return parse


@dataclass(frozen=True)
class Setting:
    """One environment setting: its name, default, help, how its text is read, and whether it is secret."""

    name: str
    default: str
    help: str
    parse: Callable[[str], object] = text
    secret: bool = False

    def raw(self, environ=None) -> str:
        """The setting's text: from the environment, else the default."""
        return (os.environ if environ is None else environ).get(self.name, self.default)

    def value(self, environ=None):
        """The setting's value, parsed; PindeskError naming the setting when it cannot be read."""
        raw = self.raw(environ)
        try:
            return self.parse(raw)
        except ValueError as exc:
            raise PindeskError(f"{self.name} {exc} (it is {raw!r})") from None


def proxy_profile(raw: str) -> str | None:
    """A deployment profile's id (see knowledge/proxies.yaml), or None for the neutral wording."""
    from .proxies import profile_ids  # the profiles file is read only when the setting is
    value = raw.strip().lower()
    if value and value not in profile_ids():
        raise ValueError(f"must be empty or one of {', '.join(profile_ids())}")
    return value or None


CATALOG = Setting("PINDESK_CATALOG", "", "Catalog YAML file to use; empty means the catalog shipped with pindesk.",
                  optional)
CACHE_DIR = Setting(
    "PINDESK_CACHE_DIR", "",
    "Folder for the built index (and the English dictionary) kept between runs, keyed by the catalog's "
    "content, pindesk's version and the engine's tuning; empty means the platform's user cache folder "
    "(~/.cache/pindesk on Linux). A folder that cannot be written only means building in memory.", text)
PROXY = Setting("PINDESK_PROXY", "",
                "The proxy answers are worded for (zscaler, panos, netskope, squid, mitmproxy, cloudflare, fortinet, "
                "checkpoint), with its steps, export and documentation links; empty means the neutral wording. "
                "Each request may choose another.", proxy_profile)
SETTINGS = (CATALOG, CACHE_DIR, PROXY)


def cache_dir(setting: str = "") -> Path:
    r"""PINDESK_CACHE_DIR's folder, else the platform's user cache folder for pindesk (~/.cache/pindesk on
    Linux, ~/Library/Caches/pindesk on macOS, %LOCALAPPDATA%\pindesk\Cache on Windows)."""
    if setting:
        return Path(setting).expanduser()
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("pindesk", appauthor=False))


# user:password@ inside a URL: the password is masked even in settings that are not secret.
URL_PASSWORD_RE = re.compile(r"(://[^/@:]*:)[^/]*@")


def hide_password(value: str) -> str:
    """The value with any password inside a URL replaced by ***."""
    return URL_PASSWORD_RE.sub(r"\1***@", value)


def masked(settings, environ=None) -> list[tuple[Setting, str]]:
    """Each setting with its text as in effect, secrets shown only as set or not."""
    rows = []
    for setting in settings:
        value = setting.raw(environ)
        if setting.secret:
            value = "(set)" if value else "(not set)"
        rows.append((setting, hide_password(value)))
    return rows
