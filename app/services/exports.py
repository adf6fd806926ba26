"""Exports: the one path every list of motions takes out of Boardwatch, as CSV or JSON.

`csv_stream(columns, rows)` yields the CSV text a line at a time, so a response built on
it never holds the whole file. Every text cell that a spreadsheet would run as a formula
(starting with = + - @, tab or carriage return) is neutralised with a leading quote.

`export_csv(motions, rows=...)` writes one row per motion (or per member vote) ending in
`permalink` and `cite`; `export_record` / `export_records` give the motion record contract
plus `permalink`, `cite` and `corrections` (the version history after publication).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import Motion, MotionRevision
from app.public.formatting import long_date
from app.services.citations import cite, permalink
from app.services.motions import motion_record

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet runs as a formula: risky text gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value)


def csv_stream(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text of a header and rows, one line per chunk (RFC 4180, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: Sequence[Any]) -> str:
        writer.writerow([_cell(v) for v in values])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield line(columns)
    for row in rows:
        yield line(row)


MOTION_COLUMNS = (
    "id",
    "date",
    "body",
    "meeting",
    "text",
    "classification",
    "mover",
    "seconder",
    "result",
    "yes",
    "no",
    "abstain",
    "absent",
    "excused",
    "recused",
    "outcome",
    "outcome_days",
    "outcome_paid",
    "outcome_text",
    "officers",
    "policies",
    "review",
    "url",
)


EXPORT_COLUMNS = (*MOTION_COLUMNS, "permalink", "cite")
VOTE_EXPORT_COLUMNS = (*MOTION_COLUMNS, "voter", "voter_member_id", "vote", "permalink", "cite")
ROW_KINDS = ("motions", "votes")
_BATCH = 500


def motion_row(motion: Motion, link: str) -> list[Any]:
    """One CSV row of the motion export (columns MOTION_COLUMNS); `link` is the motion's permalink."""
    counts = motion.counts()
    return [
        motion.id,
        motion.meeting.date.isoformat(),
        motion.meeting.body.name,
        motion.meeting.title,
        motion.text,
        motion.classification,
        motion.mover,
        motion.seconder,
        motion.result,
        counts["yes"],
        counts["no"],
        counts["abstain"],
        counts["absent"],
        counts["excused"],
        counts["recused"],
        motion.outcome_kind,
        motion.outcome_days,
        motion.outcome_paid,
        motion.outcome_text,
        "; ".join(o.display_name + (f" (badge {o.badge})" if o.badge else "") for o in motion.officers),
        "; ".join(p.code for p in motion.policies),
        motion.review,
        link,
    ]


def export_rows(motions: Iterable[Motion], *, rows: str = "motions") -> Iterator[list[Any]]:
    """CSV rows: one per motion, or with rows="votes" one per member vote (a motion with no named
    votes still gets one row, its voter cells empty)."""
    for motion in motions:
        link = permalink(motion.id)
        base = motion_row(motion, link)
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


# ---------------------------------------------------------------- JSON records and corrections


def correction(revision: MotionRevision) -> dict[str, Any]:
    """One correction made after publication: when, why, which version it made and which fields changed.

    The values before and after stay out: a later redaction rewrites the motion but not its history.
    """
    before, after = revision.before or {}, revision.after or {}
    changed = sorted(key for key in set(before) | set(after) if key != "version" and before.get(key) != after.get(key))
    day = revision.at.date()
    return {
        "version": revision.version,
        "at": revision.at.replace(microsecond=0).isoformat() + "Z",
        "reason": revision.reason,
        "fields": changed,
        "text": f"Corrected on {long_date(day)} because {revision.reason}",
    }


def corrections_by_motion(motion_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The corrections of many motions in one query per 500, oldest first."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ids = list(motion_ids)
    for start in range(0, len(ids), _BATCH):
        stmt = (
            select(MotionRevision)
            .where(MotionRevision.motion_id.in_(ids[start : start + _BATCH]))
            .order_by(MotionRevision.motion_id, MotionRevision.id)
        )
        for revision in db.session.scalars(stmt):
            found[revision.motion_id].append(correction(revision))
    return found


def export_record(motion: Motion, corrections: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The motion record contract plus `permalink`, `cite` and `corrections` (keys are only ever added)."""
    link = permalink(motion.id)
    if corrections is None:
        corrections = [correction(r) for r in motion.revisions]
    return {**motion_record(motion), "permalink": link, "cite": cite(motion, link), "corrections": corrections}


def export_pairs(motions: Iterable[Motion]) -> Iterator[tuple[Motion, dict[str, Any]]]:
    """Each motion with its `export_record`, reading corrections in one query per batch of motions."""
    iterator = iter(motions)
    while batch := list(islice(iterator, _BATCH)):
        corrections = corrections_by_motion([m.id for m in batch])
        for motion in batch:
            yield motion, export_record(motion, corrections.get(motion.id, []))


def export_records(motions: Iterable[Motion]) -> Iterator[dict[str, Any]]:
    """`export_record` of each motion (corrections read a batch at a time)."""
    return (record for _motion, record in export_pairs(motions))
