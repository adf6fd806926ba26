"""The lists of published motions a person can see, walked in batches for the CSV and JSON exports.

Each list is a condition on motions (a meeting's, those about an officer, those citing a policy,
a commissioner's record, an outcome). `iter_published` walks every matching published motion in
the order the pages show them (newest meeting first, then the meeting's order) with a keyset, a
batch at a time, clearing the session between batches, so memory stays flat at any size.
Searches take motion_search.iter_motions instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import ColumnElement, and_, or_, select

from app.extensions import db
from app.models import Meeting, Member, Motion, MotionOfficer, MotionPolicy, Officer, Policy, Vote
from app.services import public_queries
from app.services.motion_search import MAX_ID

PUBLISHED = Meeting.status == "published"
BATCH = 500
NO_OUTCOME = "none"  # ?outcome=none: the motions whose record states no outcome


def of_meeting(meeting_id: int) -> ColumnElement[bool]:
    return Motion.meeting_id == meeting_id


def about_officer(officer_id: int) -> ColumnElement[bool]:
    return Motion.officer_links.any(MotionOfficer.officer_id == officer_id)


def citing_policy(policy_id: int) -> ColumnElement[bool]:
    return Motion.policy_links.any(MotionPolicy.policy_id == policy_id)


def member_record(member_id: int) -> ColumnElement[bool]:
    """The motions a commissioner voted on, moved or seconded."""
    return or_(
        Motion.votes.any(Vote.member_id == member_id), Motion.mover_id == member_id, Motion.seconder_id == member_id
    )


def with_outcome(kind: str) -> ColumnElement[bool]:
    """Motions with one outcome kind ("" for every motion, NO_OUTCOME for those that state none)."""
    if not kind:
        return Motion.id.is_not(None)
    if kind == NO_OUTCOME:
        return Motion.outcome_kind.is_(None)
    return Motion.outcome_kind == kind


def _after(key: tuple[dt.date, int, int, int]) -> ColumnElement[bool]:
    """Below a motion in the page order: newer meetings first, then position and id within a meeting."""
    date, meeting_id, position, motion_id = key
    same_meeting = and_(Meeting.date == date, Meeting.id == meeting_id)
    return or_(
        Meeting.date < date,
        and_(Meeting.date == date, Meeting.id < meeting_id),
        and_(same_meeting, Motion.position > position),
        and_(same_meeting, Motion.position == position, Motion.id > motion_id),
    )


def iter_published(condition: ColumnElement[bool], *, batch: int = BATCH) -> Iterator[Motion]:
    """Every published motion matching `condition`, with its details, in page order, a batch at a time."""
    key: tuple[dt.date, int, int, int] | None = None
    while True:
        stmt = select(Motion.id, Meeting.date, Meeting.id, Motion.position).join(Motion.meeting)
        stmt = stmt.where(PUBLISHED, condition)
        if key is not None:
            stmt = stmt.where(_after(key))
        order = (Meeting.date.desc(), Meeting.id.desc(), Motion.position, Motion.id)
        rows = db.session.execute(stmt.order_by(*order).limit(batch)).all()
        if not rows:
            return
        yield from public_queries.motions_by_id([row[0] for row in rows])
        if len(rows) < batch:
            return
        last = rows[-1]
        key = (last[1], last[2], last[3], last[0])
        db.session.expunge_all()


def has_published(condition: ColumnElement[bool]) -> bool:
    """Whether any published motion matches (a list with none is a 404, like its page)."""
    stmt = select(Motion.id).join(Motion.meeting).where(PUBLISHED, condition).limit(1)
    return db.session.scalar(stmt) is not None


def _valid(record_id: int) -> bool:
    return 0 < record_id <= MAX_ID


def officer(officer_id: int) -> Officer | None:
    """An officer named in a published motion (else None, as on the officer page)."""
    found = db.session.get(Officer, officer_id) if _valid(officer_id) else None
    return found if found is not None and has_published(about_officer(found.id)) else None


def policy(policy_id: int) -> Policy | None:
    """A policy cited by a published motion (else None, as on the policy page)."""
    found = db.session.get(Policy, policy_id) if _valid(policy_id) else None
    return found if found is not None and has_published(citing_policy(found.id)) else None


def member(member_id: int) -> Member | None:
    """A commissioner on the roster (their page exists before their first published vote)."""
    return db.session.get(Member, member_id) if _valid(member_id) else None
