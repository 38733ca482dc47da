"""The detect report as text for the terminal: apps, unlisted groups with drafts, hosts, clients."""
from __future__ import annotations

import contextlib
import json
import re

from pindesk.knowledge.detect.drafts import draft_yaml, result_dict
from pindesk.knowledge.detect.report import CA_MISSING, Report, iso
from pindesk.knowledge.errors import QueryError

# Anything a terminal could act on (escape sequences, other control characters) is shown as \xNN.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def safe(text) -> str:
    """Text from a log made harmless for a terminal."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def report_text(report: Report) -> str:
    """The whole report: sources, verdicts by app and by unlisted domain, ranked hosts, clients."""
    lines = [f"Read {len(report.sources)} input(s):"]
    for source in report.sources:
        skipped = "".join(f"; {n} skipped: {safe(reason)}" for reason, n in source.skipped.items())
        lines.append(f"  {safe(source.name)} ({source.format}): {source.records} handshake records{skipped}")
    if report.apps:
        lines += ["", "Catalog apps whose hosts healthy clients refuse (pinned):"]
        for app in report.apps:
            lines.append(f"  {safe(app.name)} [{app.id}] - {app.verdict}: {', '.join(app.hosts)}")
            lines.append(f"    What to do: {safe(app.summary)} (pindesk show {app.id})")
    if report.unlisted:
        lines += ["", "Unlisted apps, probably pinned (draft catalog entries to review and add):"]
        for group in report.unlisted:
            lines.append(f"  {group.domain} - {group.verdict}: {', '.join(group.hosts)}")
            lines += ["      " + line for line in draft_yaml(group.draft).splitlines()]
    lines += ["", f"Hosts with failed handshakes, ranked (pinned needs {report.min_clients} or more clients "
                  "that complete other hosts):"]
    if not report.hosts:
        lines.append("  none")
    for host in report.hosts:
        kinds = ", ".join(f"{kind} {n}" for kind, n in host.kinds.items())
        apps = f" [{', '.join(host.apps)}]" if host.apps else ""
        lines.append(f"  {host.verdict:<17} {host.host}{apps}")
        lines.append(f"  {'':<17} {host.clients_failing} client(s) failing ({host.clients_ok_elsewhere} complete "
                     f"other hosts, {host.clients_ca_missing} trust nothing), {host.clients_ok} complete it; {kinds}")
        lines.append(f"  {'':<17} seen {iso(host.first_seen) or '?'} to {iso(host.last_seen) or '?'}")
    missing = [client for client in report.clients if client.verdict == CA_MISSING]
    lines += ["", "Clients that do not trust the inspection CA (install the root certificate or leave the "
                  "device out; exempt nothing for them):"]
    lines += [f"  {safe(c.client)}: completed {c.hosts_ok} of {c.hosts_ok + c.hosts_failed} hosts, "
              f"{c.failures} failures" for c in missing] or ["  none"]
    others = len(report.clients) - len(missing)
    lines.append(f"{others} other client(s) judged: "
                 + ", ".join(f"{n} {v}" for v, n in _count(report.clients, missing).items()))
    return "\n".join(lines)


def _count(clients, missing) -> dict[str, int]:
    """How many of the other clients got each verdict."""
    counts: dict[str, int] = {}
    for client in clients:
        if client not in missing:
            counts[client.verdict] = counts.get(client.verdict, 0) + 1
    return counts


def print_report(env, report: Report, change, fmt: str, as_json: bool) -> None:
    """The report, then the bypass change (its remarks on stderr); or one JSON object holding both."""
    if as_json:
        env.print(json.dumps(result_dict(report, change, fmt), ensure_ascii=False))
        return
    env.print(report_text(report))
    if change is None:
        env.print("\nNothing to exempt: no host is judged pinned.")
        return
    env.print(f"\nBypass change ({fmt}):")
    env.print(change.text)
    for note in change.notes:
        env.stderr.write(f"# {note}\n")


def print_bench(env, lines: int, as_json: bool) -> int:
    """`pindesk detect --bench`: lines a minute per text format, progress on stderr."""
    from pindesk.knowledge.detect.bench import run_bench
    if lines < 1000:
        raise QueryError("--bench takes at least 1000 lines")
    results = run_bench(lines, progress=lambda msg: (env.stderr.write(msg + "\n"), env.stderr.flush()))
    env.print(json.dumps(results, indent=2) if as_json else bench_text(results))
    return 0


def bench_text(results: list[dict]) -> str:
    """Throughput per format, one line each."""
    return "\n".join(f"{r['format']:<13} {r['lines']:>10,} lines ({r['mb']} MB) in {r['seconds']:.2f} s: "
                     f"{r['lines_per_minute']:>12,} lines a minute" for r in results)


class ProgressBar:
    """A one-line progress bar on a terminal's stderr for large inputs: bytes read of the file's size."""

    MIN_BYTES = 32 * 1024 * 1024

    def __init__(self, stream):
        self.stream = stream
        self.shown = False

    def __call__(self, opened, count: int) -> None:
        """Redraw the bar for an input (called every few thousand lines or packets)."""
        if not opened.size or opened.size < self.MIN_BYTES:
            return
        share = min(opened.position() / opened.size, 1.0)
        bar = "#" * int(share * 30)
        self.stream.write(f"\r{safe(opened.name)[-40:]} [{bar:<30}] {share:4.0%} {count:,} read")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        """End the bar's line."""
        if self.shown:
            self.stream.write("\n")


@contextlib.contextmanager
def progress_bar(stream):
    """A progress bar for large inputs when stream is a terminal, else None; its line ended afterwards."""
    bar = ProgressBar(stream) if getattr(stream, "isatty", lambda: False)() else None
    try:
        yield bar
    finally:
        if bar is not None:
            bar.done()
