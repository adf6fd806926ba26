"""The job queue (Huey) and the tasks it runs.

The `Job` row in the app database is the truth the clerk sees; Huey only carries the
job id. SQLite backend by default (instance/huey.db), Redis when REDIS_URL is set.
"""

from __future__ import annotations

import datetime as dt
import logging
import os

from flask import Flask, current_app, has_app_context
from huey import Huey, RedisHuey, SqliteHuey, crontab

from app.config import PROJECT_ROOT

log = logging.getLogger(__name__)
STALE_AFTER = dt.timedelta(minutes=10)
_bound_app: Flask | None = None


def _make_huey() -> Huey:
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return RedisHuey("boardwatch", url=redis_url)
    path = os.environ.get("BOARDWATCH_HUEY_DB") or str(PROJECT_ROOT / "instance" / "huey.db")
    return SqliteHuey("boardwatch", filename=path)


huey = _make_huey()


def init_app(app: Flask) -> None:
    """Tests and the demo loader run jobs in the calling process (Huey's immediate mode)."""
    if app.config.get("JOBS_IMMEDIATE"):
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


@huey.task()
def process_document_task(job_id: int) -> None:
    """Run one processing job; every outcome is recorded on its Job row."""
    from app.services import pipeline

    with _task_app().app_context():
        pipeline.run_job(job_id)


@huey.periodic_task(crontab(minute="*/5"))
def requeue_stale_jobs() -> None:
    """Re-queue running jobs whose worker stopped sending heartbeats (killed mid-run)."""
    from app.services import pipeline

    with _task_app().app_context():
        for job_id in pipeline.stale_job_ids(STALE_AFTER):
            log.warning("re-queueing stale job %s", job_id)
            process_document_task(job_id)


def enqueue(job_id: int) -> None:
    """Queue a committed Job row for processing."""
    process_document_task(job_id)
