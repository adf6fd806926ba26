"""The stale-job reaper and job claiming, against the real database (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys

import pytest

from tests.jobs.conftest import MOTION_TEXT, make_meeting, minutes_pdf, upload

STALE = dt.timedelta(minutes=2)


def _set_running(app, job_id: int, *, worker: str, silent_for: dt.timedelta, attempts: int = 1) -> None:
    """Leave the job as a worker that stopped would: running, held, its heartbeat `silent_for` old."""
    from app.extensions import db
    from app.models import Job
    from app.models.time import utcnow

    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job is not None
        job.state, job.worker, job.attempts = "running", worker, attempts
        job.started_at = job.heartbeat_at = utcnow() - silent_for
        job.document.status = "processing"
        db.session.commit()


def _state(app, job_id: int) -> tuple[str, int, str | None, str | None]:
    from app.extensions import db
    from app.models import Job

    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job is not None
        return job.state, job.attempts, job.worker, job.error


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def job_id(app) -> int:
    return upload(app, make_meeting(app), minutes_pdf(MOTION_TEXT.format(date="September 1")), "minutes.pdf", "minutes")


def test_reaper_requeues_a_running_job_whose_heartbeat_is_stale(app, job_id):
    from app.services import job_state

    _set_running(app, job_id, worker="other-machine:4242:abcd", silent_for=dt.timedelta(minutes=5))
    with app.app_context():
        assert job_state.reap(STALE) == [job_id]
        assert job_state.reap(STALE) == [], "a job is re-queued once, not by every reaper that sees it"
    assert _state(app, job_id) == ("queued", 1, None, None)


def test_reaper_leaves_a_job_with_a_fresh_heartbeat_alone(app, job_id):
    from app.services import job_state

    _set_running(app, job_id, worker="other-machine:4242:abcd", silent_for=dt.timedelta(seconds=5))
    with app.app_context():
        assert job_state.reap(STALE) == []
    assert _state(app, job_id)[0] == "running"


def test_reaper_requeues_at_once_a_job_whose_process_on_this_machine_is_gone(app, job_id):
    from app.services import job_state

    _set_running(app, job_id, worker=f"{socket.gethostname()}:{_dead_pid()}:abcd", silent_for=dt.timedelta(seconds=1))
    with app.app_context():
        assert job_state.reap(STALE) == [job_id]


def test_reaper_keeps_a_job_whose_process_on_this_machine_is_alive(app, job_id):
    from app.services import job_state

    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as alive:
        try:
            _set_running(app, job_id, worker=f"{socket.gethostname()}:{alive.pid}:abcd", silent_for=dt.timedelta(0))
            with app.app_context():
                assert job_state.reap(STALE) == []
        finally:
            alive.kill()


def test_reaper_fails_a_stale_job_that_has_used_its_attempts(app, job_id):
    from app.services import job_state

    _set_running(app, job_id, worker="other-machine:1:abcd", silent_for=dt.timedelta(minutes=5), attempts=3)
    with app.app_context():
        assert job_state.reap(STALE) == []
    state, attempts, worker, error = _state(app, job_id)
    assert (state, attempts, worker) == ("failed", 3, None)
    assert error is not None and error.startswith("Stopped after 3 attempts: the worker stopped")


def test_requeued_stale_job_runs_to_the_end(app, job_id):
    """reap_once queues the job again; here the queue runs it at once (immediate mode)."""
    from app.extensions import db
    from app.jobs import reap_once
    from app.models import Job

    _set_running(app, job_id, worker="other-machine:4242:abcd", silent_for=dt.timedelta(hours=1))
    with app.app_context():
        assert reap_once() == [job_id]
        job = db.session.get(Job, job_id)
        assert job is not None
        assert (job.state, job.attempts, job.message) == ("done", 2, "Done: 1 pages, 1 motion found")


def test_a_job_is_claimed_by_one_worker_only(app, job_id):
    from app.services import job_state

    with app.app_context():
        assert job_state.claim(job_id) is not None
        assert job_state.claim(job_id) is None
        assert _state(app, job_id)[:3] == ("running", 1, job_state.worker_id())


def test_a_worker_that_lost_its_job_cannot_commit_to_it(app, job_id):
    from app.extensions import db
    from app.services import job_state

    with app.app_context():
        job_state.claim(job_id)
    _set_running(app, job_id, worker="other-machine:4242:abcd", silent_for=dt.timedelta(0), attempts=2)
    with app.app_context():
        with pytest.raises(job_state.JobLost):
            job_state.hold(job_id)
        db.session.rollback()
