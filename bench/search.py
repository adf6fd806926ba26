"""How fast search answers at a million rows, against a LIKE '%term%' scan measured in the same run.

    .venv/bin/python bench/search.py [--motions 100000] [--segments 1000000] [--runs 40] [--keep DB]
    .venv/bin/python bench/search.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

Builds a temporary SQLite database (or, with --database-url, fills that PostgreSQL database)
with the app's own migrations, then fills it quickly (executemany or COPY in batches) with
generated boards, commissioners, officers, policies, meetings, motions with votes, and
transcript segments whose wording follows a Zipf-like vocabulary, so some words ("the",
"board") are in nearly every row. The search index rows are made by the app's own row
builders (app.services.search_index), so the index is the one the app builds.

Then, inside an app context against that database, it times the function the /search view
calls (`motion_search.search_motions`: the page of motions, the capped counts per filter,
snippets and the transcript hits) for each query shape, and for each shape a naive LIKE
'%term%' count over `search_doc` (ILIKE on PostgreSQL). It prints median and p95 per shape,
the p95 of this process's CPU time (what a search costs whatever else the machine runs; on
PostgreSQL the server's share is not in it) and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.services import motion_search  # noqa: E402
from app.services.search_index import MotionFacts, motion_rows, passage_rows  # noqa: E402
from app.services.search_params import SearchParams  # noqa: E402
from bench.search_db import connect, describe, prepare  # noqa: E402

BATCH = 20_000
FIRST = "Dana Kellan Marisol Tobias Avery Jordan Priya Malik Renata Owen Farah Luca Imani Tessa Hugo Nadia Elio".split()
FIRST += "Sofia Dmitri Leona Cyrus Wren Anouk Bastian Celeste Darius Elspeth Fennel Gideon Hollis Ines Jasper".split()
LAST = "Whitfield Okafor Brennan Castellano Dubois Eriksen Falkner Garrido Halvorsen Ibarra Jankowski Kowalczyk".split()
LAST += "Lindqvist Moreau Nakamura Oyelaran Petrakis Quintero Rasmussen Szabo Thibodeaux Umberto Vasquez Wojcik".split()
LAST += "Yilmaz Zielinski Abernathy Blackwood Cardenas Delacroix Esposito Fairweather Gallagher Hargrove".split()
# Officers' surnames: a few hundred made from syllables, as varied as a real department's.
_HEADS = "Al Ber Cas Dor El Fen Gar Hol Is Jan Kov Lind Mor Nak Ost Pet Quin Ros Sza Thi Ul Var Wen Yil Zel".split()
_TAILS = "den ford gaard hurst ic kowski ley mann ner olt quist rich son ton vic wood berg dale field wright".split()
SURNAMES = [head + tail for head in _HEADS for tail in _TAILS] + LAST
RANKS = ["Officer"] * 6 + ["Sergeant"] * 2 + ["Detective", "Lieutenant", "Captain"]
POLICY_KINDS = ["Directive", "General Order", "Rule", "Special Order"]
POLICY_TITLES = "use of force reporting|body worn cameras|vehicle pursuits|search warrants|courtesy|neglect of duty|"
POLICY_TITLES += "false reports|off duty conduct|firearms discharge|crowd control|domestic violence response"
# A small everyday vocabulary with a Zipf-like draw: the first words land in nearly every segment.
COMMON = (
    "the of and to a in that is for it on was with as this be at by i we have are not you from board motion "
    "commissioner chair item will there so they our which officer department public meeting would one all "
    "about vote any can if he she has been were what their more when report thank also time people should "
    "police city discussion question comment staff members review policy case matter chief"
).split()
MIDDLE = (
    "complaint testimony hearing investigation evidence witness allegation misconduct discipline appeal "
    "counsel record findings recommendation sustained unfounded exonerated training supervisor incident "
    "arrest detention pursuit camera footage transparency oversight accountability budget contract hiring "
    "promotion overtime grievance settlement lawsuit subpoena deliberation closed session quorum minutes "
    "agenda resolution amendment ordinance inspector auditor precinct district community residents trust"
).split()
RARE = (
    "tasers ketamine chokehold kettling ballistics forensics polygraph dashcam bodycam perjury brady garrity "
    "loudermill arbitrator sequestered redacted expunged indemnify mediation reinstated demoted probationary"
).split()
OUTCOMES = [
    ("suspension", 14), ("termination", 5), ("reprimand", 6), ("reinstatement", 3),
    ("appeal_denied", 5), ("appeal_granted", 2), ("not_guilty", 2), ("approved", 50), ("denied", 3), (None, 10),
]  # fmt: skip
NUMBER_WORDS = {5: "five", 10: "ten", 15: "fifteen", 20: "twenty", 30: "thirty", 45: "forty-five", 60: "sixty"}


def zipf_words(rng: random.Random, count: int) -> list[str]:
    vocabulary = COMMON + MIDDLE + RARE
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))]
    return rng.choices(vocabulary, weights=weights, k=count)


def motion_text(rng: random.Random, outcome: str | None, officer: str, policy: str) -> tuple[str, str, str | None]:
    """(text, classification, outcome text) for one generated motion."""
    days = rng.choice(list(NUMBER_WORDS))
    pay = rng.choice(["without pay", "with pay"])
    if outcome == "suspension":
        text = f"to finalize the {NUMBER_WORDS[days]}-day suspension {pay} of {officer} for violating {policy}"
        return text, "discipline", f"{NUMBER_WORDS[days]}-day suspension {pay}"
    if outcome == "termination":
        return f"to terminate {officer} for violating {policy}", "discipline", "termination"
    if outcome == "reprimand":
        return f"to issue a written reprimand to {officer} under {policy}", "discipline", "written reprimand"
    if outcome == "reinstatement":
        return f"to reinstate {officer} with back pay", "discipline", "reinstated with back pay"
    if outcome in ("appeal_denied", "appeal_granted"):
        verb = "deny" if outcome == "appeal_denied" else "grant"
        return f"to {verb} the appeal of {officer} from the finding under {policy}", "appeal", f"appeal {verb}"
    if outcome == "not_guilty":
        return f"to find {officer} not guilty of the charge under {policy}", "discipline", "not guilty"
    if outcome == "denied":
        return f"to deny the request to amend {policy}", "policy", None
    kind = rng.random()
    if kind < 0.45:
        return "to approve the minutes of the previous regular meeting", "minutes_agenda", None
    if kind < 0.7:
        return f"to adopt the revised {policy} on {rng.choice(POLICY_TITLES.split('|'))}", "policy", None
    if kind < 0.85:
        return (
            f"to approve the contract for {rng.choice(MIDDLE)} services in the amount of ${rng.randint(5, 900)},000",
            "budget_contract",
            None,
        )
    return f"to approve the agenda and the {rng.choice(MIDDLE)} report of the inspector general", "minutes_agenda", None


def build(url: str, motions: int, segments: int, seed: int = 7) -> dict:
    """Fill a migrated database; returns what the timing step needs (names to search for)."""
    rng = random.Random(seed)
    conn = connect(url)
    sqlite = isinstance(conn, sqlite3.Connection)
    bodies = [(1, "Harbor City Board of Police Commissioners", "Police Commission"),
              (2, "Harbor City Civilian Review Board", "Review Board"),
              (3, "Lakemont Police Commission", "Lakemont")]  # fmt: skip
    conn.executemany("INSERT INTO body (id, name, short_name, is_demo) VALUES (?, ?, ?, FALSE)", bodies)
    members = []
    for body_id, *_ in bodies:
        for seat in range(12):
            name = f"{rng.choice(FIRST)} {LAST[(body_id * 12 + seat) % len(LAST)]}"
            members.append((len(members) + 1, body_id, name, f"Seat {seat % 7 + 1}", f'["{name.split()[-1]}"]'))
    conn.executemany("INSERT INTO member (id, body_id, name, seat, aliases) VALUES (?, ?, ?, ?, ?)", members)
    officers = []
    for i in range(6000):
        surname = rng.choice(SURNAMES) + ("" if i < 5000 else "-" + rng.choice(LAST))
        officers.append((i + 1, f"{rng.choice(FIRST)} {surname}", rng.choice(RANKS), str(1000 + i)))
    conn.executemany("INSERT OR IGNORE INTO officer (id, name, rank, badge) VALUES (?, ?, ?, ?)", officers)
    officers = conn.execute("SELECT id, rank, name, badge FROM officer").fetchall()
    policies = []
    for i in range(250):
        policies.append((i + 1, f"{POLICY_KINDS[i % 4]} {i // 4 + 100}.{i % 9 + 1}", POLICY_TITLES.split("|")[i % 11]))
    conn.executemany("INSERT INTO policy (id, code, title) VALUES (?, ?, ?)", policies)
    meeting_count = max(1, motions // 40)
    start = dt.date(1996, 1, 9)
    meetings = []
    for m in range(meeting_count):
        date = start + dt.timedelta(days=int(m * 30 * 365.25 / meeting_count))
        status = "draft" if rng.random() < 0.02 else "published"
        meetings.append((m + 1, (m % 3) + 1, date.isoformat(), "regular", f"Regular meeting {m + 1}", status))
    conn.executemany(
        "INSERT INTO meeting (id, body_id, date, kind, title, status, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, '2026-01-01')",
        meetings,
    )
    docs, transcripts = [], []
    for m in range(meeting_count):
        docs.append((2 * m + 1, m + 1, "minutes", f"minutes-{m + 1}.pdf", f"{2 * m + 1:064x}", "application/pdf"))
        docs.append((2 * m + 2, m + 1, "audio", f"meeting-{m + 1}.ogg", f"{2 * m + 2:064x}", "audio/ogg"))
        transcripts.append((m + 1, 2 * m + 2, "faster-whisper", "tiny.en"))
    conn.executemany(
        "INSERT INTO document (id, meeting_id, kind, original_filename, sha256, size, mime_type, status, warnings,"
        " created_at, file_withheld) VALUES (?, ?, ?, ?, ?, 1000, ?, 'processed', '[]', '2026-01-01', FALSE)",
        docs,
    )
    conn.executemany(
        "INSERT INTO transcript (id, document_id, engine, model, created_at) VALUES (?, ?, ?, ?, '2026-01-01')",
        transcripts,
    )
    outcome_kinds = [o for o, _ in OUTCOMES]
    outcome_weights = [w for _, w in OUTCOMES]
    motion_id = 0
    segment_id = 0
    per_meeting_segments = max(1, segments // meeting_count)
    probe = {"officers": [], "members": []}
    motion_batch, vote_batch, link_batch, policy_batch, segment_batch, doc_batch = [], [], [], [], [], []

    class _Meeting:  # what the row builders read of a meeting
        def __init__(self, mid: int, body_id: int, date: dt.date, status: str) -> None:
            self.id, self.body_id, self.date, self.status = mid, body_id, date, status

    def flush(final: bool = False) -> None:
        for sql, rows in (
            ("INSERT INTO motion (id, meeting_id, document_id, position, text, classification, mover, seconder,"
             " mover_id, seconder_id, result, yes_count, no_count, abstain_count, absent_count, excused_count,"
             " recused_count, outcome_kind, outcome_days, outcome_paid, outcome_text, source_page, evidence,"
             " confidence, review, flags, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
             " ?, ?, ?, 0, ?, 0, 0, ?, ?, ?, ?, ?, ?, 0.9, 'machine', '[]', 1, '2026-01-01', '2026-01-01')",
             motion_batch),
            ("INSERT INTO vote (motion_id, member_id, voter_name, option) VALUES (?, ?, ?, ?)", vote_batch),
            ("INSERT INTO motion_officer (motion_id, officer_id) VALUES (?, ?)", link_batch),
            ("INSERT INTO motion_policy (motion_id, policy_id) VALUES (?, ?)", policy_batch),
            ("INSERT INTO segment (id, transcript_id, position, start, \"end\", text, speaker)"
             " VALUES (?, ?, ?, ?, ?, ?, ?)", segment_batch),
            ("INSERT INTO search_doc (id, meeting_id, kind, ref_id, document_id, start, page, names, content)"
             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", doc_batch),
        ):  # fmt: skip
            if rows and (final or len(rows) >= BATCH or sql.startswith("INSERT INTO search_doc")):
                conn.executemany(sql, rows)
                rows.clear()

    def doc_tuple(row: dict) -> tuple:
        return (row["id"], row["meeting_id"], row["kind"], row["ref_id"], row["document_id"], row["start"],
                row["page"], row["names"], row["content"])  # fmt: skip

    for mid, body_id, date_text, _, _, status in meetings:
        meeting = _Meeting(mid, body_id, dt.date.fromisoformat(date_text), status)
        era = (mid * 3 // meeting_count) % 6
        roster = [m for m in members if m[1] == body_id][era : era + 7]
        facts = []
        for position in range(40 if mid < meeting_count else motions - motion_id):
            motion_id += 1
            outcome = rng.choices(outcome_kinds, outcome_weights)[0]
            officer = rng.choice(officers)
            policy = rng.choice(policies)
            officer_label = f"{officer[1]} {officer[2]}"
            text, classification, outcome_text = motion_text(rng, outcome, officer_label, policy[1])
            mover, seconder = rng.sample(roster, 2)
            divided = rng.random() < 0.15
            noes = rng.sample(roster, rng.randint(1, 3)) if divided else []
            absent = rng.choice(roster) if rng.random() < 0.1 else None
            options = []
            for member in roster:
                option = "absent" if member is absent else ("no" if member in noes else "yes")
                options.append((member, option))
            yes = sum(o == "yes" for _, o in options)
            no = sum(o == "no" for _, o in options)
            result = rng.choices(["passed", "failed", "withdrawn", "tabled"], [88, 6, 3, 3])[0]
            result = "failed" if no > yes else result
            about_officer = classification in ("discipline", "appeal")
            motion_batch.append((
                motion_id, mid, 2 * mid - 1, position + 1, text, classification, mover[2].split()[-1],
                seconder[2].split()[-1], mover[0], seconder[0], result, yes, no, int(absent is not None),
                outcome, 30 if outcome == "suspension" else None, None, outcome_text, position // 8 + 1,
                f"MOTION by {mover[2]}, seconded by {seconder[2]}, {text}",
            ))  # fmt: skip
            vote_batch.extend((motion_id, member[0], member[2].split()[-1], option) for member, option in options)
            if about_officer:
                link_batch.append((motion_id, officer[0]))
            policy_batch.append((motion_id, policy[0]))
            if len(probe["officers"]) < 200 and about_officer and rng.random() < 0.05:
                probe["officers"].append(officer[2].split()[-1])
            facts.append(MotionFacts(
                motion_id=motion_id, text=text, classification=classification, result=result, body_id=body_id,
                mover=mover[2].split()[-1], seconder=seconder[2].split()[-1], mover_id=mover[0],
                seconder_id=seconder[0], outcome_kind=outcome, outcome_text=outcome_text,
                evidence=f"MOTION by {mover[2]}, seconded by {seconder[2]}, {text}", yes_count=yes, no_count=no,
                votes=tuple((member[0], option) for member, option in options),
                officers=((officer[0], officer[1], officer[2], officer[3]),) if about_officer else (),
                policies=((policy[0], policy[1], policy[2]),), document_id=2 * mid - 1, page=position // 8 + 1,
            ))  # fmt: skip
        passages = []
        clock = 30.0
        for position in range(per_meeting_segments):
            segment_id += 1
            words = zipf_words(rng, rng.randint(8, 24))
            if rng.random() < 0.03:
                words[rng.randrange(len(words))] = rng.choice(officers)[2].split()[-1]
            text = " ".join(words).capitalize() + "."
            speaker = rng.choice(roster)[2].split()[-1] if rng.random() < 0.5 else None
            segment_batch.append((segment_id, mid, position, clock, clock + 6.0, text, speaker))
            passages.append(("segment", segment_id, 2 * mid, clock, None, speaker, text))
            clock += 6.5
        if status == "published":
            doc_batch.extend(doc_tuple(r) for r in motion_rows(meeting, facts, keyed=True))
            doc_batch.extend(doc_tuple(r) for r in passage_rows(meeting, passages, keyed=True))
        if mid % 25 == 0:
            probe["members"].append(rng.choice(roster)[2].split()[-1])
        if len(motion_batch) >= BATCH or len(segment_batch) >= BATCH:
            flush()
    flush(final=True)
    conn.commit()
    if sqlite:  # as `flask db upgrade` (0004) leaves it: the FTS5 segments merged once
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        conn.commit()
        conn.execute("PRAGMA journal_mode=WAL")
    else:  # the GIN index as migration 0005 makes it, then the planner's statistics
        conn.execute("CREATE INDEX ix_search_doc_tsv ON search_doc USING gin (tsv)")
        conn.commit()
        conn.conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    conn.close()
    return probe


def timed(fn, runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock ms of each call; with `cpu`, also this process's CPU ms of each (load-independent)."""
    times = []
    for i in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn(i)
        times.append((time.perf_counter() - t0) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c0) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def shapes(probe: dict) -> dict[str, list[dict[str, str]]]:
    officers = probe["officers"][:10] or ["Whitfield"]
    members = probe["members"][:6] or ["Lindqvist"]
    return {
        "single word": [{"q": w} for w in ("complaint", "testimony", "hearing", "appeal", "camera", "budget")],
        "rare word": [{"q": w} for w in ("ketamine", "garrity", "loudermill", "kettling", "polygraph", "brady")],
        "very common word": [{"q": w} for w in ("the", "board", "of", "and")],
        "phrase": [{"q": f'"{p}"'} for p in ("without pay", "use of force", "previous regular meeting")],
        "prefix": [{"q": w} for w in ("suspen*", "testim*", "Whitf*", "invest*", "disc*", "the*", "comm*")],
        "filters only": [
            {"outcome": "suspension"},
            {"result": "failed", "split": "divided"},
            {"member": members[0], "vote": "no"},
            {"officer": officers[0]},
            {"policy": "Directive 101"},
            {"from": "2010-01-01", "to": "2012-12-31", "outcome": "termination"},
        ],
        "words + filters": [
            {"q": "suspension", "outcome": "suspension", "from": "2015"},
            {"q": "the", "member": members[1 % len(members)], "vote": "no"},
            {"q": "contract", "result": "passed", "split": "unanimous"},
            {"q": officers[1 % len(officers)], "outcome": "suspension"},
            {"q": "minutes", "body": "2"},
        ],
        "relevance sort": [{"q": w, "sort": "relevance"} for w in ("the", "complaint", "suspension pay", "appeal")],
    }


LIKE_SQL = "SELECT count(*) FROM search_doc WHERE (names || ' ' || content) LIKE ?"


def like_term(args: dict[str, str]) -> str:
    """The word a naive LIKE scan would look for (filters-only shapes scan for the filter's value)."""
    raw = args.get("q") or args.get("officer") or args.get("member") or args.get("outcome") or args.get("policy")
    return "%" + (raw or "passed").strip('"*').replace("_", " ") + "%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--motions", type=int, default=100_000)
    parser.add_argument("--segments", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40, help="timed searches per shape")
    parser.add_argument("--like-runs", type=int, default=3, help="timed LIKE scans per shape")
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the SQLite database at this path")
    parser.add_argument(
        "--database-url",
        help="run on this PostgreSQL database instead (postgresql+psycopg://...); its tables are replaced,"
        " unless it already holds a benchmark database (then it is reused, like --keep)",
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="boardwatch-bench-"))
    path = args.keep or tmp / "bench.db"
    url = args.database_url or f"sqlite:///{path}"
    config = {"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
              "UPLOAD_FOLDER": str(tmp / "uploads"), "EXPORTS_FOLDER": str(tmp / "exports")}  # fmt: skip
    app = create_app(config)
    t0 = time.perf_counter()
    probe, built = prepare(app, url, path, lambda: build(url, args.motions, args.segments))
    if built:
        print(f"built {args.motions:,} motions and {args.segments:,} segments in {time.perf_counter() - t0:.0f} s")
    like_sql = LIKE_SQL if not args.database_url else LIKE_SQL.replace("LIKE ?", "ILIKE %s")
    with app.app_context():
        rows = db.session.execute(db.text("SELECT count(*) FROM search_doc")).scalar()
        print(f"search_doc rows: {rows:,}; {describe(path if not args.database_url else None)}; runs {args.runs}\n")
        header = f"{'shape':<18}{'median ms':>10}{'p95 ms':>9}{'CPU p95':>9}{'LIKE median':>13}{'ratio':>8}  matches"
        print(header)
        print("-" * len(header))
        for shape, queries in shapes(probe).items():
            for query in queries:  # warm the page cache once, as a running server would be
                motion_search.search_motions(SearchParams.from_args(query))
            totals = []

            def run(i: int, queries=queries, totals=totals) -> None:
                page = motion_search.search_motions(SearchParams.from_args(queries[i % len(queries)]))
                totals.append(page.total)
                db.session.remove()  # as the end of a request does: the next search starts a fresh session

            cpu: list[float] = []
            times = timed(run, args.runs, cpu)
            raw = db.session.connection().connection.driver_connection
            like = timed(
                lambda i, queries=queries, raw=raw: raw.execute(
                    like_sql, (like_term(queries[i % len(queries)]),)
                ).fetchone(),
                args.like_runs,
            )
            db.session.remove()
            median, like_median = statistics.median(times), statistics.median(like)
            counts = sorted({f"{t.value:,}{'+' if t.capped else ''}" for t in totals[: len(queries)]})
            line = f"{shape:<18}{median:>10.1f}{p95(times):>9.1f}{p95(cpu):>9.1f}{like_median:>13.0f}"
            print(f"{line}{like_median / median:>7.0f}x  {', '.join(counts)[:60]}")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
