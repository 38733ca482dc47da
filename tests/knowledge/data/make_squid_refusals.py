"""Regenerate squid-refusals.log with the real Squid: its own access.log lines (Squid's native format) for
connections the proxy itself refused, and for one it let through, as helpdesks paste them.

Squid on 127.0.0.1 denies the hosts of one app by an access rule (403), asks for a login before another
app's hosts (407), and tunnels a third app's host to a local listener standing in for the internet (its
name resolved by Squid's hosts_file, so nothing leaves the machine). curl is the client. Run as root
(Squid drops to the proxy user), with a Python that has `cryptography` (the detect fixtures' script, whose
Squid settings and helpers this one shares, needs it; Debian's python3-cryptography will do):

    apt-get install squid-openssl curl python3-cryptography
    python3 tests/knowledge/data/make_squid_refusals.py
"""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "detect" / "fixtures"))
from make_fixtures import SQUID_SANDBOX, free_port, wait_for_port  # noqa: E402  (the detect fixtures' script)

DENIED = ["api.twitter.com", "upload.twitter.com"]  # an access rule refuses them: 403
LOGIN = ["www.evernote.com"]                        # a login is asked for first: 407
TUNNELLED = ["www.netflix.com"]                     # let through to the stand-in: 200

SQUID_CONF = """\
http_port 127.0.0.1:{port}
acl denied dstdomain {denied}
acl login_first dstdomain {login}
auth_param basic program /usr/lib/squid/basic_ncsa_auth {work}/passwd
acl logged_in proxy_auth REQUIRED
acl SSL_ports port 443 {upstream}
acl CONNECT method CONNECT
http_access deny denied
http_access deny login_first !logged_in
http_access deny CONNECT !SSL_ports
http_access allow all
access_log stdio:{work}/access.log squid
""" + SQUID_SANDBOX


def serve_upstream() -> int:
    """A listener that takes connections and closes them: the far end of a tunnel."""
    server = socket.create_server(("127.0.0.1", 0))

    def accept():
        while True:
            conn, _ = server.accept()
            conn.close()
    threading.Thread(target=accept, daemon=True).start()
    return server.getsockname()[1]


def curl(proxy_port: int, url: str) -> None:
    subprocess.run(["curl", "-s", "-o", "/dev/null", "--max-time", "5", "-x", f"http://127.0.0.1:{proxy_port}", url],
                   check=False)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="pindesk-squid-"))
    work.chmod(0o777)
    try:
        upstream, port = serve_upstream(), free_port()
        (work / "hosts").write_text("127.0.0.1 localhost\n" + "".join(f"127.0.0.1 {h}\n" for h in TUNNELLED))
        (work / "passwd").write_text("")
        (work / "squid.conf").write_text(SQUID_CONF.format(port=port, work=work, upstream=upstream,
                                                           denied=" ".join(DENIED), login=" ".join(LOGIN)))
        subprocess.run(["chown", "-R", "proxy:proxy", str(work)], check=True)
        squid = shutil.which("squid") or "/usr/sbin/squid"
        proxy = subprocess.Popen([squid, "-N", "-f", str(work / "squid.conf")])
        try:
            wait_for_port(port, proxy)
            for host in DENIED + LOGIN:
                curl(port, f"https://{host}/")
            curl(port, f"http://{DENIED[0]}/1.1/statuses/home_timeline.json")
            for host in TUNNELLED:
                curl(port, f"https://{host}:{upstream}/")
            time.sleep(1)
        finally:
            proxy.send_signal(signal.SIGTERM)
            proxy.wait(timeout=60)
        shutil.copy(work / "access.log", HERE / "squid-refusals.log")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
