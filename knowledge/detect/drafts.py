"""Hosts grouped by catalog app or by registered domain (the Public Suffix List, shipped offline),
a draft catalog entry for each unlisted group, and the bypass change for what was found."""
from __future__ import annotations

import re
from pathlib import Path

from ..catalog import _parse_apps
from ..domains import registered_domain
from ..export import Export, bypass_for_apps
from ..proxy_formats import FORMATS
from .report import HOST_VERDICTS, PINNED, SUSPECT, AppFinding, UnlistedFinding

ACTIONABLE = (PINNED, SUSPECT)


def covering_apps(catalog, host: str) -> tuple[str, ...]:
    """Ids of the catalog apps whose lists cover a host, most specific rule first; an optional entry
    only when no other list covers it."""
    matches = catalog.domain_index.lookup(host)
    required = [match for match in matches if match.rule.kind != "optional"]
    return tuple(match.rule.app_id for match in required or matches)


def closest_apps(catalog, host: str) -> tuple[str, ...]:
    """The covering apps whose rule is the most specific (an exact host beats `.icloud.com`); ties all kept."""
    matches = [m for m in catalog.domain_index.lookup(host) if m.rule.kind != "optional"] \
        or catalog.domain_index.lookup(host)
    best = max((m.specificity for m in matches), default=None)
    return tuple(m.rule.app_id for m in matches if m.specificity == best)


def group_findings(hosts, catalog) -> tuple[list[AppFinding], list[UnlistedFinding]]:
    """Pinned and suspect hosts under the catalog apps whose rule for them is closest, the rest by
    registered domain."""
    by_app: dict[str, list] = {}
    by_domain: dict[str, list] = {}
    for host in hosts:
        host.domain = registered_domain(host.host)
        if host.verdict not in ACTIONABLE:
            continue
        for app_id in closest_apps(catalog, host.host) if host.apps else ():
            by_app.setdefault(app_id, []).append(host)
        if not host.apps:
            by_domain.setdefault(host.domain, []).append(host)
    apps = []
    for app_id, found in by_app.items():
        app = catalog.app(app_id)
        apps.append(AppFinding(id=app.id, name=app.display_name, verdict=_best(found),
                               hosts=tuple(h.host for h in found), action=app.recommendation.action,
                               summary=app.recommendation.summary))
    taken = {app.id for app in catalog.apps}
    unlisted = []
    for domain, found in by_domain.items():
        draft = draft_entry(domain, [h.host for h in found], taken)
        taken.add(draft["id"])
        unlisted.append(UnlistedFinding(domain=domain, verdict=_best(found), hosts=tuple(h.host for h in found),
                                        draft=draft))
    rank = HOST_VERDICTS.index
    apps.sort(key=lambda a: (rank(a.verdict), -len(a.hosts), a.id))
    unlisted.sort(key=lambda u: (rank(u.verdict), -len(u.hosts), u.domain))
    return apps, unlisted


def _best(hosts) -> str:
    """The strongest verdict among hosts."""
    return min((h.verdict for h in hosts), key=HOST_VERDICTS.index)


def draft_entry(domain: str, hosts: list[str], taken: set[str]) -> dict:
    """A catalog record for an app outside the catalog, in the catalog's notation, for an admin to review.

    Several failing hosts under one domain become `.domain` (the domain and every subdomain); a single
    host stays that exact host, so the draft exempts no more than the logs showed.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", domain.lower()).strip("-") or "unlisted"
    app_id, n = slug, 2
    while app_id in taken:
        app_id, n = f"{slug}-{n}", n + 1
    domains = [f".{domain}"] if len(hosts) > 1 or domain in hosts else sorted(hosts)
    listed = ", ".join(sorted(hosts))
    return {
        "id": app_id, "name": f"Unlisted app at {domain}", "vendor": f"unknown (owner of {domain})",
        "platform_source": "unknown", "platforms": ["all"], "domains": domains, "error_messages": [],
        "symptoms": [f"TLS handshakes with {listed} fail behind inspection while the same devices "
                     "complete others"],
        "aliases": [domain],
        "notes": "Drafted by pindesk detect from proxy logs: clients that trust the inspection CA refused its "
                 "certificate for these hosts. Name the app, its vendor and platforms before adding it.",
        "recommendation": {"action": "url_category",
                           "summary": f"Exempt {', '.join(domains)} from TLS inspection.",
                           "steps": ["Confirm which app uses these hosts (ask a user whose device failed).",
                                     "Add the domains to a custom URL category that is not inspected."]},
    }


def draft_yaml(draft: dict) -> str:
    """A draft entry as the catalog writes records: a YAML list item to paste under `apps:`."""
    import yaml
    return yaml.safe_dump([draft], sort_keys=False, width=100, allow_unicode=False).rstrip()


def bypass(report, catalog, fmt: str, include_suspect: bool = False, name: str | None = None) -> Export | None:
    """The bypass change for the pinned apps and unlisted groups found (suspect ones too on request);
    None when nothing was found to exempt."""
    wanted = ACTIONABLE if include_suspect else (PINNED,)
    apps = [catalog.app(found.id) for found in report.apps if found.verdict in wanted]
    drafts = [found.draft for found in report.unlisted if found.verdict in wanted]
    if drafts:
        apps += _parse_apps(Path("pindesk detect drafts"), drafts)
    if not apps:
        return None
    text, notes = FORMATS[fmt].render(bypass_for_apps(apps, name=name))
    if drafts:
        notes = list(notes) + [f"{d['name']}: a draft from these logs, not a catalog entry; review it "
                               f"before applying ({', '.join(d['domains'])})" for d in drafts]
    return Export(text=text, notes=tuple(notes))


def result_dict(report, change: Export | None, fmt: str) -> dict:
    """The report with the bypass change, as `pindesk detect --json` prints and the API answers."""
    body = report.to_dict()
    body["bypass"] = change and {"format": fmt, "content": change.text, "notes": list(change.notes)}
    return body
