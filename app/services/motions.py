"""Store parsed motion records as rows, and turn rows back into the motion record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import Document, Meeting, Member, Motion, MotionOfficer, MotionPolicy, Officer, Policy, Vote
from app.parsing import MotionRecord, Roster, RosterMember
from app.parsing.records import VOTE_OPTIONS


def roster_for(meeting: Meeting) -> Roster | None:
    """The board's roster for name resolution, or None when no members are recorded."""
    members = meeting.body.members
    if not members:
        return None
    return Roster(members=[RosterMember(name=m.name, aliases=list(m.aliases or [])) for m in members])


def motions_for_document(document: Document) -> list[Motion]:
    return list(db.session.scalars(select(Motion).where(Motion.document_id == document.id)))


def replace_machine_motions(document: Document, records: list[MotionRecord]) -> list[Motion]:
    """Replace a document's machine-found motions; motions a clerk verified are kept as they are."""
    existing = motions_for_document(document)
    verified_evidence = {m.evidence for m in existing if m.review == "verified"}
    for motion in existing:
        if motion.review == "machine":
            db.session.delete(motion)
    db.session.flush()
    meeting = document.meeting
    members = {m.name: m for m in meeting.body.members}
    start = 1 + max((m.position for m in meeting.motions if m.document_id != document.id), default=0)
    created = []
    for offset, record in enumerate(records):
        if record.evidence and record.evidence in verified_evidence:
            continue
        created.append(_motion_from_record(record, meeting, document, members, position=start + offset))
    db.session.flush()
    return created


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
        review="machine",
        **{f"{option}_count": counts.get(option) for option in VOTE_OPTIONS},
    )
    db.session.add(motion)  # in the session before the look-ups below autoflush
    for vote in record.votes:
        motion.votes.append(Vote(voter_name=vote.voter, option=vote.option, member=members.get(vote.voter)))
    seen_officers: set[int] = set()
    for officer_record in record.officers:
        officer = _officer(officer_record.name, officer_record.rank, officer_record.badge)
        if officer.id not in seen_officers:
            seen_officers.add(officer.id)
            motion.officer_links.append(MotionOfficer(officer=officer))
    seen_policies: set[int] = set()
    for policy_record in record.policies:
        policy = _policy(policy_record.code, policy_record.title)
        if policy.id not in seen_policies:
            seen_policies.add(policy.id)
            motion.policy_links.append(MotionPolicy(policy=policy))
    return motion


def _officer(name: str, rank: str | None, badge: str | None) -> Officer:
    officer = db.session.scalar(select(Officer).where(Officer.name == name, Officer.rank == rank))
    if officer is None:
        officer = Officer(name=name, rank=rank, badge=badge)
        db.session.add(officer)
        db.session.flush()
    elif badge and not officer.badge:
        officer.badge = badge
    return officer


def _policy(code: str, title: str | None) -> Policy:
    policy = db.session.scalar(select(Policy).where(Policy.code == code))
    if policy is None:
        policy = Policy(code=code, title=title)
        db.session.add(policy)
        db.session.flush()
    elif title and not policy.title:
        policy.title = title
    return policy


def motion_record(motion: Motion) -> dict[str, Any]:
    """The motion record contract (DESIGN.md) for one stored motion."""
    source: dict[str, Any] = {"document": motion.document.sha256 if motion.document else None}
    if motion.source_start is not None:
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
