"""Errors as JSON for the API and the health checks, as the site's own page elsewhere; never a traceback."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

JSON_PREFIXES = ("/api/", "/healthz", "/readyz", "/slack/")


def error(status: int, message: str, headers=None):
    """A JSON error response: {"error": message} with the status."""
    response = jsonify({"error": message})
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _wants_json() -> bool:
    """True for the paths whose clients read JSON; other surfaces keep their own error pages."""
    return request.path.startswith(JSON_PREFIXES)


def error_page(exc: HTTPException):
    """The web form's error page for an HTTP error, keeping its status and headers such as Allow."""
    response = exc.get_response()
    response.set_data(render_template("error.html", code=exc.code, name=exc.name, description=exc.description))
    response.content_type = "text/html; charset=utf-8"
    return response


def handle_http(exc: HTTPException):
    """404, 405, 413 and the rest as JSON, keeping headers such as Allow (an HTML page off the API)."""
    if not _wants_json():
        return error_page(exc)
    response = exc.get_response()
    body = error(exc.code or 500, exc.description or exc.name)
    response.data = body.get_data()
    response.content_type = body.content_type
    return response


def handle_unexpected(exc: Exception):
    """Anything unforeseen: logged with its traceback, answered with a plain 500."""
    log.exception("unhandled error on %s %s", request.method, request.path)
    if not _wants_json():
        return error_page(InternalServerError("Something went wrong on pindesk's side; it has been logged."))
    return error(500, "internal error")


def register(app: Flask) -> None:
    """Install the handlers on the app, so unknown routes under /api get JSON too."""
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
