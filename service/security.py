"""What keeps the web pages safe: the signing key, CSRF checks on form posts, security headers."""
from __future__ import annotations

import logging
import os
import secrets
import tempfile

from flask import Flask
from flask_wtf.csrf import CSRFProtect

log = logging.getLogger(__name__)

csrf = CSRFProtect()
SECRET_KEY_FILE = "secret_key"

# No inline script or style anywhere: every asset comes from pindesk itself.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                           "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def secret_key(instance_path: str) -> str:
    """The key kept in the instance folder, created on first start; random for this process if unwritable.

    A file rather than a key per process: gunicorn's workers and a restarted server must all accept
    the CSRF tokens in forms that an agent opened earlier.
    """
    path = os.path.join(instance_path, SECRET_KEY_FILE)
    try:
        with open(path, encoding="ascii") as existing:
            key = existing.read().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("cannot read %s (%s)", path, exc)
    key = secrets.token_hex(32)
    try:
        os.makedirs(instance_path, exist_ok=True)
        # Written to a private temporary file, then linked into place: another process starting at
        # the same moment either sees the whole key or links its own first and this one reads that.
        fd, temporary = tempfile.mkstemp(dir=instance_path, prefix=".secret_key.")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(key)
            os.link(temporary, path)
            log.warning("PINDESK_SECRET_KEY is not set: generated a signing key in %s", path)
        except FileExistsError:
            return secret_key(instance_path)
        finally:
            os.unlink(temporary)
    except OSError as exc:
        log.warning("PINDESK_SECRET_KEY is not set and %s cannot be written (%s): using a random key "
                    "until this process stops; with several workers set PINDESK_SECRET_KEY", path, exc)
    return key


def add_security_headers(response):
    """nosniff and a referrer policy on every response; the strict CSP on HTML pages."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # Answer links carry what was typed: never send them to the vendor sites an answer links to.
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


def init_app(app: Flask) -> None:
    """Set the signing key, turn on CSRF checking for the web form, add the headers."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app.instance_path)
    # Only the web form's posts are checked (service.web calls csrf.protect()): the JSON API and
    # Slack's events are not authenticated by cookies, so a forged cross-site post gains nothing there.
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    # The form stays open all day at a helpdesk: a token lasts as long as the browser session.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    # Flask defines the key (as None), so setdefault would leave it unset: only a value set on purpose wins.
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    csrf.init_app(app)
    app.after_request(add_security_headers)
