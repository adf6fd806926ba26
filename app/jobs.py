"""The job queues (Huey), the tasks they run, and the worker that consumes them.

Two queues, so that a three-hour recording never holds up a PDF: `audio` (transcription of
audio and video) and `documents` (reading PDFs and text). Huey carries only the job id; the
`Job` row in the app database is the truth the clerk sees (app/services/job_state.py).
Backends: SQLite (instance/huey.db, one file for both queues) by default, Redis when
REDIS_URL is set, so any number of worker processes on any number of machines can share them.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading

from flask import Flask, current_app, has_app_context
from huey import Huey, RedisHuey, SqliteHuey

from app.config import PROJECT_ROOT

log = logging.getLogger(__name__)
AUDIO = "audio"
DOCUMENTS = "documents"
QUEUES = (AUDIO, DOCUMENTS)
_bound_app: Flask | None = None


def _make_huey(queue: str) -> Huey:
    name = f"boardwatch-{queue}"
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return RedisHuey(name, url=redis_url)
    path = os.environ.get("BOARDWATCH_HUEY_DB") or str(PROJECT_ROOT / "instance" / "huey.db")
    return SqliteHuey(name, filename=path)


queues: dict[str, Huey] = {queue: _make_huey(queue) for queue in QUEUES}


def init_app(app: Flask) -> None:
    """Tests and the demo loader run jobs in the calling process (Huey's immediate mode)."""
    if app.config.get("JOBS_IMMEDIATE"):
        for huey in queues.values():
            huey.immediate = True


def bind_app(app: Flask) -> None:
    """Give tasks run by a consumer the application they run in."""
    global _bound_app
    _bound_app = app


def _task_app() -> Flask:
    if has_app_context():
        return current_app._get_current_object()  # type: ignore[attr-defined]
    if _bound_app is None:
        from app import create_app

        bind_app(create_app())
    assert _bound_app is not None
    return _bound_app


def _run(job_id: int) -> None:
    """Run one processing job; every outcome is recorded on its Job row."""
    from app.services import pipeline

    with _task_app().app_context():
        immediate = queues[AUDIO].immediate
        # In immediate mode a delayed task would never run: the pipeline retries in place instead.
        pipeline.run_job(job_id, requeue=None if immediate else _enqueue_later)


tasks = {queue: huey.task(name=f"run_{queue}_job")(_run) for queue, huey in queues.items()}


def queue_for_step(step: str) -> str:
    """The queue a job step runs on: transcription on `audio`, everything else on `documents`."""
    return AUDIO if step == "transcribe" else DOCUMENTS


def enqueue(job_id: int, delay: float | None = None) -> None:
    """Queue a committed Job row on its step's queue (after `delay` seconds when given)."""
    from app.extensions import db
    from app.models import Job

    job = db.session.get(Job, job_id)
    if job is None:
        raise LookupError(f"no job {job_id}")
    task = tasks[queue_for_step(job.step)]
    if delay:
        task.schedule((job_id,), delay=delay)
    else:
        task(job_id)


def _enqueue_later(job_id: int, delay: float) -> None:
    enqueue(job_id, delay=delay)


def reap_once() -> list[int]:
    """Re-queue running jobs whose worker is gone (needs an app context); returns their ids."""
    from app.services import job_state

    stale_after = dt.timedelta(seconds=float(current_app.config["JOB_STALE_SECONDS"]))
    requeued = job_state.reap(stale_after)
    for job_id in requeued:
        enqueue(job_id)
    return requeued


def _reaper_loop(app: Flask, stop: threading.Event) -> None:
    """Run the reaper now and then every JOB_REAPER_SECONDS until `stop` is set."""
    from app.extensions import db

    interval = float(app.config["JOB_REAPER_SECONDS"])
    while True:
        with app.app_context():
            try:
                reap_once()
            except Exception:  # the database may be briefly unreachable; the next round tries again
                log.exception("the stale-job reaper failed; trying again in %s s", interval)
            finally:
                db.session.remove()
        if stop.wait(interval):
            return


def run_worker(app: Flask, selected: tuple[str, ...], threads: int) -> None:
    """Consume the selected queues in this process until interrupted (SIGINT or SIGTERM).

    One Huey consumer per queue, each with `threads` worker threads; the first runs in the
    main thread and handles signals, the others stop when it does. A reaper thread re-queues
    jobs whose worker died, at start-up and periodically.
    """
    bind_app(app)
    consumers = [queues[q].create_consumer(workers=threads, worker_type="thread", periodic=False) for q in selected]
    stop = threading.Event()
    reaper = threading.Thread(target=_reaper_loop, args=(app, stop), name="stale-job-reaper", daemon=True)
    reaper.start()
    for consumer in consumers[1:]:
        consumer.start()
    try:
        consumers[0].run()
    finally:
        stop.set()
        for consumer in consumers[1:]:
            consumer.stop(graceful=True)
