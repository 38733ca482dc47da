"""Deployment profiles: how each proxy expresses a bypass, read from proxies.yaml and validated on load."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .catalog import ID_RE
from .errors import CatalogError
from .proxy_formats import FORMATS
from .yamlfile import YAMLSyntaxError, safe_load

DEFAULT_PROXIES = Path(__file__).resolve().parent / "proxies.yaml"
PLACEHOLDERS = ("app", "cloud_app", "vendor", "proxy", "object", "remedy")
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
REMEDY_ACTIONS = ("one_click", "app_switch")  # the catalog actions that name a vendor-specific remedy

PROFILE_FIELDS = {"id", "name", "object", "export", "domains", "cloud_app", "built_in", "remedies"}
ROUTE_FIELDS = {"summary", "steps", "then_domains"}
STEP_FIELDS = {"text", "link"}


@dataclass(frozen=True)
class Step:
    """One thing to do or know, with the vendor page it comes from."""

    text: str
    link: str | None = None

    def filled(self, values: dict) -> Step:
        """The step with its placeholders filled in."""
        return Step(fill(self.text, values), self.link)

    def to_dict(self) -> dict:
        """JSON form."""
        return {"text": self.text, "link": self.link}


@dataclass(frozen=True)
class Route:
    """What to do on one product for one kind of app: a summary and steps."""

    summary: str
    steps: tuple[Step, ...] = ()
    then_domains: bool = False


@dataclass(frozen=True)
class Profile:
    """One proxy product: its name, the object it bypasses with, and how each kind of app maps on it."""

    id: str
    name: str
    object: str
    export: str
    domains: Route
    cloud_app: Route
    built_in: tuple[Step, ...]
    remedies: dict[str, Route]


@dataclass(frozen=True)
class Profiles:
    """Every profile by id, and the routes for catalog remedies a profile does not map itself."""

    by_id: dict[str, Profile]
    defaults: dict[str, Route]

    def get(self, profile_id: str) -> Profile:
        """The profile with this id; CatalogError naming the choices otherwise."""
        try:
            return self.by_id[profile_id]
        except KeyError:
            raise CatalogError(f"no proxy profile {profile_id!r} (one of {', '.join(self.by_id)})") from None

    def remedy(self, profile: Profile, app_id: str, action: str) -> Route | None:
        """How an app's own remedy maps on a profile, or None when the app has no such remedy."""
        if action not in REMEDY_ACTIONS:
            return None
        return profile.remedies.get(app_id) or self.defaults[action]


def fill(text: str, values: dict) -> str:
    """Text with {app}, {proxy} and the other known placeholders replaced; other braces are left as written."""
    return PLACEHOLDER_RE.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


@lru_cache(maxsize=4)
def load_profiles(path: str | Path | None = None) -> Profiles:
    """Read and validate the profiles file; CatalogError naming file, record and field."""
    path = Path(path) if path else DEFAULT_PROXIES
    try:
        data = safe_load(path.read_bytes())
    except (OSError, YAMLSyntaxError) as exc:
        raise CatalogError(f"{path}: cannot read the proxy profiles ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or set(data) != {"proxies", "defaults"}:
        raise CatalogError(f"{path}: expected the top-level keys 'proxies' and 'defaults'")
    if not isinstance(data["proxies"], list) or not data["proxies"]:
        raise CatalogError(f"{path}: 'proxies' must be a non-empty list")
    profiles = {}
    for index, record in enumerate(data["proxies"]):
        label = f"{path}: proxies[{index}]"
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            label += f" (id {record['id']!r})"
        profile = _profile(label, record)
        if profile.id in profiles:
            raise CatalogError(f"{label}: field 'id': duplicate id")
        profiles[profile.id] = profile
    defaults = _mapping(f"{path}: defaults", data["defaults"])
    if set(defaults) != set(REMEDY_ACTIONS):
        raise CatalogError(f"{path}: defaults: expected a route for each of {', '.join(REMEDY_ACTIONS)}")
    return Profiles(profiles, {action: _route(f"{path}: defaults.{action}", route)
                               for action, route in defaults.items()})


def profile_ids() -> tuple[str, ...]:
    """The ids of the shipped profiles, in the file's order."""
    return tuple(load_profiles().by_id)


def _profile(label: str, record) -> Profile:
    """One validated profile record."""
    record = _mapping(label, record)
    _known(label, record, PROFILE_FIELDS, required=PROFILE_FIELDS)
    for key in ("id", "name", "object", "export"):
        _text(f"{label}: field {key!r}", record[key])
    if not ID_RE.match(record["id"]):
        raise CatalogError(f"{label}: field 'id': {record['id']!r} is not a lowercase slug")
    if record["export"] not in FORMATS:
        raise CatalogError(f"{label}: field 'export': {record['export']!r} is not one of {', '.join(FORMATS)}")
    built_in = record["built_in"]
    if not isinstance(built_in, list):
        raise CatalogError(f"{label}: field 'built_in': expected a list of steps")
    remedies = _mapping(f"{label}: field 'remedies'", record["remedies"])
    return Profile(
        id=record["id"], name=record["name"], object=record["object"], export=record["export"],
        domains=_route(f"{label}: field 'domains'", record["domains"]),
        cloud_app=_route(f"{label}: field 'cloud_app'", record["cloud_app"]),
        built_in=tuple(_step(f"{label}: field 'built_in[{i}]'", step) for i, step in enumerate(built_in)),
        remedies={app_id: _route(f"{label}: field 'remedies.{app_id}'", route) for app_id, route in remedies.items()},
    )


def _route(label: str, record) -> Route:
    """A validated summary with its steps."""
    record = _mapping(label, record)
    _known(label, record, ROUTE_FIELDS, required={"summary"})
    steps = record.get("steps", [])
    if not isinstance(steps, list):
        raise CatalogError(f"{label}: field 'steps': expected a list of steps")
    then_domains = record.get("then_domains", False)
    if not isinstance(then_domains, bool):
        raise CatalogError(f"{label}: field 'then_domains': expected true or false")
    return Route(summary=_text(f"{label}: field 'summary'", record["summary"]),
                 steps=tuple(_step(f"{label}: field 'steps[{i}]'", step) for i, step in enumerate(steps)),
                 then_domains=then_domains)


def _step(label: str, record) -> Step:
    """A validated step: text, and a link to the vendor's page that must be an https or http URL."""
    record = _mapping(label, record)
    _known(label, record, STEP_FIELDS, required={"text"})
    link = record.get("link")
    if link is not None and (not isinstance(link, str) or not re.match(r"^https?://[^\s/]+/\S*$", link)):
        raise CatalogError(f"{label}: field 'link': {link!r} is not a web address")
    return Step(_text(f"{label}: field 'text'", record["text"]), link)


def _text(label: str, value) -> str:
    """Non-empty text whose placeholders are all known."""
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{label}: expected non-empty text")
    for name in PLACEHOLDER_RE.findall(value):
        if name not in PLACEHOLDERS:
            raise CatalogError(f"{label}: unknown placeholder {{{name}}} (known: {', '.join(PLACEHOLDERS)})")
    return " ".join(value.split())


def _mapping(label: str, value) -> dict:
    """A mapping, or the error saying it is not one."""
    if not isinstance(value, dict):
        raise CatalogError(f"{label}: expected a mapping of fields")
    return value


def _known(label: str, record: dict, allowed: set, required: set) -> None:
    """Refuse unknown fields and missing required ones."""
    for key in record:
        if key not in allowed:
            raise CatalogError(f"{label}: unknown field {key!r}")
    for key in sorted(required):
        if record.get(key) is None:
            raise CatalogError(f"{label}: missing field {key!r}")
