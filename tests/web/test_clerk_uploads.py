"""Uploading files to a meeting: typing by content, duplicates, rejections, jobs and retry."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select


def _documents(app: Flask, meeting_id: int) -> list[dict]:
    from app.extensions import db
    from app.models import Document

    with app.app_context():
        rows = db.session.scalars(select(Document).where(Document.meeting_id == meeting_id).order_by(Document.id))
        return [
            {
                "id": d.id,
                "kind": d.kind,
                "mime": d.mime_type,
                "status": d.status,
                "error": d.error,
                "sha256": d.sha256,
                "job": d.latest_job
                and {
                    "id": d.latest_job.id,
                    "state": d.latest_job.state,
                    "message": d.latest_job.message,
                    "error": d.latest_job.error,
                },
            }
            for d in rows
        ]


@pytest.mark.usefixtures("needs_reader")
def test_uploaded_pdf_is_processed_and_its_motion_listed(app, logged_in, upload, meeting_id, make_pdf):
    response = upload(meeting_id, (make_pdf(), "minutes-2024-03-12.pdf"))
    page = response.get_data(as_text=True)
    assert "Queued minutes-2024-03-12.pdf" in page
    [document] = _documents(app, meeting_id)
    assert document["kind"] == "minutes" and document["mime"] == "application/pdf"
    # Jobs run synchronously in tests: the job has ended, one way or the other, with words for the clerk.
    assert document["job"]["state"] in ("done", "failed")
    assert document["job"]["message"]
    assert document["status"] in ("processed", "failed")
    assert "<progress" in page
    if document["status"] == "failed":
        assert document["job"]["error"]
        assert document["job"]["error"] in page
    assert document["status"] == "processed", document
    assert "Alvarez" in page and "5-0" in page
    assert "1 done" in logged_in.get("/clerk/").get_data(as_text=True)
    # Once published, each motion links to its public page.
    assert "public page" not in page
    logged_in.post(f"/clerk/meetings/{meeting_id}/status", data={"status": "published"})
    page = logged_in.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True)
    link = re.search(r'href="(/motions/\d+)">public page', page)
    assert link, page
    assert logged_in.get(link.group(1)).status_code == 200


@pytest.mark.usefixtures("needs_uploads")
def test_zero_byte_upload_is_a_failed_document_and_the_original_is_kept(
    app, logged_in, upload, meeting_id, stored_files
):
    response = upload(meeting_id, (b"", "empty.pdf"))
    page = response.get_data(as_text=True)
    assert "empty.pdf was not accepted: The file is empty (0 bytes)." in page
    [document] = _documents(app, meeting_id)
    assert document["status"] == "failed"
    assert "empty" in document["error"]
    assert document["job"] is None
    assert [p.name for p in stored_files()] == [document["sha256"]]
    assert "1 rejected" in logged_in.get("/clerk/").get_data(as_text=True)


@pytest.mark.usefixtures("needs_uploads")
def test_a_file_that_is_neither_pdf_nor_media_nor_text_is_rejected_with_the_reason(
    app, upload, meeting_id, stored_files
):
    response = upload(meeting_id, (b"\x07\x00\x13 binary, not a PDF\n", "notes.pdf"))
    assert "notes.pdf was not accepted: This file is not a recognised file type" in response.get_data(as_text=True)
    [document] = _documents(app, meeting_id)
    assert document["status"] == "failed"
    assert len(stored_files()) == 1


@pytest.mark.usefixtures("needs_uploads")
def test_the_same_bytes_twice_say_already_uploaded_with_a_link(app, upload, meeting_id, make_pdf):
    content = make_pdf()
    upload(meeting_id, (content, "minutes.pdf"))
    response = upload(meeting_id, (content, "minutes copy.pdf"))
    page = response.get_data(as_text=True)
    assert "minutes copy.pdf was already uploaded on " in page
    assert "Regular meeting, March 12</a>" in page
    assert f'href="/clerk/meetings/{meeting_id}#document-' in page
    assert len(_documents(app, meeting_id)) == 1


@pytest.mark.usefixtures("needs_uploads")
def test_a_pdf_named_mp3_is_treated_as_a_pdf(app, upload, meeting_id, make_pdf):
    page = upload(meeting_id, (make_pdf(), "evil.mp3"), kind="decision").get_data(as_text=True)
    assert "its contents are a PDF" in page
    [document] = _documents(app, meeting_id)
    assert document["mime"] == "application/pdf"
    assert document["kind"] == "decision"
    assert document["job"] is not None


@pytest.mark.usefixtures("needs_uploads")
def test_several_files_at_once_each_get_a_message(app, upload, meeting_id, make_pdf):
    response = upload(meeting_id, (make_pdf("Agenda item 1."), "agenda.pdf"), (b"", "blank.pdf"), kind="agenda")
    page = response.get_data(as_text=True)
    assert "Queued agenda.pdf" in page
    assert "blank.pdf was not accepted" in page
    assert [d["kind"] for d in _documents(app, meeting_id)] == ["agenda", "agenda"]


def test_upload_without_files_asks_for_one(upload, meeting_id):
    response = upload(meeting_id)
    assert "Choose at least one file to upload." in response.get_data(as_text=True)


def test_upload_with_an_unknown_pdf_kind_is_refused(app, upload, meeting_id):
    response = upload(meeting_id, (b"%PDF-1.4", "x.pdf"), kind="secret")
    assert "Choose what the PDFs are" in response.get_data(as_text=True)
    assert _documents(app, meeting_id) == []


def test_upload_over_the_limit_gets_413_with_the_limit_in_words(app, logged_in, meeting_id, stored_files):
    app.config["MAX_MEDIA_BYTES"] = 1024 * 1024
    # A hand-made body: the test client's own multipart encoder spools big bodies to a file it never closes.
    body = (
        b'--B\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-" + b"0" * (2 * 1024 * 1024) + b"\r\n--B--\r\n"
    )
    response = logged_in.post(
        f"/clerk/meetings/{meeting_id}/upload", data=body, content_type="multipart/form-data; boundary=B"
    )
    assert response.status_code == 413
    assert "The limit is 1 MB" in response.get_data(as_text=True)
    assert stored_files() == []


def test_upload_to_an_unknown_meeting_is_404(upload):
    assert upload(9999, (b"%PDF-1.4", "x.pdf"), follow=False).status_code == 404


@pytest.mark.usefixtures("needs_uploads")
def test_job_json_reports_state_progress_message_and_error(app, logged_in, upload, meeting_id, make_pdf):
    upload(meeting_id, (make_pdf(), "minutes.pdf"))
    [document] = _documents(app, meeting_id)
    response = logged_in.get(f"/clerk/jobs/{document['job']['id']}.json")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"state", "progress", "message", "error"}
    assert body["state"] == document["job"]["state"]
    assert body["message"] == document["job"]["message"]


def test_job_json_for_an_unknown_job_is_a_json_404(logged_in):
    response = logged_in.get("/clerk/jobs/9999.json")
    assert response.status_code == 404
    assert response.get_json()["ok"] is False


@pytest.mark.usefixtures("needs_uploads")
def test_retry_queues_a_new_job_for_a_failed_document(app, logged_in, upload, meeting_id, make_pdf):
    from app.extensions import db
    from app.models import Job

    upload(meeting_id, (make_pdf(), "minutes.pdf"))
    [document] = _documents(app, meeting_id)
    with app.app_context():
        job = db.session.get(Job, document["job"]["id"])
        job.state, job.error = "failed", "The worker stopped."
        job.document.status = "failed"
        db.session.commit()
    page = logged_in.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True)
    assert "The worker stopped." in page and ">Retry</button>" in page
    response = logged_in.post(f"/clerk/documents/{document['id']}/retry", follow_redirects=True)
    assert "Queued minutes.pdf again." in response.get_data(as_text=True)
    [after] = _documents(app, meeting_id)
    assert after["job"]["id"] != document["job"]["id"]
    assert after["job"]["state"] in ("done", "failed")


@pytest.mark.usefixtures("needs_uploads")
def test_retry_is_refused_when_the_last_job_did_not_fail(app, logged_in, upload, meeting_id, make_pdf):
    upload(meeting_id, (b"", "empty.pdf"))
    [document] = _documents(app, meeting_id)
    response = logged_in.post(f"/clerk/documents/{document['id']}/retry", follow_redirects=True)
    assert "has no failed job to retry" in response.get_data(as_text=True)


@pytest.mark.usefixtures("needs_uploads")
def test_uploads_are_audited(app, upload, meeting_id, make_pdf, clerk):
    from app.extensions import db
    from app.models import AuditEvent

    upload(meeting_id, (make_pdf(), "minutes.pdf"))
    [document] = _documents(app, meeting_id)
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.upload"))
        assert (event.record_id, event.user_id) == (document["id"], clerk)
        assert event.after["sha256"] == document["sha256"]


CAPTIONS = """WEBVTT

00:12:31.000 --> 00:12:35.000
<v Commissioner Brooks>I move that we approve the minutes of March 12.

00:12:35.500 --> 00:12:37.000
<v Commissioner Alvarez>Second.

00:12:37.500 --> 00:12:42.000
<v Chair Chen>All in favor? The motion carries five to zero.
"""


@pytest.mark.usefixtures("needs_uploads")
def test_captions_uploaded_as_text_are_read_for_motions_with_their_times(app, logged_in, upload, meeting_id):
    page = upload(meeting_id, (CAPTIONS.encode(), "captions.vtt"), kind="other").get_data(as_text=True)
    assert "Queued captions.vtt" in page
    [document] = _documents(app, meeting_id)
    assert (document["mime"], document["status"]) == ("text/plain", "processed"), document
    from app.extensions import db
    from app.models import Motion

    with app.app_context():
        (motion,) = db.session.scalars(select(Motion).where(Motion.document_id == document["id"])).all()
        assert (motion.result, motion.source_start) == ("passed", 751.0)
        assert "Brooks" in (motion.mover or "")
    review = logged_in.get(f"/clerk/meetings/{meeting_id}/review").get_data(as_text=True)
    assert "approve the minutes of March 12" in review


@pytest.mark.usefixtures("needs_uploads")
def test_text_named_pdf_is_read_as_text_with_a_note(app, upload, meeting_id):
    page = upload(meeting_id, (b"The minutes of the meeting. No motions were made.\n", "notes.pdf")).get_data(
        as_text=True
    )
    assert "its contents are text; it was read as text" in page
    [document] = _documents(app, meeting_id)
    assert document["mime"] == "text/plain" and document["status"] == "processed"


@pytest.mark.usefixtures("needs_uploads")
def test_text_with_binary_further_on_and_windows_text_are_told_apart(app, upload, meeting_id):
    import random

    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(20000))
    page = upload(meeting_id, (b"Minutes of the meeting.\n" * 600 + noise, "minutes.txt")).get_data(as_text=True)
    assert "minutes.txt was not accepted" in page
    windows = "Commissioner N\u00fa\u00f1ez moved to approve the \u201cminutes\u201d.\n".encode("cp1252") * 10
    page = upload(meeting_id, (windows, "minutes-1252.txt")).get_data(as_text=True)
    assert "Queued minutes-1252.txt" in page


@pytest.mark.usefixtures("needs_uploads")
def test_text_over_its_limit_is_refused_with_the_limit(app, upload, meeting_id):
    app.config["MAX_TEXT_BYTES"] = 1024 * 1024
    page = upload(meeting_id, (b"Minutes of the meeting.\n" * 50000, "huge.txt")).get_data(as_text=True)
    assert "over the 1 MB limit for minutes and captions saved as text" in page


def test_the_clerks_tally_says_none_against_when_the_ayes_were_not_counted(app):
    from app.clerk.views import tally
    from app.models import Motion

    with app.app_context():
        assert tally(Motion(text="m", result="passed", yes_count=None, no_count=0)) == "none against"
        assert tally(Motion(text="m", result="passed", yes_count=5, no_count=2)) == "5-2"
        assert tally(Motion(text="m", result="passed")) == ""


@pytest.mark.usefixtures("needs_uploads")
def test_a_pdf_over_its_limit_is_refused_with_the_limit(app, upload, meeting_id, make_pdf):
    app.config["MAX_PDF_BYTES"] = 1024 * 1024
    big = make_pdf() + b"%" + b"x" * (2 * 1024 * 1024)
    page = upload(meeting_id, (big, "huge.pdf")).get_data(as_text=True)
    assert "over the 1 MB limit for PDFs. Split it, or ask an admin to raise BOARDWATCH_MAX_PDF_MB" in page
