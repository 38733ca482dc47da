"""Shared fixtures: the shipped catalog, an engine over it, an in-process CLI runner, squid's parser."""
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from knowledge.catalog import load_catalog
from knowledge.engine import Engine
from pindesk.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalog():
    """The catalog shipped with pindesk."""
    return load_catalog()


@pytest.fixture(scope="session")
def engine(catalog):
    """One engine over the shipped catalog, built once for the session."""
    return Engine(catalog)


class CliResult:
    """What a CLI run printed and returned."""

    def __init__(self, status, stdout, stderr):
        self.status, self.stdout, self.stderr = status, stdout, stderr


@pytest.fixture
def run_cli():
    """Run `pindesk` in-process with its own streams and environment."""
    def run(*args, stdin=b"", environ=None):
        out, err = io.StringIO(), io.StringIO()
        status = main(list(args), stdin=io.BytesIO(stdin) if isinstance(stdin, bytes) else stdin,
                      stdout=out, stderr=err, environ=environ or {})
        return CliResult(status, out.getvalue(), err.getvalue())
    return run


@pytest.fixture
def squid_parse(tmp_path):
    """`squid -k parse` on a minimal ssl-bump config that includes a fragment; skips without squid unless CI."""
    squid = shutil.which("squid") or shutil.which("squid", path="/usr/sbin:/usr/local/sbin")
    if squid is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("squid is not installed but CI is set (.ci/run installs squid-openssl)")
        pytest.skip("squid is not installed (apt-get install squid-openssl)")

    def parse(fragment: str):
        (tmp_path / "pindesk.conf").write_text(fragment + "\n")
        config = tmp_path / "squid.conf"
        config.write_text(f"http_port 3128 ssl-bump\ninclude {tmp_path / 'pindesk.conf'}\n")
        done = subprocess.run([squid, "-k", "parse", "-f", str(config)], capture_output=True, text=True,
                              timeout=60)
        return done.returncode, done.stdout + done.stderr
    return parse
