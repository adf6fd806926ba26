"""Poison jobs: one that raises every time, or kills its worker every time, stops after 3 attempts.

Its reason is on the job for the clerk, other jobs are not held up, and Retry still works.
The fault that raises is real: the stored original has become a directory, so opening it
fails with IsADirectoryError on every attempt (an OSError, which is worth retrying in case
it is passing).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import need_corpus
from tests.jobs.conftest import MOTION_TEXT, WorkerRig, make_meeting, minutes_pdf, upload


def _blob(app: Flask, job_id: int) -> Path:
    from app.extensions import db
    from app.models import Job
    from app.services.storage import blob_path

    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job is not None
        return blob_path(app.config["UPLOAD_FOLDER"], job.document.sha256)


def _poison(app: Flask, job_id: int) -> bytes:
    """Turn the job's stored original into a directory; return the original bytes."""
    path = _blob(app, job_id)
    data = path.read_bytes()
    path.unlink()
    path.mkdir()
    return data


def _restore(app: Flask, job_id: int, data: bytes) -> None:
    path = _blob(app, job_id)
    shutil.rmtree(path)
    path.write_bytes(data)


def test_job_that_raises_every_time_fails_after_three_attempts_and_retry_works(app, client, auth):
    from app.extensions import db
    from app.models import Document, Job
    from app.services import pipeline

    app.config["JOB_RETRY_SECONDS"] = 0
    meeting_id = make_meeting(app)
    bad = upload(app, meeting_id, minutes_pdf(MOTION_TEXT.format(date="September 1")), "minutes.pdf", "minutes")
    good = upload(app, meeting_id, minutes_pdf(MOTION_TEXT.format(date="August 4")), "decision.pdf", "decision")
    original = _poison(app, bad)
    with app.app_context():
        pipeline.run_job(bad)
        pipeline.run_job(good)
        failed, done = db.session.get(Job, bad), db.session.get(Job, good)
        assert failed is not None and done is not None
        assert (failed.state, failed.attempts) == ("failed", 3)
        assert failed.error.startswith("Stopped after 3 attempts. Last error: Unexpected error (IsADirectoryError")
        assert failed.document.status == "failed" and failed.document.error == failed.error
        assert (done.state, done.attempts) == ("done", 1)
        document_id = failed.document_id

    auth.login()
    page = client.get(f"/clerk/meetings/{meeting_id}")
    assert b"Stopped after 3 attempts" in page.data
    _restore(app, bad, original)
    response = client.post(f"/clerk/documents/{document_id}/retry")
    assert response.status_code == 302
    with app.app_context():
        document = db.session.get(Document, document_id)
        assert document is not None
        assert [j.state for j in document.jobs] == ["failed", "done"]
        assert document.status == "processed" and document.error is None


def test_queued_job_that_raises_every_time_does_not_block_the_queue(rig: WorkerRig):
    meeting_id = make_meeting(rig.app)
    bad = upload(rig.app, meeting_id, minutes_pdf(MOTION_TEXT.format(date="September 1")), "minutes.pdf", "minutes")
    good = upload(rig.app, meeting_id, minutes_pdf(MOTION_TEXT.format(date="August 4")), "decision.pdf", "decision")
    _poison(rig.app, bad)
    rig.enqueue(bad, good)
    rig.start("documents")
    failed = rig.wait_state(bad, ("failed",), 120)
    done = rig.job(good)
    assert done["state"] == "done", (done, rig.output())
    assert failed["attempts"] == 3
    assert "Stopped after 3 attempts. Last error: Unexpected error (IsADirectoryError" in failed["error"]
    # The good job, queued behind the poison one, finished while the poison one waited to be retried.
    assert done["finished_at"] < failed["finished_at"]


@pytest.mark.slow
def test_job_that_kills_its_worker_every_time_is_failed_and_others_finish(rig: WorkerRig):
    meeting_id = make_meeting(rig.app)
    jfk = need_corpus("audio/jfk_inaugural_excerpt.flac").read_bytes()
    seattle = need_corpus("audio/seattle_city_council_briefing_clip_0.wav").read_bytes()
    poison = upload(rig.app, meeting_id, jfk, "a.flac", "audio")
    other = upload(rig.app, meeting_id, seattle, "b.wav", "audio")
    rig.enqueue(poison, other)
    for attempt in (1, 2, 3):
        worker = rig.start("audio")
        rig.wait(lambda n=attempt: (r := rig.job(poison))["state"] == "running" and r["attempts"] == n, 180, "a try")
        rig.kill(worker)
    rig.start("audio")
    failed = rig.wait_state(poison, ("failed",), 60)
    assert failed["attempts"] == 3
    assert failed["error"].startswith("Stopped after 3 attempts: the worker stopped while processing it each time")
    assert rig.wait_state(other, ("done", "failed"), 180)["state"] == "done", rig.output()
