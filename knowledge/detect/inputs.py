"""Opening what was given: files or standard input, gzip as it is, pcap told from text, binary refused."""
from __future__ import annotations

import gzip
import io
import os
from dataclasses import dataclass
from itertools import chain

from ..errors import PindeskError

GZIP_MAGIC = b"\x1f\x8b"
PCAP_MAGICS = (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d",
               b"\x0a\x0d\x0d\x0a")
HEAD_BYTES = 64 * 1024
MAX_LINE = 64 * 1024
PROGRESS_EVERY = 1 << 16  # lines between progress reports


class DetectError(PindeskError):
    """An input cannot be read: missing, binary where a log was expected, or in no known format."""


@dataclass
class Opened:
    """One input, decompressed, with its first bytes looked at."""

    name: str
    stream: io.BufferedIOBase
    head: bytes
    size: int | None
    raw: object
    mtime: float | None

    @property
    def is_capture(self) -> bool:
        """Whether it is a pcap or pcapng capture rather than text."""
        return self.head[:4] in PCAP_MAGICS

    def position(self) -> int:
        """How far into the file (compressed bytes) reading has come, for progress."""
        try:
            return self.raw.tell()
        except (OSError, ValueError, AttributeError):
            return 0


def open_input(name: str, stdin=None) -> Opened:
    """Open a path or '-' (standard input, binary); gunzip when it starts like gzip."""
    if name == "-":
        raw = getattr(stdin, "buffer", stdin)
        size = mtime = None
    else:
        try:
            raw = open(name, "rb")
            stat = os.fstat(raw.fileno())
        except OSError as exc:
            raise DetectError(f"{name}: {exc.strerror or exc}") from None
        size, mtime = stat.st_size, stat.st_mtime
    stream = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(_Readable(raw))
    if stream.peek(2)[:2] == GZIP_MAGIC:
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"))
    try:
        head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DetectError(f"{name}: not readable as gzip ({exc})") from None
    return Opened(name, stream, head, size, raw, mtime)


def check_text(opened: Opened) -> None:
    """Refuse binary data given as a log (a NUL byte or mostly control bytes in the first 64 KiB)."""
    head = opened.head
    controls = sum(1 for b in head[:4096] if b < 9 or 13 < b < 32)
    if b"\x00" in head or (head and controls > len(head[:4096]) // 10):
        raise DetectError(f"{opened.name}: binary data, not a log pindesk reads (a capture must be pcap or pcapng)")


def text_lines(opened: Opened, progress=None):
    """The lines of a text input, decoded as UTF-8 (bad bytes replaced), each at most 64 KiB."""
    readline = opened.stream.readline
    count = 0
    while True:
        try:
            line = readline(MAX_LINE)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise DetectError(f"{opened.name}: stopped reading: {exc}") from None
        if not line:
            break
        count += 1
        if progress is not None and not count % PROGRESS_EVERY:
            progress(opened, count)
        yield line.decode("utf-8", "replace").rstrip("\r\n")
    if progress is not None:
        progress(opened, count)


def peek_lines(lines, count: int = 200):
    """The first lines (to recognise the format) and an iterator over all lines, those included."""
    first = []
    for line in lines:
        first.append(line)
        if len(first) >= count:
            break
    return first, chain(first, lines)


class _Readable(io.RawIOBase):
    """A raw wrapper so any binary stream (a test's BytesIO, an upload) can be buffered and peeked."""

    def __init__(self, inner):
        self.inner = inner

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer) -> int:
        """Fill the buffer from the wrapped stream."""
        data = self.inner.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def tell(self) -> int:
        """The wrapped stream's position, when it knows it."""
        return self.inner.tell()


SINCE_UNITS = {"m": 60, "h": 3600, "d": 86400}


def parse_since(text: str, now: float | None = None) -> float:
    """--since as seconds since the epoch: '24h', '7d', '90m' ago, or an ISO date or time (UTC if no zone)."""
    import datetime
    import time
    text = text.strip()
    if text[:-1].isdigit() and text[-1:] in SINCE_UNITS:
        return (time.time() if now is None else now) - int(text[:-1]) * SINCE_UNITS[text[-1]]
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise DetectError(f"--since {text!r}: give a date or time (2026-11-27, 2026-11-27T08:00) "
                          "or an age (90m, 24h, 7d)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()
