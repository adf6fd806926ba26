"""Exports stream with flat memory: 200,000 motions out as CSV (/search.csv, and an officer's
record a row per member vote) and into the bulk dumps, each measured in a fresh process.

The database is filled with plain sqlite3 `executemany` and indexed for search once per module.
Then a new Python process creates the app, warms up on a tiny export, notes its resident memory,
runs the whole export and reports its peak resident memory (VmHWM), and the peak after the first
20,000 motions. Growth = peak - memory before the export must stay under 50 MB, and the peak
must not move after the first 20,000 motions (flat, not just small). Not timed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_DATABASE_URL

MOTIONS = 200_000
PER_MEETING = 200
LIMIT_MB = 50
ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, sys

def status(field):
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024

db_url, folder, what = sys.argv[1:4]
from app import create_app
from app.services import bulk, bulk_tables

app = create_app({
    "TESTING": True, "SECRET_KEY": "memory-test", "SQLALCHEMY_DATABASE_URI": db_url,
    "EXPORTS_FOLDER": folder + "/exports", "UPLOAD_FOLDER": folder + "/uploads", "RATELIMIT_ENABLED": False,
})
client = app.test_client()
warm = client.get("/search.csv?to=1900-01-01")  # the same code path on no rows: imports, compiled queries
assert warm.status_code == 200 and warm.get_data()
before = status("VmRSS")
lines = 0
early = None
if what.endswith((".csv", "rows=votes")):
    response = client.get("/" + what)
    assert response.status_code == 200
    for chunk in response.response:
        lines += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
        if early is None and lines > 20_000:
            early = status("VmHWM")  # a tenth of the way: the rest must not need more
    response.close()
else:
    motion_rows = bulk_tables.motion_rows

    def watched():
        global early
        for n, row in enumerate(motion_rows()):
            if n == 20_000:
                early = status("VmHWM")
            yield row

    bulk_tables.motion_rows = watched
    with app.app_context():
        lines = bulk.rebuild()["counts"]["motions"]
print(json.dumps({"lines": lines, "before": before, "early": early, "peak": status("VmHWM")}))
"""
# Search reads its own index: build it the way `flask reindex` does, in a process of its own.
INDEX_SCRIPT = r"""
import sys
from app import create_app
from app.extensions import db
from app.models import Meeting
from app.services import search

app = create_app({"TESTING": True, "SECRET_KEY": "memory-test", "SQLALCHEMY_DATABASE_URI": sys.argv[1],
                  "EXPORTS_FOLDER": sys.argv[2] + "/exports", "UPLOAD_FOLDER": sys.argv[2] + "/uploads"})
with app.app_context():
    ids = list(db.session.scalars(db.select(Meeting.id).order_by(Meeting.id)))
    for meeting_id in ids:
        search.reindex_meeting(db.session.get(Meeting, meeting_id))
        db.session.commit()
        db.session.expunge_all()
"""


def _fill(path: Path) -> None:
    """1,000 published meetings of 200 motions each, three named votes and one officer per motion."""
    now = dt.datetime(2024, 1, 1).isoformat(sep=" ")
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO body (id, name, is_demo) VALUES (1, 'Harbor City Board of Police Commissioners', 0)")
        conn.executemany(
            "INSERT INTO member (id, body_id, name, aliases) VALUES (?, 1, ?, '[]')",
            [(1, "Avery Lindqvist"), (2, "Marisol Okonkwo-Reyes"), (3, "Tobias Fairweather")],
        )
        conn.execute("INSERT INTO officer (id, name, rank, badge) VALUES (1, 'Dana Whitfield', 'Sergeant', '4471')")
        meetings = MOTIONS // PER_MEETING
        start = dt.date(2000, 1, 1)
        conn.executemany(
            "INSERT INTO meeting (id, body_id, date, kind, title, status, created_at) "
            "VALUES (?, 1, ?, 'regular', ?, 'published', ?)",
            [
                (m, (start + dt.timedelta(days=7 * m)).isoformat(), f"Regular meeting {m}", now)
                for m in range(1, meetings + 1)
            ],
        )
        text = "to finalize the thirty-day suspension without pay of Sergeant Dana Whitfield, motion {}"
        conn.executemany(
            "INSERT INTO motion (id, meeting_id, position, text, classification, mover, seconder, result, "
            "yes_count, no_count, outcome_kind, outcome_days, outcome_paid, source_page, evidence, confidence, "
            "review, created_at, updated_at) VALUES (?, ?, ?, ?, 'discipline', 'Lindqvist', 'Fairweather', "
            "'passed', 2, 1, 'suspension', 30, 0, 3, ?, 0.9, 'machine', ?, ?)",
            (
                (
                    n,
                    (n - 1) // PER_MEETING + 1,
                    (n - 1) % PER_MEETING,
                    text.format(n),
                    "=SUM(A1)" if n % 1000 == 0 else "MOTION by Lindqvist",
                    now,
                    now,
                )
                for n in range(1, MOTIONS + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO vote (motion_id, member_id, voter_name, option) VALUES (?, ?, ?, ?)",
            (
                (n, member, name, option)
                for n in range(1, MOTIONS + 1)
                for member, name, option in (
                    (1, "Lindqvist", "yes"),
                    (3, "Fairweather", "yes"),
                    (2, "Okonkwo-Reyes", "no"),
                )
            ),
        )
        conn.executemany(
            "INSERT INTO motion_officer (motion_id, officer_id) VALUES (?, 1)", ((n,) for n in range(1, MOTIONS + 1))
        )
        conn.commit()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def big_database(tmp_path_factory: pytest.TempPathFactory, _template_db: str) -> Path:
    if TEST_DATABASE_URL:
        pytest.skip("filled with sqlite3; the PostgreSQL run covers the same code on a small scale")
    folder = tmp_path_factory.mktemp("big")
    path = folder / "boardwatch.db"
    shutil.copyfile(_template_db, path)
    _fill(path)
    _run(INDEX_SCRIPT, f"sqlite:///{path}", str(folder))
    return path


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _measure(database: Path, what: str, tmp_path: Path) -> dict:
    done = _run(SCRIPT, f"sqlite:///{database}", str(tmp_path), what)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _assert_flat(result: dict) -> None:
    growth_mb = (result["peak"] - result["before"]) / 2**20
    late_mb = (result["peak"] - result["early"]) / 2**20
    print(f"memory growth: {growth_mb:.1f} MB, of which {late_mb:.1f} MB after the first 20,000 motions")
    assert growth_mb < LIMIT_MB, f"memory grew by {growth_mb:.1f} MB"
    assert late_mb < 10, f"memory kept growing: {late_mb:.1f} MB after the first 20,000 motions"


@pytest.mark.slow
@pytest.mark.timeout(1800)  # filling and indexing 200,000 motions takes minutes on a small machine
def test_search_csv_of_200000_motions_streams_with_flat_memory(big_database, tmp_path):
    result = _measure(big_database, "search.csv", tmp_path)
    assert result["lines"] == MOTIONS + 1  # the header and one line per motion
    _assert_flat(result)


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_officer_csv_of_600000_member_votes_streams_with_flat_memory(big_database, tmp_path):
    # Every motion is about officer 1: their record, one row per member vote, takes the record lists' path.
    result = _measure(big_database, "officers/1.csv?rows=votes", tmp_path)
    assert result["lines"] == 3 * MOTIONS + 1
    _assert_flat(result)


@pytest.mark.slow
@pytest.mark.timeout(1800)  # filling and indexing 200,000 motions takes minutes on a small machine
def test_bulk_dump_of_200000_motions_builds_with_flat_memory(big_database, tmp_path):
    result = _measure(big_database, "bulk", tmp_path)
    assert result["lines"] == MOTIONS
    _assert_flat(result)
