"""Read-side queries for the public pages: published records only, ever.

Every function here answers None (or nothing) for records of draft or in-review meetings,
so a view that 404s on None can never show a draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    Body,
    Document,
    Meeting,
    Member,
    Motion,
    MotionOfficer,
    MotionPolicy,
    Officer,
    Policy,
    Segment,
    Transcript,
    Vote,
)
from app.services.motion_search import MAX_ID

PUBLISHED = Meeting.status == "published"


def _valid(record_id: int) -> bool:
    return 0 < record_id <= MAX_ID


def _motion_details(stmt: Select) -> Select:
    return stmt.options(
        selectinload(Motion.meeting).selectinload(Meeting.body),
        selectinload(Motion.votes).selectinload(Vote.member),
        selectinload(Motion.officer_links).selectinload(MotionOfficer.officer),
        selectinload(Motion.policy_links).selectinload(MotionPolicy.policy),
        selectinload(Motion.document),
        selectinload(Motion.agenda_item),
    )


def published_meeting(meeting_id: int) -> Meeting | None:
    if not _valid(meeting_id):
        return None
    return db.session.scalar(select(Meeting).where(Meeting.id == meeting_id, PUBLISHED))


def published_motion(motion_id: int) -> Motion | None:
    if not _valid(motion_id):
        return None
    stmt = select(Motion).join(Motion.meeting).where(Motion.id == motion_id, PUBLISHED)
    return db.session.scalar(_motion_details(stmt))


def published_document(document_id: int) -> Document | None:
    if not _valid(document_id):
        return None
    # A file still holding text redacted from the public copy is withheld (issue 7; redaction.py).
    stmt = select(Document).join(Document.meeting).where(Document.id == document_id, PUBLISHED)
    return db.session.scalar(stmt.where(Document.file_withheld.is_(False)))


def meeting_motions(meeting: Meeting) -> list[Motion]:
    stmt = select(Motion).where(Motion.meeting_id == meeting.id).order_by(Motion.position, Motion.id)
    return list(db.session.scalars(_motion_details(stmt)))


@dataclass
class MotionGroup:
    """Motions read from one document, under a heading that says where they came from."""

    heading: str
    document: Document | None
    motions: list[Motion]


def source_heading(document: Document | None) -> str:
    if document is None:
        return "Entered by the clerk"
    if document.kind == "audio":
        return "Heard in the audio"
    if document.kind == "video":
        return "Heard in the video"
    label = document.kind if document.kind in ("agenda", "minutes", "decision") else "document"
    return f"Read from the {label} (PDF)"


def group_by_source(motions: list[Motion]) -> list[MotionGroup]:
    """Group a meeting's motions by the document they were read from, in document order."""
    groups: dict[int | None, MotionGroup] = {}
    for motion in motions:
        key = motion.document_id
        if key not in groups:
            groups[key] = MotionGroup(source_heading(motion.document), motion.document, [])
        groups[key].motions.append(motion)
    return sorted(groups.values(), key=lambda g: (g.document is None, g.document.id if g.document else 0))


@dataclass
class TranscriptView:
    document: Document
    transcript: Transcript
    segments: list[Segment]


def meeting_transcripts(meeting: Meeting) -> list[TranscriptView]:
    views = []
    for document in meeting.documents:
        if document.transcript is not None:
            segments = list(
                db.session.scalars(
                    select(Segment).where(Segment.transcript_id == document.transcript.id).order_by(Segment.start)
                )
            )
            views.append(TranscriptView(document, document.transcript, segments))
    return views


def recent_meetings(*, limit: int = 10, offset: int = 0) -> list[Meeting]:
    stmt = (
        select(Meeting)
        .where(PUBLISHED)
        .options(selectinload(Meeting.body))
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(db.session.scalars(stmt))


def published_meeting_count() -> int:
    return db.session.scalar(select(func.count(Meeting.id)).where(PUBLISHED)) or 0


def motion_counts(meeting_ids: list[int]) -> dict[int, int]:
    if not meeting_ids:
        return {}
    stmt = select(Motion.meeting_id, func.count(Motion.id)).where(Motion.meeting_id.in_(meeting_ids))
    return {meeting_id: count for meeting_id, count in db.session.execute(stmt.group_by(Motion.meeting_id))}


def latest_decisions(*, limit: int = 6) -> list[Motion]:
    stmt = (
        select(Motion)
        .join(Motion.meeting)
        .where(PUBLISHED, Motion.result != "unknown")
        .order_by(Meeting.date.desc(), Meeting.id.desc(), Motion.position)
        .limit(limit)
    )
    return list(db.session.scalars(_motion_details(stmt)))


def has_published_demo() -> bool:
    stmt = select(Meeting.id).join(Meeting.body).where(PUBLISHED, Body.is_demo.is_(True)).limit(1)
    return db.session.scalar(stmt) is not None


def _published_motions(condition: ColumnElement[bool]) -> list[Motion]:
    stmt = (
        select(Motion)
        .join(Motion.meeting)
        .where(PUBLISHED, condition)
        .order_by(Meeting.date.desc(), Meeting.id.desc(), Motion.position)
    )
    return list(db.session.scalars(_motion_details(stmt)))


def officer_with_motions(officer_id: int) -> tuple[Officer, list[Motion]] | None:
    """An officer and the published motions about them; None when no published motion names them."""
    officer = db.session.get(Officer, officer_id) if _valid(officer_id) else None
    if officer is None:
        return None
    motions = _published_motions(Motion.officer_links.any(MotionOfficer.officer_id == officer.id))
    return (officer, motions) if motions else None


def policy_with_motions(policy_id: int) -> tuple[Policy, list[Motion]] | None:
    """A policy and the published motions citing it; None when no published motion cites it."""
    policy = db.session.get(Policy, policy_id) if _valid(policy_id) else None
    if policy is None:
        return None
    motions = _published_motions(Motion.policy_links.any(MotionPolicy.policy_id == policy.id))
    return (policy, motions) if motions else None


@dataclass
class MemberRecord:
    member: Member
    motions: list[Motion]
    votes: dict[int, str]  # motion id -> this member's vote option


def member_record(member_id: int) -> MemberRecord | None:
    """A commissioner and the published motions they voted on, moved or seconded."""
    member = db.session.get(Member, member_id) if _valid(member_id) else None
    if member is None:
        return None
    condition = or_(
        Motion.votes.any(Vote.member_id == member.id), Motion.mover_id == member.id, Motion.seconder_id == member.id
    )
    motions = _published_motions(condition)
    votes = {}
    for motion in motions:
        for vote in motion.votes:
            if vote.member_id == member.id:
                votes[motion.id] = vote.option
    return MemberRecord(member, motions, votes)


def roster_choices() -> list[Member]:
    """Commissioners of boards with published meetings (for the search form's suggestions)."""
    published = select(Meeting.body_id).where(PUBLISHED)
    return list(db.session.scalars(select(Member).where(Member.body_id.in_(published)).order_by(Member.name)))


def member_motions_page(member_id: int, *, page: int, per_page: int) -> tuple[Member, list[Motion], int] | None:
    """One page of the published motions a commissioner voted on, moved or seconded (newest first), and the total."""
    member = db.session.get(Member, member_id) if _valid(member_id) else None
    if member is None:
        return None
    condition = or_(
        Motion.votes.any(Vote.member_id == member.id), Motion.mover_id == member.id, Motion.seconder_id == member.id
    )
    base = select(Motion).join(Motion.meeting).where(PUBLISHED, condition)
    total = db.session.scalar(select(func.count()).select_from(base.with_only_columns(Motion.id).subquery())) or 0
    stmt = base.order_by(Meeting.date.desc(), Meeting.id.desc(), Motion.position).limit(per_page)
    motions = list(db.session.scalars(_motion_details(stmt.offset((page - 1) * per_page))))
    return member, motions, total


def motions_by_id(ids: list[int]) -> list[Motion]:
    """Published motions with their details, in the order of `ids`."""
    if not ids:
        return []
    stmt = select(Motion).join(Motion.meeting).where(PUBLISHED, Motion.id.in_(ids))
    found = {m.id: m for m in db.session.scalars(_motion_details(stmt))}
    return [found[i] for i in ids if i in found]


def document_segments(document: Document) -> list[Segment] | None:
    """The transcript segments of a published recording in time order; None when it has no transcript."""
    transcript = db.session.scalar(select(Transcript).where(Transcript.document_id == document.id))
    if transcript is None or not document.is_media:
        return None
    return list(
        db.session.scalars(select(Segment).where(Segment.transcript_id == transcript.id).order_by(Segment.start))
    )
