"""The portable query engine: plain SQL and LIKE, for a database with neither SQLite's FTS5 nor
PostgreSQL's full-text search (`search_fts` and `search_pg` answer those).

It answers the same `Criteria`, with the same caps, by joining the motion tables; words match
with ILIKE over `search_doc`. Correct everywhere, fast on small boards; the tests also use it
as an independent reference for the index engines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select

from app.extensions import db
from app.models import Meeting, Motion, MotionOfficer, MotionPolicy, Vote
from app.services.search import words
from app.services.search_filters import Criteria, _like
from app.services.search_fts import COUNT_CAP, Count
from app.services.search_index import search_doc

DATE_ORDER = (Meeting.date.desc(), Motion.meeting_id.desc(), Motion.position, Motion.id)
PASSAGE_KINDS = ("segment", "page")


def _word_conditions(raw: str) -> list[ColumnElement[bool]]:
    haystack = search_doc.c.names + " " + search_doc.c.content
    return [haystack.ilike(_like(word), escape="\\") for word in words(raw)]


def _vote_count(option: str) -> Any:
    return select(func.count(Vote.id)).where(Vote.motion_id == Motion.id, Vote.option == option).scalar_subquery()


def split_condition(split: str) -> ColumnElement[bool]:
    """SQL for `search_index.split_of`: stated counts win, else the named votes are counted."""
    stated = or_(Motion.yes_count.is_not(None), Motion.no_count.is_not(None))
    yes = case((stated, func.coalesce(Motion.yes_count, 0)), else_=_vote_count("yes"))
    no = case((stated, func.coalesce(Motion.no_count, 0)), else_=_vote_count("no"))
    if split == "divided":
        return and_(yes > 0, no > 0)
    return and_(or_(yes > 0, no > 0), or_(yes == 0, no == 0))


def conditions(criteria: Criteria) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a search, on Motion joined to its Meeting (published only)."""
    found: list[ColumnElement[bool]] = [Meeting.status == "published"]
    if criteria.impossible:
        return [false()]
    if criteria.officers is not None:
        found.append(Motion.officer_links.any(MotionOfficer.officer_id.in_(criteria.officers)))
    if criteria.policies is not None:
        found.append(Motion.policy_links.any(MotionPolicy.policy_id.in_(criteria.policies)))
    if criteria.members is not None:
        members = criteria.members
        if criteria.vote:
            found.append(Motion.votes.any(and_(Vote.member_id.in_(members), Vote.option == criteria.vote)))
        else:
            moved = or_(Motion.mover_id.in_(members), Motion.seconder_id.in_(members))
            found.append(or_(Motion.votes.any(Vote.member_id.in_(members)), moved))
    elif criteria.vote:
        found.append(Motion.votes.any(Vote.option == criteria.vote))
    if criteria.outcome:
        found.append(Motion.outcome_kind == criteria.outcome)
    if criteria.result:
        found.append(Motion.result == criteria.result)
    if criteria.split:
        found.append(split_condition(criteria.split))
    if criteria.body is not None:
        found.append(Meeting.body_id == criteria.body)
    if criteria.date_from:
        found.append(Meeting.date >= criteria.date_from)
    if criteria.date_to:
        found.append(Meeting.date <= criteria.date_to)
    like = _word_conditions(criteria.q)
    if like:
        found.append(Motion.id.in_(select(search_doc.c.ref_id).where(search_doc.c.kind == "motion", *like)))
    return found


def _motions(criteria: Criteria) -> Select:
    return select(Motion.id).join(Motion.meeting).where(*conditions(criteria))


def _capped(stmt: Select, cap: int = COUNT_CAP) -> Count:
    value = db.session.scalar(select(func.count()).select_from(stmt.limit(cap + 1).subquery())) or 0
    return Count(min(value, cap), value > cap)


def page(criteria: Criteria, *, limit: int, offset: int = 0) -> list[int]:
    """Motion ids of one page, newest first (LIKE has no relevance to rank by)."""
    return list(db.session.scalars(_motions(criteria).order_by(*DATE_ORDER).limit(limit).offset(offset)))


def total(criteria: Criteria) -> Count:
    return _capped(_motions(criteria))


def after(criteria: Criteria, key: list[Any], *, limit: int) -> list[int]:
    """Motion ids after `key` (date, meeting id, position, id) in date order."""
    date, meeting_id, position, motion_id = dt.date.fromisoformat(key[0]), key[1], key[2], key[3]
    later = or_(
        Meeting.date < date,
        and_(
            Meeting.date == date,
            or_(
                Motion.meeting_id < meeting_id,
                and_(
                    Motion.meeting_id == meeting_id,
                    or_(Motion.position > position, and_(Motion.position == position, Motion.id > motion_id)),
                ),
            ),
        ),
    )
    return list(db.session.scalars(_motions(criteria).where(later).order_by(*DATE_ORDER).limit(limit)))


def facet_counts(criteria: Criteria, dimension: str, values: list[str]) -> list[tuple[str, Count]]:
    """How many matches carry each value of one filter, that filter itself left out."""
    found = []
    for value in values:
        counted = _capped(_motions(replace(criteria, **{dimension: value})))
        if counted.value:
            found.append((value, counted))
    return found


def passages(criteria: Criteria, *, limit: int) -> tuple[list[int], Count]:
    """Index rows (ids) of matching transcript segments and PDF pages, newest meeting first."""
    like = _word_conditions(criteria.q)
    if not like or criteria.impossible:
        return [], Count(0, False)
    where = [search_doc.c.kind.in_(PASSAGE_KINDS), Meeting.status == "published", *like]
    if criteria.body is not None:
        where.append(Meeting.body_id == criteria.body)
    if criteria.date_from:
        where.append(Meeting.date >= criteria.date_from)
    if criteria.date_to:
        where.append(Meeting.date <= criteria.date_to)
    stmt = select(search_doc.c.id).join(Meeting, Meeting.id == search_doc.c.meeting_id).where(*where)
    ordered = stmt.order_by(Meeting.date.desc(), Meeting.id.desc(), search_doc.c.id).limit(limit)
    return list(db.session.scalars(ordered)), _capped(stmt)
