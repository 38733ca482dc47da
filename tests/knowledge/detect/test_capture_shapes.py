"""Conversation shapes a capture shows when the alert cannot be read, on packets built with scapy."""
import struct

import pytest
from scapy.layers.inet import IP, TCP
from scapy.layers.l2 import Ether
from scapy.packet import Raw
from scapy.utils import PcapNgWriter, PcapWriter

from pindesk.knowledge.detect.capture import client_hello_sni
from pindesk.knowledge.detect.tally import Tallies

from .conftest import by_host

CLIENT, SERVER = "10.9.0.5", "192.0.2.80"


def record(kind: int, body: bytes) -> bytes:
    """A TLS record."""
    return bytes([kind, 3, 3]) + struct.pack(">H", len(body)) + body


def client_hello(sni: str) -> bytes:
    """A minimal ClientHello record with a server_name extension."""
    name = sni.encode()
    server_name = struct.pack(">HHHBH", 0, len(name) + 5, len(name) + 3, 0, len(name)) + name
    extensions = struct.pack(">H", len(server_name)) + server_name
    body = b"\x03\x03" + bytes(32) + b"\x00" + b"\x00\x02\x13\x01" + b"\x01\x00" + extensions
    return record(22, b"\x01" + struct.pack(">I", len(body))[1:] + body)


SERVER_HELLO_13 = record(22, b"\x02\x00\x00\x30" + b"\x03\x03" + bytes(32) + b"\x00\x13\x01\x00"
                         + b"\x00\x06\x00\x2b\x00\x02\x03\x04") + record(20, b"\x01") + record(23, bytes(900))


def conversation(port: int, sni: str, after: list, start: float):
    """Packets of one connection: ClientHello, the server's TLS 1.3 flight, then what the client does."""
    def seg(from_client, payload=b"", flags="PA", at=0.0):
        """One TCP segment of the conversation, from the client or from the server."""
        src, dst = (CLIENT, SERVER) if from_client else (SERVER, CLIENT)
        sport, dport = (port, 443) if from_client else (443, port)
        # fixed MAC addresses: scapy would otherwise look the destination up on the network
        link = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
        packet = link / IP(src=src, dst=dst) / TCP(sport=sport, dport=dport, flags=flags)
        packet = packet / Raw(payload) if payload else packet
        packet.time = start + at
        return packet
    packets = [seg(True, client_hello(sni)), seg(False, SERVER_HELLO_13, at=0.01)]
    for n, (payload, flags) in enumerate(after):
        packets.append(seg(True, payload, flags, at=0.02 + n / 100))
    return packets


SHAPES = {  # sni: what the client sends after the server's flight
    "alert.example.com": [(record(20, b"\x01") + record(23, bytes(19)), "PA"), (b"", "FA")],
    "reset.example.com": [(b"", "R")],
    "quiet.example.com": [(record(20, b"\x01") + record(23, bytes(53)), "PA"), (b"", "FA")],
    "used.example.com": [(record(20, b"\x01") + record(23, bytes(53)), "PA"), (record(23, bytes(300)), "PA")],
}


@pytest.mark.parametrize("writer", [PcapWriter, PcapNgWriter], ids=["pcap", "pcapng"])
def test_tls13_shapes_after_the_servers_flight(tmp_path, catalog, writer):
    from pindesk.knowledge.detect import detect
    path = tmp_path / "shapes.cap"
    out = writer(str(path))
    for n, (sni, after) in enumerate(SHAPES.items()):
        for packet in conversation(40000 + n, sni, after, 1_795_000_000 + n):
            out.write(packet)
    out.close()
    hosts = by_host(detect([str(path)], catalog).to_dict())
    assert hosts["alert.example.com"]["kinds"] == {"other_alert": 1}  # encrypted: the kind cannot be read
    assert hosts["reset.example.com"]["kinds"] == {"reset": 1}
    assert hosts["quiet.example.com"]["kinds"] == {"closed_after_handshake": 1}
    assert "used.example.com" not in hosts  # completed and used: not a failure


def test_a_truncated_capture_keeps_what_came_before(tmp_path, catalog):
    import gzip

    from pindesk.knowledge.detect import detect

    from .conftest import FIXTURES
    whole = gzip.decompress((FIXTURES / "mitmproxy.pcap.gz").read_bytes())
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(whole[: len(whole) * 2 // 3 + 7])  # ends inside a packet
    report = detect([str(cut)], catalog).to_dict()
    assert report["sources"][0]["skipped"] == {"capture ends in the middle of a packet": 1}
    assert "chat.signal.org" in by_host(report)


def test_sni_of_a_client_hello():
    assert client_hello_sni(client_hello("chat.signal.org")[5:]) == "chat.signal.org"
    assert client_hello_sni(b"\x01\x00\x00") is None


def test_tallies_are_per_client_and_host_not_per_line():
    tallies = Tallies()
    for _ in range(1000):
        tallies.fail(CLIENT, "chat.signal.org", 1_795_000_000.0, "unknown_ca")
    assert len(tallies.pairs) == 1 and tallies.pairs[(CLIENT, "chat.signal.org")].failed == 1000
