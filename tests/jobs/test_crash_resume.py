"""kill -9 a real worker in the middle of a transcription; the restarted worker resumes it.

The demo meeting recording (3 minutes) is transcribed in 15-second chunks. Once at least one
chunk is committed the worker is killed with SIGKILL; a new worker (its reaper sees that the
job's process is gone) re-queues the job, which resumes from the last committed chunk.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
from sqlalchemy import select

from tests.jobs.conftest import DEMO_AUDIO, WorkerRig, make_meeting, upload


@pytest.mark.slow
def test_worker_killed_mid_transcription_resumes_from_the_last_committed_chunk(rig: WorkerRig):
    from app.extensions import db
    from app.models import Job, Motion, Segment

    job_id = upload(rig.app, make_meeting(rig.app), DEMO_AUDIO.read_bytes(), "meeting.ogg", "audio")
    rig.enqueue(job_id)
    first = rig.start()
    row = rig.wait(lambda: len((r := rig.job(job_id))["checkpoint"].get("chunks", [])) >= 2 and r, 180, "2 chunks")
    rig.kill(first)

    killed = rig.job(job_id)
    assert killed["state"] == "running" and killed["attempts"] == 1, killed
    before = killed["checkpoint"]["chunks"]
    assert len(before) >= len(row["checkpoint"]["chunks"]) >= 2
    assert before[-1]["end"] < 170, "the kill must come before the end of the recording"
    with rig.app.app_context():
        kept = {s.id: (s.start, s.text) for s in db.session.scalars(select(Segment))}
    assert kept, "the committed chunks' segments are in the database"

    rig.start()
    done = rig.wait_state(job_id, ("done", "failed"), 240)
    assert done["state"] == "done", (done, rig.output())
    assert done["attempts"] == 2

    # The chunks committed before the kill are exactly those of attempt 1; attempt 2 starts where they end.
    chunks = done["checkpoint"]["chunks"]
    assert chunks[: len(before)] == before
    assert all(c["attempt"] == 2 for c in chunks[len(before) :])
    assert len(chunks) > len(before)
    for earlier, later in itertools.pairwise(chunks):
        # No overlap; a resumed decode starts on the next audio frame, a few milliseconds on.
        assert earlier["end"] <= later["start"] < earlier["end"] + 0.05, (earlier, later)
    assert chunks[-1]["end"] == pytest.approx(182.66, abs=0.5)
    resumed_log = rig.output(1)
    assert f"resuming transcription at {before[-1]['end']:.3f} s" in resumed_log
    starts = [float(m) for m in re.findall(rf"job {job_id} attempt 2: chunk ([0-9.]+)-", resumed_log)]
    assert starts and before[-1]["end"] <= min(starts) < before[-1]["end"] + 0.05, resumed_log[-3000:]

    with rig.app.app_context():
        segments = list(db.session.scalars(select(Segment).order_by(Segment.position)))
        motions = list(db.session.scalars(select(Motion)))
        job = db.session.get(Job, job_id)
        assert job is not None and job.document.status == "processed"
    # Segments committed before the kill survive untouched (same rows), none is written twice.
    now = {s.id: (s.start, s.text) for s in segments}
    assert {k: now.get(k) for k in kept} == kept
    assert [s.position for s in segments] == list(range(len(segments)))
    assert not [k for k, n in Counter((s.start, s.text) for s in segments).items() if n > 1]
    assert all(a.end <= b.start + 0.5 for a, b in itertools.pairwise(segments)), "no overlapping repeats"
    assert motions, "the demo meeting's motions are found in the resumed transcript"
    assert not [k for k, n in Counter((m.source_start, m.text) for m in motions).items() if n > 1]
