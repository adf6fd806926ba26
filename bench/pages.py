"""Record pages at scale: server time per page kind on a large database, against a small one.

    .venv/bin/python bench/pages.py [--motions 100000] [--baseline-motions 1000] [--runs 20]

Builds two temporary SQLite databases with the app's migrations and bench/search.py's generator
(boards, commissioners, officers, policies, meetings of 40 motions with named votes, transcripts):
a baseline of `--baseline-motions` motions and a large one of `--motions`, and gives the meeting
under test a long transcript (`--transcript` segments) in both. Then, for each page kind, it requests
the page through the app (Flask's test client, so the time is the server's: queries, Python and
templates, no network) `--runs` times after one warm-up request, and prints the median and p95 on
each database, the ratio large/baseline, and the number of SQL statements the page ran.

The pages are the busiest of each kind: the commissioner with the most votes (about 20,000 at
100,000 motions), the officer and the policy named in the most motions, the newest meeting,
and the last page of the meetings list and of that commissioner's record.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from flask import Flask  # noqa: E402
from sqlalchemy import event  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.public.records import MOTIONS_PER_PAGE  # noqa: E402
from app.public.views import MEETINGS_PER_PAGE  # noqa: E402


def generator():
    """bench/search.py as a module (its `build` fills a migrated database)."""
    spec = importlib.util.spec_from_file_location("bench_search", REPO / "bench" / "search.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_app(path: Path, tmp: Path) -> Flask:
    config = {"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
              "UPLOAD_FOLDER": str(tmp / "uploads"), "EXPORTS_FOLDER": str(tmp / "exports")}  # fmt: skip
    return create_app(config)


def build(path: Path, tmp: Path, motions: int, transcript: int) -> None:
    """Migrate, fill, and give the newest published meeting a transcript of `transcript` segments."""
    from flask_migrate import upgrade

    app = make_app(path, tmp)
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
    generator().build(f"sqlite:///{path}", motions, max(motions, 1000))
    conn = sqlite3.connect(path)
    meeting = newest_meeting(conn)
    transcript_id = conn.execute(
        "SELECT t.id FROM transcript t JOIN document d ON d.id = t.document_id WHERE d.meeting_id = ?", (meeting,)
    ).fetchone()[0]
    conn.execute("DELETE FROM segment WHERE transcript_id = ?", (transcript_id,))
    rows = [(transcript_id, i, 30 + 6.5 * i, 36 + 6.5 * i, f"Segment {i} of the long meeting, said by a commissioner.")
            for i in range(transcript)]  # fmt: skip
    conn.executemany('INSERT INTO segment (transcript_id, position, start, "end", text) VALUES (?, ?, ?, ?, ?)', rows)
    conn.commit()
    conn.close()


def newest_meeting(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT id FROM meeting WHERE status = 'published' ORDER BY date DESC, id DESC").fetchone()[0]


def busiest(conn: sqlite3.Connection, table: str, column: str) -> int:
    """The row of `column` named by the most published motions."""
    sql = (
        f"SELECT x.{column} FROM {table} x JOIN motion m ON m.id = x.motion_id JOIN meeting g ON g.id = m.meeting_id"
        f" WHERE g.status = 'published' AND x.{column} IS NOT NULL GROUP BY x.{column} ORDER BY count(*) DESC LIMIT 1"
    )
    return conn.execute(sql).fetchone()[0]


def pages(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    meeting = newest_meeting(conn)
    motion = conn.execute("SELECT id FROM motion WHERE meeting_id = ? ORDER BY position", (meeting,)).fetchone()[0]
    member = busiest(conn, "vote", "member_id")
    published = conn.execute("SELECT count(*) FROM meeting WHERE status = 'published'").fetchone()[0]
    votes = conn.execute(
        "SELECT count(*) FROM vote v JOIN motion m ON m.id = v.motion_id JOIN meeting g ON g.id = m.meeting_id"
        " WHERE v.member_id = ? AND g.status = 'published'",
        (member,),
    ).fetchone()[0]
    # The last page of each list (OFFSET's worst case), whatever the size of the database.
    last_meetings, last_votes = -(-published // MEETINGS_PER_PAGE), -(-votes // MOTIONS_PER_PAGE)
    urls = {
        "home": "/",
        "meetings list": "/meetings",
        "meetings last page": f"/meetings?page={last_meetings}",
        "meeting+transcript": f"/meetings/{meeting}",
        "motion": f"/motions/{motion}",
        "officer+timeline": f"/officers/{busiest(conn, 'motion_officer', 'officer_id')}",
        "policy": f"/policies/{busiest(conn, 'motion_policy', 'policy_id')}",
        "commissioner": f"/members/{member}",
        "commissioner last p": f"/members/{member}?page={last_votes}",
        "outcomes chart": "/outcomes",
    }
    conn.close()
    return urls


def measure(app: Flask, urls: dict[str, str], runs: int) -> dict[str, tuple[list[float], int]]:
    """Wall-clock ms of each request per page kind, and the statements one request ran."""
    client = app.test_client()
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    results = {}
    for kind, url in urls.items():
        assert client.get(url).status_code == 200, url  # warm the page cache, as a running server would be
        times = []
        for _ in range(runs):
            statements.clear()
            t0 = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        results[kind] = (times, len(statements))
    return results


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--motions", type=int, default=100_000)
    parser.add_argument("--baseline-motions", type=int, default=1_000)
    parser.add_argument("--transcript", type=int, default=2_000, help="segments of the meeting page's transcript")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="boardwatch-pages-"))
    try:
        measured = {}
        for label, motions in (("baseline", args.baseline_motions), ("large", args.motions)):
            path = tmp / f"{label}.db"
            t0 = time.perf_counter()
            build(path, tmp, motions, args.transcript)
            print(f"{label}: built {motions:,} motions in {time.perf_counter() - t0:.0f} s")
            measured[label] = measure(make_app(path, tmp), pages(path), args.runs)
        base, large = measured["baseline"], measured["large"]
        print(f"\nserver ms per page, {args.runs} runs each; baseline {args.baseline_motions:,} motions,"
              f" large {args.motions:,}; a transcript of {args.transcript:,} segments on both\n")  # fmt: skip
        header = (
            f"{'page':<20}{'base med':>9}{'base p95':>9}{'large med':>10}{'large p95':>10}{'ratio':>7}{'queries':>9}"
        )
        print(header)
        print("-" * len(header))
        for kind in large:
            (b_times, b_queries), (l_times, l_queries) = base[kind], large[kind]
            ratio = statistics.median(l_times) / statistics.median(b_times)
            print(
                f"{kind:<20}{statistics.median(b_times):>9.1f}{p95(b_times):>9.1f}{statistics.median(l_times):>10.1f}"
                f"{p95(l_times):>10.1f}{ratio:>6.1f}x{b_queries:>4}/{l_queries:<4}"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
