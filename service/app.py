"""The Flask app factory: the catalog and ONE engine for every request, the store, the blueprints."""
from __future__ import annotations

import os

from flask import Flask

from pindesk.desk.answering import Desk
from pindesk.desk.counting import SharedCounts
from pindesk.desk.store import Store
from pindesk.knowledge.cache import cached_engine
from pindesk.knowledge.catalog import load_catalog
from pindesk.knowledge.settings import cache_dir
from pindesk.knowledge.yamlfile import keep_parsed_in

from . import admin, api, detect, errors, health, logs, metrics, ratelimit, security, slack, web
from .bridge import MAX_BODY_BYTES
from .jsonfast import OrjsonProvider
from .live import LiveCatalog
from .settings import config


def create_app(test_config=None) -> Flask:
    """Build the app. Raises CatalogError when the catalog cannot be loaded.

    Without test_config the PINDESK_* settings come from the environment; with it, test_config
    overrides the settings' defaults and the environment is not read (tests may also pass a built
    ENGINE and an INSTANCE_PATH).
    """
    # The instance folder holds the default SQLite file; tests put it in a temporary folder.
    app = Flask(__name__, instance_relative_config=True, instance_path=(test_config or {}).get("INSTANCE_PATH"))
    settings = config({} if test_config is not None else None, overrides=test_config)
    app.config.from_mapping(MAX_CONTENT_LENGTH=MAX_BODY_BYTES, **{**(test_config or {}), **settings})
    app.json = OrjsonProvider(app)  # keys in the order of Answer.to_dict(), as the CLI prints them
    logs.init_app(app)  # first, so that warnings while starting are in the log format too

    cache = cache_dir(app.config["CACHE_DIR"])
    keep_parsed_in(cache)  # the catalog's YAML, parsed once, is read back by reloads and the CLI
    engine = app.config.get("ENGINE")
    if engine is None:  # built before gunicorn forks, its index from the cache the CLI shares
        engine = cached_engine(load_catalog(app.config["CATALOG"]), directory=cache)
    # The workers of `pindesk serve` share its metrics folder: admin reloads reach them all through it.
    live = LiveCatalog(engine, interval=app.config["RELOAD_SECONDS"], on_loaded=metrics.catalog_loaded,
                       on_failed=metrics.reload_failed, cache_dir=cache, server_folder=metrics.MULTIPROCESS_FOLDER)
    app.before_request(live.watch)  # starts the watcher in each worker, after gunicorn's fork
    store = Store(app.config["DATABASE_URL"] or _sqlite_in(app.instance_path),
                  retention_days=app.config["RETENTION_DAYS"])
    store.start()
    counts = SharedCounts()  # made before gunicorn forks: the workers count together
    desk = Desk(live.current, store, on_answer=metrics.answer_given, on_dropped=metrics.unanswered_dropped,
                counts=counts, conversation_hours=app.config["CONVERSATION_HOURS"])
    app.extensions.update(pindesk_live=live, pindesk_desk=desk)

    errors.register(app)
    for blueprint in (health.bp, api.bp, admin.bp):
        app.register_blueprint(blueprint)
    slack.init_app(app, desk)
    security.init_app(app)
    app.register_blueprint(web.bp)
    app.register_blueprint(detect.bp)
    metrics.init_app(app)
    ratelimit.init_app(app, counts)
    return app


def _sqlite_in(folder: str) -> str:
    """The default store: a SQLite file in the instance folder, made on first start."""
    os.makedirs(folder, exist_ok=True)
    return f"sqlite:///{os.path.join(folder, 'pindesk.sqlite3')}"
