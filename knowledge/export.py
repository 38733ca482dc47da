"""Bypass exports: the catalog's domains for chosen apps as one list, in a proxy's own format."""
from __future__ import annotations

from dataclasses import dataclass

from .catalog import App, Catalog
from .domains import DomainRule
from .errors import ExportError
from .proxy_formats import FORMATS

NAME_LIMIT = 128


@dataclass(frozen=True)
class BypassEntry:
    """One entry to exempt, with the apps that need it (it may cover entries of several apps)."""

    pattern: str
    apps: tuple[str, ...]

    @property
    def rule(self) -> DomainRule:
        """The entry as a domain rule: `.example.com` the domain and subdomains, else one host."""
        return DomainRule(self.pattern, self.apps[0])

    @property
    def kind(self) -> str:
        """The entry's kind in the field's words: domain_and_subdomains or exact_host."""
        return "domain_and_subdomains" if self.rule.wildcard else "exact_host"

    def covers(self, other: str) -> bool:
        """Whether this entry already exempts everything another entry would."""
        return self.pattern == other or (self.rule.wildcard and self.rule.covers(other.lstrip(".")))


@dataclass(frozen=True)
class Bypass:
    """What to exempt for some apps: merged entries, apps without domains, optional entries left out."""

    name: str
    apps: tuple[App, ...]
    entries: tuple[BypassEntry, ...]
    unlisted: tuple[App, ...]
    optional_left_out: tuple[tuple[App, tuple[str, ...]], ...]

    def comments(self) -> list[str]:
        """Remarks for the person applying the export, one line each, without comment markers."""
        lines = []
        for app in self.unlisted:
            how = (f"exempt its cloud application {app.recommendation.cloud_app!r} instead"
                   if app.recommendation.cloud_app else "exempt it by its cloud-application entry instead")
            lines.append(f"{app.name}: no known domains, not exported; {how}, or find its domains "
                         f"(`pindesk show --article unlisted-apps`).")
        for app, entries in self.optional_left_out:
            lines.append(f"{app.name}: optional entries left out (add them with --include-optional): "
                         f"{', '.join(entries)}")
        return lines


@dataclass(frozen=True)
class Export:
    """An export as printed: the text for standard output and notes for standard error."""

    text: str
    notes: tuple[str, ...] = ()


def plan_bypass(catalog: Catalog, names: list[str], include_optional: bool = False,
                name: str | None = None) -> Bypass:
    """Find the apps, merge their entries without repeats; ExportError if none has domains."""
    return bypass_for_apps(list(map(catalog.find, names)), include_optional, name)


def bypass_for_apps(apps, include_optional: bool = False, name: str | None = None) -> Bypass:
    """Merge these apps' entries without repeats (an app given twice counts once); ExportError if none has
    domains. `pindesk detect` passes its draft entries for unlisted apps here too."""
    apps = list({app.id: app for app in apps}.values())
    exportable = tuple(app for app in apps if _entries_of(app, include_optional))
    unlisted = tuple(app for app in apps if app not in exportable)
    if not exportable:
        raise _nothing_to_export(unlisted)
    entries = merge_entries((app.name, entry) for app in exportable
                            for entry in _entries_of(app, include_optional))
    left_out = () if include_optional else _optional_left_out(exportable, entries)
    return Bypass(name=_category_name(name, exportable), apps=exportable, entries=entries,
                  unlisted=unlisted, optional_left_out=left_out)


def merge_entries(pairs) -> tuple[BypassEntry, ...]:
    """Merge (app name, entry) pairs in order: no repeats, nothing another entry's wildcard covers."""
    kept: list[BypassEntry] = []
    for app_name, pattern in pairs:
        coverer = next((i for i, entry in enumerate(kept) if entry.covers(pattern)), None)
        if coverer is not None:
            entry = kept[coverer]
            kept[coverer] = BypassEntry(entry.pattern, _with(entry.apps, (app_name,)))
            continue
        new = BypassEntry(pattern, (app_name,))
        for entry in [entry for entry in kept if new.covers(entry.pattern)]:
            kept.remove(entry)
            new = BypassEntry(pattern, _with(new.apps, entry.apps))
        kept.append(new)
    return tuple(kept)


def export(catalog: Catalog, names: list[str], fmt: str, include_optional: bool = False,
           name: str | None = None) -> Export:
    """The bypass for these apps rendered in one format (see FORMATS)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    text, notes = FORMATS[fmt].render(plan_bypass(catalog, names, include_optional, name))
    return Export(text=text, notes=tuple(notes))


def _nothing_to_export(unlisted: tuple[App, ...]) -> ExportError:
    """The error for apps none of which has a known domain, naming the exemption to use instead."""
    cloud_apps = ", ".join(app.recommendation.cloud_app for app in unlisted if app.recommendation.cloud_app)
    exemption = f"cloud applications ({cloud_apps})" if cloud_apps else "apps' cloud-application entries"
    return ExportError(f"nothing to export: no known domains for {', '.join(app.name for app in unlisted)}; "
                       f"exempt the {exemption} instead, or find the domains (`pindesk show --article unlisted-apps`)")


def _entries_of(app: App, include_optional: bool) -> tuple[str, ...]:
    """An app's entries to exempt: required and note domains, optional ones on request."""
    return app.exempt_domains if include_optional else app.required_domains


def _optional_left_out(apps, entries) -> tuple[tuple[App, tuple[str, ...]], ...]:
    """Each app's optional entries that the exported entries do not already cover."""
    left_out = []
    for app in apps:
        missing = tuple(optional for optional in app.optional_domains
                        if not any(entry.covers(optional) for entry in entries))
        if missing:
            left_out.append((app, missing))
    return tuple(left_out)


def _with(names: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    """App names with more added, in order, once each."""
    return tuple(dict.fromkeys(names + more))


def _category_name(name: str | None, apps: tuple[App, ...]) -> str:
    """The given category name, checked, or one naming the apps."""
    if name is None:
        name = "Do not inspect - " + ", ".join(app.name for app in apps)
        return name if len(name) <= 64 else f"Do not inspect - {len(apps)} pinned apps"
    name = name.strip()
    if not name or len(name.splitlines()) > 1 or len(name) > NAME_LIMIT or '"' in name:
        raise ExportError(f"--name must be one line of 1 to {NAME_LIMIT} characters without '\"'")
    return name
