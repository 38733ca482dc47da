"""Captures (pcap, pcapng) through scapy: the ClientHello's SNI, the client's plaintext alerts (TLS 1.2),
and for TLS 1.3 the conversation's shape: what the client sent after the server's handshake flight."""
from __future__ import annotations

import logging
import struct
from collections import OrderedDict

from .tally import CLOSED_AFTER_HANDSHAKE, CLOSED_IN_HANDSHAKE, OTHER_ALERT, RESET, Tallies, alert_kind

HANDSHAKE, ALERT, CCS, APPDATA = 22, 21, 20, 23
# An encrypted TLS 1.3 alert is 2 bytes + the content type + a 16-byte tag; Finished is 32 bytes or more.
LONGEST_ENCRYPTED_ALERT = 40
MAX_OPEN = 100_000
MAX_BUFFER = 20_000
FIN, RST = 0x01, 0x04


class _TruncationNotice(logging.Filter):
    """Scapy only logs a packet cut short by the end of the file: note it instead of printing it."""

    def __init__(self):
        super().__init__()
        self.seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        """Swallow the truncation warning, remembering it."""
        if "truncated" in record.getMessage():
            self.seen = True
            return False
        return True


class Connection:
    """One TCP connection's TLS handshake as seen so far, until an outcome is decided."""

    __slots__ = ("client", "sni", "tls13", "server_spoke", "client_ccs", "finished", "decided", "buffers", "when")

    def __init__(self, client: tuple, when: float):
        self.client = client
        self.sni = None
        self.tls13 = False
        self.server_spoke = self.client_ccs = self.finished = self.decided = False
        self.buffers = {True: b"", False: b""}  # from the client, from the server
        self.when = when


def read_capture(stream, tallies: Tallies, progress=None) -> None:
    """Every TCP connection carrying TLS in the capture: one outcome each, counted per (client, SNI)."""
    from scapy.config import conf
    from scapy.error import Scapy_Exception
    from scapy.layers.inet import IP, TCP
    from scapy.layers.inet6 import IPv6
    from scapy.layers.l2 import CookedLinux, Ether, Loopback
    from scapy.utils import PcapReader

    conf.layers.filter([Ether, CookedLinux, Loopback, IP, IPv6, TCP])  # dissect no deeper than TCP
    truncated = _TruncationNotice()
    logging.getLogger("scapy.runtime").addFilter(truncated)
    conns: OrderedDict[tuple, Connection] = OrderedDict()
    try:
        reader = PcapReader(stream)
    except (Scapy_Exception, EOFError, struct.error) as exc:
        tallies.skip(f"unreadable capture ({exc})")
        return
    count = 0
    try:
        while True:
            try:
                packet = reader.read_packet()
            except EOFError:
                break
            except (Scapy_Exception, struct.error, ValueError):
                tallies.skip("capture ends in the middle of a packet")
                break
            count += 1
            if progress is not None and not count % 4096:
                progress(count)
            _packet(packet, conns, tallies, IP, IPv6, TCP)
    finally:
        conf.layers.unfilter()
        logging.getLogger("scapy.runtime").removeFilter(truncated)
    if truncated.seen:
        tallies.skip("capture ends in the middle of a packet")
    for conn in conns.values():
        if not conn.decided and conn.finished:
            _decide(conn, tallies, CLOSED_AFTER_HANDSHAKE)


def _packet(packet, conns: dict, tallies: Tallies, IP, IPv6, TCP) -> None:
    """Follow one TCP segment."""
    network = packet.getlayer(IP) or packet.getlayer(IPv6)
    segment = packet.getlayer(TCP)
    if network is None or segment is None:
        return
    source, destination = (network.src, segment.sport), (network.dst, segment.dport)
    key = (source, destination) if source < destination else (destination, source)
    payload = bytes(segment.payload)
    conn = conns.get(key)
    if conn is None:
        if not payload or not _starts_client_hello(payload):
            return
        if len(conns) >= MAX_OPEN:  # forget the oldest half-open connection: memory stays bounded
            conns.popitem(last=False)
        conn = conns[key] = Connection(source, float(packet.time))
    if conn.decided:
        return
    from_client = source == conn.client
    if payload:
        _records(conn, from_client, payload, tallies)
    flags = int(segment.flags)
    if from_client and flags & (FIN | RST) and not conn.decided:
        if conn.finished:
            _decide(conn, tallies, CLOSED_AFTER_HANDSHAKE)
        elif conn.server_spoke:
            _decide(conn, tallies, RESET if flags & RST else CLOSED_IN_HANDSHAKE)
    if conn.decided:
        conns.pop(key, None)


def _starts_client_hello(payload: bytes) -> bool:
    """Whether a segment opens a TLS connection (a handshake record holding a ClientHello), or a CONNECT."""
    return (len(payload) > 5 and payload[0] == HANDSHAKE and payload[1] == 3 and payload[5] == 1) \
        or payload.startswith(b"CONNECT ")


def _records(conn: Connection, from_client: bool, payload: bytes, tallies: Tallies) -> None:
    """Read the whole TLS records now buffered in one direction."""
    data = conn.buffers[from_client] + payload
    if data[:8] in (b"CONNECT ", b"HTTP/1.1", b"HTTP/1.0"):  # a proxy's CONNECT and its answer come first
        end = data.find(b"\r\n\r\n")
        if end < 0:
            conn.buffers[from_client] = data[-MAX_BUFFER:]
            return
        data = data[end + 4:]
    while len(data) >= 5 and not conn.decided:
        kind, length = data[0], struct.unpack(">H", data[3:5])[0]
        if len(data) < 5 + length:
            break
        body, data = data[5:5 + length], data[5 + length:]
        if from_client:
            _client_record(conn, kind, body, tallies)
        else:
            _server_record(conn, kind, body)
    conn.buffers[from_client] = data[-MAX_BUFFER:]


def _client_record(conn: Connection, kind: int, body: bytes, tallies: Tallies) -> None:
    """What a record from the client says about the handshake."""
    if kind == HANDSHAKE and body[:1] == b"\x01" and conn.sni is None:
        conn.sni = client_hello_sni(body) or ""
    elif kind == ALERT and len(body) == 2 and body[0] == 2:
        _decide(conn, tallies, alert_kind(body[1]))
    elif kind == CCS:
        conn.client_ccs = True
    elif kind == HANDSHAKE and conn.client_ccs and not conn.tls13:
        conn.finished = True  # TLS 1.2: the client's encrypted Finished after its ChangeCipherSpec
    elif kind == APPDATA and conn.server_spoke:
        if conn.finished:
            _decide(conn, tallies, None)  # a request: the handshake completed and was used
        elif conn.tls13 and len(body) <= LONGEST_ENCRYPTED_ALERT:
            _decide(conn, tallies, OTHER_ALERT)  # an encrypted alert instead of Finished
        else:
            conn.finished = True


def _server_record(conn: Connection, kind: int, body: bytes) -> None:
    """Note the server's handshake flight and whether it chose TLS 1.3."""
    if kind == HANDSHAKE and body[:1] == b"\x02":
        conn.server_spoke = True
        conn.tls13 = b"\x00\x2b\x00\x02\x03\x04" in body  # supported_versions: 0x0304
    elif kind in (HANDSHAKE, APPDATA, CCS):
        conn.server_spoke = True


def _decide(conn: Connection, tallies: Tallies, failure: str | None) -> None:
    """Count the connection's outcome once: completed (None) or a failure of a kind."""
    conn.decided = True
    conn.buffers = {True: b"", False: b""}
    client = conn.client[0]
    if failure is None:
        tallies.ok(client, conn.sni, conn.when)
    else:
        tallies.fail(client, conn.sni, conn.when, failure)


def client_hello_sni(body: bytes) -> str | None:
    """The server_name in a ClientHello handshake message, or None."""
    try:
        at = 4 + 2 + 32  # handshake header, version, random
        at += 1 + body[at]  # session id
        at += 2 + struct.unpack(">H", body[at:at + 2])[0]  # cipher suites
        at += 1 + body[at]  # compression methods
        end = at + 2 + struct.unpack(">H", body[at:at + 2])[0]
        at += 2
        while at + 4 <= end:
            ext_type, ext_len = struct.unpack(">HH", body[at:at + 4])
            if ext_type == 0:  # server_name: list length, name type, name length, name
                name_len = struct.unpack(">H", body[at + 7:at + 9])[0]
                return body[at + 9:at + 9 + name_len].decode("ascii", "replace")
            at += 4 + ext_len
    except (IndexError, struct.error):
        return None
    return None
