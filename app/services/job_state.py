"""The life of a Job row: claimed by one worker, kept alive by heartbeats, retried, reaped.

The queue (Huey) carries only job ids, and it drops a task whose worker is killed mid-run,
so the row is the durable record: which worker process holds the job, when it last showed
signs of life, how many attempts it has had, and its checkpoint. Every transition is a
conditional UPDATE, so two workers (or two reapers) racing over one job never both win.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import select, update

from app.extensions import db
from app.models import Job
from app.models.time import utcnow

log = logging.getLogger(__name__)
_TOKEN = secrets.token_hex(4)  # tells this process from an earlier one that had the same pid


class JobLost(Exception):
    """This worker no longer holds the job (the reaper gave it to another worker)."""


def worker_id() -> str:
    """This process as a job holder: "host:pid:token"."""
    return f"{socket.gethostname()}:{os.getpid()}:{_TOKEN}"


def max_attempts() -> int:
    return int(current_app.config.get("JOB_MAX_ATTEMPTS", 3))


def claim(job_id: int) -> Job | None:
    """Take a queued job for this worker (commits); None when it is not queued (done, failed, held)."""
    now = utcnow()
    taken = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == "queued")
        .values(
            state="running",
            attempts=Job.attempts + 1,
            worker=worker_id(),
            started_at=now,
            heartbeat_at=now,
            error=None,
            message="Starting",
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if not taken:
        return None
    job = db.session.get(Job, job_id)
    assert job is not None
    db.session.refresh(job)
    job.document.status = "processing"
    db.session.commit()
    return job


def hold(job_id: int) -> None:
    """Confirm this worker still holds the job and record a heartbeat (in the caller's transaction).

    Called before each commit of results, so a worker the reaper gave up on cannot write over
    the work of the one that took the job over. Raises JobLost.
    """
    held = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == "running", Job.worker == worker_id())
        .values(heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not held:
        raise JobLost(f"job {job_id} is no longer held by {worker_id()}")


@contextmanager
def heartbeat(job_id: int, interval: float) -> Iterator[None]:
    """Beat the job's heartbeat every `interval` seconds from a thread while the block runs."""
    engine = db.engine
    holder = worker_id()
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(interval):
            try:
                with engine.begin() as conn:
                    conn.execute(
                        update(Job)
                        .where(Job.id == job_id, Job.state == "running", Job.worker == holder)
                        .values(heartbeat_at=utcnow())
                    )
            except Exception:  # a busy database must not stop the job; the next beat tries again
                log.warning("heartbeat of job %s failed", job_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"heartbeat-job-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def retry_or_fail(job_id: int, reason: str) -> float | None:
    """After an attempt raised: queue the job again (return the delay in seconds) or fail it for good."""
    job = db.session.get(Job, job_id)
    if job is None:
        return None
    limit = max_attempts()
    if job.attempts >= limit:
        fail(job, f"Stopped after {job.attempts} attempts. Last error: {reason}")
        return None
    delay = float(current_app.config.get("JOB_RETRY_SECONDS", 30)) * 2 ** (job.attempts - 1)
    job.state = "queued"
    job.worker = None
    job.message = f"Attempt {job.attempts} of {limit} failed ({reason}); trying again in {delay:.0f} s"
    job.document.status = "queued"
    db.session.commit()
    return delay


def fail(job: Job, message: str) -> None:
    """Record a final failure the clerk can read and retry (commits)."""
    job.state = "failed"
    job.error = message
    job.message = "Failed"
    job.worker = None
    job.finished_at = utcnow()
    job.document.status = "failed"
    job.document.error = message
    db.session.commit()


def finish(job: Job, message: str) -> None:
    """Mark the job done (commits with whatever the caller flushed)."""
    hold(job.id)
    job.state = "done"
    job.progress = 100
    job.message = message
    job.worker = None
    job.finished_at = utcnow()
    job.document.status = "processed"
    db.session.commit()


def reap(stale_after: dt.timedelta) -> list[int]:
    """Re-queue running jobs whose worker is gone; fail those out of attempts. Returns ids to enqueue.

    A worker is gone when its heartbeat is older than `stale_after`, or at once when it ran on
    this machine and its process no longer exists (a worker restarted after kill -9).
    """
    cutoff = utcnow() - stale_after
    requeue: list[int] = []
    running = db.session.execute(
        select(Job.id, Job.worker, Job.heartbeat_at, Job.attempts).where(Job.state == "running")
    )
    for job_id, holder, beat, attempts in running.all():
        if not (beat is None or beat < cutoff or _holder_is_gone(holder)):
            continue
        if attempts >= max_attempts():
            job = db.session.get(Job, job_id)
            if job is not None and job.state == "running" and job.worker == holder:
                log.warning("job %s: its worker stopped on each of %s attempts; failing it", job_id, attempts)
                fail(
                    job,
                    f"Stopped after {attempts} attempts: the worker stopped while processing it each time "
                    "(killed, or out of memory). Retry, or report it.",
                )
            continue
        moved = db.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.state == "running", Job.worker == holder)
            .values(state="queued", worker=None, message=f"Worker stopped during attempt {attempts}; queued again")
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if moved:
            log.warning("job %s: worker %s stopped; re-queued", job_id, holder)
            requeue.append(job_id)
    return requeue


def _holder_is_gone(holder: str | None) -> bool:
    """True when `holder` ran on this machine and that process has ended."""
    host, _, rest = (holder or "").partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    if holder == worker_id():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # an earlier process that had our pid (a restarted container)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
