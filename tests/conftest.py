"""Shared fixtures: the shipped catalog, an engine over it, and an in-process CLI runner."""
import io
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
