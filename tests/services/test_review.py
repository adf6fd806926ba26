"""Reviewing motions: every field editable, optimistic locking, re-reading keeps a clerk's work, corrections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select, text

from app.extensions import db

PAGE_TEXT = (
    "4. DEPARTMENT DIRECTIVE 305.2\n"
    "Commissioner Rivera moved, seconded by Commissioner Brooks, to adopt revised\n"
    "Directive 305.2. The motion carried 2-1. Ayes: Rivera, Brooks. Noes: Hughes.\n"
)
EVIDENCE = "Commissioner Rivera moved, seconded by Commissioner Brooks, to adopt revised Directive 305.2."


@dataclass
class Built:
    meeting_id: int
    document_id: int
    motion_id: int
    clerk_id: int
    other_clerk_id: int


def build_meeting(status: str = "draft") -> Built:
    """A board of three, a meeting with a minutes PDF row and one machine-read motion (inside an app context)."""
    from app.models import Body, Document, DocumentPage, Meeting, Member, Motion, Vote
    from app.services.accounts import create_user

    clerk = create_user(email="ana@example.org", password="correct horse battery", name="Ana Clerk")
    other = create_user(email="ben@example.org", password="correct horse battery", name="Ben Clerk")
    body = Body(name="Harbor Test Board")
    members = [
        Member(body=body, name="Paul Rivera", aliases=["Rivera", "Riviera"]),
        Member(body=body, name="Thomas Brooks", aliases=["Brooks"]),
        Member(body=body, name="Diane Hughes", aliases=["Hughes", "Hughs"]),
    ]
    meeting = Meeting(body=body, date=dt.date(2026, 10, 6), title="Regular meeting", status=status)
    document = Document(
        meeting=meeting,
        kind="minutes",
        original_filename="minutes.pdf",
        sha256="a" * 64,
        size=10,
        mime_type="application/pdf",
        status="processed",
    )
    document.pages.append(DocumentPage(number=1, text=PAGE_TEXT))
    motion = Motion(
        meeting=meeting,
        document=document,
        position=1,
        text="to adopt revised Directive 305.2",
        classification="policy",
        mover="Paul Rivera",
        seconder="Thomas Brooks",
        mover_member=members[0],
        seconder_member=members[1],
        result="passed",
        yes_count=2,
        no_count=1,
        source_page=1,
        evidence=EVIDENCE,
        confidence=0.8,
    )
    motion.votes.append(Vote(voter_name="Paul Rivera", option="yes", member=members[0]))
    db.session.add_all([body, *members, meeting, document, motion])
    if status == "published":
        meeting.published_at = dt.datetime(2026, 10, 7)
    db.session.commit()
    return Built(meeting.id, document.id, motion.id, clerk.id, other.id)


def _edit(**changes):
    from app.services.review import MotionEdit

    fields = {
        "text": "to adopt revised Directive 305.2, Body-Worn Camera Activation",
        "classification": "policy",
        "mover": "Rivera",
        "seconder": "Brooks",
        "result": "passed",
        "votes": [("Rivera", "yes"), ("Brooks", "yes"), ("Hughs", "no")],
        "officers": [("Dana Whitfield", "Sergeant", "4417")],
        "policies": [("Directive 305.2", "Body-Worn Camera Activation")],
        "outcome_kind": "approved",
    }
    fields.update(changes)
    return MotionEdit(**fields)


def test_a_clerk_edits_every_field_and_the_motion_becomes_verified(app):
    from app.models import AuditEvent, Motion, User
    from app.services import review

    with app.app_context():
        built = build_meeting()
        motion = db.session.get(Motion, built.motion_id)
        clerk = db.session.get(User, built.clerk_id)
        review.update_motion(motion, _edit(outcome_days=30, outcome_paid=False), expected_version=1, user=clerk)
        db.session.commit()
        motion = db.session.get(Motion, built.motion_id)
        assert motion.review == "verified" and motion.version == 2 and motion.updated_by_id == clerk.id
        assert motion.text.endswith("Body-Worn Camera Activation")
        assert [(v.voter_name, v.option, v.member.name) for v in motion.votes] == [
            ("Paul Rivera", "yes", "Paul Rivera"),
            ("Thomas Brooks", "yes", "Thomas Brooks"),
            ("Diane Hughes", "no", "Diane Hughes"),  # "Hughs" resolved through the roster's aliases
        ]
        assert motion.counts()["yes"] == 2 and motion.counts()["no"] == 1  # counted from the named votes
        assert [o.badge for o in motion.officers] == ["4417"]
        assert [p.title for p in motion.policies] == ["Body-Worn Camera Activation"]
        assert (motion.outcome_days, motion.outcome_paid) == (30, False)
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "motion.update")).one()
        assert event.user_id == clerk.id and event.before["review"] == "machine" and event.after["review"] == "verified"


def test_a_save_from_an_older_version_is_refused_with_who_and_when(app):
    """Two clerks open the same motion; the second save is refused and nothing of the first is lost."""
    from app.models import Motion, User
    from app.services import review

    with app.app_context():
        built = build_meeting()
        ana, ben = db.session.get(User, built.clerk_id), db.session.get(User, built.other_clerk_id)
        review.update_motion(
            db.session.get(Motion, built.motion_id), _edit(result="failed"), expected_version=1, user=ana
        )
        db.session.commit()
        with pytest.raises(review.StaleMotion, match=r"Changed by Ana Clerk at \d{4}-\d\d-\d\d \d\d:\d\d UTC; reload"):
            review.update_motion(
                db.session.get(Motion, built.motion_id), _edit(result="tabled"), expected_version=1, user=ben
            )
        db.session.rollback()
        assert db.session.get(Motion, built.motion_id).result == "failed"


def test_a_concurrent_write_between_check_and_save_is_refused_by_the_database(app):
    from app.models import Motion, User
    from app.services import review

    with app.app_context():
        built = build_meeting()
        motion = db.session.get(Motion, built.motion_id)
        with db.engine.begin() as conn:  # another request saves in between
            conn.execute(text("UPDATE motion SET version = 2, result = 'failed' WHERE id = :id"), {"id": motion.id})
        with pytest.raises(review.StaleMotion):
            review.update_motion(motion, _edit(), expected_version=1, user=db.session.get(User, built.clerk_id))
        db.session.rollback()
        assert db.session.get(Motion, built.motion_id).result == "failed"


def test_re_reading_a_document_keeps_what_a_clerk_touched(app):
    from app.models import Document, Motion, User
    from app.parsing import MotionRecord, SourceRecord
    from app.services import review
    from app.services.motions import motions_for_document, replace_machine_motions

    with app.app_context():
        built = build_meeting()
        clerk = db.session.get(User, built.clerk_id)
        document = db.session.get(Document, built.document_id)
        review.update_motion(
            db.session.get(Motion, built.motion_id), _edit(mover="Hughes"), expected_version=1, user=clerk
        )
        db.session.commit()
        machine_copy = MotionRecord(
            text="to adopt revised Directive 305.2", evidence=EVIDENCE, source=SourceRecord(page=1)
        )
        machine_copy.mover = "Paul Rivera"
        reworded = MotionRecord(text="to adopt Directive 305.2", evidence=EVIDENCE.replace("revised ", "revised  "))
        reworded.source = SourceRecord(page=1)
        new = MotionRecord(
            text="to adjourn", evidence="Commissioner Brooks moved to adjourn.", source=SourceRecord(page=1)
        )
        for _ in range(2):  # re-running twice changes nothing more
            replace_machine_motions(document, [machine_copy, reworded, new])
            db.session.commit()
        motions = motions_for_document(document)
        assert [(m.text, m.review) for m in motions] == [
            ("to adopt revised Directive 305.2, Body-Worn Camera Activation", "verified"),
            ("to adjourn", "machine"),
        ]
        assert motions[0].mover == "Diane Hughes"  # the clerk's correction survives


def test_deleted_and_merged_motions_stay_out_of_the_record_and_out_of_re_reading(app):
    from app.models import Document, Meeting, Motion, User
    from app.parsing import MotionRecord, SourceRecord
    from app.services import review
    from app.services.motions import replace_machine_motions

    with app.app_context():
        built = build_meeting()
        clerk = db.session.get(User, built.clerk_id)
        meeting = db.session.get(Meeting, built.meeting_id)
        extra = review.add_motion(meeting, _edit(text="to take public comment first"), user=clerk)
        bogus = review.add_motion(meeting, _edit(text="Noes: Hughes."), user=clerk)
        db.session.commit()
        review.delete_motion(bogus, expected_version=bogus.version, user=clerk, reason="not a motion")
        keep = db.session.get(Motion, built.motion_id)
        review.merge_motions(keep, extra, versions=(keep.version, extra.version), user=clerk, reason=None)
        db.session.commit()
        assert [m.id for m in db.session.scalars(select(Motion))] == [built.motion_id]
        assert [m.id for m in db.session.get(Meeting, built.meeting_id).motions] == [built.motion_id]
        retired = review.get_motion(extra.id)
        assert retired.review == "merged" and retired.superseded_by_id == built.motion_id
        assert review.get_motion(bogus.id).review == "deleted"
        document = db.session.get(Document, built.document_id)
        record = MotionRecord(text="to adopt revised Directive 305.2", evidence=EVIDENCE, source=SourceRecord(page=1))
        replace_machine_motions(document, [record])
        db.session.commit()
        assert len(review.meeting_motions(meeting, include_retired=True)) == 3


def test_merge_fills_empty_fields_from_the_other_motion(app):
    from app.models import Meeting, Motion, User
    from app.services import review

    with app.app_context():
        built = build_meeting()
        clerk = db.session.get(User, built.clerk_id)
        meeting = db.session.get(Meeting, built.meeting_id)
        other = review.add_motion(
            meeting, _edit(mover=None, votes=[("Hughes", "no")], officers=[("Sam Ortega", "Officer", None)]), user=clerk
        )
        db.session.commit()
        keep = db.session.get(Motion, built.motion_id)
        review.merge_motions(
            keep, other, versions=(1, other.version), user=clerk, reason=None, take={"result": "other"}
        )
        db.session.commit()
        keep = db.session.get(Motion, built.motion_id)
        assert keep.mover == "Paul Rivera"  # its own, kept
        assert [o.name for o in keep.officers] == ["Sam Ortega"]  # it had none
        assert [(v.voter_name, v.option) for v in keep.votes] == [("Paul Rivera", "yes")]
        assert keep.review == "verified"


def test_split_makes_two_motions_in_place(app):
    from app.models import Meeting, Motion, User
    from app.services import review

    with app.app_context():
        built = build_meeting()
        clerk = db.session.get(User, built.clerk_id)
        meeting = db.session.get(Meeting, built.meeting_id)
        later = review.add_motion(meeting, _edit(text="to adjourn"), user=clerk)
        db.session.commit()
        first, second = review.split_motion(
            db.session.get(Motion, built.motion_id),
            "to adopt revised Directive 305.2",
            "to direct the Chief to report in 90 days",
            expected_version=1,
            user=clerk,
            reason=None,
        )
        db.session.commit()
        order = [m.text for m in review.meeting_motions(meeting)]
        assert order == ["to adopt revised Directive 305.2", "to direct the Chief to report in 90 days", "to adjourn"]
        assert second.document_id == first.document_id and second.source_page == 1 and second.votes == []
        assert later.position == 3


def test_a_correction_after_publication_needs_a_reason_and_is_kept_as_a_revision(app):
    from app.models import Motion, MotionRevision, User
    from app.services import review

    with app.app_context():
        built = build_meeting(status="published")
        clerk = db.session.get(User, built.clerk_id)
        motion = db.session.get(Motion, built.motion_id)
        with pytest.raises(review.ReviewError, match="give the reason"):
            review.update_motion(motion, _edit(), expected_version=1, user=clerk, reason="  ")
        db.session.rollback()
        motion = db.session.get(Motion, built.motion_id)
        review.update_motion(
            motion, _edit(), expected_version=1, user=clerk, reason="Hughes voted no, per the recording"
        )
        db.session.commit()
        revision = db.session.scalars(select(MotionRevision)).one()
        assert (revision.motion_id, revision.version, revision.user_id) == (motion.id, 2, clerk.id)
        assert revision.reason == "Hughes voted no, per the recording"
        assert revision.before["counts"]["no"] == 1 and revision.before["votes"] == [
            {"voter": "Paul Rivera", "option": "yes"}
        ]
        assert len(revision.after["votes"]) == 3


def test_bad_input_is_refused_with_a_message(app):
    from app.models import Motion, User
    from app.services import review

    with app.app_context():
        built = build_meeting()
        clerk = db.session.get(User, built.clerk_id)
        motion = db.session.get(Motion, built.motion_id)
        for edit, message in [
            (_edit(text="  "), "Give the motion's text"),
            (_edit(result="maybe"), "Choose a result"),
            (_edit(votes=[("Rivera", "yes"), ("Riviera", "no")]), "two votes"),
            (_edit(counts={"yes": -1}), "whole numbers"),
        ]:
            with pytest.raises(review.ReviewError, match=message):
                review.update_motion(motion, edit, expected_version=1, user=clerk)
            db.session.rollback()
            motion = db.session.get(Motion, built.motion_id)
