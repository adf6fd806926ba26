"""What a batch of uploaded files turned into, file by file: the clerk's import summary.

The same rows feed the meeting page (while the jobs run and after) and `flask import`:
per file, the type detected from its bytes, its pages or duration, the motions found, and
how it ended (processed, being processed, failed or refused with the reason, a duplicate
of a file already uploaded, or the bytes of a withdrawn document). Files that never became
a document of this meeting (duplicates, withdrawn bytes) are remembered as audit events on
the meeting, so the summary still shows them after the page is reloaded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Document, Meeting, Motion, User
from app.models.visibility import INCLUDE_RETIRED
from app.services import audit

SKIPPED_ACTIONS = ("document.duplicate", "document.refused_withdrawn")
# How each state reads in the summary line, in the order it lists them.
STATE_WORDS = {
    "done": "processed",
    "queued": "waiting",
    "running": "being processed",
    "failed": "failed",
    "rejected": "refused",
    "duplicate": "already uploaded",
    "refused_withdrawn": "refused (withdrawn earlier)",
    "withdrawn": "withdrawn",
}


@dataclass
class FileRow:
    """One uploaded file as the summary shows it."""

    filename: str
    state: str  # a key of STATE_WORDS
    detected: str = ""  # "PDF (minutes)", "text (minutes)", "audio (audio/mpeg)", "not a PDF or recording"
    extent: str = ""  # "12 pages", "1:02:03"
    motions: int | None = None
    detail: str = ""  # the job's message, the failure's reason, what it duplicates
    progress: int = 0
    document_id: int | None = None  # the document this row is (or duplicates)
    job_id: int | None = None
    at: str = ""  # when the file arrived (YYYY-MM-DD HH:MM UTC)


def clock(seconds: float | None) -> str:
    """3723.4 -> "1:02:03"; 75 -> "1:15"; None -> ""."""
    if seconds is None:
        return ""
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _detected(document: Document) -> str:
    if document.is_media:
        return f"{document.kind} ({document.mime_type})"
    if document.mime_type == "application/pdf":
        return f"PDF ({document.kind})"
    if document.mime_type == "text/plain":
        return f"text ({document.kind})"
    if document.mime_type in ("", "application/octet-stream"):
        return "not a PDF or recording"
    return f"not a PDF or recording ({document.mime_type})"


def _extent(document: Document) -> str:
    if document.is_media:
        duration = document.duration or (document.transcript.duration if document.transcript else None)
        return clock(duration)
    if document.page_count:
        return f"{document.page_count} page{'s' if document.page_count != 1 else ''}"
    return ""


def document_row(document: Document, motions: int | None) -> FileRow:
    """The summary row of a document that was added (processed, running, failed or refused)."""
    row = FileRow(
        filename=document.original_filename,
        state="rejected",
        detected=_detected(document),
        extent=_extent(document),
        document_id=document.id,
        at=document.created_at.strftime("%Y-%m-%d %H:%M UTC"),
    )
    if document.is_withdrawn:
        row.state, row.detail = "withdrawn", f"withdrawn: {document.withdrawn_reason or ''}".strip()
        return row
    job = document.latest_job
    if job is None:
        row.detail = document.error or "refused"
        return row
    row.state, row.progress, row.job_id = job.state, job.progress, job.id
    row.motions = motions if job.state == "done" else None
    row.detail = (job.error or document.error or "") if job.state == "failed" else (job.message or "")
    if job.state == "done" and document.warnings:
        row.detail = f"{row.detail} ({len(document.warnings)} warning{'s' if len(document.warnings) != 1 else ''})"
    return row


def skipped_row(filename: str, existing: Document, state: str, at: str = "", note: str | None = None) -> FileRow:
    """The summary row of a file not added: a duplicate of `existing`, or the bytes of withdrawn `existing`."""
    if state == "refused_withdrawn":
        from app.services.redaction import withdrawal_note

        detail = f"not added: the same file was {note or withdrawal_note(existing)}"
    else:
        detail = (
            f"not added: the same file was already uploaded on {existing.created_at.date().isoformat()} "
            f"as {existing.original_filename} to {existing.meeting.title} ({existing.meeting.date.isoformat()})"
        )
    return FileRow(filename=filename, state=state, detail=detail, document_id=existing.id, at=at)


def record_skipped(meeting: Meeting, filename: str, existing: Document, *, withdrawn: bool, user: User | None) -> None:
    """Remember, on the meeting's audit trail, a file that was not added (flushes)."""
    from app.services.redaction import withdrawal_note

    action = "document.refused_withdrawn" if withdrawn else "document.duplicate"
    after = {"filename": filename, "sha256": existing.sha256, "document_id": existing.id}
    if withdrawn:  # kept as it read then: a later re-upload clears the withdrawal from the document
        after["note"] = withdrawal_note(existing)
    audit.record(action, "meeting", meeting.id, after=after, user=user)


def motion_counts(document_ids: list[int]) -> dict[int, int]:
    """Live motions per document."""
    if not document_ids:
        return {}
    rows = db.session.execute(
        select(Motion.document_id, func.count())
        .where(Motion.document_id.in_(document_ids))
        .group_by(Motion.document_id)
    )
    return {document_id: count for document_id, count in rows}


def meeting_rows(meeting: Meeting) -> list[FileRow]:
    """Every file uploaded to the meeting, oldest first: its documents and the files that were skipped."""
    documents = db.session.scalars(
        select(Document)
        .where(Document.meeting_id == meeting.id)
        .order_by(Document.created_at, Document.id)
        .execution_options(**INCLUDE_RETIRED)
    ).all()
    counts = motion_counts([d.id for d in documents])
    rows = [(d.created_at, document_row(d, counts.get(d.id, 0))) for d in documents]
    events = db.session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.record_type == "meeting",
            AuditEvent.record_id == meeting.id,
            AuditEvent.action.in_(SKIPPED_ACTIONS),
        )
        .order_by(AuditEvent.id)
    ).all()
    for event in events:
        after = event.after or {}
        existing = db.session.get(Document, after.get("document_id"), execution_options=INCLUDE_RETIRED)
        if existing is None:
            continue
        state = "refused_withdrawn" if event.action == "document.refused_withdrawn" else "duplicate"
        at = event.at.strftime("%Y-%m-%d %H:%M UTC")
        rows.append((event.at, skipped_row(str(after.get("filename")), existing, state, at, after.get("note"))))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def totals(rows: list[FileRow]) -> str:
    """ "5 files: 3 processed, 1 failed, 1 already uploaded; 12 motions found" """
    if not rows:
        return "No files yet."
    states = Counter(row.state for row in rows)
    parts = [f"{states[state]} {words}" for state, words in STATE_WORDS.items() if states[state]]
    found = sum(row.motions or 0 for row in rows)
    files = f"{len(rows)} file{'s' if len(rows) != 1 else ''}"
    return f"{files}: {', '.join(parts)}; {found} motion{'s' if found != 1 else ''} found"


def text_lines(rows: list[FileRow]) -> list[str]:
    """The summary as plain-text lines, one per file, for the command line."""
    lines = []
    for row in rows:
        facts = [fact for fact in (row.detected, row.extent) if fact]
        if row.motions is not None:
            facts.append(f"{row.motions} motion{'s' if row.motions != 1 else ''}")
        words = STATE_WORDS.get(row.state, row.state)
        detail = f": {row.detail}" if row.detail and row.state != "done" else ""
        lines.append(f"  {row.filename}: {words}{detail}" + (f" [{', '.join(facts)}]" if facts else ""))
    lines.append(f"  {totals(rows)}")
    return lines
