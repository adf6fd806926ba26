"""A back catalogue uploaded many files at once: one job per file, and a summary of what each file gave."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

pytestmark = pytest.mark.usefixtures("needs_reader")

SECOND = "Commissioner Brooks moved, seconded by Commissioner Alvarez, to adjourn. The motion carried 4-1."


def _summary(page: str) -> dict[str, str]:
    """The import summary table as {file name: its row's text}, plus "total"."""
    section = re.search(r'<section class="clerk-summary".*?</section>', page, re.S)
    assert section, "the meeting page shows no import summary"
    rows = {}
    for row in re.findall(r"<tr class=\"clerk-summary-\w+\">(.*?)</tr>", section.group(0), re.S):
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split())
        rows[text.split(" ")[0]] = text
    total = re.search(r'<p class="clerk-summary-total">(.*?)</p>', section.group(0), re.S)
    rows["total"] = unescape(total.group(1)) if total else ""
    return rows


def test_a_multi_file_upload_gives_one_job_per_file_and_a_summary_of_each(app, upload, meeting_id, make_pdf):
    from app.extensions import db
    from app.models import Document, Job

    first, second = make_pdf(), make_pdf(SECOND)
    page = upload(
        meeting_id,
        (first, "minutes-1.pdf"),
        (second, "minutes-2.pdf"),
        (b"\x00\x01\x02 not a PDF, not text", "notes.bin"),
        (first, "minutes-1-copy.pdf"),
    ).get_data(as_text=True)
    with app.app_context():
        documents = db.session.scalars(select(Document).where(Document.meeting_id == meeting_id)).all()
        assert sorted(d.original_filename for d in documents) == ["minutes-1.pdf", "minutes-2.pdf", "notes.bin"]
        jobs = db.session.scalars(select(Job)).all()
        assert sorted(j.document.original_filename for j in jobs) == ["minutes-1.pdf", "minutes-2.pdf"]
    rows = _summary(page)
    assert "PDF (minutes)" in rows["minutes-1.pdf"] and "1 page" in rows["minutes-1.pdf"]
    assert re.search(r"1 page 1 processed", rows["minutes-1.pdf"]), rows["minutes-1.pdf"]
    assert re.search(r"1 page 1 processed", rows["minutes-2.pdf"]), rows["minutes-2.pdf"]
    assert "not a PDF or recording — — refused" in rows["notes.bin"]
    assert "not a PDF, a text file or an audio or video recording" in rows["notes.bin"]  # a reason to act on
    copy = rows["minutes-1-copy.pdf"]
    assert "already uploaded" in copy and "as minutes-1.pdf to Regular meeting, March 12" in copy
    assert rows["total"] == "4 files: 2 processed, 1 refused, 1 already uploaded; 2 motions found."


def test_the_summary_remembers_skipped_files_after_a_reload(app, logged_in, upload, meeting_id, make_pdf):
    pdf = make_pdf()
    upload(meeting_id, (pdf, "minutes.pdf"))
    upload(meeting_id, (pdf, "minutes again.pdf"))
    rows = _summary(logged_in.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True))
    assert "already uploaded" in rows["minutes"], rows  # "minutes again.pdf" (the key is its first word)
    assert rows["total"].startswith("2 files: 1 processed, 1 already uploaded")


def test_the_summary_shows_a_running_job_with_its_progress_for_the_page_to_follow(
    app, logged_in, upload, meeting_id, make_pdf
):
    from app.extensions import db
    from app.models import Job

    upload(meeting_id, (make_pdf(), "minutes.pdf"))
    with app.app_context():
        job = db.session.scalar(select(Job))
        job.state, job.progress, job.message = "running", 60, "Finding motions and votes"
        db.session.commit()
        job_id = job.id
    page = logged_in.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True)
    assert f'class="clerk-summary-live" data-job-url="/clerk/jobs/{job_id}.json"' in page
    row = _summary(page)["minutes.pdf"]
    assert "being processed 60% Finding motions and votes" in row
    assert "1 file: 1 being processed" in _summary(page)["total"]


def test_a_failed_file_shows_its_reason_in_the_summary(app, logged_in, upload, meeting_id, stored_files):
    # Starts like a PDF (so it is typed as one) but is not one: the reader fails it with a reason.
    page = upload(meeting_id, (b"%PDF-1.4\n garbage that is not a PDF body", "broken.pdf")).get_data(as_text=True)
    row = _summary(page)["broken.pdf"]
    assert " failed " in f" {row} " and len(row.split("failed", 1)[1].strip()) > 10, row
    assert "1 failed" in _summary(page)["total"]


def _meeting_folder(root, name: str, date: str, files: dict[str, bytes]):
    import json

    folder = root / name
    folder.mkdir(parents=True)
    spec = {"body": "Harbor Board", "date": date, "kind": "regular", "title": f"Regular meeting, {date}"}
    (folder / "meeting.json").write_text(json.dumps(spec))
    for filename, content in files.items():
        (folder / filename).write_bytes(content)
    return folder


def test_import_of_a_folder_of_meetings_prints_a_summary_per_meeting(app, runner, make_pdf, tmp_path):
    from app.extensions import db
    from app.models import AuditEvent, Document, Meeting

    pdf = make_pdf()
    junk = b"\x07\x00\x13 thumbnail cache"
    _meeting_folder(tmp_path, "2019-01", "2019-01-08", {"minutes.pdf": pdf, "Thumbs.db": junk})
    _meeting_folder(tmp_path, "2019-02", "2019-02-12", {"decision.pdf": make_pdf(SECOND), "minutes copy.pdf": pdf})
    (tmp_path / "not-a-meeting").mkdir()  # no meeting.json: not a meeting folder, left alone
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Meeting 1: Regular meeting, 2019-01-08 (2019-01-08), status draft" in out
    assert "  minutes.pdf: processed [PDF (minutes), 1 page, 1 motion]" in out
    assert "  Thumbs.db: refused: " in out and "[not a PDF or recording]" in out
    assert "  2 files: 1 processed, 1 refused; 1 motion found" in out
    assert "Meeting 2: Regular meeting, 2019-02-12 (2019-02-12), status draft" in out
    assert "  decision.pdf: processed [PDF (decision), 1 page, 1 motion]" in out
    assert "  minutes copy.pdf: already uploaded: not added: the same file was already uploaded on " in out
    assert "as minutes.pdf to Regular meeting, 2019-01-08 (2019-01-08)" in out
    assert "  2 files: 1 processed, 1 already uploaded; 1 motion found" in out
    with app.app_context():
        assert db.session.scalar(select(db.func.count(Meeting.id))) == 2
        assert db.session.scalar(select(db.func.count(Document.id))) == 3
        uploads = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "document.upload")).all()
        assert len(uploads) == 3  # the command line's uploads are in the audit trail too


def test_import_of_the_same_folder_again_changes_nothing_and_says_so(app, runner, make_pdf, tmp_path):
    folder = _meeting_folder(tmp_path, "m", "2019-03-12", {"minutes.pdf": make_pdf()})
    assert runner.invoke(args=["import", str(folder)]).exit_code == 0
    again = runner.invoke(args=["import", str(folder)])
    assert again.exit_code == 0, again.output
    assert "Meeting 1:" in again.output and "minutes.pdf: already uploaded" in again.output
    assert "1 file: 1 already uploaded; 0 motions found" in again.output


def test_import_says_which_folders_failed_and_exits_non_zero(app, runner, make_pdf, tmp_path):
    _meeting_folder(tmp_path, "good", "2019-04-09", {"minutes.pdf": make_pdf()})
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "meeting.json").write_text('{"body": "Harbor Board"}')
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 1
    assert "bad: not imported: meeting.json is not usable" in result.output
    assert "minutes.pdf: processed" in result.output
    assert "1 of 2 folders were not imported: bad" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = runner.invoke(args=["import", str(empty)])
    assert nothing.exit_code == 1 and "has no meeting.json" in nothing.output


@pytest.mark.slow
def test_import_of_a_recording_reports_its_length_and_transcribes_it(app, runner, corpus_copy, tmp_path):
    audio = corpus_copy("audio/jfk_inaugural_excerpt.flac").read_bytes()
    folder = _meeting_folder(tmp_path, "m", "1961-01-20", {"recording.flac": audio})
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 0, result.output
    assert "  recording.flac: processed [audio (audio/x-flac), 0:11, 0 motions]" in result.output, result.output
