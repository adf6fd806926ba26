"""Keyset-paged lists for the API: published records only, ever.

Each `*_page` function answers up to `limit` records after a key, and the key to continue from
(None on the last page). It fetches one record more than asked to know whether there is more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Meeting, Member, Motion, MotionOfficer, MotionPolicy, Officer, Policy
from app.models.motion import LIVE_REVIEW_STATES
from app.services.motion_search import MAX_ID

PUBLISHED = Meeting.status == "published"
T = TypeVar("T")


def _cut(rows: Sequence[T], limit: int) -> tuple[list[T], bool]:
    return list(rows[:limit]), len(rows) > limit


def _published_bodies() -> Select:
    return select(Meeting.body_id).where(PUBLISHED)


def _published_motions() -> Select:
    return select(Motion.id).join(Motion.meeting).where(PUBLISHED, Motion.review.in_(LIVE_REVIEW_STATES))


def _linked_officers() -> Select:
    return select(MotionOfficer.officer_id).where(MotionOfficer.motion_id.in_(_published_motions()))


def _linked_policies() -> Select:
    return select(MotionPolicy.policy_id).where(MotionPolicy.motion_id.in_(_published_motions()))


def meetings_page(
    *,
    limit: int,
    after: tuple[dt.date, int] | None = None,
    body_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> tuple[list[Meeting], tuple[dt.date, int] | None]:
    """Published meetings, newest first."""
    filters: list[ColumnElement[bool]] = [PUBLISHED]
    if body_id is not None:
        filters.append(Meeting.body_id == body_id)
    if date_from is not None:
        filters.append(Meeting.date >= date_from)
    if date_to is not None:
        filters.append(Meeting.date <= date_to)
    if after is not None:
        date, meeting_id = after
        filters.append(or_(Meeting.date < date, and_(Meeting.date == date, Meeting.id < meeting_id)))
    stmt = (
        select(Meeting)
        .where(*filters)
        .options(selectinload(Meeting.body))
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .limit(limit + 1)
    )
    meetings, more = _cut(db.session.scalars(stmt).all(), limit)
    return meetings, ((meetings[-1].date, meetings[-1].id) if more else None)


def _by_id(model: Any, condition: ColumnElement[bool], *, limit: int, after: int | None, options: Sequence = ()):
    filters = [condition]
    if after is not None:
        filters.append(model.id > after)
    stmt = select(model).where(*filters).options(*options).order_by(model.id).limit(limit + 1)
    rows, more = _cut(db.session.scalars(stmt).all(), limit)
    return rows, (rows[-1].id if more else None)


def members_page(
    *, limit: int, after: int | None = None, body_id: int | None = None
) -> tuple[list[Member], int | None]:
    """Commissioners of boards that have published meetings, by id."""
    condition = Member.body_id.in_(_published_bodies())
    if body_id is not None:
        condition = and_(condition, Member.body_id == body_id)
    return _by_id(Member, condition, limit=limit, after=after, options=[selectinload(Member.body)])


def officers_page(*, limit: int, after: int | None = None) -> tuple[list[Officer], int | None]:
    """Officers named in at least one published motion, by id."""
    return _by_id(Officer, Officer.id.in_(_linked_officers()), limit=limit, after=after)


def policies_page(*, limit: int, after: int | None = None) -> tuple[list[Policy], int | None]:
    """Policies cited by at least one published motion, by id."""
    return _by_id(Policy, Policy.id.in_(_linked_policies()), limit=limit, after=after)


def _one(model: Any, record_id: int, condition: ColumnElement[bool]) -> Any:
    if not 0 < record_id <= MAX_ID:
        return None
    return db.session.scalar(select(model).where(model.id == record_id, condition))


def published_member(member_id: int) -> Member | None:
    return _one(Member, member_id, Member.body_id.in_(_published_bodies()))


def published_officer(officer_id: int) -> Officer | None:
    return _one(Officer, officer_id, Officer.id.in_(_linked_officers()))


def published_policy(policy_id: int) -> Policy | None:
    return _one(Policy, policy_id, Policy.id.in_(_linked_policies()))
