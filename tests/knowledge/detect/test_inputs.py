"""What detect is given: stdin, gzip, empty, binary, a huge sparse file, hostile lines."""
import gzip
import io
import os

import pytest

from pindesk.knowledge.detect import DetectError, detect

from .conftest import FIXTURES, by_host


def test_stdin_and_gzip_read_the_same_as_the_file(catalog, tmp_path):
    text = (FIXTURES / "mitmproxy.log").read_bytes()
    packed = tmp_path / "mitmproxy.log.gz"
    packed.write_bytes(gzip.compress(text))
    plain = detect([str(FIXTURES / "mitmproxy.log")], catalog).to_dict()["hosts"]
    assert [h["host"] for h in detect([str(packed)], catalog).to_dict()["hosts"]] == [h["host"] for h in plain]
    from_stdin = detect(["-"], catalog, stdin=io.BytesIO(gzip.compress(text))).to_dict()
    assert [h["host"] for h in from_stdin["hosts"]] == [h["host"] for h in plain]


def test_an_empty_file_is_reported_as_empty(catalog, tmp_path):
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    report = detect([str(empty)], catalog).to_dict()
    assert report["sources"] == [{"name": str(empty), "format": "empty", "records": 0, "skipped": {}}]
    assert report["hosts"] == [] and report["clients"] == []


@pytest.mark.parametrize("log_format", [None, "mitmproxy", "squid-access"])
def test_a_binary_file_is_refused(catalog, tmp_path, log_format):
    binary = tmp_path / "program"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64)
    with pytest.raises(DetectError, match="binary data"):
        detect([str(binary)], catalog, log_format=log_format)


def test_a_10_gb_sparse_file_is_refused_from_its_first_bytes(catalog, tmp_path):
    sparse = tmp_path / "sparse.log"
    with open(sparse, "wb") as out:
        out.truncate(10 * 1024 ** 3)
    assert os.path.getsize(sparse) == 10 * 1024 ** 3
    with pytest.raises(DetectError, match="binary data"):
        detect([str(sparse)], catalog)


def test_text_in_no_known_format_is_an_error_naming_the_option(catalog, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\nmilk\n")
    with pytest.raises(DetectError, match="--log-format"):
        detect([str(notes)], catalog)


def test_a_missing_file_is_an_error_naming_it(catalog, tmp_path):
    with pytest.raises(DetectError, match="nope.log"):
        detect([str(tmp_path / "nope.log")], catalog)


HOSTILE = (
    "[10:00:00.000][10.0.0.5:5000] Client TLS handshake failed. The client does not trust the proxy's "
    "certificate for evil\x1b]0;owned\x07.example.com (tlsv1 alert unknown ca)\n"
    "[10:00:01.000][10.0.0.5:5001] Client TLS handshake failed. The client does not trust the proxy's "
    "certificate for <script>alert(1)</script> (tlsv1 alert unknown ca)\n"
    "[10:00:02.000][\x1b[31m<b>:5002] Client TLS handshake failed. The client does not trust the proxy's "
    "certificate for chat.signal.org (tlsv1 alert unknown ca)\n"
    "[10:00:03.000][10.0.0.5:5003] Client TLS handshake failed. The client does not trust the proxy's "
    "certificate for chat.signal.org (tlsv1 alert unknown ca)\n"
)


def test_hostile_names_and_addresses_are_left_out_and_counted(catalog):
    report = detect(["-"], catalog, stdin=io.BytesIO(HOSTILE.encode())).to_dict()
    assert list(by_host(report)) == ["chat.signal.org"]
    assert [c["client"] for c in report["clients"]] == ["10.0.0.5"]
    assert report["sources"][0]["skipped"] == {"no usable host name": 2, "no usable client address": 1}
