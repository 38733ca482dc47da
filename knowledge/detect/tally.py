"""What the parsers feed: handshake outcomes counted per (client, host), never kept per line."""
from __future__ import annotations

import ipaddress
import re

from ..domains import normalise_host

# Failure kinds, in the field's words; a fatal alert's number maps onto the first three.
UNKNOWN_CA = "unknown_ca"
BAD_CERTIFICATE = "bad_certificate"
CERTIFICATE_UNKNOWN = "certificate_unknown"
OTHER_ALERT = "other_alert"
CLOSED_IN_HANDSHAKE = "closed_in_handshake"
CLOSED_AFTER_HANDSHAKE = "closed_after_handshake"
RESET = "reset"
OTHER = "other"
ALERTS = {48: UNKNOWN_CA, 42: BAD_CERTIFICATE, 46: CERTIFICATE_UNKNOWN}
KINDS = (UNKNOWN_CA, BAD_CERTIFICATE, CERTIFICATE_UNKNOWN, OTHER_ALERT, CLOSED_IN_HANDSHAKE,
         CLOSED_AFTER_HANDSHAKE, RESET, OTHER)

CLIENT_RE = re.compile(r"^[0-9A-Za-z.:_%-]{1,64}$")
CACHE_LIMIT = 200_000


def alert_kind(number: int) -> str:
    """The kind of a fatal alert the client sent, by its number (48 unknown_ca, ...)."""
    return ALERTS.get(number, OTHER_ALERT)


def kind_from_text(text: str) -> str:
    """The kind named in an error text: OpenSSL's 'unknown ca', PAN-OS's 'CertificateUnknown', ..."""
    squeezed = re.sub(r"[^a-z]", "", text.lower())
    for words, kind in (("unknownca", UNKNOWN_CA), ("badcertificate", BAD_CERTIFICATE),
                        ("certificateunknown", CERTIFICATE_UNKNOWN), ("reset", RESET)):
        if words in squeezed:
            return kind
    return OTHER_ALERT if "alert" in squeezed else OTHER


class Tally:
    """One client's handshakes with one host: completed, failed (by kind), completed but unused."""

    __slots__ = ("ok", "failed", "quiet", "kinds", "first", "last")

    def __init__(self):
        self.ok = self.failed = self.quiet = 0
        self.kinds: dict[str, int] | None = None  # made on the first failure: most pairs never fail
        self.first = self.last = None

    def seen(self, when: float | None) -> None:
        """Widen the first/last seen times."""
        if when is not None:
            if self.first is None or when < self.first:
                self.first = when
            if self.last is None or when > self.last:
                self.last = when


class Timeline:
    """Failures per host per time bucket, for the chart; buckets widen so memory stays bounded."""

    LIMIT = 50_000

    def __init__(self):
        self.step = 1.0
        self.counts: dict[tuple[str, int], int] = {}

    def add(self, host: str, when: float, count: int) -> None:
        """Count failures on a host at a time."""
        key = (host, int(when // self.step))
        self.counts[key] = self.counts.get(key, 0) + count
        if len(self.counts) > self.LIMIT:
            self.step *= 4
            merged: dict[tuple[str, int], int] = {}
            for (name, bucket), n in self.counts.items():
                coarse = (name, bucket // 4)
                merged[coarse] = merged.get(coarse, 0) + n
            self.counts = merged


class Tallies:
    """Every (client, host) tally, failures with no host per client, and what was skipped."""

    def __init__(self, since: float | None = None):
        self.since = since
        self.pairs: dict[tuple[str, str], Tally] = {}
        self.unattributed: dict[str, Tally] = {}
        self.timeline = Timeline()
        self.skipped: dict[str, int] = {}
        self.records = 0
        self._hosts: dict[str, str] = {}
        self._clients: dict[str, str] = {}

    def skip(self, reason: str) -> None:
        """Count a record left out, by reason."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def _tally(self, client: str, host: str | None, when: float | None) -> Tally | None:
        """The tally to count into, or None when the record is out of range or unusable."""
        if when is not None and self.since is not None and when < self.since:
            self.skip("before --since")
            return None
        client = self._client(client)
        if not client:
            self.skip("no usable client address")
            return None
        if host:
            host = self._host(host)
            if not host:
                self.skip("no usable host name")
                return None
            tally = self.pairs.get((client, host))
            if tally is None:
                tally = self.pairs[(client, host)] = Tally()
        else:
            tally = self.unattributed.get(client)
            if tally is None:
                tally = self.unattributed[client] = Tally()
        self.records += 1
        tally.seen(when)
        return tally

    def ok(self, client: str, host: str | None, when: float | None, count: int = 1) -> None:
        """A completed handshake (a request went through, or the log says it succeeded)."""
        tally = self._tally(client, host, when)
        if tally is not None:
            tally.ok += count

    def fail(self, client: str, host: str | None, when: float | None, kind: str, count: int = 1) -> None:
        """A handshake the client broke off, of a kind."""
        tally = self._tally(client, host, when)
        if tally is not None:
            tally.failed += count
            if tally.kinds is None:
                tally.kinds = {}
            tally.kinds[kind] = tally.kinds.get(kind, 0) + count
            if host and when is not None:
                self.timeline.add(self._hosts[host], when, count)

    def quiet(self, client: str, host: str | None, when: float | None) -> None:
        """A handshake that completed but carried no request: a pin checked after the handshake, or idle."""
        tally = self._tally(client, host, when)
        if tally is not None:
            tally.quiet += 1

    def _host(self, raw: str) -> str:
        """The host name normalised (lower case, no port), or '' when it is not a host name; cached."""
        host = self._hosts.get(raw)
        if host is None:
            if len(self._hosts) > CACHE_LIMIT:
                self._hosts.clear()
            host = normalise_host(raw) if len(raw) <= 253 else ""
            if host and _is_address(host):
                host = ""  # an address says nothing about which app it is
            self._hosts[raw] = host
        return host

    def _client(self, raw: str) -> str:
        """The client address as logged, or '' when it holds anything an address cannot; cached."""
        client = self._clients.get(raw)
        if client is None:
            if len(self._clients) > CACHE_LIMIT:
                self._clients.clear()
            client = raw if CLIENT_RE.match(raw) else ""
            self._clients[raw] = client
        return client


def _is_address(host: str) -> bool:
    """Whether a host is an IP address rather than a name."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
