"""Rebuild the whole search index on one connection, with plain SQL reads (no ORM models).

Migrations call this (0004 changes the rowid layout and the FTS5 table, 0005 the ids on
PostgreSQL), so it reads only the columns it names, on the migration's own connection, and
works whatever the models add later. The rows it writes are made by the same builders as `search_index.reindex_meeting`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, insert, text

from app.services.search_index import MotionFacts, motion_rows, passage_rows, search_doc

_BATCH = 2000


class _Meeting:
    """What the row builders read of a meeting."""

    def __init__(self, meeting_id: int, body_id: int, date: dt.date, status: str) -> None:
        self.id, self.body_id, self.date, self.status = meeting_id, body_id, date, status


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _by_motion(conn: Connection, sql: str, meeting_id: int) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = defaultdict(list)
    for row in conn.execute(text(sql), {"m": meeting_id}):
        found[row[0]].append(tuple(row[1:]))
    return found


def _motion_facts(conn: Connection, meeting: _Meeting) -> list[MotionFacts]:
    motions = conn.execute(
        text(
            "SELECT id, text, classification, result, mover, seconder, mover_id, seconder_id, outcome_kind,"
            " outcome_text, evidence, agenda_item_id, yes_count, no_count, document_id, source_start, source_page"
            " FROM motion WHERE meeting_id = :m AND review IN ('machine', 'verified') ORDER BY position, id"
        ),
        {"m": meeting.id},
    ).all()
    if not motions:
        return []
    votes = _by_motion(
        conn,
        "SELECT motion_id, member_id, option FROM vote"
        " WHERE motion_id IN (SELECT id FROM motion WHERE meeting_id = :m) ORDER BY id",
        meeting.id,
    )
    officers = _by_motion(
        conn,
        "SELECT l.motion_id, o.id, o.rank, o.name, o.badge FROM motion_officer l JOIN officer o ON o.id = l.officer_id"
        " WHERE l.motion_id IN (SELECT id FROM motion WHERE meeting_id = :m) ORDER BY o.id",
        meeting.id,
    )
    policies = _by_motion(
        conn,
        "SELECT l.motion_id, p.id, p.code, p.title FROM motion_policy l JOIN policy p ON p.id = l.policy_id"
        " WHERE l.motion_id IN (SELECT id FROM motion WHERE meeting_id = :m) ORDER BY p.id",
        meeting.id,
    )
    agenda_sql = text("SELECT id, title FROM agenda_item WHERE meeting_id = :m")
    agenda = dict(conn.execute(agenda_sql, {"m": meeting.id}).all())
    return [
        MotionFacts(
            motion_id=row.id,
            text=row.text or "",
            classification=row.classification or "other",
            result=row.result or "unknown",
            body_id=meeting.body_id,
            mover=row.mover,
            seconder=row.seconder,
            mover_id=row.mover_id,
            seconder_id=row.seconder_id,
            outcome_kind=row.outcome_kind,
            outcome_text=row.outcome_text,
            evidence=row.evidence,
            agenda_title=agenda.get(row.agenda_item_id),
            yes_count=row.yes_count,
            no_count=row.no_count,
            votes=tuple(votes.get(row.id, ())),
            officers=tuple(officers.get(row.id, ())),
            policies=tuple(policies.get(row.id, ())),
            document_id=row.document_id,
            start=row.source_start,
            page=row.source_page,
        )
        for row in motions
    ]


def _passages(conn: Connection, meeting: _Meeting) -> list[tuple]:
    pages = conn.execute(
        text(
            "SELECT p.id, p.document_id, p.number, p.text FROM document_page p JOIN document d ON d.id = p.document_id"
            " WHERE d.meeting_id = :m AND d.status != 'withdrawn' AND p.text != '' ORDER BY p.document_id, p.number"
        ),
        {"m": meeting.id},
    ).all()
    segments = conn.execute(
        text(
            "SELECT s.id, t.document_id, s.start, s.speaker, s.text FROM segment s"
            " JOIN transcript t ON t.id = s.transcript_id JOIN document d ON d.id = t.document_id"
            " WHERE d.meeting_id = :m AND d.status != 'withdrawn' ORDER BY t.document_id, s.start, s.id"
        ),
        {"m": meeting.id},
    ).all()
    found = [("page", pid, did, None, number, None, body) for pid, did, number, body in pages]
    found += [("segment", sid, did, start, None, speaker, body) for sid, did, start, speaker, body in segments]
    return found


def _keyed(conn: Connection) -> bool:
    """Whether search_doc.id holds `doc_key`s: on SQLite always; on PostgreSQL once it is bigint (0005)."""
    if conn.dialect.name != "postgresql":
        return conn.dialect.name == "sqlite"
    kind = conn.execute(
        text(
            "SELECT data_type FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'search_doc' AND column_name = 'id'"
        )
    ).scalar()
    return kind == "bigint"


def rebuild_all(conn: Connection) -> int:
    """Empty `search_doc` and index every published meeting again; returns how many meetings."""
    keyed = _keyed(conn)
    conn.execute(text("DELETE FROM search_doc"))
    meetings = conn.execute(
        text("SELECT id, body_id, date, status FROM meeting WHERE status = 'published' ORDER BY id")
    ).all()
    batch: list[dict[str, Any]] = []
    for meeting_id, body_id, date, status in meetings:
        meeting = _Meeting(meeting_id, body_id, _date(date), status)
        batch += motion_rows(meeting, _motion_facts(conn, meeting), keyed=keyed)  # type: ignore[arg-type]
        batch += passage_rows(meeting, _passages(conn, meeting), keyed=keyed)  # type: ignore[arg-type]
        if len(batch) >= _BATCH:
            conn.execute(insert(search_doc), batch)
            batch = []
    if batch:
        conn.execute(insert(search_doc), batch)
    return len(meetings)
