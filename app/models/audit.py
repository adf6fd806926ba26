"""The audit trail: append-only, hash-chained events of every change to the record.

Each row stores the hash of the row before it (`prev_hash`) and its own `hash`, the sha256 of
the canonical JSON of its fields and `prev_hash`; editing or deleting a row breaks the chain
at that row. The database itself refuses UPDATE and DELETE of rows (triggers made in
migration 0003), so tampering needs the triggers dropped first, and still shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.time import utcnow

if TYPE_CHECKING:
    from app.models.user import User

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """The one serialisation hashed: sorted keys, no spaces, UTF-8 text kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """sha256 hex of an event's fields and the hash of the event before it. Never change this."""
    payload = canonical_json({**fields, "prev_hash": prev_hash})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AuditEvent(db.Model):
    """Who changed what, when, and the record before and after. Never updated, never deleted."""

    __table_args__ = (Index("ix_audit_event_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(60))
    record_type: Mapped[str | None] = mapped_column(String(40))
    record_id: Mapped[int | None]
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    user: Mapped[User | None] = relationship()

    def hashed_fields(self) -> dict[str, Any]:
        """The fields the hash covers (everything but the id, which the database assigns)."""
        return {
            "user_id": self.user_id,
            "at": self.at.isoformat(timespec="microseconds") if self.at else None,
            "action": self.action,
            "record_type": self.record_type,
            "record_id": self.record_id,
            "before": self.before,
            "after": self.after,
        }

    def computed_hash(self) -> str:
        return event_hash(self.hashed_fields(), self.prev_hash)
