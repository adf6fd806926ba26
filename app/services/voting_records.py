"""Voting records for the public pages: a commissioner's votes against the board's majority,
their dissents and attendance, the divided votes of a meeting, and outcomes per quarter.

Published meetings only, like every public query. Vote arithmetic is in pure functions
(`majority`, `tally_of`, `attendance_of`) so the pictures and the tables beside them agree; the
commissioner page runs the same arithmetic in SQL (`member_summary`), so a record of 20,000 votes
is counted by the database, not loaded row by row (tests/public/test_query_counts.py holds them
to the same answers).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Subquery, and_, case, func, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import Meeting, Motion, Vote
from app.models.motion import VOTE_OPTIONS
from app.services.search_index import split_of

PUBLISHED = Meeting.status == "published"
PRESENT_OPTIONS = ("yes", "no", "abstain", "recused")


def majority(yes: int | None, no: int | None) -> str | None:
    """How most of the board voted: "yes", "no", or None for a tie or an unknown tally."""
    if yes is None and no is None:
        return None
    yes, no = yes or 0, no or 0
    return "yes" if yes > no else "no" if no > yes else None


def tally_of(motion: Motion) -> tuple[int | None, int | None]:
    """Yes and no as the record states them, else as the named votes add up (None when unknown)."""
    if motion.yes_count is not None or motion.no_count is not None:
        return motion.yes_count, motion.no_count
    if not motion.votes:
        return None, None
    options = [vote.option for vote in motion.votes]
    return options.count("yes"), options.count("no")


def attendance_of(options: list[str]) -> str:
    """A member's attendance at one meeting from every vote recorded for them there."""
    if any(option in PRESENT_OPTIONS for option in options):
        return "present"
    return "excused" if "excused" in options else "absent"


@dataclass
class CastVote:
    """One published vote of a commissioner, with the board's majority on that motion."""

    motion_id: int
    meeting_id: int
    date: dt.date
    position: int
    option: str
    majority: str | None

    @property
    def dissent(self) -> bool:
        return self.option in ("yes", "no") and self.majority in ("yes", "no") and self.option != self.majority


@dataclass
class MeetingAttendance:
    meeting_id: int
    date: dt.date
    status: str  # present | absent | excused


@dataclass
class VotingSummary:
    """What the commissioner page shows beside its paged list of motions: totals over every
    published vote, and the newest few votes, dissents and absences (the rest are in the exports)."""

    tally: dict[str, int]
    dissent_total: int
    dissent_ids: list[int]  # newest first, at most `dissents` of member_summary
    attendance_counts: Counter[str]
    absences: list[MeetingAttendance]  # newest first, at most `absences` of member_summary
    votes: list[CastVote]  # the newest `grid` votes, newest first


def _member_votes(member_id: int) -> Subquery:
    """A commissioner's published votes with the yes and no each motion was decided by.

    Yes and no are the tally the record states; a motion stating none is counted from its named
    votes (`tally_of`), by a correlated count that only such motions run.
    """
    other = aliased(Vote)
    unstated = and_(Motion.yes_count.is_(None), Motion.no_count.is_(None))

    def named(option: str) -> ColumnElement[int]:
        counted = select(func.count(other.id)).where(other.motion_id == Motion.id, other.option == option)
        return counted.correlate(Motion).scalar_subquery()

    yes = case((unstated, named("yes")), else_=func.coalesce(Motion.yes_count, 0))
    no = case((unstated, named("no")), else_=func.coalesce(Motion.no_count, 0))
    return (
        select(
            Vote.option.label("option"),
            Motion.id.label("motion_id"),
            Motion.meeting_id.label("meeting_id"),
            Motion.position.label("position"),
            Meeting.date.label("date"),
            yes.label("yes"),
            no.label("no"),
        )
        .join(Motion, Motion.id == Vote.motion_id)
        .join(Meeting, Meeting.id == Motion.meeting_id)
        .where(Vote.member_id == member_id, PUBLISHED)
        .subquery("cast_votes")
    )


def member_summary(member_id: int, *, grid: int = 120, dissents: int = 25, absences: int = 25) -> VotingSummary:
    """A commissioner's tally, dissents and attendance counted in SQL, with the newest `grid` votes,
    `dissents` dissents and `absences` absences: four queries whatever the length of the record."""
    cast = _member_votes(member_id)
    majority_of = case((cast.c.yes > cast.c.no, "yes"), (cast.c.no > cast.c.yes, "no"), else_=None)
    dissent = and_(cast.c.option.in_(("yes", "no")), majority_of.is_not(None), cast.c.option != majority_of)
    newest = (cast.c.date.desc(), cast.c.meeting_id.desc(), cast.c.position.desc(), cast.c.motion_id.desc())

    # Votes per option, and how many of them went against the majority (only yes and no can).
    per_option = db.session.execute(
        select(cast.c.option, func.count(), func.sum(case((dissent, 1), else_=0))).group_by(cast.c.option)
    ).all()
    counted = {option: count for option, count, _ in per_option}
    tally = {option: counted.get(option, 0) for option in VOTE_OPTIONS}
    dissent_total = sum(against or 0 for _, _, against in per_option)
    dissent_ids = list(db.session.scalars(select(cast.c.motion_id).where(dissent).order_by(*newest).limit(dissents)))

    # One row per meeting with recorded votes; `attendance_of` in SQL.
    present = func.max(case((cast.c.option.in_(PRESENT_OPTIONS), 1), else_=0))
    excused = func.max(case((cast.c.option == "excused", 1), else_=0))
    status = case((present == 1, "present"), (excused == 1, "excused"), else_="absent").label("status")
    meetings = db.session.execute(
        select(cast.c.meeting_id, cast.c.date, status)
        .group_by(cast.c.meeting_id, cast.c.date)
        .order_by(cast.c.date.desc(), cast.c.meeting_id.desc())
    ).all()
    missed = [MeetingAttendance(r.meeting_id, r.date, r.status) for r in meetings if r.status != "present"]

    rows = db.session.execute(select(cast, majority_of.label("majority")).order_by(*newest).limit(grid)).all()
    votes = [CastVote(r.motion_id, r.meeting_id, r.date, r.position, r.option, r.majority) for r in rows]
    return VotingSummary(
        tally=tally,
        dissent_total=dissent_total,
        dissent_ids=dissent_ids,
        attendance_counts=Counter(r.status for r in meetings),
        absences=missed[:absences],
        votes=votes,
    )


@dataclass
class DividedVotes:
    """A meeting's divided motions and how each member voted on them."""

    members: list[str]
    motions: list[tuple[Motion, dict[str, str]]]


def divided_votes(motions: list[Motion]) -> DividedVotes:
    """The motions (votes loaded) whose tally is divided, and each voter's option on each."""
    divided = [m for m in motions if split_of(*tally_of(m)) == "divided" and m.votes]
    names: dict[str, None] = {}
    table = []
    for motion in divided:
        votes = {}
        for vote in motion.votes:
            name = vote.member.name if vote.member else vote.voter_name
            names[name] = None
            votes[name] = vote.option
        table.append((motion, votes))
    return DividedVotes(sorted(names), table)


TREND_KINDS = ("suspension", "termination", "reinstatement")


def outcomes_per_quarter(
    *, quarters: int = 12, kinds: tuple[str, ...] = TREND_KINDS
) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Counts of each outcome per calendar quarter, for the last `quarters` quarters with published motions."""
    latest = db.session.scalar(select(func.max(Meeting.date)).where(PUBLISHED))
    if latest is None:
        return [], []
    first_month = (latest.year * 12 + (latest.month - 1) // 3 * 3) - 3 * (quarters - 1)
    start = dt.date(first_month // 12, first_month % 12 + 1, 1)
    rows = db.session.execute(
        select(Meeting.date, Motion.outcome_kind, func.count(Motion.id))
        .join(Motion.meeting)
        .where(PUBLISHED, Meeting.date >= start, Motion.outcome_kind.in_(kinds))
        .group_by(Meeting.date, Motion.outcome_kind)
    ).all()
    labels = []
    for i in range(quarters):
        month = first_month + 3 * i
        labels.append(f"{month // 12} Q{(month % 12) // 3 + 1}")
    counts = {kind: [0] * quarters for kind in kinds}
    for date, kind, count in rows:
        index = ((date.year * 12 + date.month - 1) - first_month) // 3
        if 0 <= index < quarters:
            counts[kind][index] += count
    return labels, [(kind, counts[kind]) for kind in kinds]


def outcome_totals() -> list[tuple[str | None, int]]:
    """How many published motions have each outcome kind, most first."""
    rows = db.session.execute(
        select(Motion.outcome_kind, func.count(Motion.id))
        .join(Motion.meeting)
        .where(PUBLISHED)
        .group_by(Motion.outcome_kind)
        .order_by(func.count(Motion.id).desc())
    ).all()
    return [(kind, count) for kind, count in rows]
