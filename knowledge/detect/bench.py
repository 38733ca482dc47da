"""Throughput of the text readers on generated logs: lines a minute, per format."""
from __future__ import annotations

import os
import random
import tempfile
import time

from . import read_input
from .tally import Tallies

HOSTS = [f"h{n}.example{n % 97}.com" for n in range(400)] + ["chat.signal.org", "app.snapchat.com"]


def _mitmproxy(i: int, client: str, host: str) -> str:
    """One mitmproxy event-log line: mostly connects and flows, some failures."""
    clock = f"{i // 3600000 % 24:02d}:{i // 60000 % 60:02d}:{i // 1000 % 60:02d}.{i % 1000:03d}"
    stamp = f"[{clock}][{client}:{40000 + i % 20000}]"
    if i % 10 == 0:
        return (f"{stamp} Client TLS handshake failed. The client does not trust the proxy's certificate for "
                f"{host} (tlsv1 alert unknown ca)")
    if i % 10 == 1:
        return f"{client}:{40000 + i % 20000}: GET https://{host}/index.html"
    return f"{stamp} {'client connect' if i % 2 else 'client disconnect'}"


def _squid(i: int, client: str, host: str) -> str:
    """One access.log line in pindesk's logformat."""
    if i % 10 == 0:
        return (f"{1795000000 + i // 100}.{i % 1000:03d} {client} {host} bump 200 ERR_SECURE_ACCEPT_FAIL "
                f"SQUID_TLS_ERR_ACCEPT+TLS_LIB_ERR=A000418+TLS_IO_ERR=1 CONNECT {host}:443")
    return f"{1795000000 + i // 100}.{i % 1000:03d} {client} {host} bump 200 - - GET https://{host}/"


def _zeek(i: int, client: str, host: str) -> str:
    """One ssl.log TSV row."""
    failed = i % 10 == 0
    return "\t".join([f"{1795000000 + i / 100:.6f}", f"C{i}", client, "51000", "192.0.2.1", "443", "TLSv12",
                      "-", "-", host, "F", "unknown_ca" if failed else "-", "-", "F" if failed else "T",
                      "CsxknGL" if failed else "CsxknGIFif"])


def _panos(i: int, client: str, host: str) -> str:
    """One PAN-OS decryption-log row (65 fields)."""
    fields = ["1", "2026/11/27 10:00:00", "0123", "DECRYPTION", "0", "11.1", "2026/11/27 10:00:00", client,
              "192.0.2.1"] + [""] * 54 + [host, "Received fatal alert UnknownCA from client" if i % 10 == 0 else ""]
    return ",".join(fields)


def _zscaler(i: int, client: str, host: str) -> str:
    """One NSS web-log line in the README's feed format."""
    reason = "Unknown CA" if i % 10 == 0 else "None"
    return (f"epochtime={1795000000 + i // 100}\tcip={client}\thost={host}\taction=Allowed\t"
            f"cltsslfailreason={reason}\tcltsslfailcount={1 if i % 10 == 0 else 0}")


GENERATORS = {"mitmproxy": _mitmproxy, "squid-access": _squid, "zeek": _zeek, "panos": _panos,
              "zscaler": _zscaler}
ZEEK_HEADER = ("#separator \\x09\n#path\tssl\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\t"
               "version\tcipher\tcurve\tserver_name\tresumed\tlast_alert\tnext_protocol\testablished\tssl_history\n")


def run_bench(lines: int, progress=None) -> list[dict]:
    """Write `lines` lines of each text format to a temporary file, read it back, time it."""
    rng = random.Random(13)
    results = []
    with tempfile.TemporaryDirectory(prefix="pindesk-bench-") as folder:
        for name, make in GENERATORS.items():
            path = os.path.join(folder, f"{name}.log")
            with open(path, "w") as out:
                if name == "zeek":
                    out.write(ZEEK_HEADER)
                out.writelines(make(i, f"10.0.{rng.randrange(20)}.{rng.randrange(250)}", rng.choice(HOSTS)) + "\n"
                               for i in range(lines))
            if progress:
                progress(f"reading {lines:,} generated {name} lines")
            started = time.perf_counter()
            summary = read_input(path, Tallies(), log_format=name)
            seconds = time.perf_counter() - started
            results.append({"format": name, "lines": lines, "seconds": round(seconds, 3),
                            "lines_per_minute": round(lines / seconds * 60), "records": summary.records,
                            "mb": round(os.path.getsize(path) / 1e6, 1)})
    return results
