"""An app's recommendation in one proxy's own terms: the object, the steps, the export inline, the vendor's pages.

Every surface renders the same Advice: `advice_for` words it, `advise` adds it to an Answer for its leading apps.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .answer import Answer
from .catalog import App, Catalog
from .errors import ExportError
from .export import export
from .proxies import Profile, Route, Step, load_profiles
from .proxy_formats import FORMATS


@dataclass(frozen=True)
class InlineExport:
    """The bypass for the app in the proxy's own format, ready to paste."""

    format: str
    label: str
    content: str
    to_dict = dataclasses.asdict  # its JSON form: every field by its name


@dataclass(frozen=True)
class Advice:
    """What to do about one app on one proxy, and what that proxy already does for pinned apps."""

    proxy: str
    proxy_name: str
    app_id: str
    app_name: str
    object: str
    summary: str
    steps: tuple[Step, ...]
    export: InlineExport | None
    built_in: tuple[Step, ...]

    @property
    def links(self) -> tuple[str, ...]:
        """The vendor pages the advice rests on, once each, in order."""
        return tuple(dict.fromkeys(step.link for step in self.steps + self.built_in if step.link))

    def to_dict(self) -> dict:
        """JSON form, the same on every surface."""
        return {"proxy": self.proxy, "proxy_name": self.proxy_name, "app": self.app_id, "app_name": self.app_name,
                "object": self.object, "summary": self.summary, "steps": [s.to_dict() for s in self.steps],
                "export": self.export.to_dict() if self.export else None,
                "built_in": [s.to_dict() for s in self.built_in], "links": list(self.links)}


def advice_for(app: App, proxy: str, catalog: Catalog) -> Advice:
    """The app's recommendation worded for one proxy profile (CatalogError for an unknown profile)."""
    profiles = load_profiles()
    profile = profiles.get(proxy)
    values = _values(app, profile)
    route = profiles.remedy(profile, app.id, app.recommendation.action)
    inline = _inline_export(app, profile, catalog)
    if route is None:
        route = profile.domains if inline else profile.cloud_app
    steps = route.steps
    if route.then_domains and inline:
        steps += profile.domains.steps
    return Advice(
        proxy=profile.id, proxy_name=profile.name, app_id=app.id, app_name=app.display_name,
        object=profile.object, summary=_filled_summary(route, values),
        steps=tuple(step.filled(values) for step in steps),
        export=inline if (route.then_domains or route is profile.domains) else None,
        built_in=tuple(step.filled(values) for step in profile.built_in))


def advise(answer: Answer, proxy: str | None, catalog: Catalog) -> Answer:
    """The answer with the proxy's advice for its leading app(s); unchanged when no proxy is chosen."""
    if not proxy:
        return answer
    apps = [match.app for match in answer.candidates if match.app]
    return dataclasses.replace(answer, advice=tuple(advice_for(app, proxy, catalog) for app in apps))


def _values(app: App, profile: Profile) -> dict:
    """What the placeholders of the profile's texts stand for, for this app."""
    rec = app.recommendation
    return {"app": app.display_name, "cloud_app": rec.cloud_app or app.name, "vendor": app.vendor,
            "proxy": profile.name, "object": profile.object, "remedy": rec.steps[0] if rec.steps else rec.summary}


def _filled_summary(route: Route, values: dict) -> str:
    """The route's summary with its placeholders filled in."""
    return Step(route.summary).filled(values).text


def _inline_export(app: App, profile: Profile, catalog: Catalog) -> InlineExport | None:
    """The app's required hosts in the profile's export format, or None when the catalog lists none."""
    if not app.required_domains:
        return None
    try:
        result = export(catalog, [app.id], profile.export)
    except ExportError:
        return None
    return InlineExport(profile.export, FORMATS[profile.export].label, result.text)
