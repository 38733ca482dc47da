"""The catalog of pinned apps and the articles on pinning: models, loading and validation."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .catalog_fields import (
    APP_FIELDS,
    ARTICLE_FIELDS,
    LINK_FIELDS,
    RECOMMENDATION_FIELDS,
    check_fields,
    check_home_domains,
)
from .domains import DomainIndex, DomainRule, is_registered_domain, is_valid_rule, normalise_host
from .errors import CatalogError, NotFound, QueryError
from .yamlfile import YAMLSyntaxError, safe_load

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CATALOG = PACKAGE_DIR / "catalog.yaml"
DEFAULT_ARTICLES = PACKAGE_DIR / "articles"

# Every platform pindesk knows: what a catalog entry may list, and what a query may name or be asked for.
PLATFORMS = ("all", "mobile", "ios", "android", "windows", "macos", "browser", "chromeos")
ACTIONS = ("cloud_app", "url_category", "one_click", "app_switch")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

@dataclass(frozen=True)
class Link:
    """A vendor page about an app's network requirements."""

    title: str
    url: str


@dataclass(frozen=True)
class Recommendation:
    """What to do about an app: the kind of exemption, a summary and steps."""

    action: str
    summary: str
    steps: tuple[str, ...]
    cloud_app: str | None = None


@dataclass(frozen=True)
class App:
    """One pinned app as the catalog describes it."""

    id: str
    name: str
    vendor: str
    platform_source: str
    platforms: tuple[str, ...]
    domains: tuple[str, ...]
    error_messages: tuple[str, ...]
    symptoms: tuple[str, ...]
    aliases: tuple[str, ...]
    notes: str
    recommendation: Recommendation
    title: str | None = None
    optional_domains: tuple[str, ...] = ()
    note_domains: tuple[str, ...] = ()
    also_exempt_apps: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    category: str = ""  # what the app is, in a few words ("photo and video messaging app")
    makers: tuple[str, ...] = ()  # who makes or made it, as people name them (past owners too)
    family: tuple[str, ...] = ()  # products and product names that belong to the entry (Outlook -> Microsoft 365)
    known_as: tuple[str, ...] = ()  # what people call it when they describe it instead of naming it
    icon: str | None = None  # what its icon looks like
    home_domains: tuple[str, ...] = ()  # registered domains of its maker's own hosts: recognised, never exported

    @property
    def display_name(self) -> str:
        """The friendlier title where there is one, else the catalog name."""
        return self.title or self.name

    @cached_property
    def required_domains(self) -> tuple[str, ...]:
        """The entries to exempt in any case: the domains, then the note domains, without repeats."""
        return tuple(dict.fromkeys(self.domains + self.note_domains))

    @cached_property
    def exempt_domains(self) -> tuple[str, ...]:
        """Every entry to exempt, required first, then the optional ones, without repeats."""
        return tuple(dict.fromkeys(self.required_domains + self.optional_domains))

    def summary_dict(self) -> dict:
        """One line of the catalog in JSON form, as `pindesk apps --json` and GET /api/v1/apps list it."""
        return {"id": self.id, "name": self.name, "title": self.display_name, "platforms": list(self.platforms),
                "domains": list(self.exempt_domains)}

    def to_dict(self) -> dict:
        """The whole entry in JSON form (what to do, domains, notes); a fresh copy of the one built once."""
        return {"id": self.id, "name": self.name, **self.details}

    @cached_property
    def match_template(self) -> dict:
        """The entry as an answer lists it among its matches, its score and why still to fill in: copied for each."""
        return {"type": "app", "id": self.id, "name": self.name, "score": None, "why": None, **self.details}

    @cached_property
    def details(self) -> dict:
        """Everything of the entry's JSON form but its id and name, built once and shared by every answer
        that embeds it: copy it (as to_dict does) before changing anything in it."""
        rec = self.recommendation
        return {
            "title": self.display_name,
            "vendor": self.vendor,
            "category": self.category,
            "family": list(self.family),
            "platforms": list(self.platforms),
            "platform_source": self.platform_source,
            "error_messages": list(self.error_messages),
            "recommendation": {"action": rec.action, "cloud_app": rec.cloud_app,
                               "summary": rec.summary, "steps": list(rec.steps)},
            "domains": list(self.exempt_domains),
            "required_domains": list(self.required_domains),
            "optional_domains": list(self.optional_domains),
            "also_exempt_apps": list(self.also_exempt_apps),
            "notes": self.notes,
            "caveats": list(self.caveats),
            "links": [{"title": link.title, "url": link.url} for link in self.links],
        }

    def runs_on(self, platform: str) -> bool:
        """Whether the catalog says the app breaks on this platform."""
        if "all" in self.platforms:
            return True
        if platform in self.platforms:
            return True
        return "mobile" in self.platforms and platform in ("ios", "android")


@dataclass(frozen=True)
class Article:
    """A short article on pinning itself, written in Markdown."""

    id: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    body: str

    def to_dict(self) -> dict:
        """JSON form, as `pindesk show --article --json` and GET /api/v1/articles/<id> give it."""
        return {"id": self.id, "title": self.title, "summary": self.summary, "keywords": list(self.keywords),
                "body": self.body}


@dataclass(frozen=True)
class Lookup:
    """A host and the apps whose lists cover it, each with the rule that does."""

    host: str
    matches: tuple[tuple[App, DomainRule], ...]

    def to_dict(self) -> dict:
        """JSON form, as `pindesk lookup --json` and GET /api/v1/lookup give it."""
        return {"host": self.host, "apps": [{"id": app.id, "name": app.name, "rule": rule.pattern, "kind": rule.kind}
                                            for app, rule in self.matches]}


@dataclass
class Catalog:
    """The apps and articles pindesk knows, with a domain index over the apps."""

    apps: tuple[App, ...]
    articles: tuple[Article, ...]
    version: str
    source: str
    _by_id: dict[str, App] = field(init=False, repr=False)
    _articles_by_id: dict[str, Article] = field(init=False, repr=False)
    domain_index: DomainIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {app.id: app for app in self.apps}
        self._articles_by_id = {article.id: article for article in self.articles}
        rules = []
        for app in self.apps:
            for kind, entries in (("required", app.domains), ("note", app.note_domains),
                                  ("optional", app.optional_domains)):
                rules.extend(DomainRule(entry, app.id, kind) for entry in entries)
        self.domain_index = DomainIndex(rules)

    def app(self, app_id: str) -> App:
        """The app with this id; NotFound if there is none."""
        try:
            return self._by_id[app_id]
        except KeyError:
            raise NotFound(f"no app with id {app_id!r}") from None

    def article(self, article_id: str) -> Article:
        """The article with this id; NotFound if there is none."""
        try:
            return self._articles_by_id[article_id]
        except KeyError:
            raise NotFound(f"no article with id {article_id!r}") from None

    def describe(self, entry_id: str) -> tuple[str, str] | None:
        """("app", name) or ("article", title) for an id; None when the catalog has neither."""
        if entry_id in self._by_id:
            return "app", self._by_id[entry_id].name
        if entry_id in self._articles_by_id:
            return "article", self._articles_by_id[entry_id].title
        return None

    def lookup(self, host: str) -> Lookup:
        """Which apps' domain lists cover a host (or the host of a URL), most specific rule first."""
        host = normalise_host(host)
        if not host:
            raise QueryError("not a host name or URL")
        return Lookup(host, tuple((self.app(m.rule.app_id), m.rule) for m in self.domain_index.lookup(host)))

    def find(self, id_or_name: str) -> App:
        """An app by id, catalog name, title or alias, ignoring case; NotFound otherwise."""
        wanted = " ".join(id_or_name.split()).casefold()
        if wanted in self._by_id:
            return self._by_id[wanted]
        for app in self.apps:
            names = (app.id, app.name, app.title or "", *app.aliases)
            if wanted in (n.casefold() for n in names):
                return app
        raise NotFound(f"no app called {id_or_name.strip()!r} (try `pindesk apps`)")


def load_catalog(path: str | Path | None = None, articles_dir: str | Path | None = None) -> Catalog:
    """Read, validate and index a catalog file and the articles beside the shipped one."""
    path = Path(path) if path else DEFAULT_CATALOG
    articles_dir = Path(articles_dir) if articles_dir else DEFAULT_ARTICLES
    raw = _read(path)
    try:
        data = safe_load(raw)
    except YAMLSyntaxError as exc:
        mark = exc.problem_mark
        where = f" line {mark.line + 1}" if mark else ""
        raise CatalogError(f"{path}:{where} not valid YAML ({exc.problem or exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("apps"), list):
        raise CatalogError(f"{path}: expected a top-level key 'apps' holding a list of apps")
    unknown = set(data) - {"apps"}
    if unknown:
        raise CatalogError(f"{path}: unknown top-level key {sorted(unknown)[0]!r}")
    apps = _parse_apps(path, data["apps"])
    articles = _load_articles(articles_dir)
    digest = hashlib.sha256(raw)
    for article in articles:
        # the whole article: its title, summary and keywords shape the index as its body does
        digest.update(json.dumps(article.to_dict(), sort_keys=True).encode())
    return Catalog(apps=apps, articles=articles, version=digest.hexdigest()[:12], source=str(path))


def _read(path: Path) -> bytes:
    """The bytes of a file, or a CatalogError that names it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError(f"{path}: catalog file not found") from None
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read ({exc.strerror})") from None


def _parse_apps(path: Path, records: list) -> tuple[App, ...]:
    """Validate every app record and build the App objects."""
    apps, seen_ids, seen_names = [], {}, {}
    for index, record in enumerate(records):
        label = f"{path}: apps[{index}]"
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            label += f" (id {record['id']!r})"
        fields = check_fields(label, record, APP_FIELDS)
        app_id = fields["id"]
        if not ID_RE.match(app_id):
            raise CatalogError(f"{label}: field 'id': {app_id!r} is not a lowercase slug")
        if app_id in seen_ids:
            raise CatalogError(f"{label}: field 'id': duplicate id, first used by apps[{seen_ids[app_id]}]")
        if fields["name"].casefold() in seen_names:
            raise CatalogError(f"{label}: field 'name': duplicate name {fields['name']!r}")
        seen_ids[app_id], seen_names[fields["name"].casefold()] = index, index
        for platform in fields["platforms"]:
            if platform not in PLATFORMS:
                raise CatalogError(f"{label}: field 'platforms': unknown platform {platform!r} "
                                   f"(one of {', '.join(PLATFORMS)})")
        for key in ("domains", "optional_domains", "note_domains"):
            for entry in fields.get(key, ()):
                if not is_valid_rule(entry):
                    raise CatalogError(f"{label}: field {key!r}: malformed domain {entry!r}")
        check_home_domains(label, fields.get("home_domains", []), is_registered_domain)
        rec = check_fields(f"{label} field 'recommendation'", fields["recommendation"],
                            RECOMMENDATION_FIELDS)
        if rec["action"] not in ACTIONS:
            raise CatalogError(f"{label}: field 'recommendation.action': {rec['action']!r} "
                               f"is not one of {', '.join(ACTIONS)}")
        links = tuple(Link(**check_fields(f"{label} field 'links[{i}]'", link, LINK_FIELDS))
                      for i, link in enumerate(fields.get("links", ())))
        apps.append(App(
            id=app_id, name=fields["name"], title=fields.get("title"), vendor=fields["vendor"],
            category=fields.get("category", ""), makers=tuple(fields.get("makers", ())),
            family=tuple(fields.get("family", ())), known_as=tuple(fields.get("known_as", ())),
            icon=fields.get("icon"), home_domains=tuple(fields.get("home_domains", ())),
            platform_source=fields["platform_source"], platforms=tuple(fields["platforms"]),
            domains=tuple(fields["domains"]), optional_domains=tuple(fields.get("optional_domains", ())),
            note_domains=tuple(fields.get("note_domains", ())),
            also_exempt_apps=tuple(fields.get("also_exempt_apps", ())),
            error_messages=tuple(fields["error_messages"]), symptoms=tuple(fields["symptoms"]),
            aliases=tuple(fields["aliases"]), notes=fields["notes"],
            caveats=tuple(fields.get("caveats", ())),
            recommendation=Recommendation(action=rec["action"], summary=rec["summary"],
                                          steps=tuple(rec["steps"]), cloud_app=rec.get("cloud_app")),
            links=links,
        ))
    if not apps:
        raise CatalogError(f"{path}: the catalog has no apps")
    return tuple(apps)


def _load_articles(folder: Path) -> tuple[Article, ...]:
    """Read every `*.md` article in a folder: YAML front matter, then the Markdown body."""
    if not folder.is_dir():
        raise CatalogError(f"{folder}: articles folder not found")
    articles, seen = [], set()
    for path in sorted(folder.glob("*.md")):
        text = _read(path).decode("utf-8", errors="replace")
        parts = text.split("---", 2)
        if not text.startswith("---") or len(parts) < 3:
            raise CatalogError(f"{path}: expected YAML front matter between '---' lines")
        try:
            meta = safe_load(parts[1])
        except YAMLSyntaxError:
            raise CatalogError(f"{path}: front matter is not valid YAML") from None
        meta = check_fields(str(path), meta, ARTICLE_FIELDS)
        if meta["id"] in seen:
            raise CatalogError(f"{path}: field 'id': duplicate article id {meta['id']!r}")
        seen.add(meta["id"])
        articles.append(Article(id=meta["id"], title=meta["title"], summary=meta["summary"],
                                keywords=tuple(meta["keywords"]), body=parts[2].strip()))
    return tuple(articles)
