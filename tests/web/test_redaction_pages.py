"""Withdrawing a document and redacting its text from the web, and what the public then sees."""

from __future__ import annotations

from sqlalchemy import select

from tests.services.test_redaction import ADDRESS, _add_transcript, _store
from tests.services.test_review import build_meeting
from tests.web.test_review_pages import _client


def test_a_clerk_withdraws_a_document_uploaded_by_mistake(app):
    from app.extensions import db
    from app.services.storage import blob_path

    with app.app_context():
        built = build_meeting()
        audio = _add_transcript(built.meeting_id)
        _store(app, audio.sha256)
        audio_id, sha = audio.id, audio.sha256
    client = _client(app, "ana@example.org")
    refused = client.post(f"/clerk/documents/{audio_id}/withdraw", data={"reason": ""}, follow_redirects=True)
    assert "Give the reason" in refused.get_data(as_text=True)
    page = client.post(
        f"/clerk/documents/{audio_id}/withdraw", data={"reason": "closed-session recording"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Withdrew closed-session.ogg" in page and "2 transcript segment(s)" in page
    assert "withdrawn" in page and "closed-session recording" in page and sha[:12] in page
    assert not blob_path(app.config["UPLOAD_FOLDER"], sha).exists()
    assert client.get(f"/clerk/documents/{audio_id}/file").status_code == 404
    with app.app_context():
        from app.models import Meeting

        assert [d.id for d in db.session.get(Meeting, built.meeting_id).documents] == [built.document_id]


def test_a_published_meetings_documents_cannot_be_withdrawn(app):
    with app.app_context():
        built = build_meeting(status="published")
    client = _client(app, "ana@example.org")
    page = client.post(
        f"/clerk/documents/{built.document_id}/withdraw", data={"reason": "oops"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "unpublish it first" in page


def test_redacted_words_leave_the_public_copy_and_a_withheld_file_is_not_served(app, client):
    from app.extensions import db
    from app.models import DocumentPage

    with app.app_context():
        built = build_meeting(status="published")
        audio = _add_transcript(built.meeting_id)
        segment_id = audio.transcript.segments[0].id
        page_id = db.session.scalar(select(DocumentPage.id))
        _store(app, "a" * 64)
    with client.get(f"/documents/{built.document_id}/file") as served:
        assert served.status_code == 200
    assert ADDRESS in client.get(f"/meetings/{built.meeting_id}").get_data(as_text=True)
    clerk = _client(app, "ana@example.org")
    text_page = clerk.get(f"/clerk/documents/{audio.id}/text").get_data(as_text=True)
    assert ADDRESS in text_page and "Redact personal data here" in text_page
    done = clerk.post(
        f"/clerk/segments/{segment_id}/redact", data={"words": ADDRESS, "reason": "home address"}, follow_redirects=True
    )
    assert "Redacted 1 occurrence" in done.get_data(as_text=True)
    public = client.get(f"/meetings/{built.meeting_id}").get_data(as_text=True)
    assert ADDRESS not in public and "[redacted]" in public
    assert ADDRESS not in client.get("/search?q=Elm").get_data(as_text=True)
    clerk.post(
        f"/clerk/pages/{page_id}/redact", data={"words": "Commissioner Brooks", "reason": "test", "withhold_file": "1"}
    )
    assert client.get(f"/documents/{built.document_id}/file").status_code == 404
    assert "Commissioner Brooks" not in client.get(f"/motions/{built.motion_id}").get_data(as_text=True)
