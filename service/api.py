"""The JSON API under /api/v1: ask, lookup, apps, articles and feedback."""
from __future__ import annotations

import logging

from flask import Blueprint, abort, jsonify, request

from pindesk.knowledge.answer import ABSTAINED, Match
from pindesk.knowledge.domains import normalise_host
from pindesk.knowledge.errors import ExportError, NotFound, QueryError
from pindesk.knowledge.export import export as export_bypass
from pindesk.knowledge.proxy_formats import FORMATS
from pindesk.knowledge.text import MAX_QUERY_CHARS

from . import current_engine, current_store, inputs
from .logs import note_outcome
from .openapi import SPEC
from .store import StoreUnavailable

log = logging.getLogger(__name__)
bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_EXPORT_APPS = 46

@bp.route("/ask", methods=["GET", "POST"])
def ask():
    """Answer a query: the same object as `pindesk ask --json`."""
    if request.method == "POST":
        params = inputs.json_body({"query", "platform", "limit"})
        query = params.get("query")
    else:
        params = request.args
        query = params.get("q")
    query = inputs.text(query, "query", MAX_QUERY_CHARS)
    platform = inputs.platform(params.get("platform"))
    limit = inputs.limit(params.get("limit"), in_url=request.method == "GET")
    try:
        answer = current_engine().ask(query, platform=platform, limit=limit)
    except QueryError as exc:
        abort(400, str(exc))
    note_outcome(answer)
    record_unanswered(answer)
    return jsonify(answer.to_dict())


def record_unanswered(answer) -> None:
    """Keep an abstained query for insights; a store that is down only logs a warning."""
    if answer.outcome == ABSTAINED:
        try:
            current_store().add_unanswered(answer.query)
        except StoreUnavailable as exc:
            log.warning("could not record an unanswered query: %s", exc)


@bp.get("/lookup")
def lookup():
    """Which apps' domain lists cover a host, as `pindesk lookup --json`."""
    raw = inputs.text(request.args.get("host"), "host", MAX_QUERY_CHARS)
    host = normalise_host(raw)
    if not host:
        abort(400, f"{raw[:100]!r} is not a host name or URL")
    catalog = current_engine().catalog
    return jsonify({"host": host, "apps": [
        {"id": m.rule.app_id, "name": catalog.app(m.rule.app_id).name, "rule": m.rule.pattern,
         "kind": m.rule.kind} for m in catalog.domain_index.lookup(host)]})


@bp.get("/apps")
def apps():
    """The catalog's apps, as `pindesk apps --json`."""
    return jsonify([{"id": a.id, "name": a.name, "title": a.display_name, "platforms": list(a.platforms),
                     "domains": list(a.exempt_domains())} for a in current_engine().catalog.apps])


def found(find, entry_id: str):
    """find(entry_id) from the catalog, or a JSON 404 when it has no such entry."""
    try:
        return find(entry_id)
    except NotFound as exc:
        abort(404, str(exc))


@bp.get("/apps/<app_id>")
def app_detail(app_id: str):
    """One app with what to do, as `pindesk show --json`."""
    app = found(current_engine().catalog.app, app_id)
    return jsonify(Match(score=1.0, why=(), app=app).to_dict())


@bp.get("/articles/<article_id>")
def article_detail(article_id: str):
    """One article on pinning, as `pindesk show --article --json`."""
    article = found(current_engine().catalog.article, article_id)
    return jsonify({"id": article.id, "title": article.title, "summary": article.summary,
                    "keywords": list(article.keywords), "body": article.body})


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
        result = export_bypass(current_engine().catalog, names, fmt, include_optional=include_optional, name=name)
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
    if answer_id is not None and catalog_entry(current_engine().catalog, answer_id) is None:
        abort(400, f"id {answer_id[:100]!r} is no app or article in the catalog")
    try:
        row_id = current_store().add_feedback(query, answer_id, helpful, comment)
    except StoreUnavailable as exc:
        log.error("could not store feedback: %s", exc)
        abort(503, "feedback cannot be stored right now; try again later")
    return jsonify({"id": row_id}), 201


def catalog_entry(catalog, entry_id: str) -> tuple[str, str] | None:
    """("app", name) or ("article", title) for a catalog id; None when the catalog has neither."""
    for kind, find, label in (("app", catalog.app, "name"), ("article", catalog.article, "title")):
        try:
            return kind, getattr(find(entry_id), label)
        except NotFound:
            continue
    return None
