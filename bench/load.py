"""Load test: gunicorn on loopback under residents, clerks uploading and a busy worker.

    .venv/bin/python bench/load.py [--duration 60] [--baseline-duration 30] [--residents 8] [--clerks 2]

Sets up a temporary instance (`flask db upgrade`, generated published meetings with motions,
votes and transcripts as in bench/search.py, then `flask demo`, clerk accounts), starts gunicorn
on 127.0.0.1 and `flask worker`, and runs bench/load_users.py with locust, headless, twice:

1. baseline: the residents alone (searches, pages, exports, audio byte ranges);
2. mixed: the same residents, plus clerks who log in, create a meeting and upload real PDFs from
   ../shared/corpus/pdf (and one meeting recording) while the worker parses and transcribes them.

It prints requests, failures (any 4xx/5xx, a 429 included, an upload not queued, a range not
answered 206) and p50/p95/p99 per request kind, the mixed/baseline latency ratio, and how often
"database is locked" appears in the server and worker logs. Exits 1 when anything failed.
The rate limits are set through the environment so that this load stays within them.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPUS_PDFS = [
    "boston_licensing_board_voting_minutes_2020-07-30.pdf",
    "chicago_police_board_decision_11PB2774.pdf",
    "chicago_police_board_decision_12PB2787.pdf",
    "chicago_ssa21_lincoln_square_commission_minutes_2018-01-29.pdf",
    "cuyahoga_county_board_of_health_agenda_2019-04-24.pdf",
    "east_palo_alto_planning_commission_minutes_2020-01-27.pdf",
    "rancho_palos_verdes_city_council_agenda_2022-12-06.pdf",
]
CLERK_PASSWORD = "load-test-" + secrets.token_hex(8)
LOCKED = "database is locked"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(tmp: Path, args: argparse.Namespace) -> dict[str, str]:
    """The server's and worker's settings: everything in the temporary folder."""
    instance = tmp / "instance"
    instance.mkdir()
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{instance / 'boardwatch.db'}",
        "BOARDWATCH_HUEY_DB": str(instance / "huey.db"),
        "BOARDWATCH_UPLOADS": str(tmp / "uploads"),
        "BOARDWATCH_EXPORTS": str(tmp / "exports"),
        "SECRET_KEY": secrets.token_hex(32),
        # All traffic comes from 127.0.0.1: give the API budget room for this load (the limiter has its tests).
        "BOARDWATCH_API_RATE_LIMIT": args.api_rate_limit,
        "FLASK_APP": "wsgi",
    }


def flask(env: dict[str, str], *command: str) -> str:
    done = subprocess.run([str(BIN / "flask"), *command], cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"flask {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout.strip()


def generate(db_path: Path, motions: int, segments: int) -> dict:
    """Published meetings, motions, votes and transcripts, with bench/search.py's generator."""
    spec = importlib.util.spec_from_file_location("bench_search", REPO / "bench" / "search.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    probe = module.build(f"sqlite:///{db_path}", motions, segments)
    probe["words"] = module.MIDDLE + module.RARE + module.COMMON[:20]
    return probe


def targets(db_path: Path, probe: dict, tmp: Path, clerks: list[str], corpus: Path, repeat: int) -> dict:
    """What the simulated people visit: published ids only (a draft answers 404)."""
    conn = sqlite3.connect(db_path)

    def ids(sql: str) -> list[int]:
        return [row[0] for row in conn.execute(sql)]

    published = "SELECT id FROM meeting WHERE status = 'published'"
    in_published = f"JOIN motion m ON m.id = x.motion_id WHERE m.meeting_id IN ({published})"
    # The demo meeting's recording: the one audio document whose file is stored (generated rows have none).
    uploads = tmp / "uploads"
    audio = next(
        row
        for row in conn.execute(
            f"SELECT id, sha256, size FROM document WHERE kind = 'audio' AND meeting_id IN ({published})"
        )
        if (uploads / row[1][:2] / row[1][2:4] / row[1]).is_file()
    )
    officers = ids(f"SELECT DISTINCT x.officer_id FROM motion_officer x {in_published}")
    result = {
        "meetings": ids(published),
        "motions": ids(f"SELECT id FROM motion WHERE meeting_id IN ({published})"),
        "officers": officers,
        "members": ids(f"SELECT DISTINCT x.member_id FROM vote x {in_published} AND x.member_id IS NOT NULL"),
        "policies": ids(f"SELECT DISTINCT x.policy_id FROM motion_policy x {in_published}"),
        "officer_names": probe["officers"] or ["Whitfield"],
        "member_names": probe["members"] or ["Okafor"],
        "words": probe["words"] + probe["officers"][:20],
        "audio_document": audio[0],
        "audio_size": audio[2],
        "clerk_body": conn.execute("SELECT min(id) FROM body").fetchone()[0],
        "clerks": clerks,
        "password": CLERK_PASSWORD,
        "pdfs": [str(corpus / name) for name in CORPUS_PDFS if (corpus / name).is_file()],
    }
    conn.close()
    # One recording for the worker: the demo meeting's audio played `repeat` times, new bytes every run.
    recording = tmp / "load-meeting.ogg"
    source = REPO / "app" / "demo" / "demo_meeting.ogg"
    ffmpeg = ["ffmpeg", "-v", "error", "-y", "-stream_loop", str(repeat - 1), "-i", str(source)]
    ffmpeg += ["-c:a", "libopus", "-b:a", "24k", "-metadata", f"comment={tmp.name}", str(recording)]
    subprocess.run(ffmpeg, check=True)
    result["audio"] = str(recording)
    if not result["pdfs"]:
        sys.exit(f"No corpus PDFs under {corpus}: pass --corpus.")
    return result


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"The server at {url} did not answer within {seconds:.0f} s.")


def warm_up(host: str, target_file: Path, rounds: int) -> None:
    """Load every gunicorn worker's templates and caches, so the baseline is not its first requests."""
    t = json.loads(target_file.read_text())
    paths = ["/", "/meetings", "/search?q=board", "/search?outcome=suspension", f"/meetings/{t['meetings'][0]}"]
    paths += [f"/motions/{t['motions'][0]}", f"/officers/{t['officers'][0]}", f"/members/{t['members'][0]}"]
    paths += [f"/policies/{t['policies'][0]}", "/login"]
    for _ in range(rounds):
        for path in paths:
            with urllib.request.urlopen(host + path, timeout=60) as response:
                response.read()


def run_locust(
    tmp: Path, host: str, users: list[str], count: int, seconds: int, clerks: int, phase: str, target_file: Path
) -> list[tuple[str, float, str | None]]:
    results = tmp / f"{phase}.json"
    env = {**os.environ, "LOAD_TARGETS": str(target_file), "LOAD_RESULTS": str(results), "LOAD_CLERKS": str(clerks)}
    command = [str(BIN / "locust"), "-f", str(REPO / "bench" / "load_users.py"), "--headless", "--host", host]
    command += ["--users", str(count), "--spawn-rate", str(count), "--run-time", f"{seconds}s", "--stop-timeout", "30"]
    command += ["--only-summary", "--loglevel", "WARNING", *users]
    with open(tmp / f"locust-{phase}.log", "w") as log:
        subprocess.run(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 120)
    return [tuple(row) for row in json.loads(results.read_text())]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summarise(samples: list[tuple[str, float, str | None]]) -> dict[str, dict]:
    kinds: dict[str, list[tuple[float, str | None]]] = collections.defaultdict(list)
    for name, ms, error in samples:
        kinds[name].append((ms, error))
    table = {}
    for name, rows in sorted(kinds.items()):
        times = [ms for ms, _ in rows]
        errors = [error for _, error in rows if error]
        table[name] = {
            "requests": len(rows),
            "failures": len(errors),
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "errors": collections.Counter(errors).most_common(3),
        }
    return table


def print_table(title: str, table: dict[str, dict], baseline: dict[str, dict] | None, seconds: int) -> None:
    total = sum(row["requests"] for row in table.values())
    failed = sum(row["failures"] for row in table.values())
    print(f"\n{title}: {total} requests in {seconds} s ({total / seconds:.1f}/s), {failed} failed")
    header = f"| kind | requests | failures | p50 ms | p95 ms | p99 ms |{' p95 / baseline |' if baseline else ''}"
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for name, row in table.items():
        line = f"| {name} | {row['requests']} | {row['failures']} | "
        line += f"{row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f} |"
        if baseline:
            base = baseline.get(name)
            line += f" {row['p95'] / base['p95']:.1f}x |" if base and base["p95"] > 0 else " - |"
        print(line)
        for error, count in row["errors"]:
            print(f"|   {count} x {error} |")


def log_counts(path: Path) -> tuple[int, int]:
    """("database is locked" lines, tracebacks) in one log."""
    text = path.read_text(errors="replace") if path.exists() else ""
    return text.count(LOCKED), text.count("Traceback")


def access_statuses(path: Path) -> collections.Counter:
    statuses: collections.Counter = collections.Counter()
    for line in path.read_text(errors="replace").splitlines():
        match = re.search(r'" (\d{3}) ', line)
        if match:
            statuses[match.group(1)] += 1
    return statuses


def stop(process: subprocess.Popen, sig: int = 15) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of the mixed run")
    parser.add_argument("--baseline-duration", type=int, default=30, help="seconds of the residents-only run")
    parser.add_argument("--residents", type=int, default=8, help="anonymous users (both runs)")
    parser.add_argument("--clerks", type=int, default=2, help="logged-in clerks uploading (mixed run)")
    parser.add_argument("--motions", type=int, default=20_000, help="generated published motions")
    parser.add_argument("--segments", type=int, default=100_000, help="generated transcript segments")
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--keep-alive", type=int, default=75, help="gunicorn --keep-alive seconds")
    parser.add_argument("--worker-threads", type=int, default=2, help="`flask worker --workers`")
    parser.add_argument("--audio-repeat", type=int, default=2, help="the uploaded recording: the demo's audio N times")
    parser.add_argument("--api-rate-limit", default="100000 per minute")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "pdf")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, database)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="boardwatch-load-"))
    env = environment(tmp, args)
    db_path = tmp / "instance" / "boardwatch.db"
    t0 = time.perf_counter()
    flask(env, "db", "upgrade")
    probe = generate(db_path, args.motions, args.segments)
    print(flask(env, "demo"))
    clerks = [f"load-clerk-{n}@boardwatch.example" for n in range(args.clerks)]
    for email in clerks:
        flask(env, "create-user", "--email", email, "--password", CLERK_PASSWORD, "--role", "clerk")
    target_file = tmp / "targets.json"
    target_file.write_text(json.dumps(targets(db_path, probe, tmp, clerks, args.corpus, args.audio_repeat)))
    print(
        f"set up {args.motions:,} generated motions, the demo and {args.clerks} clerks "
        f"in {time.perf_counter() - t0:.0f} s"
    )

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server_log, worker_log, access_log = tmp / "server.log", tmp / "worker.log", tmp / "access.log"
    gunicorn = [str(BIN / "gunicorn"), "--workers", str(args.gunicorn_workers), "--threads", str(args.threads)]
    # Idle keep-alive connections must outlive the clerks' pauses (2-5 s); with gunicorn's default of 2 s
    # the server closes a connection just as the client reuses it ("connection reset by peer").
    gunicorn += ["--keep-alive", str(args.keep_alive)]
    gunicorn += ["--bind", f"127.0.0.1:{port}", "--access-logfile", str(access_log), "--error-logfile", str(server_log)]
    server = subprocess.Popen([*gunicorn, "--log-level", "warning", "wsgi:app"], cwd=REPO, env=env)
    with open(worker_log, "w") as out:
        worker = subprocess.Popen(
            [str(BIN / "flask"), "worker", "--workers", str(args.worker_threads)],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(host + "/")
        warm_up(host, target_file, rounds=2 * args.gunicorn_workers)
        base = run_locust(tmp, host, ["Resident"], args.residents, args.baseline_duration, 0, "baseline", target_file)
        mixed = run_locust(
            tmp,
            host,
            ["Resident", "Clerk"],
            args.residents + args.clerks,
            args.duration,
            args.clerks,
            "mixed",
            target_file,
        )
        time.sleep(1)
    finally:
        stop(server)
        stop(worker)  # SIGTERM: Huey's consumer stops now; an unfinished job stays "running" in this scratch copy

    base_table, mixed_table = summarise(base), summarise(mixed)
    print(
        f"\ngunicorn {args.gunicorn_workers} workers x {args.threads} threads; "
        f"`flask worker --workers {args.worker_threads}`"
    )
    print_table(f"Baseline: {args.residents} residents alone", base_table, None, args.baseline_duration)
    print_table(
        f"Mixed: {args.residents} residents + {args.clerks} clerks uploading + busy worker",
        mixed_table,
        base_table,
        args.duration,
    )
    reads = {name for name in mixed_table if not name.startswith(("clerk", "login"))}  # the residents' kinds
    base_all = [ms for name, ms, _ in base]
    mixed_reads = [ms for name, ms, _ in mixed if name in reads]
    rate_base = len(base) / args.baseline_duration
    rate_mixed = len(mixed_reads) / args.duration
    print(
        "\nResidents' requests, mixed over baseline: "
        f"p50 {percentile(mixed_reads, 0.5) / percentile(base_all, 0.5):.2f}x, "
        f"p95 {percentile(mixed_reads, 0.95) / percentile(base_all, 0.95):.2f}x, "
        f"p99 {percentile(mixed_reads, 0.99) / percentile(base_all, 0.99):.2f}x, "
        f"throughput {rate_mixed / rate_base:.2f}x"
    )

    conn = sqlite3.connect(db_path)
    states = dict(conn.execute("SELECT state, count(*) FROM job GROUP BY state").fetchall())
    new_jobs = conn.execute(
        "SELECT j.state, count(*) FROM job j JOIN document d ON d.id = j.document_id"
        " JOIN meeting g ON g.id = d.meeting_id WHERE g.title LIKE 'Load test meeting %' GROUP BY j.state"
    ).fetchall()
    locked_jobs = conn.execute("SELECT count(*) FROM job WHERE error LIKE ?", (f"%{LOCKED}%",)).fetchone()[0]
    conn.close()
    chain = subprocess.run([str(BIN / "flask"), "audit-verify"], cwd=REPO, env=env, capture_output=True, text=True)
    statuses = access_statuses(access_log)
    server_locked, server_tracebacks = log_counts(server_log)
    worker_locked, worker_tracebacks = log_counts(worker_log)
    failures = sum(row["failures"] for row in [*base_table.values(), *mixed_table.values()])
    bad_statuses = sum(count for status, count in statuses.items() if status >= "400")
    print(f"\nAccess log statuses: {dict(sorted(statuses.items()))}")
    print(f"Jobs from the clerks' uploads by state: {dict(new_jobs)}; all jobs: {states}")
    print(
        f'"{LOCKED}": server log {server_locked}, worker log {worker_locked}, job errors {locked_jobs}; '
        f"tracebacks: server {server_tracebacks}, worker {worker_tracebacks}"
    )
    print(f"Audit trail after the run: {(chain.stdout + chain.stderr).strip()}")
    if args.keep:
        print(f"Logs and database kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    bad = failures + bad_statuses + server_locked + worker_locked + locked_jobs + server_tracebacks
    bad += chain.returncode
    print("RESULT: " + ("ok, no failed request" if bad == 0 else "FAILED"))
    sys.exit(0 if bad == 0 else 1)


if __name__ == "__main__":
    main()
