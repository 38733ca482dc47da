"""The formats detect reads: how each is recognised from its first lines, and what it can reveal."""
from __future__ import annotations

from dataclasses import dataclass

from .capture import read_capture
from .proxies import MITM_PREFIX, SQUID_ACCESS, SQUID_STAMP, read_mitmproxy, read_squid_access, read_squid_cache
from .vendors import read_panos, read_zeek, read_zscaler


@dataclass(frozen=True)
class LogFormat:
    """One input format: its reader, a test for one of its lines, what it shows and what it cannot."""

    name: str
    title: str
    reader: object
    looks_like: object
    reveals: str
    cannot: str


def _zeek_line(line: str) -> bool:
    """A Zeek ssl.log header or JSON record."""
    return line.startswith("#path\tssl") or (line.startswith("#fields") and "server_name" in line) or (
        line.startswith("{") and '"server_name"' in line and '"id.orig_h"' in line)


FORMATS = {f.name: f for f in (
    LogFormat("mitmproxy", "mitmproxy event log", read_mitmproxy, lambda line: bool(MITM_PREFIX.match(line)),
              "client TLS failures by SNI with the alert (unknown ca, bad certificate, certificate unknown), "
              "closes during the handshake, completed handshakes (each request) and, where mitmproxy connected "
              "to the server by name, connections that completed the handshake but carried no request",
              "the date (only the time of day: the file's date is used); in transparent mode or with lazy "
              "connections a handshake followed by a close without a request names no host; hosts passed "
              "through with --ignore-hosts look the same as that close"),
    LogFormat("squid-access", "Squid access.log (pindesk's logformat)", read_squid_access,
              lambda line: bool(SQUID_ACCESS.match(line)),
              "per bumped CONNECT the SNI, the bump mode and ERR_SECURE_ACCEPT_FAIL with OpenSSL's reason "
              "(the alert), and the requests inside completed handshakes",
              "which app is behind a host; spliced connections are not inspected and say nothing"),
    LogFormat("squid-cache", "Squid cache.log", read_squid_cache, lambda line: bool(SQUID_STAMP.match(line)),
              "failed TLS accepts per client address with their time (and the alert in 6.x and later)",
              "the host (no SNI in cache.log) or any success; 5.x prints no reason; read it with access.log"),
    LogFormat("panos", "PAN-OS decryption log (CSV)", read_panos, lambda line: ",DECRYPTION," in line,
              "per session the source address, the SNI and the error, such as 'Received fatal alert "
              "CertificateUnknown from client'",
              "successful sessions unless the decryption profile logs successful handshakes too"),
    LogFormat("zscaler", "Zscaler NSS web log", read_zscaler, lambda line: "cltsslfailreason" in line,
              "per transaction the client IP, the host, and the client's SSL failure reason and count",
              "failures the feed format leaves out: configure the fields the README gives"),
    LogFormat("zeek", "Zeek ssl.log", read_zeek, _zeek_line,
              "per connection the SNI, whether it was established, the client's own alerts (L in "
              "ssl_history) and the last alert",
              "the alert's kind under TLS 1.3, where it is encrypted (counted as a failure without a kind)"),
)}
CAPTURE = LogFormat("pcap", "packet capture (pcap, pcapng)", read_capture, lambda line: False,
                    "the ClientHello's SNI, the client's plaintext fatal alert (TLS 1.2), and for TLS 1.3 the "
                    "shape: an encrypted alert, a close or reset after the server's handshake flight, or a "
                    "handshake with no request after it",
                    "the alert's kind under TLS 1.3; connections whose start is not in the capture")
ALL_FORMATS = {**FORMATS, CAPTURE.name: CAPTURE}


def recognise(lines: list[str]) -> LogFormat | None:
    """The text format most of the first lines fit, or None."""
    scores = {name: sum(1 for line in lines if fmt.looks_like(line)) for name, fmt in FORMATS.items()}
    best = max(scores, key=scores.get)
    return FORMATS[best] if scores[best] else None
