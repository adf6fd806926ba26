"""Withdrawing a document before publication; redacting personal data from what was read."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select, text

from app.extensions import db
from tests.services.test_review import build_meeting

ADDRESS = "1234 Elm Street"


def _store(app, sha256: str) -> None:
    from app.services.storage import blob_path

    path = blob_path(app.config["UPLOAD_FOLDER"], sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 stand-in")


def _add_transcript(meeting_id: int):
    from app.models import Document, Meeting, Segment, Transcript

    meeting = db.session.get(Meeting, meeting_id)
    audio = Document(
        meeting=meeting,
        kind="audio",
        original_filename="closed-session.ogg",
        sha256="d" * 64,
        size=5,
        mime_type="audio/ogg",
        status="processed",
    )
    transcript = Transcript(document=audio, engine="test", model="test")
    transcript.segments.append(Segment(position=0, start=3.0, end=9.0, text=f"I live at {ADDRESS}, by the park."))
    transcript.segments.append(Segment(position=1, start=9.0, end=12.0, text="Thank you."))
    db.session.add_all([audio, transcript])
    db.session.commit()
    return audio


def test_withdrawing_purges_the_file_and_what_was_read_but_keeps_a_tombstone(app):
    from app.models import AuditEvent, Document, Motion, Segment, User
    from app.services import redaction
    from app.services.storage import blob_path

    with app.app_context():
        built = build_meeting()
        audio = _add_transcript(built.meeting_id)
        _store(app, audio.sha256)
        clerk = db.session.get(User, built.clerk_id)
        purged = redaction.withdraw_document(audio, "closed-session recording uploaded by mistake", clerk)
        db.session.commit()
        assert redaction.purge_stored_file(audio.sha256) is True
        assert not blob_path(app.config["UPLOAD_FOLDER"], audio.sha256).exists()
        assert purged == {"pages": 0, "segments": 2, "motions": 0, "jobs": 0}
        assert db.session.scalars(select(Segment)).all() == []
        assert db.session.scalar(select(Document).where(Document.id == audio.id)) is None  # gone from the record
        tombstone = db.session.get(Document, audio.id, execution_options={"include_retired": True})
        assert (tombstone.status, tombstone.withdrawn_by_id) == ("withdrawn", clerk.id)
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "document.withdraw")).one()
        assert event.before["sha256"] == "d" * 64 and event.after["reason"].startswith("closed-session")
        assert event.user_id == clerk.id
        assert db.session.get(Motion, built.motion_id) is not None  # the minutes' motions are untouched


def test_withdrawing_removes_the_motions_read_from_the_document(app):
    from app.models import Document, Motion
    from app.services import redaction

    with app.app_context():
        built = build_meeting()
        purged = redaction.withdraw_document(db.session.get(Document, built.document_id), "wrong meeting", None)
        db.session.commit()
        assert purged["motions"] == 1 and purged["pages"] == 1
        assert db.session.scalar(select(Motion).execution_options(include_retired=True)) is None


@pytest.mark.parametrize(
    ("status", "reason", "message"), [("published", "mistake", "unpublish it first"), ("draft", " ", "Give the reason")]
)
def test_withdrawal_needs_a_reason_and_an_unpublished_meeting(app, status, reason, message):
    from app.models import Document
    from app.services import redaction

    with app.app_context():
        built = build_meeting(status=status)
        with pytest.raises(redaction.RedactionError, match=message):
            redaction.withdraw_document(db.session.get(Document, built.document_id), reason, None)


def test_redacting_a_segment_keeps_only_a_hash_of_the_words_in_the_audit(app):
    from app.models import AuditEvent, Segment
    from app.services import redaction

    with app.app_context():
        built = build_meeting(status="published")
        audio = _add_transcript(built.meeting_id)
        segment = audio.transcript.segments[0]
        count = redaction.redact(
            segment, "1234  elm street", "home address in public comment", None, withhold_file=False
        )
        db.session.commit()
        assert count == 1
        assert db.session.get(Segment, segment.id).text == "I live at [redacted], by the park."
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "segment.redact")).one()
        assert event.after["sha256"] == hashlib.sha256(b"1234 elm street").hexdigest()
        assert event.after["reason"] == "home address in public comment"
        everything = db.session.execute(text("SELECT before, after FROM audit_event")).all()
        assert all("Elm" not in str(row) for row in everything)
        search_rows = db.session.execute(text("SELECT content FROM search_doc")).scalars().all()
        assert search_rows and all("Elm" not in row for row in search_rows)


def test_redacting_a_page_scrubs_the_motions_read_from_it_and_can_withhold_the_file(app):
    from app.models import Document, DocumentPage, Motion
    from app.services import redaction

    with app.app_context():
        built = build_meeting(status="published")
        page = db.session.scalar(select(DocumentPage))
        redaction.redact(page, "Commissioner Brooks", "test of scrubbing", None, withhold_file=True)
        db.session.commit()
        assert "Commissioner Brooks" not in db.session.get(DocumentPage, page.id).text
        motion = db.session.get(Motion, built.motion_id)
        assert "Commissioner Brooks" not in motion.evidence and "[redacted]" in motion.evidence
        assert db.session.get(Document, built.document_id).file_withheld is True
        with pytest.raises(redaction.RedactionError, match="not in this text"):
            redaction.redact(page, "nowhere to be found", "x", None, withhold_file=False)
        assert redaction.redact(page, "redacted", "a word the marker holds", None, withhold_file=False) >= 1
