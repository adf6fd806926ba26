"""The audit trail: who changed what, and when. Append only, hash-chained; the caller commits.

`record` adds one event in the caller's transaction, so a change and its audit event are
saved together or not at all. Events form a chain (each stores the hash of the one before);
`verify_chain` walks it and names the first event that was edited, deleted or forged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select, text

from app.extensions import db
from app.models import AuditEvent, User
from app.models.audit import GENESIS_HASH, canonical_json
from app.models.time import utcnow

# An arbitrary constant: the PostgreSQL advisory lock that serialises writers of the chain.
_CHAIN_LOCK = 7_201_007
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """The value as the JSON column will give it back (dates as strings), so its hash still matches."""
    return None if value is None else json.loads(canonical_json(value))


def _lock_chain() -> None:
    """Hold the chain's write lock until commit, so two writers never hang events on the same head.

    SQLite: a statement that writes nothing still takes the database's write lock (and the
    triggers do not fire, since no row is touched). PostgreSQL: a transaction-scoped advisory lock.
    """
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    elif dialect == "sqlite":
        db.session.execute(text("DELETE FROM audit_event WHERE 0 = 1"))


def _head_hash() -> str:
    last = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return last or GENESIS_HASH


def record(
    action: str,
    record_type: str | None,
    record_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    user: User | None = None,
) -> AuditEvent:
    """Add one AuditEvent, chained to the last one, to the session (flushes) and return it.

    Pass the acting user explicitly; an anonymous or system change passes None.
    """
    user_id = user.id if user is not None and getattr(user, "is_authenticated", False) else None
    db.session.flush()  # the change itself first, then the chain's lock
    _lock_chain()
    event = AuditEvent(
        user_id=user_id,
        at=utcnow(),
        action=action,
        record_type=record_type,
        record_id=record_id,
        before=_plain(before),
        after=_plain(after),
        prev_hash=_head_hash(),
    )
    event.hash = event.computed_hash()
    db.session.add(event)
    db.session.flush()
    return event


@dataclass
class ChainReport:
    """The result of walking the chain: ok, or the first event where it breaks and why."""

    ok: bool
    checked: int
    head: str
    broken_at: int | None = None
    problem: str | None = None


def verify_chain(batch: int = 1000) -> ChainReport:
    """Recompute every event's hash in id order; report the first that does not fit."""
    prev = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        stmt = select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        events = list(db.session.scalars(stmt.execution_options(populate_existing=True)))
        if not events:
            return ChainReport(ok=True, checked=checked, head=prev)
        for event in events:
            if event.prev_hash != prev:
                problem = "it does not follow the event before it: an event was deleted or inserted before it"
                return ChainReport(False, checked, prev, event.id, problem)
            if event.computed_hash() != event.hash:
                problem = "its contents do not match its hash: it was edited after it was written"
                return ChainReport(False, checked, prev, event.id, problem)
            prev = event.hash
            checked += 1
            last_id = event.id


@dataclass
class AuditFilter:
    """The admin view's filters; empty fields do not filter."""

    user_id: int | None = None
    action: str | None = None
    record_type: str | None = None
    record_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def query(self) -> Select:
        stmt = select(AuditEvent)
        if self.user_id is not None:
            stmt = stmt.where(AuditEvent.user_id == self.user_id)
        if self.action:
            stmt = stmt.where(AuditEvent.action.startswith(self.action, autoescape=True))
        if self.record_type:
            stmt = stmt.where(AuditEvent.record_type == self.record_type)
        if self.record_id is not None:
            stmt = stmt.where(AuditEvent.record_id == self.record_id)
        if self.since:
            stmt = stmt.where(AuditEvent.at >= dt.datetime.combine(self.since, dt.time.min))
        if self.until:
            stmt = stmt.where(AuditEvent.at < dt.datetime.combine(self.until + dt.timedelta(days=1), dt.time.min))
        return stmt


def events(filters: AuditFilter, *, limit: int = 100, before_id: int | None = None) -> list[AuditEvent]:
    """A page of events, newest first; `before_id` pages back (keyset)."""
    stmt = filters.query()
    if before_id is not None:
        stmt = stmt.where(AuditEvent.id < before_id)
    return list(db.session.scalars(stmt.order_by(AuditEvent.id.desc()).limit(limit)))


def latest_for(record_type: str, record_id: int) -> AuditEvent | None:
    """The newest event about one record (who changed it last, and when)."""
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.record_type == record_type, AuditEvent.record_id == record_id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return db.session.scalar(stmt)


CSV_HEADER = ["id", "at", "user", "action", "record_type", "record_id", "before", "after", "prev_hash", "hash"]


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(CSV_FORMULA_STARTS) else value


def csv_rows(filters: AuditFilter, batch: int = 500) -> Iterator[str]:
    """The filtered events as CSV text, oldest first, streamed in batches (never all in memory)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        data = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return data

    writer.writerow(CSV_HEADER)
    yield flush()
    emails = {user_id: email for user_id, email in db.session.execute(select(User.id, User.email))}
    last_id = 0
    while True:
        stmt = filters.query().where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        page = list(db.session.scalars(stmt))
        if not page:
            return
        for event in page:
            row = [
                event.id,
                event.at.isoformat(timespec="seconds"),
                emails.get(event.user_id, "") if event.user_id else "system",
                event.action,
                event.record_type,
                event.record_id,
                canonical_json(event.before) if event.before is not None else "",
                canonical_json(event.after) if event.after is not None else "",
                event.prev_hash,
                event.hash,
            ]
            writer.writerow([_cell(value) for value in row])
            last_id = event.id
        yield flush()
