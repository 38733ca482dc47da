"""POST /api/v1/detect and the web form's detect page: a log or capture in, the detect report out.

Uploads are read as they arrive (the API's body) or held in memory (the form's files), up to
PINDESK_DETECT_MAX_MB, and never written to disk: the logs hold client addresses.
"""
from __future__ import annotations

import io

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError, validate_csrf
from werkzeug.formparser import FormDataParser
from wtforms import ValidationError

from pindesk.knowledge.detect import DetectError, detect_streams
from pindesk.knowledge.detect.drafts import bypass, draft_yaml, result_dict
from pindesk.knowledge.detect.formats import ALL_FORMATS
from pindesk.knowledge.detect.inputs import parse_since
from pindesk.knowledge.proxy_formats import FORMATS

from . import current
from .admin import require_admin, token_matches

bp = Blueprint("detect", __name__)
COLORS = ("#1d4ed8", "#b91c1c", "#15803d", "#a16207", "#7e22ce", "#0f766e", "#c2410c", "#4d7c0f")
CHART_WIDTH, CHART_HEIGHT, CHART_LEFT, CHART_BOTTOM = 640, 200, 44, 24


def options(values) -> dict:
    """The detect options from the query string or the form; 400 on a bad one."""
    fmt = values.get("format") or "txt"
    log_format = values.get("log_format") or None
    if fmt not in FORMATS or (log_format and log_format not in ALL_FORMATS):
        abort(400, f"format is one of {', '.join(FORMATS)}; log_format one of {', '.join(ALL_FORMATS)}")
    try:
        min_clients = int(values.get("min_clients") or 2)
        since = parse_since(values["since"]) if values.get("since") else None
    except (ValueError, DetectError) as exc:
        abort(400, str(exc) if isinstance(exc, DetectError) else "min_clients must be a whole number")
    include_suspect = (values.get("include_suspect") or "").lower() in ("1", "true", "on", "yes")
    return {"format": fmt, "log_format": log_format, "min_clients": min_clients, "since": since,
            "include_suspect": include_suspect}


def run(inputs, chosen: dict):
    """Judge the uploads; the report and the bypass change. 400 for input detect cannot read."""
    catalog = current.desk().catalog
    try:
        report = detect_streams(inputs, catalog, since=chosen["since"], min_clients=chosen["min_clients"],
                                log_format=chosen["log_format"])
    except DetectError as exc:
        abort(400, str(exc))
    return report, bypass(report, catalog, chosen["format"], include_suspect=chosen["include_suspect"])


@bp.post("/api/v1/detect")
def detect_api():
    """The report for a log or capture sent as the body (or as multipart files), with the admin token."""
    require_admin()
    # the app-wide 64 KiB limit is lifted for this upload alone (Flask 3.1 lets a view set it)
    request.max_content_length = current_app.config["DETECT_MAX_MB"] * 1024 * 1024
    chosen = options(request.args)
    if request.mimetype == "multipart/form-data":
        _, files = uploaded_form()
        inputs = [(upload.filename or "upload", upload.stream) for upload in files.getlist("file")]
        if not inputs:
            abort(400, "send the log as the body, or as one or more multipart fields named 'file'")
    else:
        inputs = [("upload", request.stream)]
    report, change = run(inputs, chosen)
    return jsonify(result_dict(report, change, chosen["format"]))


def uploaded_form():
    """The multipart form and its files, each file kept in memory (never in a temporary file)."""
    def in_memory(total_content_length, content_type, filename=None, content_length=None):
        """Where werkzeug writes a file part: memory, bounded by the request's size limit."""
        return io.BytesIO()
    # the text fields are small; the limit must still exceed the 64 KiB chunks the parser reads in
    parser = FormDataParser(stream_factory=in_memory, max_content_length=request.max_content_length,
                            max_form_memory_size=256 * 1024)
    _, form, files = parser.parse(request.stream, request.mimetype, request.content_length,
                                  request.mimetype_params)
    for upload in files.values():
        upload.stream.seek(0)
    return form, files


@bp.get("/detect")
def detect_page():
    """The upload form."""
    return page({})


@bp.post("/detect")
def detect_report():
    """The report for uploaded logs: the admin token in the form, CSRF-checked; never stored."""
    request.max_content_length = current_app.config["DETECT_MAX_MB"] * 1024 * 1024
    form, files = uploaded_form()
    try:
        validate_csrf(form.get("csrf_token"))
    except ValidationError as exc:
        raise CSRFError(exc.args[0]) from None
    if not token_matches(form.get("token", "")):
        return page(form, error="The admin token is wrong, or no admin token is set (PINDESK_ADMIN_TOKEN)."), 403
    inputs = [(f.filename or "upload", f.stream) for f in files.getlist("file") if f.filename]
    if not inputs:
        return page(form, error="Choose one or more log or capture files."), 400
    chosen = options(form)
    report, change = run(inputs, chosen)
    return page(form, report=report, change=change, chart=chart(report.timeline))


def page(form, **context):
    """The detect page, never cached: it shows client addresses."""
    formats = {f.name: f.label for f in FORMATS.values()}
    response = current_app.make_response(render_template(
        "detect.html", form=form, formats=formats, log_formats=list(ALL_FORMATS), draft_yaml=draft_yaml, **context))
    response.headers["Cache-Control"] = "no-store"
    return response


def chart(timeline: dict) -> dict | None:
    """Failures over time of the leading hosts as SVG polylines (drawn on the server: no script needed)."""
    series = timeline.get("hosts") or []
    if not series:
        return None
    bins = len(series[0]["failures"])
    peak = max(max(row["failures"]) for row in series) or 1
    plot_width, plot_height = CHART_WIDTH - CHART_LEFT - 8, CHART_HEIGHT - CHART_BOTTOM - 8
    step = plot_width / max(bins - 1, 1)
    lines = []
    for n, row in enumerate(series):
        points = " ".join(f"{CHART_LEFT + i * step:.1f},{8 + plot_height * (1 - value / peak):.1f}"
                          for i, value in enumerate(row["failures"]))
        lines.append({"host": row["host"], "points": points, "color": COLORS[n % len(COLORS)],
                      "total": sum(row["failures"])})
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "left": CHART_LEFT, "top": 8,
            "bottom": CHART_HEIGHT - CHART_BOTTOM, "right": CHART_WIDTH - 8, "peak": peak, "lines": lines,
            "start": timeline["start"], "end": timeline["end"]}
