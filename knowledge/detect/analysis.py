"""From tallies to verdicts: which clients trust the inspection CA, which hosts healthy clients refuse."""
from __future__ import annotations

from .drafts import covering_apps, group_findings
from .report import (
    CA_MISSING,
    CLIENT_CA_MISSING,
    CLIENT_INCONCLUSIVE,
    HOST_VERDICTS,
    INCONCLUSIVE,
    PINNED,
    SUSPECT,
    TRUSTS_CA,
    ClientFinding,
    HostFinding,
    Report,
    iso,
)
from .tally import CLOSED_AFTER_HANDSHAKE, Tallies

# A client that completes at most this share of the inspected hosts it tried does not trust the CA.
CA_MISSING_SHARE = 0.1
# How many hosts a client must have tried to be judged as not trusting the CA.
MIN_TRIED = 3
# Share of the healthy clients trying a host that must fail on it for "pinned" (the catalog may vouch instead).
PINNED_CONSISTENCY = 0.8
CHART_HOSTS, CHART_BINS = 8, 48


def analyse(tallies: Tallies, catalog, sources, min_clients: int = 2) -> Report:
    """The report: every client judged, every failing host judged and ranked, hosts grouped by app."""
    _resolve_quiet(tallies)
    clients = judge_clients(tallies)
    verdicts = {client.client: client.verdict for client in clients}
    hosts = judge_hosts(tallies, verdicts, catalog, min_clients)
    apps, unlisted = group_findings(hosts, catalog)
    shown = [host.host for host in hosts if host.verdict in (PINNED, SUSPECT)][:CHART_HOSTS]
    return Report(hosts=hosts, clients=clients, apps=apps, unlisted=unlisted, sources=list(sources),
                  timeline=chart_series(tallies, shown), min_clients=min_clients, since=tallies.since)


def _resolve_quiet(tallies: Tallies) -> None:
    """Handshakes that completed without a request count as failures where the pair never carried one."""
    for (_, host), tally in tallies.pairs.items():
        if tally.quiet and not tally.ok:
            tally.failed += tally.quiet
            tally.kinds = tally.kinds or {}
            tally.kinds[CLOSED_AFTER_HANDSHAKE] = tally.kinds.get(CLOSED_AFTER_HANDSHAKE, 0) + tally.quiet
            if tally.first is not None:
                tallies.timeline.add(host, tally.first, tally.quiet)
            tally.quiet = 0


def judge_clients(tallies: Tallies) -> list[ClientFinding]:
    """Per client: hosts completed and failed; 'ca_missing' when it completes (nearly) none of many."""
    counts: dict[str, list[int]] = {}  # client -> [hosts ok, hosts failed, failures]
    for (client, _), tally in tallies.pairs.items():
        row = counts.setdefault(client, [0, 0, 0])
        if tally.ok:
            row[0] += 1
        elif tally.failed:
            row[1] += 1
        row[2] += tally.failed
    for client, tally in tallies.unattributed.items():
        row = counts.setdefault(client, [0, 0, 0])
        if not row[0] + row[1]:  # a log without host names (cache.log); with them it counts the same twice
            row[2] += tally.failed
    findings = []
    for client, (hosts_ok, hosts_failed, failures) in counts.items():
        # Judged on hosts only: a log naming no host (cache.log) records no successes to weigh failures against.
        tried = hosts_ok + hosts_failed
        if tried >= MIN_TRIED and hosts_ok <= CA_MISSING_SHARE * tried:
            verdict = CA_MISSING
        elif hosts_ok:
            verdict = TRUSTS_CA
        else:
            verdict = CLIENT_INCONCLUSIVE
        findings.append(ClientFinding(client, verdict, hosts_ok, hosts_failed, failures))
    findings.sort(key=lambda c: (c.verdict != CA_MISSING, -c.hosts_failed, -c.failures, c.client))
    return findings


def judge_hosts(tallies: Tallies, verdicts: dict[str, str], catalog, min_clients: int) -> list[HostFinding]:
    """Per host a client failed on: who failed, who else completed it, and the verdict; ranked."""
    by_host: dict[str, list] = {}
    for (client, host), tally in tallies.pairs.items():
        by_host.setdefault(host, []).append((client, tally))
    findings = []
    for host, rows in by_host.items():
        failing = [(client, tally) for client, tally in rows if tally.failed and not tally.ok]
        if not failing:
            continue
        healthy = [tally for client, tally in failing if verdicts.get(client) == TRUSTS_CA]
        ca_missing = sum(1 for client, _ in failing if verdicts.get(client) == CA_MISSING)
        healthy_ok = sum(1 for client, tally in rows if tally.ok and verdicts.get(client) == TRUSTS_CA)
        apps = covering_apps(catalog, host)
        verdict = host_verdict(len(failing), len(healthy), ca_missing, healthy_ok, bool(apps), min_clients)
        counted = healthy or [tally for _, tally in failing]
        kinds: dict[str, int] = {}
        for tally in counted:
            for kind, n in tally.kinds.items():
                kinds[kind] = kinds.get(kind, 0) + n
        firsts = [t.first for _, t in failing if t.first is not None]
        lasts = [t.last for _, t in failing if t.last is not None]
        findings.append(HostFinding(
            host=host, domain="", apps=apps, verdict=verdict, clients_failing=len(failing),
            clients_ok_elsewhere=len(healthy), clients_ca_missing=ca_missing,
            clients_ok=sum(1 for _, tally in rows if tally.ok), failures=sum(t.failed for _, t in failing),
            kinds=dict(sorted(kinds.items(), key=lambda item: -item[1])),
            first_seen=min(firsts, default=None), last_seen=max(lasts, default=None)))
    findings.sort(key=lambda h: (HOST_VERDICTS.index(h.verdict), -h.clients_ok_elsewhere, -h.failures, h.host))
    return findings


def host_verdict(failing: int, healthy: int, ca_missing: int, healthy_ok: int, listed: bool,
                 min_clients: int) -> str:
    """pinned: enough healthy clients fail it, consistently (or the catalog lists it); suspect: fewer or
    mixed; client_ca_missing: only clients that trust nothing fail it; inconclusive: nobody judged fails it."""
    if not healthy:
        return CLIENT_CA_MISSING if ca_missing == failing else INCONCLUSIVE
    consistent = healthy / (healthy + healthy_ok) >= PINNED_CONSISTENCY
    if healthy >= min_clients and (consistent or listed):
        return PINNED
    return SUSPECT


def chart_series(tallies: Tallies, hosts: list[str]) -> dict:
    """Failures over time for the leading hosts, in equal bins across the whole span, for the chart."""
    timeline = tallies.timeline
    wanted = set(hosts)
    points = [(host, bucket * timeline.step, n) for (host, bucket), n in timeline.counts.items() if host in wanted]
    if not points:
        return {"start": None, "end": None, "bin_seconds": None, "hosts": []}
    start = min(t for _, t, _ in points)
    end = max(t for _, t, _ in points) + timeline.step
    width = max((end - start) / CHART_BINS, timeline.step)
    bins = min(CHART_BINS, max(1, round((end - start) / width)))
    series = {host: [0] * bins for host in hosts}
    for host, when, n in points:
        series[host][min(int((when - start) // width), bins - 1)] += n
    return {"start": iso(start), "end": iso(end), "bin_seconds": width,
            "hosts": [{"host": host, "failures": series[host]} for host in hosts]}
