"""Every PINDESK_* setting, declared once with its default and help."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """One environment setting."""

    name: str
    default: str
    help: str
    secret: bool = False


SETTINGS = (
    Setting("PINDESK_CATALOG", "", "Catalog YAML file to serve; empty means the catalog shipped with pindesk."),
)


def effective(environ=None) -> dict[str, str]:
    """The value of every setting: from the environment, else its default."""
    environ = os.environ if environ is None else environ
    return {s.name: environ.get(s.name, s.default) for s in SETTINGS}


def masked(environ=None) -> list[tuple[Setting, str]]:
    """Every setting with its effective value, secrets shown only as set or not."""
    values = effective(environ)
    rows = []
    for setting in SETTINGS:
        value = values[setting.name]
        if setting.secret:
            value = "(set)" if value else "(not set)"
        rows.append((setting, value))
    return rows
