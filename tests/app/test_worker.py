"""The real job queue: a `flask worker` process picks up a queued job and finishes it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ENQUEUE = """
import io, sys
from fpdf import FPDF
from app import create_app
from app.extensions import db
from app.models import Body, Meeting
from app.services.uploads import add_upload
from app.jobs import enqueue
import datetime as dt

pdf = FPDF()
pdf.add_page()
pdf.set_font("Helvetica", size=11)
pdf.multi_cell(0, 6, "Commissioner Alvarez moved, seconded by Commissioner Brooks, to approve the minutes "
               "of the regular meeting of September 1. The motion carried 5-0.")
app = create_app()
with app.app_context():
    body = Body(name="Test Board (fictional)")
    meeting = Meeting(body=body, date=dt.date(2026, 9, 8), title="Regular meeting")
    db.session.add(meeting)
    outcome = add_upload(meeting, io.BytesIO(bytes(pdf.output())), "minutes.pdf", "minutes", None)
    db.session.commit()
    enqueue(outcome.job.id)
    print(outcome.job.id)
"""


REDIS_URL = os.environ.get("REDIS_URL")


@pytest.mark.parametrize(
    "queue",
    [
        "sqlite",
        pytest.param(
            "redis", marks=pytest.mark.skipif(not REDIS_URL, reason="set REDIS_URL to test the Redis queue backend")
        ),
    ],
)
def test_worker_process_runs_a_queued_job(tmp_path, queue):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'boardwatch.db'}",
        "BOARDWATCH_HUEY_DB": str(tmp_path / "huey.db"),
        "BOARDWATCH_UPLOADS": str(tmp_path / "uploads"),
        "SECRET_KEY": "worker-test",
    }
    env.pop("REDIS_URL", None)
    if queue == "redis":
        # A database of its own, emptied first, so that no other run's tasks are picked up.
        import redis

        url = REDIS_URL.rsplit("/", 1)[0] + "/13" if REDIS_URL.count("/") > 2 else REDIS_URL + "/13"
        redis.Redis.from_url(url).flushdb()
        env["REDIS_URL"] = url
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    queued = subprocess.run([sys.executable, "-c", ENQUEUE], cwd=ROOT, env=env, capture_output=True)
    assert queued.returncode == 0, queued.stderr.decode()[-3000:]
    job_id = int(queued.stdout.decode().split()[-1])
    worker = subprocess.Popen([*flask, "worker"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        state = _wait_for_job(tmp_path / "boardwatch.db", job_id, seconds=90)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode(errors="replace")
    assert state[0] == "done", (state, output[-2000:])
    with sqlite3.connect(tmp_path / "boardwatch.db") as conn:
        motions = conn.execute("select result, yes_count from motion").fetchall()
    assert motions == [("passed", 5)]


def _wait_for_job(db_path: Path, job_id: int, seconds: float) -> tuple[str, str | None]:
    deadline = time.monotonic() + seconds
    state: tuple[str, str | None] = ("missing", None)
    while time.monotonic() < deadline:
        with sqlite3.connect(db_path) as conn:
            row = conn.execute("select state, error from job where id = ?", (job_id,)).fetchone()
        if row:
            state = (row[0], row[1])
            if row[0] in ("done", "failed"):
                return state
        time.sleep(0.5)
    return state
