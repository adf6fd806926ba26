"""Voting records for the public pages: a commissioner's votes against the board's majority,
their dissents and attendance, the divided votes of a meeting, and outcomes per quarter.

Published meetings only, like every public query. Vote arithmetic is in pure functions
(`majority`, `tally_of`, `attendance_of`) so the pictures and the tables beside them agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.extensions import db
from app.models import Meeting, Member, Motion, Vote
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
    """Everything the commissioner page shows beside the list of motions."""

    votes: list[CastVote]  # newest first
    tally: dict[str, int] = field(default_factory=dict)
    attendance: list[MeetingAttendance] = field(default_factory=list)

    @property
    def dissents(self) -> list[CastVote]:
        return [vote for vote in self.votes if vote.dissent]

    @property
    def attendance_counts(self) -> Counter[str]:
        return Counter(item.status for item in self.attendance)


def member_votes(member: Member) -> VotingSummary:
    """All of a commissioner's votes on published motions, newest first, with majorities and attendance."""
    rows = db.session.execute(
        select(
            Vote.option, Motion.id, Motion.meeting_id, Motion.position, Motion.yes_count, Motion.no_count, Meeting.date
        )
        .join(Motion, Motion.id == Vote.motion_id)
        .join(Meeting, Meeting.id == Motion.meeting_id)
        .where(Vote.member_id == member.id, PUBLISHED)
        .order_by(Meeting.date.desc(), Motion.meeting_id.desc(), Motion.position.desc(), Motion.id.desc())
    ).all()
    unstated = [row.id for row in rows if row.yes_count is None and row.no_count is None]
    counted = _named_tallies(unstated)
    votes = []
    for row in rows:
        yes, no = (row.yes_count, row.no_count) if row.id not in counted else counted[row.id]
        votes.append(CastVote(row.id, row.meeting_id, row.date, row.position, row.option, majority(yes, no)))
    per_meeting: dict[int, list[str]] = defaultdict(list)
    dates: dict[int, dt.date] = {}
    for vote in votes:
        per_meeting[vote.meeting_id].append(vote.option)
        dates[vote.meeting_id] = vote.date
    attendance = [MeetingAttendance(mid, dates[mid], attendance_of(options)) for mid, options in per_meeting.items()]
    tally = Counter(vote.option for vote in votes)
    return VotingSummary(votes, {option: tally.get(option, 0) for option in VOTE_OPTIONS}, attendance)


def _named_tallies(motion_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Yes and no counted from the named votes, for motions whose record states no tally."""
    found: dict[int, tuple[int, int]] = {}
    for start in range(0, len(motion_ids), 500):
        chunk = motion_ids[start : start + 500]
        rows = db.session.execute(
            select(Vote.motion_id, Vote.option, func.count())
            .where(Vote.motion_id.in_(chunk), Vote.option.in_(("yes", "no")))
            .group_by(Vote.motion_id, Vote.option)
        ).all()
        for motion_id in chunk:
            found[motion_id] = (0, 0)
        for motion_id, option, count in rows:
            yes, no = found[motion_id]
            found[motion_id] = (count, no) if option == "yes" else (yes, count)
    return found


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
