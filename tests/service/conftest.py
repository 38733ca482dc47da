"""Service fixtures: an app per test over SQLite and over PostgreSQL, its client, and a store."""
import os
import uuid

import pytest

from pindesk.service.app import create_app

ADMIN_TOKEN = "test-admin-token"
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "test"}


def _postgres_admin():
    """An autocommit connection to the machine's PostgreSQL; skip (fail under CI) without one."""
    import psycopg
    try:
        return psycopg.connect(**POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL at {POSTGRES['host']}:{POSTGRES['port']} is unreachable under CI: {exc}")
        pytest.skip(f"PostgreSQL at {POSTGRES['host']}:{POSTGRES['port']} is unreachable")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of its own, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'pindesk.sqlite3'}"
        return
    admin = _postgres_admin()
    schema = f"pindesk_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield (f"postgresql+psycopg://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/"
               f"{POSTGRES['dbname']}?options=-csearch_path%3D{schema}")
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def down_url(request, tmp_path):
    """A database that cannot be reached: a SQLite file in a missing folder, a closed PostgreSQL port."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'missing-folder' / 'pindesk.sqlite3'}"
    return "postgresql+psycopg://postgres@127.0.0.1:1/test"


@pytest.fixture
def make_app(engine):
    """Build apps for a test: the session's engine, a given database, the test admin token."""
    built = []

    def make(database_url, **config):
        app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": database_url,
                          "ADMIN_TOKEN": ADMIN_TOKEN, "SECRET_KEY": "test-secret-key", **config})
        built.append(app)
        return app
    yield make
    for app in built:  # close the pools, so a PostgreSQL schema can be dropped
        app.extensions["pindesk_desk"].store.engine.dispose()


@pytest.fixture
def app(make_app, database_url):
    """The service over a fresh database."""
    return make_app(database_url)


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def admin_headers():
    """The Authorization header the insights endpoint wants."""
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture
def proxied_service(make_app, tmp_path):
    """A test client of the service over SQLite, built with the given settings (PROXY=... for a profile)."""
    return lambda **config: make_app(f"sqlite:///{tmp_path / 'pindesk.sqlite3'}", **config).test_client()
