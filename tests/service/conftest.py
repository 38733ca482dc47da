"""Service fixtures: an app per test over SQLite and over PostgreSQL (tests/conftest.py's database_url),
its client, and a store that cannot be reached."""
import pytest

from pindesk.service.app import create_app

ADMIN_TOKEN = "test-admin-token"


@pytest.fixture(params=["sqlite", "postgresql"])
def down_url(request, tmp_path):
    """A database that cannot be reached: a SQLite file in a missing folder, a closed PostgreSQL port."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'missing-folder' / 'pindesk.sqlite3'}"
    return "postgresql+psycopg://postgres@127.0.0.1:1/test"


@pytest.fixture
def make_app(engine, cache_folder):
    """Build apps for a test: the session's engine and cache folder, a given database, the test admin token."""
    built = []

    def make(database_url, **config):
        app = create_app({"TESTING": True, "ENGINE": engine, "CACHE_DIR": str(cache_folder),
                          "DATABASE_URL": database_url,
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
