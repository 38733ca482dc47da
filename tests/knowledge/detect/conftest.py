"""Detect fixtures: the logs and capture made by make_fixtures.py, and the vendor samples."""
from pathlib import Path

import pytest

from pindesk.knowledge.detect import detect

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What the generated fixtures hold (see make_fixtures.py): pinned hosts and the apps covering them.
PINNED_IN_PROXY_LOGS = {"chat.signal.org": ("signal",), "storage.signal.org": ("signal",),
                        "app.snapchat.com": ("snapchat",), "api.tallybank.co.uk": (),
                        "auth.tallybank.co.uk": ()}
UNTRUSTING_CLIENT = "127.0.0.20"
# What the vendor samples hold: the same story on another network.
# p24-keyvalueservice.icloud.com is iMessage's own host, and the App Store's .icloud.com covers it too
PINNED_IN_VENDOR_SAMPLES = {"p24-keyvalueservice.icloud.com": ("apple-imessage", "apple-itunes-app-store"),
                            "mobile.southwest.com": ("southwest",), "api.fitband.io": (), "sync.fitband.io": ()}
UNTRUSTING_VENDOR_CLIENT = "10.1.0.99"


@pytest.fixture
def run_detect(catalog):
    """detect() over fixture files by name, as a dict the way --json prints it."""
    def run(*names, **options):
        """The report on these fixture files."""
        return detect([str(FIXTURES / name) for name in names], catalog, **options).to_dict()
    return run


def by_host(report: dict) -> dict:
    """The report's hosts keyed by host name."""
    return {host["host"]: host for host in report["hosts"]}


def by_client(report: dict) -> dict:
    """The report's clients keyed by address."""
    return {client["client"]: client for client in report["clients"]}
