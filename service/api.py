"""The JSON API under /api/v1: ask, conversations, lookup, apps, articles, export and feedback."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from pindesk.desk.store import StoreUnavailable
from pindesk.knowledge.errors import ExportError, NotFound, QueryError
from pindesk.knowledge.export import export as export_bypass
from pindesk.knowledge.proxy_formats import FORMATS
from pindesk.knowledge.text import MAX_QUERY_CHARS

from . import current, inputs, proxy_choice
from .openapi import SPEC

bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_EXPORT_APPS = 46


@bp.route("/ask", methods=["GET", "POST"])
def ask():
    """Answer a query: the same object as `pindesk ask --json`."""
    # The environ read once: every attribute read through flask's request proxy costs a few microseconds.
    environ = request.environ
    post = environ["REQUEST_METHOD"] == "POST"
    if post:
        params = inputs.json_body({"query", "platform", "limit", "proxy"})
        query = params.get("query")
    else:
        params = inputs.url_params(environ)  # each parameter's first value; a missing one costs no KeyError
        query = params.get("q")
    query = inputs.text(query, "query", MAX_QUERY_CHARS)
    platform = inputs.platform(params.get("platform"))
    limit = inputs.limit(params.get("limit"), in_url=not post)
    try:
        answer = current.desk().ask(query, platform=platform, limit=limit, client=environ.get("REMOTE_ADDR"))
    except QueryError as exc:
        abort(400, str(exc))
    return jsonify(proxy_choice.advised(answer, params.get("proxy")).to_dict())


@bp.post("/conversations")
def start_conversation():
    """Begin a conversation: 201 {"id", "answer", "question"}; the id is null when the store is down."""
    return jsonify(converse(None).to_dict()), 201


@bp.post("/conversations/<conversation_id>")
def continue_conversation(conversation_id: str):
    """One more message in a conversation: 200 {"id", "answer", "question"}; 404 when unknown or expired."""
    return jsonify(converse(conversation_id).to_dict())


def converse(conversation_id: str | None):
    """The desk's answer to the message in the body, in the conversation with this id (None: a new one)."""
    body = inputs.json_body({"message"})
    message = inputs.text(body.get("message"), "message", MAX_QUERY_CHARS)
    try:
        return current.desk().converse(conversation_id, message, "api")
    except QueryError as exc:
        abort(400, str(exc))
    except NotFound as exc:
        abort(404, str(exc))


@bp.get("/lookup")
def lookup():
    """Which apps' domain lists cover a host, as `pindesk lookup --json`."""
    raw = inputs.text(request.args.get("host"), "host", MAX_QUERY_CHARS)
    try:
        return jsonify(current.desk().catalog.lookup(raw).to_dict())
    except QueryError:
        abort(400, f"{raw[:100]!r} is not a host name or URL")


@bp.get("/apps")
def apps():
    """The catalog's apps, as `pindesk apps --json`."""
    return jsonify([app.summary_dict() for app in current.desk().catalog.apps])


def found(find, entry_id: str):
    """find(entry_id) from the catalog, or a 404 when it has no such entry."""
    try:
        return find(entry_id)
    except NotFound as exc:
        abort(404, str(exc))


@bp.get("/apps/<app_id>")
def app_detail(app_id: str):
    """One app with what to do, as `pindesk show --json` (?proxy= adds that proxy's advice)."""
    return jsonify(proxy_choice.app_with_advice(found(current.desk().catalog.app, app_id), request.args.get("proxy")))


@bp.get("/articles/<article_id>")
def article_detail(article_id: str):
    """One article on pinning, as `pindesk show --article --json`."""
    return jsonify(found(current.desk().catalog.article, article_id).to_dict())


@bp.get("/export")
def export():
    """The bypass for apps in a proxy's format: ?apps=id,id&format=zia (apps may repeat)."""
    names = [name.strip() for value in request.args.getlist("apps") for name in value.split(",") if name.strip()]
    if not names:
        abort(400, "missing apps: give app ids, e.g. ?apps=apple-imessage,signal&format=zia")
    if len(names) > MAX_EXPORT_APPS:
        abort(400, f"at most {MAX_EXPORT_APPS} apps at once")
    fmt = request.args.get("format", "")
    if fmt not in FORMATS:
        abort(400, f"format must be one of {', '.join(FORMATS)}")
    include_optional = inputs.query_flag(request.args.get("include_optional"), "include_optional")
    name = inputs.text(request.args.get("name"), "name", inputs.MAX_ID_CHARS, required=False)
    try:
        result = export_bypass(current.desk().catalog, names, fmt, include_optional=include_optional, name=name)
    except NotFound as exc:
        abort(404, str(exc))
    except ExportError as exc:
        abort(400, str(exc))
    return jsonify({"format": fmt, "apps": names, "content": result.text, "notes": list(result.notes)})


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.0 description of this API."""
    return jsonify(SPEC)


@bp.post("/feedback")
def feedback():
    """Store whether an answer helped; 201 with the row id, 503 when the store is down."""
    body = inputs.json_body({"query", "id", "helpful", "comment"})
    query = inputs.text(body.get("query"), "query", MAX_QUERY_CHARS)
    answer_id = inputs.text(body.get("id"), "id", inputs.MAX_ID_CHARS, required=False)
    helpful = inputs.flag(body.get("helpful"), "helpful")
    comment = inputs.text(body.get("comment"), "comment", inputs.MAX_COMMENT_CHARS, required=False)
    try:
        row_id = current.desk().feedback(query, answer_id, helpful, comment)
    except QueryError as exc:
        abort(400, str(exc))
    except StoreUnavailable:
        abort(503, "feedback cannot be stored right now; try again later")
    return jsonify({"id": row_id}), 201
