"""Reading what API clients send: JSON bodies and fields, each wrong input a 4xx with its reason."""
from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import abort, request

from pindesk.desk.answering import MAX_COMMENT_CHARS, MAX_ID_CHARS  # noqa: F401 (the API reads these bounds)
from pindesk.knowledge.answer import DEFAULT_MATCHES, MAX_MATCHES
from pindesk.knowledge.catalog import PLATFORMS


def json_body(fields: set[str]) -> dict:
    """The request's JSON object; 415 for another content type, 400 if malformed or with unknown fields."""
    if not request.is_json:
        abort(415, "send the body as application/json")
    too_large(request.get_data())
    data = request.get_json(silent=True)
    if data is None:
        abort(400, "the body is not valid JSON")
    if not isinstance(data, dict):
        abort(400, "the body must be a JSON object")
    unknown = sorted(set(data) - fields)
    if unknown:
        abort(400, f"unknown field {unknown[0]!r}")
    return data


def url_params(environ: dict) -> dict[str, str]:
    """The URL's parameters in a WSGI environ, each its first value: `request.args.to_dict()` as werkzeug reads
    them with parse_qsl ('+' a space, bytes that are not UTF-8 left percent-encoded), in a fifth of its time:
    parse_qsl decodes each run of ASCII apart, through a generator, where one decode of the whole does."""
    query = environ.get("QUERY_STRING")
    if not query:
        return {}
    query = query.encode("latin-1").decode(errors="werkzeug.url_quote")
    params: dict[str, str] = {}
    for field in query.split("&"):
        if not field:
            continue
        name, _, value = field.partition("=")
        if "+" in field:
            name, value = name.replace("+", " "), value.replace("+", " ")
        if "%" in field:
            name = unquote_to_bytes(name).decode(errors="werkzeug.url_quote")
            value = unquote_to_bytes(value).decode(errors="werkzeug.url_quote")
        params.setdefault(name, value)
    return params


def too_large(body: bytes) -> None:
    """413 for a body over MAX_CONTENT_LENGTH sent without a length (in chunks), which werkzeug cuts short."""
    limit = request.max_content_length
    if (request.content_length is None and limit is not None and len(body) >= limit
            and request.environ["wsgi.input"].read(1)):
        abort(413, f"the body is over {limit // 1024} KiB")


def text(value, field: str, limit: int, required: bool = True) -> str | None:
    """A text field: 400 when missing, blank or not text, 413 when longer than the limit."""
    if value is None and not required:
        return None
    if value is None:
        abort(400, f"missing {field}")
    if not isinstance(value, str):
        abort(400, f"{field} must be text")
    if len(value) > limit:
        abort(413, f"{field} is too long: {len(value):,} characters (the limit is {limit:,})")
    if required and not value.strip():
        abort(400, f"{field} is empty")
    return value


def limit(value, in_url: bool = False) -> int:
    """How many matches to list: 1 to MAX_MATCHES, DEFAULT_MATCHES when not given; text only in a URL."""
    if value is None or (in_url and value == ""):
        return DEFAULT_MATCHES
    if in_url and value.strip().isascii() and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_MATCHES:
        abort(400, f"limit must be a whole number from 1 to {MAX_MATCHES}")
    return value


def platform(value) -> str | None:
    """One of the platforms pindesk knows, or None when not given."""
    if value is None or value == "":
        return None
    if value not in PLATFORMS:
        abort(400, f"platform must be one of {', '.join(PLATFORMS)}")
    return value


def query_flag(value, field: str) -> bool:
    """A true/false URL parameter: absent, "", "false" or "0" is false; "true" or "1" is true."""
    if value in (None, "", "false", "0"):
        return False
    if value in ("true", "1"):
        return True
    abort(400, f"{field} must be true or false")


def flag(value, field: str) -> bool:
    """A JSON true or false; 400 for anything else (1, "yes", null)."""
    if not isinstance(value, bool):
        abort(400, f"{field} must be true or false")
    return value
