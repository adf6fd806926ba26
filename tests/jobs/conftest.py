"""Real worker processes for the job tests: start `flask worker`, kill it, read the Job rows.

The worker runs against the test's own database (the temporary SQLite file, or PostgreSQL
when TEST_DATABASE_URL is set) and its own queue (a SQLite file, or Redis database 13,
emptied first, when REDIS_URL is set), with small chunks and a fast heartbeat and reaper.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from flask import Flask

ROOT = Path(__file__).resolve().parents[2]
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]
REDIS_URL = os.environ.get("REDIS_URL")
DEMO_AUDIO = ROOT / "app" / "demo" / "demo_meeting.ogg"
T = TypeVar("T")

ENQUEUE = """
import sys
from app import create_app
from app.jobs import enqueue
app = create_app()
with app.app_context():
    for job_id in sys.argv[1:]:
        enqueue(int(job_id))
"""

BACKENDS = [
    "sqlite",
    pytest.param("redis", marks=pytest.mark.skipif(not REDIS_URL, reason="set REDIS_URL to test the Redis queue")),
]


def redis_test_url() -> str:
    """REDIS_URL with database 13, which these tests empty and own."""
    assert REDIS_URL
    base = REDIS_URL.rsplit("/", 1)[0] if REDIS_URL.count("/") > 2 else REDIS_URL
    return base + "/13"


class WorkerRig:
    """Worker processes on the test's database and queue, and a view of its Job rows."""

    def __init__(self, app: Flask, tmp_path: Path, backend: str) -> None:
        self.app = app
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen[bytes]] = []
        self.logs: list[Path] = []
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "BOARDWATCH_JOBS_IMMEDIATE")}
        env.update(
            DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
            BOARDWATCH_UPLOADS=app.config["UPLOAD_FOLDER"],
            BOARDWATCH_HUEY_DB=str(tmp_path / "huey.db"),
            SECRET_KEY="worker-test",
            PYTHONUNBUFFERED="1",
            BOARDWATCH_CHUNK_SECONDS="15",
            BOARDWATCH_JOB_HEARTBEAT_SECONDS="0.5",
            BOARDWATCH_JOB_STALE_SECONDS="30",
            BOARDWATCH_JOB_REAPER_SECONDS="1",
            BOARDWATCH_JOB_RETRY_SECONDS="0.5",
            BOARDWATCH_JOB_ATTEMPTS="3",
        )
        if backend == "redis":
            import redis

            url = redis_test_url()
            redis.Redis.from_url(url).flushdb()
            env["REDIS_URL"] = url
        self.env = env

    def start(self, queue: str = "all") -> subprocess.Popen[bytes]:
        """Start `flask worker --queue QUEUE`; its output goes to worker-N.log."""
        log = self.tmp_path / f"worker-{len(self.logs) + 1}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [*FLASK, "worker", "--queue", queue], cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        self.processes.append(proc)
        self.logs.append(log)
        return proc

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        """kill -9, as a crash or the out-of-memory killer would."""
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    def stop_all(self) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                self.kill(proc)

    def enqueue(self, *job_ids: int) -> None:
        done = subprocess.run(
            [sys.executable, "-c", ENQUEUE, *map(str, job_ids)], cwd=ROOT, env=self.env, capture_output=True
        )
        assert done.returncode == 0, done.stderr.decode()[-3000:]

    def job(self, job_id: int) -> dict[str, Any]:
        """The Job row as it is now in the database."""
        from app.extensions import db
        from app.models import Job

        with self.app.app_context():
            job = db.session.get(Job, job_id)
            assert job is not None
            return {
                "state": job.state,
                "attempts": job.attempts,
                "error": job.error,
                "message": job.message,
                "progress": job.progress,
                "checkpoint": job.checkpoint or {},
                "finished_at": job.finished_at,
                "worker": job.worker,
            }

    def wait(self, check: Callable[[], T | None], seconds: float, what: str) -> T:
        """Poll `check` until it returns something truthy; fail with the workers' logs after `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = check()
            if value:
                return value
            for proc in self.processes[-1:]:
                if proc.poll() is not None and proc.returncode not in (0, -signal.SIGKILL):
                    pytest.fail(f"the worker exited with {proc.returncode} while waiting for {what}:\n{self.output()}")
            time.sleep(0.2)
        pytest.fail(f"timed out after {seconds} s waiting for {what}:\n{self.output()}")

    def wait_state(self, job_id: int, states: tuple[str, ...], seconds: float) -> dict[str, Any]:
        return self.wait(
            lambda: (row := self.job(job_id))["state"] in states and row, seconds, f"job {job_id} {states}"
        )

    def output(self, index: int | None = None) -> str:
        logs = self.logs if index is None else [self.logs[index]]
        return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}" for log in logs)


@pytest.fixture(params=BACKENDS)
def rig(request: pytest.FixtureRequest, app: Flask, tmp_path: Path) -> Iterator[WorkerRig]:
    rig = WorkerRig(app, tmp_path, request.param)
    try:
        yield rig
    finally:
        rig.stop_all()


def make_meeting(app: Flask) -> int:
    from app.extensions import db
    from app.models import Body, Meeting

    with app.app_context():
        meeting = Meeting(body=Body(name="Test Board (fictional)"), date=dt.date(2026, 9, 8), title="Regular meeting")
        db.session.add(meeting)
        db.session.commit()
        return meeting.id


def upload(app: Flask, meeting_id: int, data: bytes, filename: str, kind: str) -> int:
    """Store a file as the clerk's upload does and return its queued job's id (not enqueued)."""
    from app.extensions import db
    from app.models import Meeting
    from app.services.uploads import add_upload

    with app.app_context():
        outcome = add_upload(db.session.get(Meeting, meeting_id), io.BytesIO(data), filename, kind, None)
        db.session.commit()
        assert outcome.job is not None, outcome.document.error
        return outcome.job.id


def minutes_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


MOTION_TEXT = (
    "Commissioner Alvarez moved, seconded by Commissioner Brooks, to approve the minutes "
    "of the regular meeting of {date}. The motion carried 5-0."
)
