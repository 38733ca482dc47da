"""The detect report: hosts, clients, apps and unlisted groups, ranked; one to_dict for every surface."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

PINNED, SUSPECT, CLIENT_CA_MISSING, INCONCLUSIVE = "pinned", "suspect", "client_ca_missing", "inconclusive"
HOST_VERDICTS = (PINNED, SUSPECT, INCONCLUSIVE, CLIENT_CA_MISSING)  # in rank order
CA_MISSING, TRUSTS_CA, CLIENT_INCONCLUSIVE = "ca_missing", "trusts_ca", "inconclusive"
CLIENT_VERDICTS = (CA_MISSING, TRUSTS_CA, CLIENT_INCONCLUSIVE)


def iso(when: float | None) -> str | None:
    """A time as ISO 8601 in UTC with seconds, or None."""
    if when is None:
        return None
    return datetime.datetime.fromtimestamp(when, datetime.UTC).isoformat(timespec="seconds")


@dataclass
class HostFinding:
    """One host some client broke off handshakes with, and what that says."""

    host: str
    domain: str
    apps: tuple[str, ...]
    verdict: str
    clients_failing: int
    clients_ok_elsewhere: int
    clients_ca_missing: int
    clients_ok: int
    failures: int
    kinds: dict[str, int]
    first_seen: float | None
    last_seen: float | None

    def to_dict(self) -> dict:
        """The JSON shape (times in ISO 8601, UTC)."""
        return {"host": self.host, "apps": list(self.apps), "verdict": self.verdict, "domain": self.domain,
                "clients_failing": self.clients_failing, "clients_ok_elsewhere": self.clients_ok_elsewhere,
                "clients_ca_missing": self.clients_ca_missing, "clients_ok": self.clients_ok,
                "failures": self.failures, "kinds": dict(self.kinds), "first_seen": iso(self.first_seen),
                "last_seen": iso(self.last_seen)}


@dataclass
class ClientFinding:
    """One client address: how many inspected hosts it completes, and whether it trusts the CA at all."""

    client: str
    verdict: str
    hosts_ok: int
    hosts_failed: int
    failures: int

    def to_dict(self) -> dict:
        """The JSON shape."""
        return {"client": self.client, "verdict": self.verdict, "hosts_ok": self.hosts_ok,
                "hosts_failed": self.hosts_failed, "failures": self.failures}


@dataclass
class AppFinding:
    """A catalog app whose hosts fail: what the catalog recommends, and which hosts showed it."""

    id: str
    name: str
    verdict: str
    hosts: tuple[str, ...]
    action: str
    summary: str

    def to_dict(self) -> dict:
        """The JSON shape."""
        return {"id": self.id, "name": self.name, "verdict": self.verdict, "hosts": list(self.hosts),
                "recommendation": {"action": self.action, "summary": self.summary}}


@dataclass
class UnlistedFinding:
    """Failing hosts under one registered domain that no catalog app covers, with a draft entry."""

    domain: str
    verdict: str
    hosts: tuple[str, ...]
    draft: dict

    def to_dict(self) -> dict:
        """The JSON shape; the draft is a catalog record to review and add."""
        return {"domain": self.domain, "verdict": self.verdict, "hosts": list(self.hosts), "draft": self.draft}


@dataclass
class SourceSummary:
    """One input: its name, the format it was read as, how much of it counted."""

    name: str
    format: str
    records: int
    skipped: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The JSON shape."""
        return {"name": self.name, "format": self.format, "records": self.records, "skipped": dict(self.skipped)}


@dataclass
class Report:
    """Everything detect found, ranked: pinned before suspect before the rest."""

    hosts: list[HostFinding]
    clients: list[ClientFinding]
    apps: list[AppFinding]
    unlisted: list[UnlistedFinding]
    sources: list[SourceSummary]
    timeline: dict
    min_clients: int
    since: float | None = None

    def count(self, verdict: str) -> int:
        """How many hosts got a verdict."""
        return sum(1 for host in self.hosts if host.verdict == verdict)

    def to_dict(self) -> dict:
        """The JSON shape that `pindesk detect --json` prints and POST /api/v1/detect answers."""
        return {
            "summary": {"hosts_pinned": self.count(PINNED), "hosts_suspect": self.count(SUSPECT),
                        "clients_ca_missing": sum(1 for c in self.clients if c.verdict == CA_MISSING),
                        "clients": len(self.clients), "min_clients": self.min_clients, "since": iso(self.since)},
            "sources": [source.to_dict() for source in self.sources],
            "hosts": [host.to_dict() for host in self.hosts],
            "clients": [client.to_dict() for client in self.clients],
            "apps": [app.to_dict() for app in self.apps],
            "unlisted": [group.to_dict() for group in self.unlisted],
            "timeline": self.timeline,
        }
