"""Exports of the published record: rows with a permalink and a citation, and the bulk dumps.

`export_csv` / `export_record`: motions (or, with rows="votes", member votes) ending in `permalink`
and `cite`. `rebuild()` writes `boardwatch.sqlite` (published records only, built with sqlite3 from
queries, never a copy of the app database) and `boardwatch-csv.zip` (a CSV per table of it) into
EXPORTS_FOLDER, aside first and then moved into place. `rebuild_bulk_exports()` is the hook to
call after a change to published records is committed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import io
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from flask import current_app, has_request_context, url_for
from sqlalchemy import Select, func, select
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.models import (
    AgendaItem,
    Body,
    Document,
    Meeting,
    Member,
    Motion,
    MotionOfficer,
    MotionPolicy,
    Officer,
    Policy,
    Vote,
)
from app.models.motion import LIVE_REVIEW_STATES
from app.models.time import utcnow
from app.public.formatting import long_date, timestamp
from app.services.exports import MOTION_COLUMNS, csv_stream, motion_row
from app.services.motions import motion_record

log = logging.getLogger(__name__)

SQLITE_NAME = "boardwatch.sqlite"
ZIP_NAME = "boardwatch-csv.zip"
MANIFEST_NAME = "manifest.json"
EXPORT_COLUMNS = (*MOTION_COLUMNS, "permalink", "cite")
VOTE_EXPORT_COLUMNS = (*MOTION_COLUMNS, "voter", "voter_member_id", "vote", "permalink", "cite")
PUBLISHED = Meeting.status == "published"
# Written out although app/models/visibility.py filters ORM queries: the dump reads plain columns too.
LIVE = Motion.review.in_(LIVE_REVIEW_STATES)
_BATCH = 2000


# ---------------------------------------------------------------- permalinks and citations


def permalink(motion_id: int) -> str:
    """The motion's permanent public address (needs a request context, or `url_context`)."""
    return url_for("public.motion", motion_id=motion_id, _external=True)


def citation(
    *,
    body: str,
    title: str,
    date: dt.date,
    motion_id: int,
    link: str,
    page: int | None = None,
    start: float | None = None,
    document_kind: str | None = None,
) -> str:
    """The "how to cite" line: board, meeting, date, motion, where in the source, permalink."""
    where = ""
    if page is not None:
        label = document_kind if document_kind in ("agenda", "minutes", "decision") else "document"
        where = f" ({label}, p. {page})"
    elif start is not None:
        where = f" (recording at {timestamp(start)})"
    return f"{body}, \u201c{title},\u201d {long_date(date)}, motion {motion_id}{where}. Boardwatch, {link}."


def cite(motion: Motion, link: str | None = None) -> str:
    """The citation line of a stored motion."""
    meeting = motion.meeting
    return citation(
        body=meeting.body.name,
        title=meeting.title,
        date=meeting.date,
        motion_id=motion.id,
        link=link or permalink(motion.id),
        page=motion.source_page,
        start=motion.source_start,
        document_kind=motion.document.kind if motion.document else None,
    )


def export_record(motion: Motion) -> dict[str, Any]:
    """The motion record contract plus `permalink` and `cite` (keys are only ever added)."""
    link = permalink(motion.id)
    return {**motion_record(motion), "permalink": link, "cite": cite(motion, link)}


def export_rows(motions: Iterable[Motion], *, rows: str = "motions") -> Iterator[list[Any]]:
    """CSV rows: one per motion, or with rows="votes" one per member vote (a motion with no named
    votes still gets one row, its voter cells empty)."""
    for motion in motions:
        link = permalink(motion.id)
        base = motion_row(motion, lambda _m, link=link: link)
        tail = [link, cite(motion, link)]
        if rows != "votes":
            yield base + tail
            continue
        for vote in motion.votes or [None]:
            voter = [vote.voter_name, vote.member_id, vote.option] if vote else [None, None, None]
            yield base + voter + tail


def export_csv(motions: Iterable[Motion], *, rows: str = "motions") -> Iterator[str]:
    """Streamed CSV text of motions (formula cells neutralised by `csv_stream`)."""
    columns = VOTE_EXPORT_COLUMNS if rows == "votes" else EXPORT_COLUMNS
    return csv_stream(columns, export_rows(motions, rows=rows))


@contextlib.contextmanager
def url_context() -> Iterator[None]:
    """Where permalinks point: PUBLIC_BASE_URL when configured, else this request's host.

    Outside a request (the CLI, a worker) without PUBLIC_BASE_URL, links use http://localhost/.
    """
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base and has_request_context():
        yield
        return
    with current_app.test_request_context("/", base_url=base or "http://localhost/"):
        yield


# ---------------------------------------------------------------- the SQLite dump

# Table name -> its columns (SQL), in the order rows are written; every table is also a CSV.
TABLES: dict[str, str] = {
    "bodies": "id INTEGER PRIMARY KEY, name TEXT NOT NULL, short_name TEXT, jurisdiction TEXT",
    "members": "id INTEGER PRIMARY KEY, body_id INTEGER NOT NULL REFERENCES bodies(id), name TEXT NOT NULL, "
    "seat TEXT, term_start TEXT, term_end TEXT",
    "meetings": "id INTEGER PRIMARY KEY, body_id INTEGER NOT NULL REFERENCES bodies(id), body TEXT NOT NULL, "
    "date TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, published_at TEXT, url TEXT NOT NULL",
    "documents": "id INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL REFERENCES meetings(id), kind TEXT NOT NULL, "
    "filename TEXT NOT NULL, sha256 TEXT NOT NULL, mime_type TEXT NOT NULL, size INTEGER NOT NULL, pages INTEGER, "
    "duration REAL, url TEXT NOT NULL",
    "motions": "id INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL REFERENCES meetings(id), date TEXT NOT NULL, "
    "position INTEGER NOT NULL, agenda_item TEXT, text TEXT NOT NULL, classification TEXT NOT NULL, mover TEXT, "
    "seconder TEXT, mover_id INTEGER REFERENCES members(id), seconder_id INTEGER REFERENCES members(id), "
    "result TEXT NOT NULL, yes INTEGER, no INTEGER, abstain INTEGER, absent INTEGER, excused INTEGER, "
    "recused INTEGER, outcome_kind TEXT, outcome_days INTEGER, outcome_paid INTEGER, outcome_text TEXT, "
    "document_id INTEGER REFERENCES documents(id), source_page INTEGER, source_start REAL, source_end REAL, "
    "evidence TEXT, confidence REAL, review TEXT NOT NULL, permalink TEXT NOT NULL, cite TEXT NOT NULL",
    "votes": "id INTEGER PRIMARY KEY, motion_id INTEGER NOT NULL REFERENCES motions(id), "
    "member_id INTEGER REFERENCES members(id), voter_name TEXT NOT NULL, option TEXT NOT NULL",
    "officers": "id INTEGER PRIMARY KEY, name TEXT NOT NULL, rank TEXT, badge TEXT, unit TEXT",
    "motion_officers": "motion_id INTEGER NOT NULL REFERENCES motions(id), "
    "officer_id INTEGER NOT NULL REFERENCES officers(id)",
    "policies": "id INTEGER PRIMARY KEY, code TEXT NOT NULL, title TEXT",
    "motion_policies": "motion_id INTEGER NOT NULL REFERENCES motions(id), "
    "policy_id INTEGER NOT NULL REFERENCES policies(id)",
    "about": "key TEXT PRIMARY KEY, value TEXT NOT NULL",
}
INDEXES = (
    "CREATE INDEX ix_meetings_date ON meetings(date)",
    "CREATE INDEX ix_motions_meeting ON motions(meeting_id)",
    "CREATE INDEX ix_votes_motion ON votes(motion_id)",
    "CREATE INDEX ix_votes_member ON votes(member_id)",
    "CREATE INDEX ix_motion_officers_officer ON motion_officers(officer_id)",
    "CREATE INDEX ix_motion_policies_policy ON motion_policies(policy_id)",
)


def table_columns(table: str) -> list[str]:
    """The column names of one dump table."""
    return [part.split()[0] for part in TABLES[table].split(",")]


def _published_bodies() -> Select:
    return select(Meeting.body_id).where(PUBLISHED)


def _published_motions() -> Select:
    return select(Motion.id).join(Motion.meeting).where(PUBLISHED, LIVE)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plain_query(table: str) -> Select | None:
    """The query of a table whose rows are copied as they come (published records only)."""
    motions = _published_motions()
    if table == "bodies":
        stmt = select(Body.id, Body.name, Body.short_name, Body.jurisdiction)
        return stmt.where(Body.id.in_(_published_bodies())).order_by(Body.id)
    if table == "votes":
        stmt = select(Vote.id, Vote.motion_id, Vote.member_id, Vote.voter_name, Vote.option)
        return stmt.where(Vote.motion_id.in_(motions)).order_by(Vote.id)
    if table == "officers":
        linked = select(MotionOfficer.officer_id).where(MotionOfficer.motion_id.in_(motions))
        stmt = select(Officer.id, Officer.name, Officer.rank, Officer.badge, Officer.unit)
        return stmt.where(Officer.id.in_(linked)).order_by(Officer.id)
    if table == "policies":
        linked = select(MotionPolicy.policy_id).where(MotionPolicy.motion_id.in_(motions))
        return select(Policy.id, Policy.code, Policy.title).where(Policy.id.in_(linked)).order_by(Policy.id)
    if table == "motion_officers":
        stmt = select(MotionOfficer.motion_id, MotionOfficer.officer_id).where(MotionOfficer.motion_id.in_(motions))
        return stmt.order_by(MotionOfficer.motion_id, MotionOfficer.officer_id)
    if table == "motion_policies":
        stmt = select(MotionPolicy.motion_id, MotionPolicy.policy_id).where(MotionPolicy.motion_id.in_(motions))
        return stmt.order_by(MotionPolicy.motion_id, MotionPolicy.policy_id)
    return None


def _source_rows(table: str) -> Iterator[tuple[Any, ...]]:
    """The rows of one dump table, read from the app database in batches (published only)."""
    plain = _plain_query(table)
    if plain is not None:
        yield from _stream(plain)
    elif table == "members":
        stmt = select(Member.id, Member.body_id, Member.name, Member.seat, Member.term_start, Member.term_end)
        for row in _stream(stmt.where(Member.body_id.in_(_published_bodies())).order_by(Member.id)):
            yield (*row[:4], _iso(row[4]), _iso(row[5]))
    elif table == "meetings":
        stmt = select(Meeting.id, Meeting.body_id, Body.name, Meeting.date, Meeting.kind, Meeting.title)
        stmt = stmt.add_columns(Meeting.published_at).join(Meeting.body).where(PUBLISHED).order_by(Meeting.id)
        for row in _stream(stmt):
            link = url_for("public.meeting", meeting_id=row[0], _external=True)
            yield (*row[:3], _iso(row[3]), row[4], row[5], _iso(row[6]), link)
    elif table == "documents":
        stmt = select(Document.id, Document.meeting_id, Document.kind, Document.original_filename, Document.sha256)
        stmt = stmt.add_columns(Document.mime_type, Document.size, Document.page_count, Document.duration)
        stmt = stmt.join(Document.meeting).where(PUBLISHED, Document.status != "withdrawn")
        for row in _stream(stmt.order_by(Document.id)):
            yield (*row, url_for("public.document_file", document_id=row[0], _external=True))
    elif table == "motions":
        yield from _motion_rows()


def _motion_rows() -> Iterator[tuple[Any, ...]]:
    # Plain columns, never ORM objects (no identity map): memory stays flat however many motions.
    columns = list(Motion.__table__.columns)
    stmt = (
        select(*columns, Meeting.date, Meeting.title, Body.name, AgendaItem.title, Document.kind)
        .join(Meeting, Meeting.id == Motion.meeting_id)
        .join(Body, Body.id == Meeting.body_id)
        .outerjoin(AgendaItem, AgendaItem.id == Motion.agenda_item_id)
        .outerjoin(Document, Document.id == Motion.document_id)
        .where(PUBLISHED, LIVE)
        .order_by(Motion.id)
    )
    names = [c.name for c in columns]
    wanted = table_columns("motions")
    for row in _stream(stmt):
        m = dict(zip(names, row[: len(names)], strict=True))
        date, title, body, agenda_title, document_kind = row[len(names) :]
        link = permalink(m["id"])
        m.update({option: m[f"{option}_count"] for option in ("yes", "no", "abstain", "absent", "excused", "recused")})
        m.update(date=_iso(date), agenda_item=agenda_title, permalink=link)
        m["outcome_paid"] = None if m["outcome_paid"] is None else int(m["outcome_paid"])
        m["cite"] = citation(
            body=body,
            title=title,
            date=date,
            motion_id=m["id"],
            link=link,
            page=m["source_page"],
            start=m["source_start"],
            document_kind=document_kind,
        )
        yield tuple(m[name] for name in wanted)


def _stream(stmt: Select) -> Iterator[tuple[Any, ...]]:
    result = db.session.execute(stmt.execution_options(yield_per=_BATCH))
    for partition in result.partitions():
        yield from (tuple(row) for row in partition)


def _about(built_at: str) -> list[tuple[str, str]]:
    return [
        ("title", "Boardwatch: the published record of police oversight board meetings"),
        ("built_at", built_at),
        ("contents", "Published meetings only: motions, votes, officers, policies, members, documents."),
        ("how_to_cite", "Cite a motion by the `cite` column of `motions`; its `permalink` is its public page."),
        ("home", url_for("public.home", _external=True)),
    ]


def _write_sqlite(path: Path, built_at: str) -> dict[str, int]:
    """Write the published record into a new SQLite file; return the row count per table."""
    counts: dict[str, int] = {}
    conn = sqlite3.connect(path)
    try:
        for table, spec in TABLES.items():
            conn.execute(f"CREATE TABLE {table} ({spec})")
        for table in TABLES:
            rows = _about(built_at) if table == "about" else _source_rows(table)
            marks = ", ".join("?" * len(table_columns(table)))
            insert = f"INSERT INTO {table} VALUES ({marks})"  # noqa: S608 - fixed table names
            counts[table] = 0
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= _BATCH:
                    conn.executemany(insert, batch)
                    counts[table] += len(batch)
                    batch = []
            conn.executemany(insert, batch)
            counts[table] += len(batch)
        for statement in INDEXES:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    return counts


def _write_zip(sqlite_path: Path, zip_path: Path) -> None:
    """One CSV per table of the SQLite dump, so the two downloads always hold the same rows."""
    conn = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    try:
        with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in TABLES:
                cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")  # noqa: S608 - fixed names
                columns = [d[0] for d in cursor.description]
                with (
                    archive.open(f"{table}.csv", "w", force_zip64=True) as raw,
                    io.TextIOWrapper(raw, encoding="utf-8", newline="") as text,
                ):
                    for chunk in csv_stream(columns, cursor):
                        text.write(chunk)
    finally:
        conn.close()


# ---------------------------------------------------------------- building, freshness, the hook


def folder() -> Path:
    return Path(current_app.config["EXPORTS_FOLDER"])


def fingerprint() -> list[Any]:
    """What the published record looks like, cheaply: a change here means the dumps are stale."""
    meetings = db.session.execute(select(func.count(Meeting.id), func.max(Meeting.published_at)).where(PUBLISHED))
    motions = db.session.execute(
        select(func.count(Motion.id), func.max(Motion.updated_at)).join(Motion.meeting).where(PUBLISHED, LIVE)
    )
    return [_iso(v) if isinstance(v, dt.date) else v for v in (*meetings.one(), *motions.one())]


def read_manifest() -> dict[str, Any] | None:
    """The manifest of the dumps on disk, or None when they are missing or unreadable."""
    path = folder() / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not all((folder() / name).is_file() for name in (SQLITE_NAME, ZIP_NAME)):
        return None
    return manifest if isinstance(manifest, dict) else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _lock(target: Path) -> Iterator[None]:
    """One build at a time per exports folder (other processes wait their turn)."""
    with (target / ".rebuild.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def rebuild(*, only_if_stale: bool = False) -> dict[str, Any]:
    """Build both dumps aside, then move them into place; return the new manifest."""
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    with _lock(target), url_context():
        stamp = fingerprint()  # taken first: a change made during the build makes the result stale
        current = read_manifest() if only_if_stale else None
        if current is not None and current.get("fingerprint") == stamp:
            return current  # another request built them while this one waited for the lock
        for leftover in target.glob(".build-*"):  # a build killed mid-way (under the lock, none is running)
            shutil.rmtree(leftover, ignore_errors=True)
        built_at = utcnow().replace(microsecond=0).isoformat() + "Z"
        with tempfile.TemporaryDirectory(dir=target, prefix=".build-") as tmp:
            sqlite_tmp, zip_tmp = Path(tmp) / SQLITE_NAME, Path(tmp) / ZIP_NAME
            counts = _write_sqlite(sqlite_tmp, built_at)
            _write_zip(sqlite_tmp, zip_tmp)
            files = {
                name: {"size": path.stat().st_size, "sha256": _sha256(path)}
                for name, path in ((SQLITE_NAME, sqlite_tmp), (ZIP_NAME, zip_tmp))
            }
            manifest = {"built_at": built_at, "fingerprint": stamp, "counts": counts, "files": files}
            manifest_tmp = Path(tmp) / MANIFEST_NAME
            manifest_tmp.write_text(json.dumps(manifest, indent=2))
            os.replace(sqlite_tmp, target / SQLITE_NAME)
            os.replace(zip_tmp, target / ZIP_NAME)
            os.replace(manifest_tmp, target / MANIFEST_NAME)
    return manifest


def ensure_current() -> dict[str, Any]:
    """The manifest of up-to-date dumps, building them first when missing or stale."""
    manifest = read_manifest()
    if manifest is not None and manifest.get("fingerprint") == fingerprint():
        return manifest
    return rebuild(only_if_stale=True)


def rebuild_bulk_exports() -> None:
    """Hook: rebuild the bulk dumps after published records change (call after the commit).

    Never raises: the change is already saved, so a failed build is logged and the old files stay
    (their manifest no longer matches, so the next download request tries again).
    """
    try:
        rebuild()
    except (OSError, sqlite3.Error, SQLAlchemyError):
        log.exception("rebuilding the bulk downloads failed; the previous files are still served")
