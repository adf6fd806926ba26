"""Exports: one generic streaming CSV writer, fed by small row makers.

`csv_stream(columns, rows)` yields the CSV text a line at a time, so a response built on
it never holds the whole file. Every text cell that a spreadsheet would run as a formula
(starting with = + - @, tab or carriage return) is neutralised with a leading quote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from app.models import Motion

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


def motion_row(motion: Motion, permalink: Callable[[Motion], str]) -> list[Any]:
    """One CSV row of the motion export (columns MOTION_COLUMNS)."""
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
        permalink(motion),
    ]


def motion_csv(motions: Iterable[Motion], permalink: Callable[[Motion], str]) -> Iterator[str]:
    """The motion export as streamed CSV text."""
    return csv_stream(MOTION_COLUMNS, (motion_row(m, permalink) for m in motions))
