"""The contents of the bulk dumps: one SQLite table per kind of record, published records only.

`write_sqlite` builds `boardwatch.sqlite` with sqlite3 from queries (never a copy of the app
database); `write_zip` writes one CSV per table of it, so both downloads hold the same rows.
Rows are read as plain columns in batches, never as ORM objects, so memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select

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
    MotionRevision,
    Officer,
    Policy,
    Vote,
)
from app.models.motion import LIVE_REVIEW_STATES
from app.services.citations import citation, meeting_citation, permalink, public_url
from app.services.exports import csv_stream

PUBLISHED = Meeting.status == "published"
# Written out although app/models/visibility.py filters ORM queries: the dump reads plain columns too.
LIVE = Motion.review.in_(LIVE_REVIEW_STATES)
BATCH = 2000

# Table name -> its columns (SQL), in the order rows are written; every table is also a CSV.
TABLES: dict[str, str] = {
    "bodies": "id INTEGER PRIMARY KEY, name TEXT NOT NULL, short_name TEXT, jurisdiction TEXT",
    "members": "id INTEGER PRIMARY KEY, body_id INTEGER NOT NULL REFERENCES bodies(id), name TEXT NOT NULL, "
    "seat TEXT, term_start TEXT, term_end TEXT",
    "meetings": "id INTEGER PRIMARY KEY, body_id INTEGER NOT NULL REFERENCES bodies(id), body TEXT NOT NULL, "
    "date TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, published_at TEXT, url TEXT NOT NULL, "
    "cite TEXT NOT NULL",
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
    "corrections": "motion_id INTEGER NOT NULL REFERENCES motions(id), version INTEGER NOT NULL, at TEXT NOT NULL, "
    "reason TEXT NOT NULL",
    "about": "key TEXT PRIMARY KEY, value TEXT NOT NULL",
}
INDEXES = (
    "CREATE INDEX ix_meetings_date ON meetings(date)",
    "CREATE INDEX ix_motions_meeting ON motions(meeting_id)",
    "CREATE INDEX ix_votes_motion ON votes(motion_id)",
    "CREATE INDEX ix_votes_member ON votes(member_id)",
    "CREATE INDEX ix_motion_officers_officer ON motion_officers(officer_id)",
    "CREATE INDEX ix_motion_policies_policy ON motion_policies(policy_id)",
    "CREATE INDEX ix_corrections_motion ON corrections(motion_id)",
)


def table_columns(table: str) -> list[str]:
    """The column names of one dump table."""
    return [part.split()[0] for part in TABLES[table].split(",")]


def _published_bodies() -> Select:
    return select(Meeting.body_id).where(PUBLISHED)


def published_motions() -> Select:
    return select(Motion.id).join(Motion.meeting).where(PUBLISHED, LIVE)


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plain_query(table: str) -> Select | None:
    """The query of a table whose rows are copied as they come (published records only)."""
    motions = published_motions()
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
    if table == "corrections":
        stmt = select(MotionRevision.motion_id, MotionRevision.version, MotionRevision.at, MotionRevision.reason)
        return stmt.where(MotionRevision.motion_id.in_(motions)).order_by(MotionRevision.id)
    if table == "motion_policies":
        stmt = select(MotionPolicy.motion_id, MotionPolicy.policy_id).where(MotionPolicy.motion_id.in_(motions))
        return stmt.order_by(MotionPolicy.motion_id, MotionPolicy.policy_id)
    return None


def source_rows(table: str) -> Iterator[tuple[Any, ...]]:
    """The rows of one dump table, read from the app database in batches (published only)."""
    plain = _plain_query(table)
    if plain is not None:
        for row in _stream(plain):
            yield tuple(iso(v) if isinstance(v, dt.date) else v for v in row)
    elif table == "members":
        stmt = select(Member.id, Member.body_id, Member.name, Member.seat, Member.term_start, Member.term_end)
        for row in _stream(stmt.where(Member.body_id.in_(_published_bodies())).order_by(Member.id)):
            yield (*row[:4], iso(row[4]), iso(row[5]))
    elif table == "meetings":
        stmt = select(Meeting.id, Meeting.body_id, Body.name, Meeting.date, Meeting.kind, Meeting.title)
        stmt = stmt.add_columns(Meeting.published_at).join(Meeting.body).where(PUBLISHED).order_by(Meeting.id)
        for row in _stream(stmt):
            link = public_url("public.meeting", meeting_id=row[0])
            cite = meeting_citation(body=row[2], title=row[5], date=row[3], link=link)
            yield (*row[:3], iso(row[3]), row[4], row[5], iso(row[6]), link, cite)
    elif table == "documents":
        stmt = select(Document.id, Document.meeting_id, Document.kind, Document.original_filename, Document.sha256)
        stmt = stmt.add_columns(Document.mime_type, Document.size, Document.page_count, Document.duration)
        stmt = stmt.join(Document.meeting).where(PUBLISHED, Document.status != "withdrawn")
        for row in _stream(stmt.order_by(Document.id)):
            yield (*row, public_url("public.document_file", document_id=row[0]))
    elif table == "motions":
        yield from motion_rows()


def motion_rows() -> Iterator[tuple[Any, ...]]:
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
        m.update(date=iso(date), agenda_item=agenda_title, permalink=link)
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
    result = db.session.execute(stmt.execution_options(yield_per=BATCH))
    for partition in result.partitions():
        yield from (tuple(row) for row in partition)


def about_rows(built_at: str) -> list[tuple[str, str]]:
    return [
        ("title", "Boardwatch: the published record of police oversight board meetings"),
        ("built_at", built_at),
        ("contents", "Published meetings only: motions, votes, officers, policies, members, documents."),
        ("how_to_cite", "Cite a motion by the `cite` column of `motions`; its `permalink` is its public page."),
        ("home", public_url("public.home")),
    ]


def write_sqlite(path: Path, built_at: str) -> dict[str, int]:
    """Write the published record into a new SQLite file; return the row count per table."""
    counts: dict[str, int] = {}
    conn = sqlite3.connect(path)
    try:
        for table, spec in TABLES.items():
            conn.execute(f"CREATE TABLE {table} ({spec})")
        for table in TABLES:
            rows = about_rows(built_at) if table == "about" else source_rows(table)
            marks = ", ".join("?" * len(table_columns(table)))
            insert = f"INSERT INTO {table} VALUES ({marks})"  # noqa: S608 - fixed table names  # nosec B608  # fixed names and clauses; values are bound parameters
            counts[table] = 0
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= BATCH:
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


def write_zip(sqlite_path: Path, zip_path: Path) -> None:
    """One CSV per table of the SQLite dump, so the two downloads always hold the same rows."""
    conn = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    try:
        with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in TABLES:
                cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")  # noqa: S608 - fixed names  # nosec B608  # fixed names and clauses; values are bound parameters
                columns = [d[0] for d in cursor.description]
                with (
                    archive.open(f"{table}.csv", "w", force_zip64=True) as raw,
                    io.TextIOWrapper(raw, encoding="utf-8", newline="") as text,
                ):
                    for chunk in csv_stream(columns, cursor):
                        text.write(chunk)
    finally:
        conn.close()
