"""Store parsed motion records as rows, and turn rows back into the motion record."""

from __future__ import annotations

import difflib
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import Document, Meeting, Member, Motion, MotionOfficer, MotionPolicy, Vote
from app.models.visibility import INCLUDE_RETIRED
from app.parsing import MotionRecord, Roster
from app.parsing.records import VOTE_OPTIONS
from app.services import registers


def roster_for(meeting: Meeting) -> Roster | None:
    """The board's roster for name resolution, or None when no members are recorded."""
    return registers.roster(meeting.body)


def motions_for_document(document: Document, *, include_retired: bool = False) -> list[Motion]:
    """The motions read from a document; merged and deleted ones too when `include_retired`."""
    stmt = select(Motion).where(Motion.document_id == document.id).order_by(Motion.position, Motion.id)
    if include_retired:
        stmt = stmt.execution_options(**INCLUDE_RETIRED)
    return list(db.session.scalars(stmt))


def replace_machine_motions(document: Document, records: list[MotionRecord]) -> list[Motion]:
    """Replace a document's machine-found motions with `records` (flushes).

    What a clerk touched is kept as it is: verified motions, and merged or deleted ones (so a
    re-reading cannot bring back a motion the clerk folded into another or threw out). A record
    that is one of those (same evidence, or the same place in the source) is not added again.
    """
    existing = motions_for_document(document, include_retired=True)
    kept = [m for m in existing if m.review != "machine"]
    for motion in existing:
        if motion.review == "machine":
            db.session.delete(motion)
    db.session.flush()
    meeting = document.meeting
    members = {m.name: m for m in meeting.body.members}
    agenda = {item.number: item for item in meeting.agenda_items if item.number}
    others = [m.position for m in meeting.motions if m.document_id != document.id]
    start = 1 + max(others, default=0)
    created = []
    for offset, record in enumerate(records):
        if any(_same_finding(record, motion) for motion in kept):
            continue
        motion = _motion_from_record(record, meeting, document, members, position=start + offset)
        motion.agenda_item = agenda.get(record.agenda_item or "")
        created.append(motion)
    db.session.flush()
    return created


def _same_finding(record: MotionRecord, motion: Motion) -> bool:
    """Whether a fresh reading's record is a motion the clerk already handled."""
    if record.evidence and motion.evidence and _squash(record.evidence) == _squash(motion.evidence):
        return True
    source = record.source
    if source.start is not None and motion.source_start is not None:
        same_place = abs(source.start - motion.source_start) < 2.0
    elif source.page is not None and motion.source_page is not None:
        same_place = source.page == motion.source_page
    else:
        return False
    if not same_place or not record.evidence or not motion.evidence:
        return False
    return difflib.SequenceMatcher(None, _squash(record.evidence), _squash(motion.evidence)).ratio() >= 0.85


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _motion_from_record(
    record: MotionRecord, meeting: Meeting, document: Document, members: dict[str, Member], *, position: int
) -> Motion:
    counts = record.counts
    motion = Motion(
        meeting=meeting,
        document=document,
        position=position,
        text=record.text,
        classification=record.classification,
        mover=record.mover,
        seconder=record.seconder,
        mover_member=members.get(record.mover or ""),
        seconder_member=members.get(record.seconder or ""),
        result=record.result,
        outcome_kind=record.outcome.kind,
        outcome_days=record.outcome.days,
        outcome_paid=record.outcome.paid,
        outcome_text=record.outcome.text,
        source_page=record.source.page,
        source_start=record.source.start,
        source_end=record.source.end,
        evidence=record.evidence,
        confidence=record.confidence,
        flags=list(getattr(record, "flags", []) or []),
        review="machine",
        **{f"{option}_count": counts.get(option) for option in VOTE_OPTIONS},
    )
    db.session.add(motion)  # in the session before the look-ups below autoflush
    for vote in record.votes:
        motion.votes.append(Vote(voter_name=vote.voter, option=vote.option, member=members.get(vote.voter)))
    seen_officers: set[int] = set()
    for officer_record in record.officers:
        officer = registers.find_officer(officer_record.name, officer_record.rank, officer_record.badge)
        if officer.id not in seen_officers:
            seen_officers.add(officer.id)
            motion.officer_links.append(MotionOfficer(officer=officer))
    seen_policies: set[int] = set()
    for policy_record in record.policies:
        policy = registers.find_policy(policy_record.code, policy_record.title)
        if policy.id not in seen_policies:
            seen_policies.add(policy.id)
            motion.policy_links.append(MotionPolicy(policy=policy))
    return motion


def motion_record(motion: Motion) -> dict[str, Any]:
    """The motion record contract (DESIGN.md) for one stored motion."""
    source: dict[str, Any] = {"document": motion.document.sha256 if motion.document else None}
    if motion.source_start is not None and (motion.document is None or motion.document.is_media):
        source.update(start=motion.source_start, end=motion.source_end)
    else:
        source["page"] = motion.source_page
    return {
        "id": motion.id,
        "meeting": {"id": motion.meeting.id, "body": motion.meeting.body.name, "date": motion.meeting.date.isoformat()},
        "agenda_item": motion.agenda_item.title if motion.agenda_item else None,
        "text": motion.text,
        "classification": motion.classification,
        "mover": motion.mover,
        "seconder": motion.seconder,
        "result": motion.result,
        "counts": motion.counts(),
        "votes": [{"voter": v.voter_name, "option": v.option} for v in motion.votes],
        "officers": [{"name": o.name, "rank": o.rank, "badge": o.badge} for o in motion.officers],
        "policies": [{"code": p.code, "title": p.title} for p in motion.policies],
        "outcome": {
            "kind": motion.outcome_kind,
            "days": motion.outcome_days,
            "paid": motion.outcome_paid,
            "text": motion.outcome_text,
        },
        "source": source,
        "evidence": motion.evidence,
        "confidence": motion.confidence,
        "review": motion.review,
    }
