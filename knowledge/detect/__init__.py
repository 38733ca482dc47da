"""`pindesk detect`: pinned apps found in a network's own proxy logs and captures."""
from __future__ import annotations

from .analysis import analyse
from .formats import ALL_FORMATS, CAPTURE, recognise
from .inputs import DetectError, check_text, open_input, peek_lines, text_lines
from .report import Report, SourceSummary
from .tally import Tallies

__all__ = ["DetectError", "Report", "detect", "detect_streams", "read_input", "ALL_FORMATS"]


def detect(names, catalog, *, stdin=None, since: float | None = None, min_clients: int = 2,
           log_format: str | None = None, progress=None) -> Report:
    """Read every input (a path, or '-' for stdin) and judge the clients and hosts in them together."""
    if not names:
        raise DetectError("give one or more log or capture files ('-' for stdin), or --bench")
    return detect_streams([(name, None) for name in names], catalog, stdin=stdin, since=since,
                          min_clients=min_clients, log_format=log_format, progress=progress)


def detect_streams(inputs, catalog, *, stdin=None, since: float | None = None, min_clients: int = 2,
                   log_format: str | None = None, progress=None) -> Report:
    """Like detect, over (name, binary stream) pairs, a stream of None being the file of that name:
    uploads are read as they arrive, never written anywhere."""
    if min_clients < 1:
        raise DetectError("--min-clients must be 1 or more")
    if log_format is not None and log_format not in ALL_FORMATS:
        raise DetectError(f"unknown log format {log_format!r} (one of {', '.join(ALL_FORMATS)})")
    tallies = Tallies(since)
    sources = [read_input(name if stream is None else "-", tallies, stdin=stdin if stream is None else stream,
                          log_format=log_format, progress=progress, label=name)
               for name, stream in inputs]
    return analyse(tallies, catalog, sources, min_clients)


def read_input(name: str, tallies: Tallies, *, stdin=None, log_format: str | None = None, progress=None,
               label: str | None = None) -> SourceSummary:
    """Read one input into the tallies: its format recognised (or as given); what it held."""
    opened = open_input(name, stdin)
    label = label or name
    before, skipped_before = tallies.records, dict(tallies.skipped)
    try:
        if opened.is_capture and log_format in (None, CAPTURE.name):
            fmt = CAPTURE
            CAPTURE.reader(opened.stream, tallies, progress and (lambda count: progress(opened, count)))
        elif not opened.head:
            return SourceSummary(label, "empty", 0)
        else:
            if log_format == CAPTURE.name:
                raise DetectError(f"{label}: not a pcap or pcapng capture")
            check_text(opened)
            first, lines = peek_lines(text_lines(opened, progress))
            fmt = ALL_FORMATS[log_format] if log_format else recognise(first)
            if fmt is None:
                raise DetectError(f"{label}: no format recognised in its first lines (one of "
                                  f"{', '.join(ALL_FORMATS)}; name it with --log-format)")
            if fmt.name == "mitmproxy":
                fmt.reader(lines, tallies, opened.mtime)
            else:
                fmt.reader(lines, tallies)
    finally:
        if name != "-":
            opened.raw.close()
    skipped = {reason: n - skipped_before.get(reason, 0) for reason, n in tallies.skipped.items()
               if n != skipped_before.get(reason, 0)}
    return SourceSummary(label, fmt.name, tallies.records - before, skipped)
