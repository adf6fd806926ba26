"""Separate queues (a long recording never holds up a PDF) and idempotent restarts, with real workers."""

from __future__ import annotations

import time

from flask import Flask

from tests.jobs.conftest import DEMO_AUDIO, MOTION_TEXT, WorkerRig, make_meeting, minutes_pdf, upload


def test_jobs_go_to_the_queue_of_their_step():
    from app.jobs import AUDIO, DOCUMENTS, queue_for_step, queues

    assert queue_for_step("transcribe") == AUDIO
    assert queue_for_step("read_pdf") == DOCUMENTS
    assert queues[AUDIO].name != queues[DOCUMENTS].name


def test_pdf_is_not_held_up_by_a_transcription_in_progress(rig: WorkerRig):
    meeting_id = make_meeting(rig.app)
    audio = upload(rig.app, meeting_id, DEMO_AUDIO.read_bytes(), "meeting.ogg", "audio")
    pdf = upload(rig.app, meeting_id, minutes_pdf(MOTION_TEXT.format(date="September 1")), "minutes.pdf", "minutes")
    rig.enqueue(audio, pdf)
    rig.start("all")
    rig.wait_state(audio, ("running",), 120)
    done = rig.wait_state(pdf, ("done", "failed"), 120)
    assert done["state"] == "done", rig.output()
    assert rig.job(audio)["state"] == "running", "the recording queued first is still being transcribed"


def test_worker_on_one_queue_leaves_the_other_queue_alone(rig: WorkerRig):
    meeting_id = make_meeting(rig.app)
    audio = upload(rig.app, meeting_id, DEMO_AUDIO.read_bytes(), "meeting.ogg", "audio")
    pdf = upload(rig.app, meeting_id, minutes_pdf(MOTION_TEXT.format(date="September 1")), "minutes.pdf", "minutes")
    rig.enqueue(audio, pdf)
    rig.start("documents")
    assert rig.wait_state(pdf, ("done", "failed"), 120)["state"] == "done", rig.output()
    time.sleep(1)
    assert rig.job(audio)["state"] == "queued"
    assert "queue documents" in rig.output()


def _snapshot(app: Flask, job_id: int) -> dict:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import DocumentPage, Job, Motion

    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job is not None
        return {
            "job": (job.state, job.attempts, job.finished_at, job.message),
            "pages": list(
                db.session.scalars(select(DocumentPage.id).where(DocumentPage.document_id == job.document_id))
            ),
            "motions": list(db.session.scalars(select(Motion.id).order_by(Motion.id))),
        }


def test_worker_restart_with_a_job_already_done_does_nothing(rig: WorkerRig):
    meeting_id = make_meeting(rig.app)
    first = upload(rig.app, meeting_id, minutes_pdf(MOTION_TEXT.format(date="September 1")), "minutes.pdf", "minutes")
    rig.enqueue(first)
    worker = rig.start("documents")
    assert rig.wait_state(first, ("done", "failed"), 120)["state"] == "done", rig.output()
    before = _snapshot(rig.app, first)
    rig.kill(worker)

    # The same task delivered again to a restarted worker, then a new job behind it on the same queue.
    second = upload(rig.app, meeting_id, minutes_pdf(MOTION_TEXT.format(date="August 4")), "decision.pdf", "decision")
    rig.enqueue(first, second)
    rig.start("documents")
    assert rig.wait_state(second, ("done", "failed"), 120)["state"] == "done", rig.output()
    after = _snapshot(rig.app, first)
    assert after["job"] == before["job"] and after["pages"] == before["pages"]
    assert set(before["motions"]) <= set(after["motions"]) and len(after["motions"]) == len(before["motions"]) + 1


def test_running_the_done_job_again_in_process_changes_nothing(app):
    from app.jobs import reap_once
    from app.services import pipeline

    job_id = upload(app, make_meeting(app), minutes_pdf(MOTION_TEXT.format(date="September 1")), "m.pdf", "minutes")
    with app.app_context():
        pipeline.run_job(job_id)
    before = _snapshot(app, job_id)
    with app.app_context():
        pipeline.run_job(job_id)
        assert reap_once() == []
    assert _snapshot(app, job_id) == before
    assert before["job"][:2] == ("done", 1)
