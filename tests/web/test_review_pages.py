"""The review screen: motions beside their sources, saving, two clerks at once, corrections after publication."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.services.test_review import build_meeting


def _built(app: Flask, status: str = "draft"):
    from app.extensions import db
    from app.models import DocumentPage

    with app.app_context():
        built = build_meeting(status=status)
        page = db.session.scalar(select(DocumentPage))
        page.text = "<script>alert(1)</script>\n" + page.text  # page text is escaped, then the quote marked
        db.session.commit()
        return built


def _client(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.data
    return client


def _form(motion_id: int, version: int, **changes) -> dict[str, str]:
    data = {
        "version": str(version),
        "text": "to adopt revised Directive 305.2",
        "classification": "policy",
        "mover": "Rivera",
        "seconder": "Brooks",
        "result": "passed",
        "count_yes": "2",
        "count_no": "1",
        "vote_voter_0": "Paul Rivera",
        "vote_option_0": "yes",
        "vote_voter_1": "Thomas Brooks",
        "vote_option_1": "yes",
        "vote_voter_2": "Diane Hughes",
        "vote_option_2": "no",
        "policy_code_0": "Directive 305.2",
        "outcome_kind": "approved",
        "outcome_paid": "",
    }
    data.update(changes)
    return data


def test_each_motion_is_shown_beside_its_source_with_the_evidence_marked(app):
    built = _built(app)
    page = _client(app, "ana@example.org").get(f"/clerk/meetings/{built.meeting_id}/review").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert re.search(
        r"<mark>Commissioner Rivera moved, seconded by Commissioner Brooks, to adopt revised\s+Directive", page
    )
    assert f"/clerk/documents/{built.document_id}/file#page=1" in page
    assert "confidence 80%" in page and "Machine-read, not verified" in page
    assert 'data-draft-key="motion-' in page and 'name="version" value="1"' in page
    for label in ("What was moved", "Kind of motion", "Moved by", "Seconded by", "Result", "Paul Rivera", "Outcome"):
        assert label in page


def test_a_recording_source_shows_its_passage_and_a_player_at_the_motion(app):
    from app.extensions import db
    from app.models import Motion
    from tests.services.test_redaction import _add_transcript

    with app.app_context():
        built = build_meeting()
        audio = _add_transcript(built.meeting_id)
        db.session.add(
            Motion(meeting_id=built.meeting_id, document=audio, text="to hear it", source_start=3.0, source_end=9.0)
        )
        db.session.commit()
    page = _client(app, "ana@example.org").get(f"/clerk/meetings/{built.meeting_id}/review").get_data(as_text=True)
    assert re.search(r'<audio[^>]+src="/clerk/documents/\d+/file#t=3.0"', page)
    assert "<mark>I live at 1234 Elm Street, by the park.</mark>" in page


def test_saving_marks_the_motion_verified_and_writes_the_audit(app):
    from app.extensions import db
    from app.models import AuditEvent, Motion

    built = _built(app)
    client = _client(app, "ana@example.org")
    response = client.post(f"/clerk/motions/{built.motion_id}", data=_form(built.motion_id, 1, mover="Hughs"))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#motion-{built.motion_id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "is marked verified" in page and f'data-saved-draft="motion-{built.motion_id}"' in page
    with app.app_context():
        motion = db.session.get(Motion, built.motion_id)
        assert (motion.review, motion.mover, motion.version) == ("verified", "Diane Hughes", 2)
        assert [v.voter_name for v in motion.votes] == ["Paul Rivera", "Thomas Brooks", "Diane Hughes"]
        assert (
            db.session.scalar(select(AuditEvent).where(AuditEvent.action == "motion.update")).user_id == built.clerk_id
        )


def test_two_clerks_edit_one_motion_and_the_second_save_is_refused(app):
    from app.extensions import db
    from app.models import Motion

    built = _built(app)
    ana, ben = _client(app, "ana@example.org"), _client(app, "ben@example.org")
    for client in (ana, ben):  # both open the review screen at version 1
        assert 'name="version" value="1"' in client.get(f"/clerk/meetings/{built.meeting_id}/review").get_data(
            as_text=True
        )
    ana.post(f"/clerk/motions/{built.motion_id}", data=_form(built.motion_id, 1, result="failed"))
    response = ben.post(
        f"/clerk/motions/{built.motion_id}", data=_form(built.motion_id, 1, result="tabled"), follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert re.search(r"Changed by Ana Clerk at \d{4}-\d\d-\d\d \d\d:\d\d UTC; reload to see their change", page)
    assert 'name="version" value="2"' in page  # the reloaded form carries Ana's version
    with app.app_context():
        assert db.session.get(Motion, built.motion_id).result == "failed"


def test_a_bad_value_is_refused_with_a_message_and_nothing_saved(app):
    built = _built(app)
    client = _client(app, "ana@example.org")
    page = client.post(
        f"/clerk/motions/{built.motion_id}", data=_form(built.motion_id, 1, count_yes="seven"), follow_redirects=True
    ).get_data(as_text=True)
    assert "The yes count must be a whole number" in page and "Machine-read, not verified" in page


def test_a_correction_after_publication_is_shown_publicly_with_its_reason(app, client):
    built = _built(app, status="published")
    clerk = _client(app, "ana@example.org")
    refused = clerk.post(f"/clerk/motions/{built.motion_id}", data=_form(built.motion_id, 1), follow_redirects=True)
    assert "give the reason for it" in refused.get_data(as_text=True)
    reason = "the recording shows Commissioner Hughes voted no"
    clerk.post(f"/clerk/motions/{built.motion_id}", data=_form(built.motion_id, 1, count_yes="1", reason=reason))
    public = client.get(f"/motions/{built.motion_id}").get_data(as_text=True)
    assert re.search(
        r"Corrected on <time datetime=\"\d{4}-\d\d-\d\d\">[A-Z][a-z]+ \d+, \d{4}</time> because " + reason, public
    )
    assert "Verified by the clerk" in public


def test_add_split_merge_and_delete_from_the_review_screen(app):
    from app.extensions import db
    from app.models import Motion
    from app.services import review

    built = _built(app)
    client = _client(app, "ana@example.org")
    added = client.post(f"/clerk/meetings/{built.meeting_id}/motions", data=_form(0, 0, text="to adjourn"))
    assert added.status_code == 302
    client.post(
        f"/clerk/motions/{built.motion_id}/split",
        data={"version": "1", "first_text": "to adopt Directive 305.2", "second_text": "to report back in 90 days"},
    )
    with app.app_context():
        texts = [m.text for m in review.meeting_motions(db.session.get(Motion, built.motion_id).meeting)]
        ids = [m.id for m in review.meeting_motions(db.session.get(Motion, built.motion_id).meeting)]
    assert texts == ["to adopt Directive 305.2", "to report back in 90 days", "to adjourn"]
    client.post(f"/clerk/motions/{ids[0]}/merge", data={"other_id": str(ids[1])})
    client.post(f"/clerk/motions/{ids[2]}/delete", data={"reason": "entered twice"})
    page = client.get(f"/clerk/meetings/{built.meeting_id}/review").get_data(as_text=True)
    assert "Merged and deleted motions" in page and f'merged into <a href="#motion-{ids[0]}">' in page
    with app.app_context():
        assert [m.id for m in db.session.scalars(select(Motion))] == [ids[0]]


def test_an_agenda_item_can_be_added_and_linked(app):
    from app.extensions import db
    from app.models import AgendaItem, Motion

    built = _built(app)
    client = _client(app, "ana@example.org")
    client.post(f"/clerk/meetings/{built.meeting_id}/agenda", data={"number": "4", "title": "Directive 305.2"})
    with app.app_context():
        item = db.session.scalar(select(AgendaItem))
    client.post(f"/clerk/motions/{built.motion_id}", data=_form(built.motion_id, 1, agenda_item_id=str(item.id)))
    with app.app_context():
        assert db.session.get(Motion, built.motion_id).agenda_item.number == "4"


def test_re_running_extraction_keeps_the_clerks_correction(app, upload, meeting_id, make_pdf, needs_reader):
    """A real upload is read, the clerk corrects a motion, the job runs again: the correction stands, no duplicate."""
    from app.extensions import db
    from app.models import Document, Motion
    from app.services import pipeline

    text = (
        "Commissioner Alvarez moved, seconded by Commissioner Brooks, to approve the minutes. The motion carried 5-0. "
        "Commissioner Brooks moved, seconded by Commissioner Alvarez, to adjourn. The motion carried 5-0."
    )
    upload(meeting_id, (make_pdf(text), "minutes.pdf"))
    with app.app_context():
        document = db.session.scalar(select(Document))
        motions = db.session.scalars(select(Motion).order_by(Motion.position)).all()
        assert document.status == "processed" and len(motions) == 2, document.error
        first, document_id = motions[0], document.id
        form = _form(
            first.id, first.version, text="to approve the minutes as corrected", mover="Alvarez", seconder="Brooks"
        )
    client = app.test_client()
    client.post("/login", data={"email": "clerk@example.org", "password": PASSWORD})
    form.update({f"vote_voter_{i}": "" for i in range(3)}, count_yes="5", count_no="0")
    assert client.post(f"/clerk/motions/{first.id}", data=form).status_code == 302
    with app.app_context():
        for _ in range(2):
            job = pipeline.create_job(db.session.get(Document, document_id))
            db.session.commit()
            pipeline.run_job(job.id)
        motions = db.session.scalars(select(Motion).order_by(Motion.position)).all()
        assert [(m.text, m.review) for m in motions] == [
            ("to approve the minutes as corrected", "verified"),
            ("to adjourn", "machine"),
        ]
