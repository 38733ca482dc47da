"""Where the service keeps feedback and the queries it could not answer: SQLite or PostgreSQL."""
from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 3600
CONNECT_TIMEOUT_SECONDS = 5

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
unanswered = sa.Table(
    "unanswered", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    sa.Column("query", sa.Text, nullable=False),
)

# Per-workspace choices of the Slack bot, keyed by Slack's team id; never purged by retention.
workspace_settings = sa.Table(
    "workspace_settings", metadata,
    sa.Column("team_id", sa.String(40), primary_key=True),
    sa.Column("proxy", sa.String(40), nullable=False),  # a proxy profile's id; "" for the neutral wording
    sa.Column("updated_at", sa.DateTime, nullable=False),
)


class StoreUnavailable(Exception):
    """The database cannot be reached or refused the statement."""


def utc_now() -> datetime:
    """The time now in UTC, without a zone: both databases then compare alike."""
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """Feedback and unanswered queries, with rows older than the retention period deleted."""

    def __init__(self, url: str, retention_days: int = 90, clock=utc_now):
        connect_args = {"connect_timeout": CONNECT_TIMEOUT_SECONDS} if url.startswith("postgresql") else {}
        # pool_pre_ping: a database that went away and came back is used again without a restart.
        self.engine = sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        self.retention_days = retention_days
        self.clock = clock
        self._tables_ready = False
        self._last_purge = float("-inf")

    def start(self) -> None:
        """Create the tables and apply retention; a database that is down only logs a warning."""
        try:
            self.purge()
        except StoreUnavailable as exc:
            log.warning("store unavailable at start: %s", exc)
        # Connections must not cross a fork: gunicorn's workers each open their own.
        self.engine.dispose()

    def _run(self, statement_fn):
        """Run statement_fn(connection) in one transaction, creating the tables on first use."""
        try:
            with self.engine.begin() as conn:
                if not self._tables_ready:
                    metadata.create_all(conn)
                    self._tables_ready = True
                return statement_fn(conn)
        except SQLAlchemyError as exc:
            raise StoreUnavailable(str(exc).splitlines()[0]) from exc

    def ping(self) -> None:
        """Raise StoreUnavailable unless the database answers."""
        self._run(lambda conn: conn.execute(sa.text("SELECT 1")))

    def add_feedback(self, query: str, answer_id: str | None, helpful: bool, comment: str | None) -> int:
        """Store one piece of feedback; return its row id."""
        self._purge_now_and_then()
        row = {"created_at": self.clock(), "query": query, "answer_id": answer_id, "helpful": helpful,
               "comment": comment}
        return self._run(lambda conn: conn.execute(feedback.insert().values(**row)).inserted_primary_key[0])

    def add_unanswered(self, query: str) -> None:
        """Remember a query pindesk abstained on: its text and time, nothing about who asked."""
        self._purge_now_and_then()
        self._run(lambda conn: conn.execute(unanswered.insert().values(created_at=self.clock(), query=query)))

    def unanswered_counts(self, limit: int = 100) -> list[tuple[str, int]]:
        """The unanswered queries, most frequent first, with how often each was asked."""
        count = sa.func.count().label("count")
        stmt = (sa.select(unanswered.c.query, count).group_by(unanswered.c.query)
                .order_by(count.desc(), unanswered.c.query).limit(limit))
        return [(q, n) for q, n in self._run(lambda conn: conn.execute(stmt).all())]

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
        deleted = self._run(delete)
        self._last_purge = time.monotonic()
        return deleted

    def _purge_now_and_then(self) -> None:
        """Apply retention at most once an hour, on writes; a failure here is left to the write."""
        if time.monotonic() - self._last_purge >= PURGE_EVERY_SECONDS:
            try:
                self.purge()
            except StoreUnavailable:
                pass
