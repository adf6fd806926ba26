"""End to end with the real pieces: a clerk uploads, the job runs, the public finds the record."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Document, Meeting, Motion
from app.services.storage import blob_path

pytestmark = pytest.mark.corpus


def _new_meeting(client) -> int:
    response = client.post(
        "/clerk/meetings/new",
        data={
            "body_name": "East Palo Alto Planning Commission",
            "date": "2020-01-27",
            "kind": "regular",
            "title": "Regular meeting",
        },
    )
    assert response.status_code in (302, 303), response.data[:500]
    match = re.search(r"/clerk/meetings/(\d+)", response.headers["Location"])
    assert match
    return int(match.group(1))


def _upload(client, meeting_id: int, path, kind: str = "minutes"):
    with path.open("rb") as fh:
        return client.post(
            f"/clerk/meetings/{meeting_id}/upload",
            data={"kind": kind, "files": [(io.BytesIO(fh.read()), path.name)]},
            content_type="multipart/form-data",
            follow_redirects=True,
        )


def _publish(client, meeting_id: int) -> None:
    response = client.post(f"/clerk/meetings/{meeting_id}/status", data={"status": "published"})
    assert response.status_code in (302, 303)


def test_minutes_pdf_becomes_four_public_motions(app, client, auth, corpus_copy):
    pdf = corpus_copy("pdf/east_palo_alto_planning_commission_minutes_2020-01-27.pdf")
    auth.login()
    meeting_id = _new_meeting(client)
    _upload(client, meeting_id, pdf)
    with app.app_context():
        document = db.session.scalar(select(Document).where(Document.meeting_id == meeting_id))
        assert document.status == "processed", document.error
        assert document.latest_job.state == "done"
    # Drafts are invisible to the public.
    assert client.get(f"/meetings/{meeting_id}").status_code == 404
    _publish(client, meeting_id)
    auth.logout()

    page = client.get(f"/meetings/{meeting_id}")
    assert page.status_code == 200
    with app.app_context():
        motions = db.session.scalars(select(Motion).where(Motion.meeting_id == meeting_id)).all()
        assert len(motions) == 4
        assert sorted(m.result for m in motions) == ["failed", "passed", "passed", "passed"]
        failed = next(m for m in motions if m.result == "failed")
        counts = failed.counts()
        assert (counts["yes"], counts["no"], counts["abstain"], counts["absent"]) == (4, 2, 1, 1)
        assert all(m.mover and m.seconder for m in motions)
        ids = [m.id for m in motions]
        failed_id, failed_mover = failed.id, failed.mover
    for motion_id in ids:
        assert client.get(f"/motions/{motion_id}").status_code == 200
    failed_page = client.get(f"/motions/{failed_id}").get_data(as_text=True)
    assert failed_mover in failed_page
    assert "failed" in failed_page.lower()


def test_seattle_clip_gets_a_timestamped_transcript(app, client, auth, corpus_copy):
    wav = corpus_copy("audio/seattle_city_council_briefing_clip_0.wav")
    auth.login()
    meeting_id = _new_meeting(client)
    _upload(client, meeting_id, wav, kind="other")
    with app.app_context():
        document = db.session.scalar(select(Document).where(Document.meeting_id == meeting_id))
        assert document.kind == "audio"
        assert document.status == "processed", document.error
        segments = document.transcript.segments
        assert len(segments) >= 2
        assert all(0 <= s.start < s.end <= 32 for s in segments)
        assert [s.start for s in segments] == sorted(s.start for s in segments)
        text = " ".join(s.text for s in segments).lower()
        assert "council" in text or "roll" in text or "present" in text
    _publish(client, meeting_id)
    page = client.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    assert segments[0].text.strip()[:20] in page


def test_malformed_but_readable_pdf_is_read_with_a_warning(app, client, auth, corpus_copy):
    pdf = corpus_copy("pdf/cuyahoga_county_board_of_health_agenda_2019-04-24.pdf")
    auth.login()
    meeting_id = _new_meeting(client)
    _upload(client, meeting_id, pdf, kind="agenda")
    with app.app_context():
        document = db.session.scalar(select(Document).where(Document.meeting_id == meeting_id))
        assert document.status == "processed", document.error
        assert document.pages and any(p.text for p in document.pages)
        assert any("repair" in w.lower() for w in document.warnings), document.warnings


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("empty.pdf", lambda corpus: b"", "empty"),
        (
            "minutes.mp3",
            lambda corpus: corpus("pdf/rancho_palos_verdes_city_council_agenda_2022-12-06.pdf").read_bytes(),
            None,
        ),
    ],
)
def test_bad_uploads_end_in_a_clear_message_and_keep_the_original(app, client, auth, corpus_copy, name, make, expected):
    data = make(corpus_copy)
    auth.login()
    meeting_id = _new_meeting(client)
    response = client.post(
        f"/clerk/meetings/{meeting_id}/upload",
        data={"kind": "minutes", "files": [(io.BytesIO(data), name)]},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert response.status_code == 200
    with app.app_context():
        document = db.session.scalar(select(Document).where(Document.meeting_id == meeting_id))
        assert blob_path(app.config["UPLOAD_FOLDER"], document.sha256).exists()
        if expected == "empty":
            assert document.status == "failed"
            assert "empty" in document.error.lower()
        else:
            # A PDF renamed .mp3 is typed by its bytes: it is read as the PDF it is.
            assert document.kind != "audio"
            assert document.mime_type == "application/pdf"
            assert document.status == "processed"
            assert "contents are a PDF" in document.upload_note


def test_pdf_without_text_layer_says_so(app, client, auth, corpus_copy, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no tesseract: the page must be marked, not crash
    pdf = corpus_copy("pdf/palmdale_measure_AV_oversight_committee_agenda_2022-11-30_NO_TEXT_LAYER.pdf")
    auth.login()
    meeting_id = _new_meeting(client)
    _upload(client, meeting_id, pdf, kind="agenda")
    with app.app_context():
        document = db.session.scalar(select(Document).where(Document.meeting_id == meeting_id))
        message = " ".join([document.error or "", *document.warnings]).lower()
        assert "ocr" in message or "text layer" in message or "scanned" in message
        assert blob_path(app.config["UPLOAD_FOLDER"], document.sha256).exists()
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting.documents == [document]
