"""The catalog's record shapes: each field, whether it is required and its kind, and the check of a record."""
from __future__ import annotations

from .errors import CatalogError

APP_FIELDS = {
    # field: (required, kind)
    "id": (True, "str"),
    "name": (True, "str"),
    "title": (False, "str"),
    "vendor": (True, "str"),
    "category": (False, "str"),
    "makers": (False, "list"),
    "family": (False, "list"),
    "known_as": (False, "list"),
    "icon": (False, "str"),
    "home_domains": (False, "list"),
    "platform_source": (True, "str"),
    "platforms": (True, "list"),
    "domains": (True, "list"),
    "optional_domains": (False, "list"),
    "note_domains": (False, "list"),
    "also_exempt_apps": (False, "list"),
    "error_messages": (True, "list"),
    "symptoms": (True, "list"),
    "aliases": (True, "list"),
    "notes": (True, "str"),
    "caveats": (False, "list"),
    "recommendation": (True, "dict"),
    "links": (False, "list"),
}
RECOMMENDATION_FIELDS = {
    "action": (True, "str"),
    "cloud_app": (False, "str"),
    "summary": (True, "str"),
    "steps": (True, "list"),
}
LINK_FIELDS = {"title": (True, "str"), "url": (True, "str")}
ARTICLE_FIELDS = {
    "id": (True, "str"),
    "title": (True, "str"),
    "summary": (True, "str"),
    "keywords": (True, "list"),
}


def check_fields(label: str, record, spec: dict) -> dict:
    """Check a mapping against a field spec: known fields, required ones present, right types."""
    if not isinstance(record, dict):
        raise CatalogError(f"{label}: expected a mapping of fields, got {type(record).__name__}")
    for key in record:
        if key not in spec:
            raise CatalogError(f"{label}: unknown field {key!r}")
    for key, (required, kind) in spec.items():
        if key not in record or record[key] is None:
            if required:
                raise CatalogError(f"{label}: missing field {key!r}")
            continue
        value = record[key]
        if kind == "str" and (not isinstance(value, str) or not value.strip()):
            raise CatalogError(f"{label}: field {key!r}: expected non-empty text")
        if kind == "list":
            if not isinstance(value, list):
                raise CatalogError(f"{label}: field {key!r}: expected a list")
            if any(not isinstance(item, (str, dict)) for item in value):
                raise CatalogError(f"{label}: field {key!r}: every item must be text")
            if key != "links" and any(not isinstance(item, str) or not item.strip() for item in value):
                raise CatalogError(f"{label}: field {key!r}: every item must be non-empty text")
        if kind == "dict" and not isinstance(value, dict):
            raise CatalogError(f"{label}: field {key!r}: expected a mapping")
    return {key: value for key, value in record.items() if value is not None}


def check_home_domains(label: str, domains: list[str], is_registered_domain) -> None:
    """Every home domain is a registered domain itself (`twitter.com`, not `api.twitter.com` or `.com`)."""
    for domain in domains:
        if domain != domain.lower() or not is_registered_domain(domain):
            raise CatalogError(f"{label}: field 'home_domains': {domain!r} is not a registered domain "
                               f"(a name directly under a public suffix, in lower case, without a leading dot)")
