"""The audit trail: who changed what, and when. Append only; the caller's transaction commits."""

from __future__ import annotations

from typing import Any

from app.extensions import db
from app.models import AuditEvent, User


def record(
    action: str,
    record_type: str | None,
    record_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    user: User | None = None,
) -> AuditEvent:
    """Add one AuditEvent to the session (flushes) and return it.

    Pass the acting user explicitly; an anonymous or system change passes None.
    """
    user_id = user.id if user is not None and getattr(user, "is_authenticated", False) else None
    event = AuditEvent(
        user_id=user_id, action=action, record_type=record_type, record_id=record_id, before=before, after=after
    )
    db.session.add(event)
    db.session.flush()
    return event
