"""Meetings: create them, move them through draft -> in_review -> published.

Functions here flush; the request commits. Every change writes an AuditEvent in the
same transaction, so the record and its audit trail are saved together or not at all.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.extensions import db
from app.models import AgendaItem, Body, Document, Job, Meeting, Motion, User
from app.models.meeting import MEETING_KINDS
from app.models.time import utcnow
from app.services import audit

log = logging.getLogger(__name__)
# Which status a meeting may move to from each status.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("in_review", "published"),
    "in_review": ("published",),
    "published": ("in_review",),
}


class MeetingError(Exception):
    """A meeting change that cannot be made; the message says why."""


@dataclass
class MeetingRow:
    """One line of the clerk's dashboard."""

    meeting: Meeting
    documents: int = 0
    motions: int = 0
    jobs: dict[str, int] = field(default_factory=dict)  # latest job state (or "rejected") -> documents


def find_or_create_body(name: str, user: User | None) -> Body:
    """The body with this name (ignoring case), created when there is none (flushes)."""
    name = " ".join(name.split())
    if not name:
        raise MeetingError("Give the body's name, or choose an existing body.")
    if len(name) > 200:
        raise MeetingError("The body's name must be at most 200 characters.")
    body = db.session.scalar(select(Body).where(func.lower(Body.name) == name.lower()))
    if body is not None:
        return body
    body = Body(name=name)
    db.session.add(body)
    db.session.flush()
    audit.record("body.create", "body", body.id, after={"name": body.name}, user=user)
    return body


def create_meeting(*, body: Body, date: dt.date, kind: str, title: str, user: User | None) -> Meeting:
    """Create a draft meeting (flushes)."""
    title = " ".join(title.split())
    if kind not in MEETING_KINDS:
        raise MeetingError(f"The kind must be one of: {', '.join(MEETING_KINDS)}.")
    if not title:
        raise MeetingError("Give the meeting a title.")
    if len(title) > 300:
        raise MeetingError("The title must be at most 300 characters.")
    meeting = Meeting(body=body, date=date, kind=kind, title=title, status="draft")
    db.session.add(meeting)
    db.session.flush()
    audit.record("meeting.create", "meeting", meeting.id, after=_snapshot(meeting), user=user)
    return meeting


def set_status(meeting: Meeting, status: str, user: User | None) -> Meeting:
    """Move a meeting to a new status (flushes); publishing rebuilds its search rows.

    Raises MeetingError for a move the workflow does not allow.
    """
    allowed = TRANSITIONS.get(meeting.status, ())
    if status not in allowed:
        raise MeetingError(f"A meeting that is {_words(meeting.status)} cannot be moved to {_words(status)}.")
    before = _snapshot(meeting)
    meeting.status = status
    meeting.published_at = utcnow() if status == "published" else None
    db.session.flush()
    action = {"in_review": "meeting.review", "published": "meeting.publish"}[status]
    if before["status"] == "published":
        action = "meeting.unpublish"
    audit.record(action, "meeting", meeting.id, before=before, after=_snapshot(meeting), user=user)
    # Explicitly, not from a session hook: publishing adds the meeting to search and
    # unpublishing takes it out again (drafts never reach the public).
    from app.services import search

    search.reindex_meeting(meeting)
    return meeting


def refresh_public_copies() -> None:
    """After a commit that changed the published record: rebuild the bulk downloads, when that exists.

    Search rows are rebuilt in the same transaction as the change (reindex_meeting); the bulk dumps
    are files, so they are rebuilt after the commit, and a failure there never undoes the change.
    """
    try:
        from app.services.bulk import rebuild_bulk_exports
    except ImportError:
        return
    try:
        rebuild_bulk_exports()
    except Exception:  # the change is saved; the next download request rebuilds stale dumps
        log.exception("rebuilding the bulk downloads failed")


def dashboard_rows() -> list[MeetingRow]:
    """Every meeting, newest first, with its document and motion counts and job states."""
    meetings = db.session.scalars(select(Meeting).order_by(Meeting.date.desc(), Meeting.id.desc())).all()
    rows = {m.id: MeetingRow(m) for m in meetings}
    doc_counts = db.session.execute(select(Document.meeting_id, func.count()).group_by(Document.meeting_id))
    for meeting_id, count in doc_counts:
        rows[meeting_id].documents = count
    motion_counts = db.session.execute(select(Motion.meeting_id, func.count()).group_by(Motion.meeting_id))
    for meeting_id, count in motion_counts:
        rows[meeting_id].motions = count
    latest = select(func.max(Job.id)).group_by(Job.document_id).scalar_subquery()
    job_states = db.session.execute(
        select(Document.meeting_id, Job.state, func.count())
        .join(Job, Job.document_id == Document.id)
        .where(Job.id.in_(latest))
        .group_by(Document.meeting_id, Job.state)
    )
    for meeting_id, state, count in job_states:
        rows[meeting_id].jobs[state] = count
    # Files refused at upload (empty, not a PDF or media) never get a job.
    rejected = db.session.execute(
        select(Document.meeting_id, func.count())
        .where(Document.status == "failed", ~Document.jobs.any())
        .group_by(Document.meeting_id)
    )
    for meeting_id, count in rejected:
        rows[meeting_id].jobs["rejected"] = count
    return list(rows.values())


def _snapshot(meeting: Meeting) -> dict[str, object]:
    return {
        "body_id": meeting.body_id,
        "date": meeting.date.isoformat(),
        "kind": meeting.kind,
        "title": meeting.title,
        "status": meeting.status,
        "published_at": meeting.published_at.isoformat() if meeting.published_at else None,
    }


def _words(status: str) -> str:
    return status.replace("_", " ")


def add_agenda_item(meeting: Meeting, number: str | None, title: str, user: User | None) -> AgendaItem:
    """Add an item to the meeting's agenda, so motions can be linked to it (flushes)."""
    title = " ".join((title or "").split())
    number = " ".join((number or "").split()) or None
    if not title:
        raise MeetingError("Give the agenda item's title.")
    if number and any(item.number == number for item in meeting.agenda_items):
        raise MeetingError(f"Item {number} is already on the agenda.")
    item = AgendaItem(meeting=meeting, number=number[:40] if number else None, title=title[:1000])
    db.session.add(item)
    db.session.flush()
    audit.record(
        "agenda_item.create", "agenda_item", item.id, after={"number": item.number, "title": item.title}, user=user
    )
    return item
