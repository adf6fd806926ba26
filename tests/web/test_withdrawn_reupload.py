"""Uploading again the bytes of a withdrawn document: refused with who, when and why, unless done on purpose."""

from __future__ import annotations

import io
from html import unescape

import pytest
from sqlalchemy import select

pytestmark = pytest.mark.usefixtures("needs_reader")


def _withdraw(app, logged_in, upload, meeting_id, pdf: bytes) -> tuple[int, str]:
    from app.extensions import db
    from app.models import Document

    upload(meeting_id, (pdf, "closed-session.pdf"))
    with app.app_context():
        document = db.session.scalar(select(Document))
        document_id, sha256 = document.id, document.sha256
    page = logged_in.post(
        f"/clerk/documents/{document_id}/withdraw", data={"reason": "closed-session minutes"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Withdrew closed-session.pdf" in page
    return document_id, sha256


def test_the_same_bytes_again_are_refused_saying_who_withdrew_them_when_and_why(
    app, logged_in, upload, meeting_id, make_pdf, stored_files
):
    from app.extensions import db
    from app.models import AuditEvent, Document

    pdf = make_pdf()
    document_id, sha256 = _withdraw(app, logged_in, upload, meeting_id, pdf)
    assert stored_files() == []
    page = unescape(upload(meeting_id, (pdf, "again.pdf")).get_data(as_text=True))
    assert "again.pdf was not added: the same file was withdrawn from Regular meeting, March 12 on " in page
    assert "by Test Clerk because: closed-session minutes" in page
    assert 'tick "Upload again files that were withdrawn"' in page
    assert "uploaded by someone else" not in page and "already uploaded on" not in page
    assert stored_files() == []  # the purge holds: the bytes just sent were not kept
    summary = " ".join(page.split('id="summary"', 1)[1].split("</section>", 1)[0].split())
    assert "again.pdf" in summary and "refused (withdrawn earlier)" in summary
    assert "because: closed-session minutes" in summary
    with app.app_context():
        document = db.session.get(Document, document_id, execution_options={"include_retired": True})
        assert document.status == "withdrawn" and document.withdrawn_reason == "closed-session minutes"
        refused = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.refused_withdrawn"))
        assert refused.record_type == "meeting" and refused.after["sha256"] == sha256
        assert refused.after["filename"] == "again.pdf"
    readmitted = io.BytesIO(pdf)
    logged_in.post(
        f"/clerk/meetings/{meeting_id}/upload",
        data={"kind": "minutes", "readmit": "y", "files": [(readmitted, "again.pdf")]},
        content_type="multipart/form-data",
    )
    later = unescape(logged_in.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True))
    later = " ".join(later.split('id="summary"', 1)[1].split("</section>", 1)[0].split())
    # The refusal still reads as it did then, who, when and why included, beside the file added since.
    assert "refused (withdrawn earlier)" in later and "because: closed-session minutes" in later
    assert "1 processed" in later


def test_ticking_upload_again_brings_the_withdrawn_document_back_and_reads_it(
    app, logged_in, upload, meeting_id, make_pdf, stored_files
):
    from app.extensions import db
    from app.models import AuditEvent, Document, Motion

    pdf = make_pdf()
    document_id, sha256 = _withdraw(app, logged_in, upload, meeting_id, pdf)
    response = logged_in.post(
        f"/clerk/meetings/{meeting_id}/upload",
        data={"kind": "minutes", "readmit": "y", "files": [(io.BytesIO(pdf), "minutes-approved.pdf")]},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Queued minutes-approved.pdf" in response.get_data(as_text=True)
    assert len(stored_files()) == 1
    with app.app_context():
        document = db.session.get(Document, document_id)  # visible again: no retired option needed
        assert document is not None and document.sha256 == sha256
        assert (document.status, document.original_filename) == ("processed", "minutes-approved.pdf")
        assert document.withdrawn_at is None and document.withdrawn_reason is None
        assert db.session.scalars(select(Motion).where(Motion.document_id == document_id)).all()
        readmit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.readmit"))
        assert readmit.before["withdrawn_reason"] == "closed-session minutes" and readmit.record_id == document_id
        withdraw = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.withdraw"))
        assert withdraw.after["reason"] == "closed-session minutes"  # the withdrawal stays on the record
    page = unescape(logged_in.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True))
    assert "clerk-withdrawn" not in page
    summary = " ".join(page.split('id="summary"', 1)[1].split("</section>", 1)[0].split())
    assert "refused (withdrawn earlier)" not in summary  # nothing was refused in this upload
    assert "minutes-approved.pdf" in summary and "1 processed" in summary


def test_a_withdrawn_document_can_be_brought_back_in_another_meeting(app, logged_in, upload, meeting_id, make_pdf):
    """Uploaded to the wrong meeting, withdrawn there, then uploaded on purpose to the right one."""
    from app.extensions import db
    from app.models import Body, Document, Meeting, User
    from app.services import meetings

    pdf = make_pdf()
    document_id, _ = _withdraw(app, logged_in, upload, meeting_id, pdf)
    with app.app_context():
        body = db.session.scalar(select(Body))
        import datetime as dt

        other = meetings.create_meeting(
            body=body, date=dt.date(2024, 4, 9), kind="regular", title="Regular meeting, April 9", user=None
        )
        db.session.commit()
        other_id = other.id
    logged_in.post(
        f"/clerk/meetings/{other_id}/upload",
        data={"kind": "minutes", "readmit": "y", "files": [(io.BytesIO(pdf), "april.pdf")]},
        content_type="multipart/form-data",
    )
    with app.app_context():
        document = db.session.get(Document, document_id)
        assert document.meeting_id == other_id
        assert [d.id for d in db.session.get(Meeting, meeting_id).documents] == []
        assert db.session.get(User, document.uploaded_by_id).email == "clerk@example.org"


def test_the_import_of_a_folder_refuses_withdrawn_bytes_unless_told(
    app, runner, logged_in, upload, meeting_id, make_pdf, tmp_path
):
    import json

    pdf = make_pdf()
    _withdraw(app, logged_in, upload, meeting_id, pdf)
    folder = tmp_path / "2024-03-12"
    folder.mkdir()
    (folder / "meeting.json").write_text(json.dumps({"body": "Board of Police Commissioners", "date": "2024-03-12"}))
    (folder / "minutes.pdf").write_bytes(pdf)
    refused = runner.invoke(args=["import", str(folder)])
    assert refused.exit_code == 0, refused.output
    assert "minutes.pdf: refused (withdrawn earlier): not added: the same file was withdrawn from" in refused.output
    assert "because: closed-session minutes" in refused.output
    again = runner.invoke(args=["import", str(folder), "--readmit-withdrawn"])
    assert again.exit_code == 0, again.output
    assert "minutes.pdf: processed [PDF (minutes), 1 page, 1 motion]" in again.output
