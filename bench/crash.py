"""Crash and resume: kill -9 the worker at random points and check every job still ends once.

    .venv/bin/python bench/crash.py [--jobs 5] [--clip app/demo/demo_meeting.ogg] [--chunk-seconds 30] [--seed 1]

Makes JOBS copies of the clip with different bytes (ffmpeg remuxes it with a different tag, so
each is its own document), then runs two rounds, each on a fresh SQLite database migrated by the
app's own migrations and a real `flask worker` process:

1. uninterrupted: queue every job, start one worker, time until all are done;
2. crash: the same, but once each job is running the worker is killed with SIGKILL at a random
   point of that job (uniform over 10-80% of its uninterrupted time) and started again at once.

It prints, for the crash round: jobs killed, jobs resumed (and how many of those from a
committed chunk rather than from the start), jobs finished, duplicate transcript segments and
duplicate motions found (both must be 0), how far each transcript differs from the
uninterrupted one (word error rate between the two: a resumed decode starts a few milliseconds
after the cut, so later chunk edges can move by that much), and the wall-time ratio
crash / uninterrupted. The queue is SQLite (instance-style file in
a temporary folder), or Redis database 14 (emptied first) when REDIS_URL is set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=5)
    parser.add_argument("--clip", type=Path, default=REPO / "app" / "demo" / "demo_meeting.ogg")
    parser.add_argument("--chunk-seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="boardwatch-crash-"))
    try:
        clips = make_clips(args.clip, args.jobs, work / "clips")
        env = worker_env(work, args.chunk_seconds)
        # This process queues the jobs: it must use the workers' queue (read when app.jobs is imported).
        for name in ("BOARDWATCH_HUEY_DB", "BOARDWATCH_UPLOADS", "SECRET_KEY", "REDIS_URL"):
            if name in env:
                os.environ[name] = env[name]
        plain = run_round(work / "plain", clips, env, kill=None)
        per_job = plain["seconds"] / len(clips)
        rng = random.Random(args.seed)
        crash = run_round(work / "crash", clips, env, kill=lambda: rng.uniform(0.1, 0.8) * per_job)
        report(args, plain, crash)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def make_clips(clip: Path, count: int, folder: Path) -> list[Path]:
    """`count` copies of the clip with the same audio and different bytes."""
    folder.mkdir(parents=True)
    clips = []
    for n in range(count):
        target = folder / f"meeting-{n + 1}{clip.suffix}"
        command = ["ffmpeg", "-v", "error", "-i", str(clip), "-map", "0", "-c", "copy"]
        subprocess.run([*command, "-metadata", f"comment=copy {n + 1}", str(target)], check=True)
        clips.append(target)
    return clips


def worker_env(work: Path, chunk_seconds: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "BOARDWATCH_JOBS_IMMEDIATE")}
    env.update(
        BOARDWATCH_UPLOADS=str(work / "uploads"),
        BOARDWATCH_HUEY_DB=str(work / "huey.db"),
        SECRET_KEY="crash-bench",
        PYTHONUNBUFFERED="1",
        BOARDWATCH_CHUNK_SECONDS=str(chunk_seconds),
        BOARDWATCH_JOB_HEARTBEAT_SECONDS="1",
        BOARDWATCH_JOB_REAPER_SECONDS="1",
        BOARDWATCH_JOB_ATTEMPTS="5",
    )
    if os.environ.get("REDIS_URL"):
        import redis

        base = os.environ["REDIS_URL"].rsplit("/", 1)[0] if os.environ["REDIS_URL"].count("/") > 2 else ""
        env["REDIS_URL"] = (base or os.environ["REDIS_URL"]) + "/14"
        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    return env


def run_round(folder: Path, clips: list[Path], env: dict[str, str], kill) -> dict:
    """Process every clip with a real worker; with `kill`, SIGKILL it once during each job."""
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.jobs import enqueue

    folder.mkdir(parents=True)
    url = f"sqlite:///{folder / 'boardwatch.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "UPLOAD_FOLDER": env["BOARDWATCH_UPLOADS"]})
    with app.app_context():
        upgrade()
        job_ids = upload_all(clips)
        for job_id in job_ids:
            enqueue(job_id)
        db.session.remove()
    env = {**env, "DATABASE_URL": url}
    logs = folder / "workers.log"
    killed: list[int] = []
    began = time.monotonic()
    worker = start_worker(env, logs)
    try:
        if kill is not None:
            for job_id in job_ids:
                wait_for(app, lambda j=job_id: job_row(app, j).state in ("running", "done", "failed"))
                time.sleep(kill())
                if job_row(app, job_id).state == "running":
                    os.kill(worker.pid, signal.SIGKILL)
                    worker.wait()
                    killed.append(job_id)
                    worker = start_worker(env, logs)
        wait_for(app, lambda: all(job_row(app, j).state in ("done", "failed") for j in job_ids))
        seconds = time.monotonic() - began
    finally:
        worker.kill()
        worker.wait()
    return {"app": app, "jobs": job_ids, "killed": killed, "seconds": seconds, **summarise(app, job_ids)}


def upload_all(clips: list[Path]) -> list[int]:
    from app.extensions import db
    from app.models import Body, Meeting
    from app.services.uploads import add_upload

    meeting = Meeting(
        body=Body(name="Crash Bench Board (fictional)"), date=dt.date(2026, 1, 5), title="Regular meeting"
    )
    db.session.add(meeting)
    ids = []
    for clip in clips:
        outcome = add_upload(meeting, io.BytesIO(clip.read_bytes()), clip.name, "audio", None)
        assert outcome.job is not None, outcome.document.error
        db.session.commit()
        ids.append(outcome.job.id)
    return ids


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        command = [*FLASK, "worker", "--queue", "audio"]
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def job_row(app, job_id: int):
    from app.extensions import db
    from app.models import Job

    with app.app_context():
        job = db.session.get(Job, job_id)
        db.session.expunge(job)
        return job


def wait_for(app, check, seconds: float = 1800) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {seconds} s")
        time.sleep(0.2)


def summarise(app, job_ids: list[int]) -> dict:
    """Per job: state, attempts, resume point; duplicates among segments and motions; the transcripts."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Job, Motion, Segment

    with app.app_context():
        jobs = [db.session.get(Job, j) for j in job_ids]
        transcripts = {}
        duplicate_segments = duplicate_motions = 0
        resumed_mid_file = 0
        for job in jobs:
            document = job.document
            segments = list(db.session.scalars(select(Segment).where(Segment.transcript_id == document.transcript.id)))
            transcripts[job.id] = [s.text for s in sorted(segments, key=lambda s: s.position)]
            duplicate_segments += sum(n - 1 for n in Counter((s.start, s.text) for s in segments).values())
            motions = db.session.scalars(select(Motion).where(Motion.document_id == document.id))
            duplicate_motions += sum(n - 1 for n in Counter((m.source_start, m.text) for m in motions).values())
            chunks = (job.checkpoint or {}).get("chunks", [])
            if any(c["attempt"] == 1 for c in chunks) and any(c["attempt"] > 1 for c in chunks):
                resumed_mid_file += 1
        return {
            "states": Counter(job.state for job in jobs),
            "resumed": sum(1 for job in jobs if job.attempts > 1),
            "resumed_mid_file": resumed_mid_file,
            "duplicate_segments": duplicate_segments,
            "duplicate_motions": duplicate_motions,
            "motions": db.session.query(Motion).count(),
            "transcripts": transcripts,
        }


def report(args, plain: dict, crash: dict) -> None:
    from transcribe.metrics import word_error_rate

    differences = [
        word_error_rate(" ".join(plain["transcripts"][p]), " ".join(crash["transcripts"][c]))
        for p, c in zip(plain["jobs"], crash["jobs"], strict=True)
    ]
    same = sum(1 for d in differences if d == 0)
    print(f"clip {args.clip.name}, {args.jobs} jobs, chunks of {args.chunk_seconds:.0f} s, seed {args.seed}")
    print("| | uninterrupted | kill -9 once per job |")
    print("|---|---|---|")
    print(f"| jobs killed | 0 | {len(crash['killed'])} |")
    resumed = f"{crash['resumed']} ({crash['resumed_mid_file']})"
    print(f"| jobs resumed (of which from a committed chunk) | {plain['resumed']} | {resumed} |")
    print(f"| jobs finished (done) | {plain['states']['done']} | {crash['states']['done']} |")
    print(f"| jobs failed | {plain['states']['failed']} | {crash['states']['failed']} |")
    print(f"| motions found | {plain['motions']} | {crash['motions']} |")
    print(f"| duplicate segments | {plain['duplicate_segments']} | {crash['duplicate_segments']} |")
    print(f"| duplicate motions | {plain['duplicate_motions']} | {crash['duplicate_motions']} |")
    print(f"| transcripts word for word as uninterrupted | - | {same} of {args.jobs} |")
    print(f"| words differing from uninterrupted (worst job) | - | {max(differences):.1%} |")
    print(f"| wall time | {plain['seconds']:.1f} s | {crash['seconds']:.1f} s |")
    print(f"| overhead ratio (crash / uninterrupted) | 1.00 | {crash['seconds'] / plain['seconds']:.2f} |")


if __name__ == "__main__":
    main()
