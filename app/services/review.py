"""A clerk's review of a meeting's motions: edit, add, delete, merge, split, verify.

Every change is made under optimistic locking: the clerk's form carries the motion's version,
and a save made from an older version is refused with who changed it and when (no lost update).
A motion a clerk touches becomes "verified", so re-reading its document never overwrites it.
After publication a change is a correction: it needs a reason and is kept as a MotionRevision,
which the public motion page shows. Functions flush; the request commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.models import AgendaItem, Meeting, Motion, MotionOfficer, MotionPolicy, MotionRevision, User, Vote
from app.models.motion import RESULTS, VOTE_OPTIONS
from app.models.time import utcnow
from app.models.visibility import INCLUDE_RETIRED
from app.parsing.records import CLASSIFICATIONS
from app.services import audit, registers
from app.services.motions import motion_record


class ReviewError(Exception):
    """A change that cannot be made as asked; the message says what to fix."""


class StaleMotion(Exception):
    """The motion changed since the clerk's form was loaded."""

    def __init__(self, motion: Motion | None = None) -> None:
        self.motion = motion
        super().__init__(stale_message(motion))


def stale_message(motion: Motion | None) -> str:
    """ "Changed by Ana at 2026-10-07 14:03 UTC; reload to see their change." """
    if motion is None:
        return "Someone else changed this motion while you were editing; reload to see their change."
    who = motion.updated_by.name or motion.updated_by.email if motion.updated_by else "the reader (a re-run)"
    when = motion.updated_at.strftime("%Y-%m-%d %H:%M UTC") if motion.updated_at else "just now"
    return f"Changed by {who} at {when}; reload to see their change. Your edits were not saved."


@dataclass
class MotionEdit:
    """Every field a clerk can set on a motion, as parsed from the review form."""

    text: str
    classification: str = "other"
    agenda_item_id: int | None = None
    mover: str | None = None
    seconder: str | None = None
    result: str = "unknown"
    counts: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(VOTE_OPTIONS))
    votes: list[tuple[str, str]] = field(default_factory=list)  # (voter as written, option)
    officers: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (name, rank, badge)
    policies: list[tuple[str, str | None]] = field(default_factory=list)  # (code, title)
    outcome_kind: str | None = None
    outcome_days: int | None = None
    outcome_paid: bool | None = None
    outcome_text: str | None = None

    @classmethod
    def of(cls, motion: Motion) -> MotionEdit:
        """The motion as it stands, as an edit (to change a few fields of)."""
        return cls(
            text=motion.text,
            classification=motion.classification,
            agenda_item_id=motion.agenda_item_id,
            mover=motion.mover,
            seconder=motion.seconder,
            result=motion.result,
            counts=motion.counts(),
            votes=[(v.voter_name, v.option) for v in motion.votes],
            officers=[(o.name, o.rank, o.badge) for o in motion.officers],
            policies=[(p.code, p.title) for p in motion.policies],
            outcome_kind=motion.outcome_kind,
            outcome_days=motion.outcome_days,
            outcome_paid=motion.outcome_paid,
            outcome_text=motion.outcome_text,
        )


def snapshot(motion: Motion) -> dict[str, Any]:
    """The motion as the audit and revisions keep it: the motion record plus review fields."""
    record = motion_record(motion)
    record.pop("meeting", None)
    record.update(
        agenda_item_id=motion.agenda_item_id,
        version=motion.version,
        superseded_by_id=motion.superseded_by_id,
        position=motion.position,
    )
    return record


def get_motion(motion_id: int) -> Motion | None:
    """A motion by id, retired ones included (the back office sees everything)."""
    return db.session.get(Motion, motion_id, execution_options=INCLUDE_RETIRED)


def meeting_motions(meeting: Meeting, *, include_retired: bool = False) -> list[Motion]:
    stmt = select(Motion).where(Motion.meeting_id == meeting.id).order_by(Motion.position, Motion.id)
    if include_retired:
        stmt = stmt.execution_options(**INCLUDE_RETIRED)
    return list(db.session.scalars(stmt))


def check_version(motion: Motion, expected_version: int | None) -> None:
    """Refuse a change made from a form showing another version of the motion."""
    if expected_version is not None and motion.version != expected_version:
        raise StaleMotion(motion)


def _needs_reason(meeting: Meeting, reason: str | None) -> str | None:
    reason = " ".join((reason or "").split())[:1000] or None
    if meeting.is_published and not reason:
        raise ReviewError(
            "This meeting is published, so this is a correction of the public record: "
            "give the reason for it (it is shown on the public motion page)."
        )
    return reason


def _apply(motion: Motion, edit: MotionEdit) -> list[str]:
    """Set every field of the motion from the edit; return warnings for the clerk.

    Everything that reads the database (names, agenda item, officers, policies) is resolved
    first; the motion's own columns are set last, with no flush in between, so one save is one
    UPDATE of the row and moves its version once.
    """
    text = " ".join((edit.text or "").split())
    if not text:
        raise ReviewError("Give the motion's text (what was moved).")
    if edit.classification not in CLASSIFICATIONS:
        raise ReviewError(f"Choose a kind of motion: {', '.join(CLASSIFICATIONS)}.")
    if edit.result not in RESULTS:
        raise ReviewError(f"Choose a result: {', '.join(RESULTS)}.")
    for option, count in edit.counts.items():
        if option not in VOTE_OPTIONS or (count is not None and not 0 <= count <= 1000):
            raise ReviewError("Counts must be whole numbers from 0 to 1000, or left empty when the record gives none.")
    if edit.outcome_days is not None and not 0 <= edit.outcome_days <= 3650:
        raise ReviewError("Outcome days must be a number of days from 0 to 3650.")
    agenda_item = None
    if edit.agenda_item_id is not None:
        agenda_item = db.session.get(AgendaItem, edit.agenda_item_id)
        if agenda_item is None or agenda_item.meeting_id != motion.meeting_id:
            raise ReviewError("That agenda item is not on this meeting's agenda.")
    body = motion.meeting.body
    people = {}
    for attr in ("mover", "seconder"):
        raw = " ".join((getattr(edit, attr) or "").split())[:200] or None
        people[attr] = (raw, registers.resolve_member(body, raw))
    votes: list[Vote] = []
    seen: set[str] = set()
    for voter, option in edit.votes:
        voter = " ".join((voter or "").split())[:200]
        if not voter or not option:
            continue
        if option not in VOTE_OPTIONS:
            raise ReviewError(f"A vote must be one of: {', '.join(VOTE_OPTIONS)}.")
        member = registers.resolve_member(body, voter)
        name = member.name if member else voter
        if name.lower() in seen:
            raise ReviewError(f"{name} has two votes on this motion; keep one.")
        seen.add(name.lower())
        votes.append(Vote(voter_name=name, option=option, member=member))
    counts = dict(edit.counts)
    warnings = []
    named = {option: sum(1 for v in votes if v.option == option) for option in VOTE_OPTIONS}
    if votes and all(value is None for value in counts.values()):
        counts = named  # the record names every vote and states no tally: count them
    elif votes and _disagree(named, counts, len(votes)):
        warnings.append(
            f"The named votes give {named['yes']}-{named['no']} but the counts say "
            f"{counts['yes'] or 0}-{counts['no'] or 0}; both were kept as you entered them."
        )
    _set_links(motion, edit)
    with db.session.no_autoflush:
        motion.text = text
        motion.classification = edit.classification
        motion.agenda_item = agenda_item
        motion.result = edit.result
        for attr, (raw, member) in people.items():
            setattr(motion, attr, member.name if member else raw)
            setattr(motion, f"{attr}_member", member)
        motion.votes.clear()
        motion.votes.extend(votes)
        for option in VOTE_OPTIONS:
            setattr(motion, f"{option}_count", counts.get(option))
        motion.outcome_kind = (edit.outcome_kind or "").strip()[:40] or None
        motion.outcome_days = edit.outcome_days
        motion.outcome_paid = edit.outcome_paid
        motion.outcome_text = (edit.outcome_text or "").strip() or None
    return warnings


def _disagree(named: dict[str, int], counts: dict[str, int | None], voters: int) -> bool:
    """Whether named votes contradict the stated counts (more named than counted, or all named and unequal)."""
    stated = {option: count for option, count in counts.items() if count is not None}
    if any(named[option] > count for option, count in stated.items()):
        return True
    return voters >= sum(stated.values()) and any(named[option] != count for option, count in stated.items())


def _set_links(motion: Motion, edit: MotionEdit) -> None:
    motion.officer_links.clear()
    motion.policy_links.clear()
    db.session.flush()
    officer_ids: set[int] = set()
    for name, rank, badge in edit.officers:
        name = " ".join((name or "").split())[:200]
        if name:
            officer = registers.find_officer(
                name, (rank or "").strip()[:80] or None, (badge or "").strip()[:40] or None
            )
            if officer.id not in officer_ids:
                officer_ids.add(officer.id)
                motion.officer_links.append(MotionOfficer(officer=officer))
    policy_ids: set[int] = set()
    for code, title in edit.policies:
        code = " ".join((code or "").split())[:100]
        if code:
            policy = registers.find_policy(code, (title or "").strip()[:300] or None)
            if policy.id not in policy_ids:
                policy_ids.add(policy.id)
                motion.policy_links.append(MotionPolicy(policy=policy))


def _finish(motion: Motion, before: dict[str, Any] | None, action: str, user: User | None, reason: str | None) -> None:
    """Stamp, flush (the version check), then the revision, the audit event and the search rows."""
    with db.session.no_autoflush:  # reading the user must not flush the motion early (one UPDATE per save)
        motion.updated_by = user if user is not None and getattr(user, "is_authenticated", False) else None
        motion.updated_at = utcnow()  # always an UPDATE of the row, so the version moves even for a vote-only edit
    try:
        db.session.flush()
    except StaleDataError as exc:
        raise StaleMotion() from exc
    after = snapshot(motion)
    if motion.meeting.is_published and reason:
        revision = MotionRevision(
            motion_id=motion.id,
            version=motion.version,
            reason=reason,
            user_id=motion.updated_by_id,
            before=before or {},
        )
        revision.after = after
        db.session.add(revision)
        db.session.flush()
        db.session.expire(motion, ["revisions"])  # by id, not through the collection: no second UPDATE of the row
    audit.record(action, "motion", motion.id, before=before, after={**after, "reason": reason}, user=user)
    from app.services import search

    search.reindex_meeting(motion.meeting)


def update_motion(
    motion: Motion, edit: MotionEdit, *, expected_version: int | None, user: User | None, reason: str | None = None
) -> list[str]:
    """Save a clerk's edit of every field and mark the motion verified; return warnings (flushes)."""
    check_version(motion, expected_version)
    reason = _needs_reason(motion.meeting, reason)
    before = snapshot(motion)
    warnings = _apply(motion, edit)
    motion.review = "verified"
    _finish(motion, before, "motion.update", user, reason)
    return warnings


def verify_motion(motion: Motion, *, expected_version: int | None, user: User | None) -> Motion:
    """Confirm a machine-read motion as it stands (flushes)."""
    check_version(motion, expected_version)
    if motion.review == "verified":
        return motion
    before = snapshot(motion)
    motion.review = "verified"
    _finish(motion, before, "motion.verify", user, None)
    return motion


def add_motion(meeting: Meeting, edit: MotionEdit, *, user: User | None, reason: str | None = None) -> Motion:
    """A motion the machine missed, entered by the clerk (verified; flushes)."""
    reason = _needs_reason(meeting, reason)
    position = 1 + max((m.position for m in meeting_motions(meeting, include_retired=True)), default=0)
    motion = Motion(meeting=meeting, text=edit.text or "", position=position, review="verified", confidence=None)
    db.session.add(motion)
    _apply(motion, edit)
    _finish(motion, None, "motion.create", user, reason)
    return motion


def delete_motion(motion: Motion, *, expected_version: int | None, user: User | None, reason: str | None) -> None:
    """Take a motion out of the record (it is kept, marked deleted, so no re-reading brings it back)."""
    check_version(motion, expected_version)
    reason = _needs_reason(motion.meeting, reason)
    before = snapshot(motion)
    motion.review = "deleted"
    _finish(motion, before, "motion.delete", user, reason)


def merge_motions(
    keep: Motion,
    other: Motion,
    *,
    versions: tuple[int | None, int | None],
    user: User | None,
    reason: str | None,
    take: dict[str, str] | None = None,
    edit: MotionEdit | None = None,
) -> Motion:
    """Fold `other` into `keep`: `keep` fills its empty fields from `other` (or takes the fields named in
    `take` from it, or takes `edit` whole), becomes verified, and `other` is retired as merged into it (flushes)."""
    if keep.id == other.id or keep.meeting_id != other.meeting_id:
        raise ReviewError("Choose two different motions of the same meeting to merge.")
    if not keep.is_live or not other.is_live:
        raise ReviewError("One of those motions is already merged or deleted; reload the page.")
    check_version(keep, versions[0])
    check_version(other, versions[1])
    reason = _needs_reason(keep.meeting, reason)
    before, other_before = snapshot(keep), snapshot(other)
    if edit is None:
        edit = combined_edit(keep, other, take or {})
    _apply(keep, edit)
    keep.review = "verified"
    _keep_timing(keep, other)
    other.review = "merged"
    other.superseded_by = keep
    _finish(keep, before, "motion.merge", user, reason)
    _finish(other, other_before, "motion.retire", user, None)
    return keep


def heard(motion: Motion) -> bool:
    """Whether the motion's source is a moment of a recording."""
    return motion.source_start is not None and motion.document is not None and motion.document.is_media


def _keep_timing(keep: Motion, other: Motion) -> None:
    """The kept motion keeps the moment the other was heard, so "play from here" still works.

    A motion read from the minutes keeps its document and page and gains the recording's start
    and end (the recording is found through the merged motion: see reconcile.recording_of); one entered
    by hand takes the recording as its source.
    """
    if heard(keep) or not heard(other) or (keep.source_start is not None and keep.document is not None):
        return
    if keep.document is None:
        keep.document = other.document
    keep.source_start, keep.source_end = other.source_start, other.source_end


FIELDS = ("text", "classification", "agenda_item_id", "mover", "seconder", "result", "counts", "votes")
FIELDS += ("officers", "policies", "outcome")


def combined_edit(keep: Motion, other: Motion, take: dict[str, str]) -> MotionEdit:
    """`keep` as an edit, each field in `take` set to "other" taken from `other`, empty fields filled from it."""
    mine, theirs = MotionEdit.of(keep), MotionEdit.of(other)
    for name in FIELDS:
        attrs = ("outcome_kind", "outcome_days", "outcome_paid", "outcome_text") if name == "outcome" else (name,)
        from_other = take.get(name) == "other"
        for attr in attrs:
            value = getattr(mine, attr)
            empty = value in (None, "", []) or (attr == "counts" and all(v is None for v in value.values()))
            if from_other or (empty and take.get(name) != "keep"):
                setattr(mine, attr, getattr(theirs, attr))
    return mine


def split_motion(
    motion: Motion,
    first_text: str,
    second_text: str,
    *,
    expected_version: int | None,
    user: User | None,
    reason: str | None,
) -> tuple[Motion, Motion]:
    """Split a motion the reader ran together: the first keeps everything but its text, the second
    gets the rest of the text and the same source, with no votes yet (both verified; flushes)."""
    check_version(motion, expected_version)
    reason = _needs_reason(motion.meeting, reason)
    if not " ".join((first_text or "").split()) or not " ".join((second_text or "").split()):
        raise ReviewError("Give the text of both motions to split this one in two.")
    before = snapshot(motion)
    for later in meeting_motions(motion.meeting, include_retired=True):
        if later.position > motion.position:
            later.position += 1
    edit = MotionEdit.of(motion)
    edit.text = first_text
    _apply(motion, edit)
    motion.review = "verified"
    second = Motion(
        meeting=motion.meeting,
        document=motion.document,
        agenda_item=motion.agenda_item,
        position=motion.position + 1,
        text=second_text,
        classification=motion.classification,
        source_page=motion.source_page,
        source_start=motion.source_start,
        source_end=motion.source_end,
        evidence=motion.evidence,
        confidence=motion.confidence,
        review="verified",
    )
    db.session.add(second)
    _apply(
        second, MotionEdit(text=second_text, classification=motion.classification, agenda_item_id=motion.agenda_item_id)
    )
    _finish(motion, before, "motion.split", user, reason)
    _finish(second, None, "motion.create", user, reason)
    return motion, second
