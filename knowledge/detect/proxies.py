"""Readers for the inspecting proxies' own logs: mitmproxy's event log, Squid's cache.log and access.log."""
from __future__ import annotations

import calendar
import re
import time
from collections import OrderedDict

from .tally import CLOSED_AFTER_HANDSHAKE, CLOSED_IN_HANDSHAKE, OTHER, RESET, Tallies, alert_kind, kind_from_text

MAX_OPEN = 100_000
# mitmproxy (proxy/layers/tls.py, ClientTLSLayer.on_handshake_error; v7 to 11): "[12:00:01.123][10.0.0.5:51234] ..."
MITM_PREFIX = re.compile(r"^\[(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?\]\[([^\]]+)\] ")
MITM_TLS = re.compile(r"Client TLS handshake failed\. The client (?:does not trust the proxy's certificate for "
                      r"(\S+) \((.*)\)|disconnected during the handshake\. If this happens consistently for "
                      r"(\S+),|may not trust the proxy's certificate for (\S+) \((.*)\))")
MITM_SERVER = re.compile(r"server connect \[?([^\s\]]+?)\]?:\d+")
# a flow as mitmdump prints it: "10.0.0.5:51234: GET https://host[:port]/path"
MITM_FLOW = re.compile(r"^(\S+?): [A-Z]{3,9} https://\[?([^/:\]\s]+)")

# Squid cache.log: 5.x/6.x "ERROR: failure while accepting a TLS connection on conn7 local=.. remote=10.0.0.5:4321 ..
# : SQUID_TLS_ERR_ACCEPT+TLS_LIB_ERR=14094418+..."; 7.x "ERROR: Cannot accept a TLS connection" with the
# "error detail:" and "connection: ... remote=..." on the lines after it.
SQUID_STAMP = re.compile(r"^(\d{4})/(\d\d)/(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?: kid\d+)?\| ")
# 7.x writes the detail of an error on the lines after it, indented or with a time stamp of their own
SQUID_FOLLOW_UP = re.compile(r"^(?:\S+ \S+(?: kid\d+)?\| )?\s*(?:error detail|connection|problem|current master "
                             r"transaction):")
SQUID_REMOTE = re.compile(r"\bremote=(?:\[([0-9A-Fa-f:.]+)\]|([0-9.]+)):\d+")
SQUID_LIB_ERR = re.compile(r"TLS_LIB_ERR=([0-9A-Fa-f]+)")
# access.log in the README's logformat: %ts.%03tu %>a %ssl::>sni %ssl::bump_mode %>Hs %err_code %err_detail %rm %ru
SQUID_ACCESS = re.compile(r"^(\d{9,11}\.\d{3}) (\S+) (\S+) (\S+) (\d{1,3}) (\S+) (\S+) (\S+) (\S+)")


def day_base(first_line_seconds: float, mtime: float | None) -> float:
    """Midnight (UTC) of the day a dateless log starts: the file's last-modified day, or the day before."""
    now = mtime if mtime is not None else time.time()
    midnight = now - now % 86400
    return midnight - 86400 if first_line_seconds > now - midnight + 60 else midnight


def read_mitmproxy(lines, tallies: Tallies, mtime: float | None = None) -> None:
    """mitmdump's event log: TLS failures by SNI, flows as completed handshakes, quiet connections."""
    conns: OrderedDict[str, list] = OrderedDict()  # client address:port -> [server host, failed or used]
    base = None
    previous = 0.0
    when = last_clock = None
    for line in lines:
        prefix = MITM_PREFIX.match(line)
        if prefix is None:
            flow = MITM_FLOW.match(line) if "https://" in line else None
            if flow is not None:
                peer = flow.group(1)
                state = conns.get(peer)
                if state is not None:
                    state[1] = True
                tallies.ok(_address(peer), flow.group(2), when)
            continue
        peer = prefix.group(5)
        clock = line[1:prefix.start(5) - 2]
        if clock != last_clock:  # many lines share a time stamp: convert each one once
            last_clock = clock
            hours, minutes, seconds, fraction = prefix.group(1, 2, 3, 4)
            day_seconds = int(hours) * 3600 + int(minutes) * 60 + int(seconds) + float(f"0.{fraction or 0}")
            if base is None:
                base = day_base(day_seconds, mtime)
            elif day_seconds + 43200 < previous:  # past midnight
                base += 86400
            previous = day_seconds
            when = base + day_seconds
        rest = line[prefix.end():]
        if rest.startswith("Client TLS handshake failed."):
            found = MITM_TLS.search(rest)
            if found is None:
                continue
            trust, error, closed, may, may_error = found.groups()
            if trust:
                tallies.fail(_address(peer), trust, when, kind_from_text(error))
            elif closed:
                tallies.fail(_address(peer), closed, when, CLOSED_IN_HANDSHAKE)
            else:
                tallies.fail(_address(peer), may, when, RESET if "reset" in may_error.lower() else OTHER)
            state = conns.get(peer)
            if state is not None:
                state[1] = True
        elif rest.startswith("client connect"):
            if len(conns) >= MAX_OPEN:  # connects never closed (a cut log): forget the oldest, bounded memory
                conns.popitem(last=False)
            conns[peer] = [None, False]
        elif rest.startswith("server connect"):
            state = conns.get(peer)
            server = MITM_SERVER.match(rest)
            if state is not None and server is not None:
                state[0] = server.group(1)
        elif rest.startswith("client disconnect"):
            state = conns.pop(peer, None)
            # connected to a named server, no failure, no request: a pin checked after the handshake
            if state is not None and state[0] and not state[1]:
                tallies.fail(_address(peer), state[0], when, CLOSED_AFTER_HANDSHAKE)


def read_squid_cache(lines, tallies: Tallies) -> None:
    """Squid's cache.log: failed TLS accepts per client; it never names the host."""
    pending = None  # [time, client, kind] of an accept failure still collecting its detail lines
    when = None
    for line in lines:
        if pending is not None and (line[:1] in (" ", "\t") or SQUID_FOLLOW_UP.search(line)):
            _squid_detail(pending, line)
            continue
        if pending is not None:
            _flush(pending, tallies)
            pending = None
        if "TLS connection" not in line:
            continue
        if "failure while accepting a TLS connection" in line or "Cannot accept a TLS connection" in line:
            stamp = SQUID_STAMP.match(line)
            when = _squid_time(stamp) if stamp else when
            pending = [when, None, None]
            _squid_detail(pending, line)
    if pending is not None:
        _flush(pending, tallies)


def _squid_detail(pending: list, line: str) -> None:
    """Take the client address and the OpenSSL reason from a line of an accept failure."""
    remote = SQUID_REMOTE.search(line)
    if remote:
        pending[1] = remote.group(1) or remote.group(2)
    reason = SQUID_LIB_ERR.search(line)
    if reason:
        pending[2] = openssl_kind(reason.group(1))


def _flush(pending: list, tallies: Tallies) -> None:
    """Count a complete accept failure."""
    when, client, kind = pending
    if client:
        tallies.fail(client, None, when, kind or OTHER)


def openssl_kind(hex_code: str) -> str:
    """The kind behind an OpenSSL error code: the reason is 1000 + the alert's number (418 hex is 1048)."""
    reason = int(hex_code, 16) & 0xFFF
    return alert_kind(reason - 1000) if 1000 < reason < 1256 else OTHER


def _squid_time(stamp) -> float:
    """Seconds since the epoch of a cache.log time stamp (taken as UTC)."""
    year, month, day, hours, minutes, seconds, fraction = stamp.groups()
    whole = calendar.timegm((int(year), int(month), int(day), int(hours), int(minutes), int(seconds)))
    return whole + float(f"0.{fraction or 0}")


def read_squid_access(lines, tallies: Tallies) -> None:
    """Squid's access.log in pindesk's logformat: bumped CONNECTs by SNI, their errors, the requests inside."""
    for line in lines:
        found = SQUID_ACCESS.match(line)
        if found is None:
            continue
        stamp, client, sni, mode, _, err_code, detail, method, url = found.groups()
        if mode not in ("bump", "client-first", "server-first"):
            continue  # spliced or not inspected: nothing about the inspection certificate
        when = float(stamp)
        if err_code == "ERR_SECURE_ACCEPT_FAIL":
            reason = SQUID_LIB_ERR.search(detail)
            tallies.fail(client, sni, when, openssl_kind(reason.group(1)) if reason else OTHER)
        elif method == "CONNECT":
            tallies.quiet(client, sni, when)
        elif url.startswith("https://") and sni != "-":
            tallies.ok(client, sni, when)


def _address(peer: str) -> str:
    """The address of an address:port (IPv6 in brackets or not)."""
    host = peer.rsplit(":", 1)[0] if peer.count(":") == 1 or peer.startswith("[") else peer
    return host.strip("[]")
