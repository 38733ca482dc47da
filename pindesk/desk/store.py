"""Where the service keeps feedback and the queries it could not answer: SQLite or PostgreSQL.

Every call on the database has a deadline of its own (STORE_SECONDS, kept by the caller, whatever
the driver does), and a breaker: after a failure the database is left alone for BREAKER_SECONDS, so a
database that accepts connections and never answers costs one wait, not one per request.
"""
from __future__ import annotations

import hashlib
import logging
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

log = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 3600
STORE_SECONDS = 1.0  # connecting and one statement, together
PING_SECONDS = 0.25  # /readyz's look at the store: well within a probe's timeout
BREAKER_SECONDS = 5.0  # how long a failed store is left alone before one request tries it again
# psycopg waits at least 2 s to connect whatever it is told; the deadline above is kept in any case.
POSTGRES_CONNECT_ARGS = {"connect_timeout": 2}

metadata = sa.MetaData()
feedback = sa.Table(
    "feedback", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("answer_id", sa.String(200), nullable=True),
    sa.Column("helpful", sa.Boolean, nullable=False),
    sa.Column("comment", sa.Text, nullable=True),
)
# One row per query (as normalised by query_key) and day, counting its repeats: a query sent a
# thousand times is one row, not a thousand.
unanswered = sa.Table(
    "unanswered_queries", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.UniqueConstraint("day", "key"),
)

# Per-workspace choices of the Slack bot, keyed by Slack's team id; never purged by retention.
workspace_settings = sa.Table(
    "workspace_settings", metadata,
    sa.Column("team_id", sa.String(40), primary_key=True),
    sa.Column("proxy", sa.String(40), nullable=False),  # a proxy profile's id; "" for the neutral wording
    sa.Column("updated_at", sa.DateTime, nullable=False),
)


class StoreUnavailable(Exception):
    """The database cannot be reached, did not answer in time, or refused the statement."""


def utc_now() -> datetime:
    """The time now in UTC, without a zone: both databases then compare alike."""
    return datetime.now(UTC).replace(tzinfo=None)


def query_key(query: str) -> str:
    """The same query however it was cased or spaced: the key its repeats are counted under."""
    normal = " ".join(query.casefold().split()).strip(" .?!")
    return hashlib.sha256(normal.encode()).hexdigest()


class Breaker:
    """Open after a failure: calls fail at once until the wait is over, then one call tries again."""

    def __init__(self, seconds: float = BREAKER_SECONDS, clock=time.monotonic):
        self.seconds, self.clock = seconds, clock
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """True while calls should not be tried."""
        return self.clock() < self._open_until

    def admit(self) -> float:
        """0 when a call may go ahead (the one trial after a wait holds the breaker open for the rest)."""
        with self._lock:
            now = self.clock()
            if now < self._open_until:
                return self._open_until - now
            if self._open_until:  # half-open: this call is the trial
                self._open_until = now + self.seconds
            return 0.0

    def failed(self) -> None:
        """Leave the store alone for a while."""
        with self._lock:
            self._open_until = self.clock() + self.seconds

    def succeeded(self) -> None:
        """The store answered: calls go ahead again."""
        with self._lock:
            self._open_until = 0.0


def _within(seconds: float, fn):
    """fn() in a thread of its own, waited for at most `seconds`; TimeoutError if it takes longer.

    A thread per call, not a pool: a call stuck on a silent socket must not hold up the calls after
    it (the breaker keeps there from being more than one such call at a time).
    """
    done: Future = Future()

    def run():
        """Run fn and hand its result or error to the waiting caller."""
        try:
            done.set_result(fn())
        except BaseException as exc:  # handed to the caller, who decides
            done.set_exception(exc)
    threading.Thread(target=run, name="pindesk-store-call", daemon=True).start()
    try:
        return done.result(timeout=seconds)
    except FutureTimeout:
        raise TimeoutError from None


def _statement_timeout(seconds: float):
    """A connect hook: PostgreSQL itself cancels a statement that runs past the deadline (a lock, a slow disk)."""
    def on_connect(dbapi_connection, _record):
        """Set the session's statement_timeout on a new connection."""
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
        dbapi_connection.commit()
    return on_connect


class Store:
    """Feedback and unanswered queries, with rows older than the retention period deleted."""

    def __init__(self, url: str, retention_days: int = 90, clock=utc_now, seconds: float = STORE_SECONDS,
                 breaker: Breaker | None = None):
        # pool_pre_ping: a database that went away and came back is used again without a restart.
        if url.startswith("postgresql"):
            self.engine = sa.create_engine(url, pool_pre_ping=True, pool_timeout=seconds,
                                           connect_args=POSTGRES_CONNECT_ARGS)
            sa.event.listen(self.engine, "connect", _statement_timeout(seconds))
        else:
            self.engine = sa.create_engine(url, pool_pre_ping=True, connect_args={"timeout": seconds})
        # An in-memory SQLite database lives in one thread's connection, and cannot hang: called in place.
        self._in_place = self.engine.url.get_backend_name() == "sqlite" and self.engine.url.database in (None, "",
                                                                                                       ":memory:")
        self.retention_days = retention_days
        self.clock = clock
        self.seconds = seconds
        self.breaker = breaker or Breaker()
        self._tables_ready = False
        self._tables_lock = threading.Lock()
        self._last_purge = float("-inf")

    def start(self) -> None:
        """Create the tables and apply retention; a database that is down only logs a warning."""
        try:
            self.purge()
        except StoreUnavailable as exc:
            log.warning("store unavailable at start: %s", exc)
        # Connections must not cross a fork: gunicorn's workers each open their own.
        self.engine.dispose()

    def _transaction(self, statement_fn):
        """Run statement_fn(connection) in one transaction, creating the tables on first use."""
        if not self._tables_ready:
            # Once, whichever thread comes first: two threads creating the same table would make one fail.
            with self._tables_lock:
                if not self._tables_ready:
                    with self.engine.begin() as conn:
                        metadata.create_all(conn)
                    self._tables_ready = True
        with self.engine.begin() as conn:
            return statement_fn(conn)

    def _run(self, statement_fn, seconds: float | None = None):
        """statement_fn(connection) within the deadline, unless the breaker is open; StoreUnavailable if not."""
        wait = self.breaker.admit()
        if wait:
            raise StoreUnavailable(f"the store failed a moment ago; it is tried again in {wait:.0f} s")
        seconds = self.seconds if seconds is None else seconds
        try:
            if self._in_place:
                result = self._transaction(statement_fn)
            else:
                result = _within(seconds, lambda: self._transaction(statement_fn))
        except TimeoutError:
            self.breaker.failed()
            raise StoreUnavailable(f"the store did not answer within {seconds:g} s") from None
        except (DataError, IntegrityError) as exc:  # the database answered: it refused this row
            self.breaker.succeeded()
            raise StoreUnavailable(str(exc).splitlines()[0]) from exc
        except SQLAlchemyError as exc:
            self.breaker.failed()
            raise StoreUnavailable(str(exc).splitlines()[0]) from exc
        self.breaker.succeeded()
        return result

    def ping(self, seconds: float = PING_SECONDS) -> None:
        """Raise StoreUnavailable unless the database answers within `seconds` (at once while the breaker is open)."""
        self._run(lambda conn: conn.execute(sa.text("SELECT 1")), seconds)

    def add_feedback(self, query: str, answer_id: str | None, helpful: bool, comment: str | None) -> int:
        """Store one piece of feedback; return its row id."""
        self._purge_now_and_then()
        row = {"created_at": self.clock(), "query": query, "answer_id": answer_id, "helpful": helpful,
               "comment": comment}
        return self._run(lambda conn: conn.execute(feedback.insert().values(**row)).inserted_primary_key[0])

    def add_unanswered(self, query: str, count: int = 1) -> None:
        """Count a query pindesk abstained on, once a day per query: its text and time, nothing about who asked."""
        self._purge_now_and_then()
        now = self.clock()
        insert = (postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert)(unanswered)
        statement = insert.values(day=now.date(), key=query_key(query), created_at=now, query=query,
                                  count=count).on_conflict_do_update(
            index_elements=["day", "key"], set_={"count": unanswered.c.count + count})
        self._run(lambda conn: conn.execute(statement))

    def unanswered_counts(self, limit: int = 100) -> list[tuple[str, int]]:
        """The unanswered queries, most frequent first, with how often each was asked."""
        total = sa.func.sum(unanswered.c["count"]).label("total")
        shown = sa.func.min(unanswered.c.query).label("shown")
        stmt = (sa.select(shown, total).group_by(unanswered.c.key)
                .order_by(total.desc(), shown).limit(limit))
        return [(q, int(n)) for q, n in self._run(lambda conn: conn.execute(stmt).all())]

    def helpfulness(self) -> list[tuple[str, int, int]]:
        """For each answer id with feedback: how many found it helpful and how many did not."""
        helpful = sa.func.sum(sa.case((feedback.c.helpful, 1), else_=0)).label("helpful")
        not_helpful = sa.func.sum(sa.case((feedback.c.helpful, 0), else_=1)).label("not_helpful")
        stmt = (sa.select(feedback.c.answer_id, helpful, not_helpful)
                .where(feedback.c.answer_id.is_not(None))
                .group_by(feedback.c.answer_id).order_by(feedback.c.answer_id))
        return [(i, int(h), int(n)) for i, h, n in self._run(lambda conn: conn.execute(stmt).all())]

    def workspace_proxy(self, team_id: str) -> str | None:
        """The proxy profile a workspace chose ("" for the neutral wording), or None when it chose none."""
        stmt = sa.select(workspace_settings.c.proxy).where(workspace_settings.c.team_id == team_id)
        return self._run(lambda conn: conn.execute(stmt).scalar_one_or_none())

    def set_workspace_proxy(self, team_id: str, proxy: str) -> None:
        """Keep a workspace's proxy profile ("" for the neutral wording), replacing its earlier choice."""
        def replace(conn):
            conn.execute(workspace_settings.delete().where(workspace_settings.c.team_id == team_id))
            conn.execute(workspace_settings.insert().values(team_id=team_id, proxy=proxy, updated_at=self.clock()))
        self._run(replace)

    def purge(self) -> int:
        """Delete the rows older than the retention period; return how many went."""
        cutoff = self.clock() - timedelta(days=self.retention_days)

        def delete(conn):
            return sum(conn.execute(table.delete().where(table.c.created_at < cutoff)).rowcount
                       for table in (feedback, unanswered))
        self._last_purge = time.monotonic()  # tried, even if it fails: at most hourly either way
        return self._run(delete)

    def _purge_now_and_then(self) -> None:
        """Apply retention at most once an hour, on writes; a failure here is left to the write."""
        if time.monotonic() - self._last_purge >= PURGE_EVERY_SECONDS:
            try:
                self.purge()
            except StoreUnavailable:
                pass
