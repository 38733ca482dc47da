"""pindesk's HTTP service: a Flask app factory, one blueprint per surface."""
from __future__ import annotations

import os

from flask import Flask, current_app

from pindesk.knowledge.cache import cached_engine
from pindesk.knowledge.catalog import load_catalog
from pindesk.knowledge.errors import PindeskError
from pindesk.knowledge.settings import cache_dir, effective
from pindesk.knowledge.yamlfile import keep_parsed_in

from .jsonfast import OrjsonProvider
from .live import LiveCatalog
from .store import Store

# A query is at most 4,000 characters; JSON-escaped that stays well under 64 KiB with a comment.
MAX_BODY_BYTES = 64 * 1024


def current_engine():
    """The one engine built at start, for the app handling this request."""
    return current_app.extensions["pindesk_live"].current()


def current_live():
    """The live catalog of the app handling this request (its engine, reloads, last error)."""
    return current_app.extensions["pindesk_live"]


def current_store():
    """The feedback and unanswered-query store of the app handling this request."""
    return current_app.extensions["pindesk_store"]


def config_from_settings(environ=None) -> dict:
    """The app's configuration from the PINDESK_* settings (the environment, else defaults)."""
    values = effective(environ)
    try:
        retention = int(values["PINDESK_RETENTION_DAYS"])
    except ValueError:
        retention = -1
    if retention < 1:
        raise PindeskError("PINDESK_RETENTION_DAYS must be a whole number of days, 1 or more")
    try:
        reload_seconds = float(values["PINDESK_RELOAD_SECONDS"])
    except ValueError:
        reload_seconds = -1
    if reload_seconds < 0:
        raise PindeskError("PINDESK_RELOAD_SECONDS must be a number of seconds, 0 or more")
    return {
        "CATALOG": values["PINDESK_CATALOG"] or None,
        "CACHE_DIR": values["PINDESK_CACHE_DIR"],
        "DATABASE_URL": values["PINDESK_DATABASE_URL"] or None,
        "ADMIN_TOKEN": values["PINDESK_ADMIN_TOKEN"],
        "RETENTION_DAYS": retention,
        "RELOAD_SECONDS": reload_seconds,
        "SECRET_KEY": values["PINDESK_SECRET_KEY"],
        "SLACK_BOT_TOKEN": values["SLACK_BOT_TOKEN"],
        "SLACK_SIGNING_SECRET": values["SLACK_SIGNING_SECRET"],
        "SLACK_APP_TOKEN": values["SLACK_APP_TOKEN"],
        "SLACK_API_URL": values["PINDESK_SLACK_API_URL"],
        "SLACK_COMMAND": values["PINDESK_SLACK_COMMAND"],
        "LOG_FORMAT": values["PINDESK_LOG_FORMAT"],
        "RATELIMIT": values["PINDESK_RATELIMIT"],
        "RATELIMIT_STORAGE": values["PINDESK_RATELIMIT_STORAGE"],
    }


def create_app(test_config=None) -> Flask:
    """Build the app: the catalog and ONE engine for every request, the store, the blueprints.

    Without test_config the PINDESK_* settings come from the environment; with it, test_config
    overrides the settings' defaults and the environment is not read (tests may also pass a built
    ENGINE and an INSTANCE_PATH). Raises CatalogError when the catalog cannot be loaded.
    """
    # The instance folder holds the default SQLite file; tests put it in a temporary folder.
    app = Flask(__name__, instance_relative_config=True, instance_path=(test_config or {}).get("INSTANCE_PATH"))
    settings = config_from_settings({} if test_config is not None else None)
    app.config.from_mapping(MAX_CONTENT_LENGTH=MAX_BODY_BYTES, **settings)
    app.json = OrjsonProvider(app)  # keys in the order of Answer.to_dict(), as the CLI prints them
    if test_config:
        app.config.from_mapping(test_config)
    from . import logs
    logs.init_app(app)  # first, so that warnings while starting are in the log format too

    cache = cache_dir(app.config["CACHE_DIR"])
    keep_parsed_in(cache)  # the catalog's YAML, parsed once, is read back by reloads and the CLI
    engine = app.config.get("ENGINE")
    if engine is None:  # built before gunicorn forks, its index from the cache the CLI shares
        engine = cached_engine(load_catalog(app.config["CATALOG"]), directory=cache)
    url = app.config["DATABASE_URL"]
    if not url:
        os.makedirs(app.instance_path, exist_ok=True)
        url = f"sqlite:///{os.path.join(app.instance_path, 'pindesk.sqlite3')}"
    store = Store(url, retention_days=app.config["RETENTION_DAYS"])
    store.start()
    from . import metrics
    live = LiveCatalog(engine, interval=app.config["RELOAD_SECONDS"], on_loaded=metrics.catalog_loaded,
                       on_failed=metrics.reload_failed, cache_dir=cache)
    app.extensions["pindesk_live"] = live
    app.before_request(live.watch)  # starts the watcher in each worker, after gunicorn's fork
    app.extensions["pindesk_store"] = store

    from . import admin, api, errors, health
    errors.register(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    from . import slack
    slack.init_app(app, live.current, store)
    from . import security, web
    security.init_app(app)
    app.register_blueprint(web.bp)
    from . import ratelimit
    metrics.init_app(app)
    ratelimit.init_app(app)
    return app
