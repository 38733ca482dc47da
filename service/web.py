"""The helpdesk web form: ask, the answer card and the question back, "Did this help?", a browser for the catalog."""
from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, Response, abort, flash, jsonify, make_response, redirect, render_template, request, url_for
from markdown_it import MarkdownIt
from markupsafe import Markup

from pindesk.desk.store import StoreUnavailable
from pindesk.knowledge.advice import advice_for, advise
from pindesk.knowledge.answer import UNLISTED_ARTICLE
from pindesk.knowledge.catalog import PLATFORMS
from pindesk.knowledge.errors import ExportError, NotFound, QueryError
from pindesk.knowledge.export import export as export_bypass
from pindesk.knowledge.proxy_formats import FORMATS
from pindesk.knowledge.text import MAX_QUERY_CHARS

from . import current, inputs, proxy_choice
from .api import found
from .security import csrf

bp = Blueprint("web", __name__)

# CommonMark with raw HTML off: an article's <script> or <img onerror> comes out as text.
MARKDOWN = MarkdownIt("commonmark", {"html": False})
VERDICTS = {"yes": True, "no": False}


@bp.before_request
def check_csrf() -> None:
    """Refuse a form post without this session's CSRF token (400)."""
    if request.method == "POST":
        csrf.protect()


def asked(params, record: bool):
    """The query and platform in the URL or the form, and pindesk's first turn on it (None when nothing was asked).

    Nothing is kept yet: the question's form carries the query, and the first reply starts the conversation.
    """
    query = params.get("q", "")
    platform = inputs.platform(params.get("platform"))
    if not query.strip():
        return query, platform, None
    query = inputs.text(query, "query", MAX_QUERY_CHARS)
    try:
        exchange = current.desk().converse(None, query, "web", platform=platform, keep=False, record=record,
                                           client=request.remote_addr)
    except QueryError as exc:
        abort(400, str(exc))
    return query, platform, exchange


def card_context(exchange, platform) -> dict:
    """What the answer card and the question template need besides the answer itself (worded for the
    proxy this browser chose)."""
    catalog = current.desk().catalog
    answer = advise(exchange.answer, proxy_choice.web_choice(), catalog)
    return {"answer": answer, "platform": platform, "unlisted": catalog.article(UNLISTED_ARTICLE),
            "see_also": [catalog.article(a) for a in answer.see_also if a != UNLISTED_ARTICLE],
            "question": exchange.question, "conversation_id": exchange.id,
            "not_inspection": exchange.turn.not_inspection, "said": exchange.turn.conversation.messages}


def page(template: str, **context):
    """A page with the search box: the platform and proxy choices offered, the proxy chosen remembered."""
    return proxy_choice.remember(make_response(render_template(
        template, platforms=PLATFORMS, proxies=proxy_choice.proxy_options(), proxy=proxy_choice.web_choice() or "",
        **context)))


@bp.get("/")
def index():
    """The search box; with ?q= the answer card below it, so a link to an answer can go in a ticket.

    With ?c= the conversation under way: what was said, the answer now, and the question if any. Opening
    such a link (a colleague, a crawler, a chat's link preview) records nothing.
    """
    conversation_id = request.args.get("c")
    if conversation_id:
        query, context = "", card_context(conversation(conversation_id), None)
    else:
        query, platform, exchange = asked(request.args, record=False)
        context = card_context(exchange, platform) if exchange else {"answer": None, "platform": platform}
    return page("index.html", query=query, **context)


@bp.post("/")
def ask():
    """The search box submitted (a CSRF-checked post): what a person asked, recorded if unanswered.

    Then back to the answer's link (Post/Redirect/Get), so the address can still go in a ticket.
    """
    query, platform, _ = asked(request.form, record=True)
    return redirect(url_for("web.index", q=query or None, platform=platform), code=303)


@bp.get("/answer")
def answer_fragment():
    """The answer card alone, for answering as the person types (partial queries are not recorded)."""
    _, platform, exchange = asked(request.args, record=False)
    if exchange is None:
        return ""
    return proxy_choice.remember(make_response(render_template("_answer.html", query=exchange.answer.query,
                                                                **card_context(exchange, platform))))


@bp.post("/reply")
def reply():
    """A reply to pindesk's question: an option's button or typed words; then back to the conversation.

    The first reply starts the conversation from the query the form carries; later ones carry its id.
    """
    conversation_id = request.form.get("c") or None
    message = inputs.text(request.form.get("choice") or request.form.get("message"), "reply", MAX_QUERY_CHARS)
    opening = None if conversation_id else inputs.text(request.form.get("q"), "query", MAX_QUERY_CHARS)
    platform = inputs.platform(request.form.get("platform"))
    try:
        exchange = current.desk().converse(conversation_id, message, "web", platform=platform, opening=opening)
    except QueryError as exc:
        abort(400, str(exc))
    except NotFound as exc:
        abort(404, str(exc))
    if exchange.id is None:  # the store is down: this answer alone, nothing to come back to
        return page("index.html", query=message, **card_context(exchange, None))
    return redirect(url_for("web.index", c=exchange.id) + "#answer")


def conversation(conversation_id: str):
    """The conversation with this id as it stands; 404 when unknown or expired, 503 while the store is down."""
    try:
        return current.desk().conversation(conversation_id)
    except NotFound as exc:
        abort(404, str(exc))
    except StoreUnavailable:
        abort(503, "This conversation cannot be shown right now; please ask again.")


@bp.post("/feedback")
def feedback():
    """Store "Did this help?" with the API's feedback, then go back to the answer (Post/Redirect/Get)."""
    query = inputs.text(request.form.get("q"), "query", MAX_QUERY_CHARS)
    platform = inputs.platform(request.form.get("platform"))
    helpful = VERDICTS.get(request.form.get("helpful", ""))
    if helpful is None:
        abort(400, "say yes or no")
    try:
        current.desk().feedback(query, request.form.get("id") or None, helpful)
    except QueryError as exc:
        abort(400, str(exc))
    except StoreUnavailable:
        abort(503, "Your feedback cannot be stored right now; please try again later.")
    if request.accept_mimetypes.best == "application/json":  # the page's script posts without a reload
        return jsonify({"stored": True}), 201
    flash("Thank you: your feedback was recorded.")
    conversation_id = request.form.get("c")  # back to the conversation it came from, if any
    if conversation_id:
        return redirect(url_for("web.index", c=conversation_id) + "#feedback")
    return redirect(url_for("web.index", q=query, platform=platform) + "#feedback")


@bp.get("/apps")
def apps():
    """Every app in the catalog, or those that break on one platform (?platform=)."""
    platform = inputs.platform(request.args.get("platform"))
    listed = [a for a in current.desk().catalog.apps if not platform or a.runs_on(platform)]
    return render_template("apps.html", apps=listed, platform=platform, platforms=PLATFORMS)


@bp.get("/apps/<app_id>")
def app_page(app_id: str):
    """One app: what to do, the domains, caveats and links."""
    catalog = current.desk().catalog
    app, proxy = found(catalog.app, app_id), proxy_choice.web_choice()
    return render_template("app.html", app=app, unlisted=catalog.article(UNLISTED_ARTICLE),
                           advice=[advice_for(app, proxy, catalog)] if proxy else [])


@bp.get("/articles")
def articles():
    """The articles on pinning itself."""
    return render_template("articles.html", articles=current.desk().catalog.articles)


@bp.get("/articles/<article_id>")
def article_page(article_id: str):
    """One article, its Markdown rendered without any raw HTML it may hold."""
    article = found(current.desk().catalog.article, article_id)
    return render_template("article.html", article=article, body=article_html(article.body))


@bp.get("/export")
def export_page():
    """The bypass change for apps in one proxy's format: shown to copy, or downloaded (?download=1)."""
    catalog = current.desk().catalog
    ids = [name for value in request.args.getlist("apps") for name in value.split(",") if name.strip()]
    fmt = request.args.get("format", "txt")
    if not ids or fmt not in FORMATS:
        abort(400, "choose one or more apps and one of the export formats")
    apps = [found(catalog.app, app_id.strip()) for app_id in ids]
    include_optional = inputs.query_flag(request.args.get("include_optional"), "include_optional")
    try:
        result = export_bypass(catalog, [a.id for a in apps], fmt, include_optional=include_optional)
    except ExportError as exc:
        return render_template("export.html", apps=apps, format_label=FORMATS[fmt].label, error=str(exc)), 400
    if request.args.get("download"):
        return Response(result.text + "\n", mimetype=FORMATS[fmt].media_type,
                        headers={"Content-Disposition": f"attachment; filename={FORMATS[fmt].filename}"})
    download = url_for("web.export_page", apps=",".join(a.id for a in apps), format=fmt,
                       include_optional="true" if include_optional else None, download=1)
    return render_template("export.html", apps=apps, format_label=FORMATS[fmt].label, content=result.text,
                           notes=result.notes, download_url=download)


@bp.app_template_global()
def export_formats() -> list[tuple[str, str]]:
    """The export formats the answer cards offer (a global: macros imported without context see it)."""
    return [(fmt.name, fmt.label) for fmt in FORMATS.values()]


@lru_cache(maxsize=64)
def article_html(markdown: str) -> str:
    """An article's Markdown as HTML; raw HTML in it is escaped, unsafe link schemes dropped."""
    return Markup(MARKDOWN.render(markdown))
