"""The store on SQLite and PostgreSQL: rows kept, counted, and deleted after the retention period."""
from datetime import timedelta

import sqlalchemy as sa

from pindesk.desk.store import Store, feedback, unanswered, utc_now


def counts(store):
    """How many rows each table holds."""
    with store.engine.connect() as conn:
        return tuple(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in (feedback, unanswered))


def test_rows_older_than_the_retention_period_are_deleted(database_url):
    old = Store(database_url, retention_days=30, clock=lambda: utc_now() - timedelta(days=31))
    old.start()
    old.add_feedback("old", "netflix", True, None)
    old.add_unanswered("old question")
    assert counts(old) == (1, 1)
    store = Store(database_url, retention_days=30)
    store.add_feedback("new", "netflix", False, "comment")  # the first write applies retention
    assert counts(store) == (1, 0)
    old.add_unanswered("old question again")
    store.add_unanswered("new question")  # retention ran less than an hour ago: not again
    assert counts(store) == (1, 2)
    assert store.purge() == 1
    assert counts(store) == (1, 1)
    assert store.unanswered_counts() == [("new question", 1)]
    assert store.helpfulness() == [("netflix", 0, 1)]
    old.engine.dispose(), store.engine.dispose()


def test_retention_runs_at_start(database_url):
    old = Store(database_url, retention_days=10, clock=lambda: utc_now() - timedelta(days=11))
    old.start()
    old.add_unanswered("old question")
    store = Store(database_url, retention_days=10)
    store.start()
    assert counts(store) == (0, 0)
    old.engine.dispose(), store.engine.dispose()


def test_the_default_store_is_a_sqlite_file_in_the_instance_folder(engine, tmp_path):
    from pindesk.service.app import create_app
    folder = tmp_path / "instance"
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": None, "INSTANCE_PATH": str(folder)})
    response = app.test_client().post("/api/v1/feedback", json={"query": "q", "id": None, "helpful": True})
    assert response.status_code == 201
    assert (folder / "pindesk.sqlite3").is_file()
    app.extensions["pindesk_desk"].store.engine.dispose()
