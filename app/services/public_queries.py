"""Read-side queries for the public pages: published records only, ever.

Every function here answers None (or nothing) for records of draft or in-review meetings,
so a view that 404s on None can never show a draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, Subquery, func, select, union
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
    stmt = select(Meeting).where(Meeting.id == meeting_id, PUBLISHED)
    return db.session.scalar(stmt.options(selectinload(Meeting.body), selectinload(Meeting.documents)))


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
    """The meeting's transcripts with their segments in time order: two queries, however many recordings."""
    documents = {document.id: document for document in meeting.documents}
    if not documents:
        return []
    transcripts = list(
        db.session.scalars(
            select(Transcript).where(Transcript.document_id.in_(documents)).order_by(Transcript.document_id)
        )
    )
    segments: dict[int, list[Segment]] = {t.id: [] for t in transcripts}
    if transcripts:
        stmt = select(Segment).where(Segment.transcript_id.in_(segments)).order_by(Segment.transcript_id, Segment.start)
        for segment in db.session.scalars(stmt):
            segments[segment.transcript_id].append(segment)
    return [TranscriptView(documents[t.document_id], t, segments[t.id]) for t in transcripts]


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


LATEST_MEETINGS = 20  # the newest published meetings searched first for the home page's decisions


def latest_decisions(*, limit: int = 6) -> list[Motion]:
    """The newest decided motions, looked for in the newest meetings first so the home page never
    sorts every motion; the whole record is searched only when those meetings hold too few."""
    newest = select(Meeting.id).where(PUBLISHED).order_by(Meeting.date.desc(), Meeting.id.desc())
    window = list(db.session.scalars(newest.limit(LATEST_MEETINGS)))
    stmt = (
        select(Motion.id)
        .join(Motion.meeting)
        .where(PUBLISHED, Motion.result != "unknown")
        .order_by(Meeting.date.desc(), Meeting.id.desc(), Motion.position)
        .limit(limit)
    )
    ids = list(db.session.scalars(stmt.where(Motion.meeting_id.in_(window)))) if window else []
    if len(ids) < limit and len(window) == LATEST_MEETINGS:
        ids = list(db.session.scalars(stmt))
    return motions_by_id(ids)


def has_published_demo() -> bool:
    stmt = select(Meeting.id).join(Meeting.body).where(PUBLISHED, Body.is_demo.is_(True)).limit(1)
    return db.session.scalar(stmt) is not None


def _officer_motion_ids(officer_id: int) -> Select:
    return select(MotionOfficer.motion_id).where(MotionOfficer.officer_id == officer_id)


def _policy_motion_ids(policy_id: int) -> Select:
    return select(MotionPolicy.motion_id).where(MotionPolicy.policy_id == policy_id)


def _member_motion_ids(member_id: int) -> Subquery:
    """Ids of the motions a commissioner voted on, moved or seconded: three index lookups, no scan."""
    return union(
        select(Vote.motion_id).where(Vote.member_id == member_id),
        select(Motion.id).where(Motion.mover_id == member_id),
        select(Motion.id).where(Motion.seconder_id == member_id),
    ).subquery()


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
    motions = _published_motions(Motion.id.in_(_officer_motion_ids(officer.id)))
    return (officer, motions) if motions else None


def _page(condition: ColumnElement[bool], *, page: int, per_page: int) -> tuple[list[Motion], int]:
    """One page of the published motions meeting `condition` (newest first), and how many there are."""
    base = select(Motion.id).join(Motion.meeting).where(PUBLISHED, condition)
    # Sort only the ids, then load the page's motions: sorting whole rows (text, evidence) costs far more.
    # The total comes with them (a window count), so the matches are found once.
    stmt = base.add_columns(func.count().over()).order_by(Meeting.date.desc(), Meeting.id.desc(), Motion.position)
    rows = db.session.execute(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    if rows or page == 1:
        total = rows[0][1] if rows else 0
    else:  # a page past the end: count them on their own
        total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    return motions_by_id([row[0] for row in rows]), total


@dataclass
class PolicyPage:
    """A policy, one page of the published motions citing it, their total and their outcomes."""

    policy: Policy
    motions: list[Motion]
    total: int
    outcomes: list[tuple[str, int]]  # outcome kind -> motions, most first


def policy_motions_page(policy_id: int, *, page: int, per_page: int) -> PolicyPage | None:
    """One page of a policy's published motions; None when no published motion cites it."""
    policy = db.session.get(Policy, policy_id) if _valid(policy_id) else None
    if policy is None:
        return None
    condition = Motion.id.in_(_policy_motion_ids(policy.id))
    motions, total = _page(condition, page=page, per_page=per_page)
    if not total:
        return None
    rows = db.session.execute(
        select(Motion.outcome_kind, func.count(Motion.id))
        .join(Motion.meeting)
        .where(PUBLISHED, condition, Motion.outcome_kind.is_not(None))
        .group_by(Motion.outcome_kind)
        .order_by(func.count(Motion.id).desc(), Motion.outcome_kind)
    ).all()
    return PolicyPage(policy, motions, total, [(kind, count) for kind, count in rows])


def roster_choices() -> list[Member]:
    """Commissioners of boards with published meetings (for the search form's suggestions)."""
    published = select(Meeting.body_id).where(PUBLISHED)
    return list(db.session.scalars(select(Member).where(Member.body_id.in_(published)).order_by(Member.name)))


def member_motions_page(member_id: int, *, page: int, per_page: int) -> tuple[Member, list[Motion], int] | None:
    """One page of the published motions a commissioner voted on, moved or seconded (newest first), and the total."""
    member = db.session.get(Member, member_id) if _valid(member_id) else None
    if member is None:
        return None
    condition = Motion.id.in_(select(_member_motion_ids(member.id)))
    motions, total = _page(condition, page=page, per_page=per_page)
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
