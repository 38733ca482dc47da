"""What `pindesk` touches from outside (streams, environment) and what it exits with."""
from __future__ import annotations

import os
import sys
from enum import IntEnum

PROG = "pindesk"


class ExitStatus(IntEnum):
    """What `pindesk` exits with."""

    SUCCESS = 0
    ERROR = 1  # a fault of pindesk's own: reported in one line, worth a bug report
    USAGE = 2  # something the person can fix: a bad argument, a broken catalog, a query it cannot use
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class Environment:
    """Everything the command touches from outside, so tests can swap it."""

    def __init__(self, stdin=None, stdout=None, stderr=None, environ=None):
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self.environ = dict(os.environ if environ is None else environ)

    def print(self, text: str = "") -> None:
        """Write a line to standard output."""
        self.stdout.write(text + "\n")

    def read_lines(self):
        """Lines of standard input as text; undecodable bytes become U+FFFD."""
        stream = getattr(self.stdin, "buffer", self.stdin)
        for line in stream:
            if isinstance(line, bytes):
                line = line.decode("utf-8", errors="replace")
            yield line.rstrip("\r\n")
