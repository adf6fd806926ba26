"""Withdrawing a document uploaded by mistake, and redacting personal data from what was read.

Withdraw (before publication only): the stored file is purged from uploads/, the rows read
from it (pages, transcript, motions, jobs) are deleted, and the Document row stays as a
tombstone with status "withdrawn"; the audit keeps its sha256, who withdrew it and why.

Redact: the words are replaced in the page or segment text (and in the motions read from
that document), so the public copy, the search index and every export lose them; the audit
keeps who, why, and the sha256 of the removed words, never the words themselves.
Functions flush; the request commits (and purges the file after the commit).
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import Document, DocumentPage, Job, Motion, Segment, User
from app.models.time import utcnow
from app.models.visibility import INCLUDE_RETIRED
from app.services import audit
from app.services.storage import blob_path

log = logging.getLogger(__name__)
REDACTED = "[redacted]"


class RedactionError(Exception):
    """A withdrawal or redaction that cannot be made; the message says why."""


def _reason(reason: str | None) -> str:
    reason = " ".join((reason or "").split())[:1000]
    if not reason:
        raise RedactionError("Give the reason; it is kept in the audit trail.")
    return reason


def withdraw_document(document: Document, reason: str | None, user: User | None) -> dict[str, int]:
    """Withdraw a document before publication; return what was purged (flushes; the file goes after commit)."""
    reason = _reason(reason)
    if document.is_withdrawn:
        raise RedactionError(f"{document.original_filename} is already withdrawn.")
    if document.meeting.is_published:
        raise RedactionError(
            "The meeting is published: unpublish it first (or redact the text instead); "
            "a published document is part of the public record."
        )
    if any(job.state == "running" for job in document.jobs):
        raise RedactionError("The document is being processed right now; withdraw it when its job has finished.")
    before = {
        "filename": document.original_filename,
        "kind": document.kind,
        "sha256": document.sha256,
        "size": document.size,
        "status": document.status,
    }
    motions = list(
        db.session.scalars(select(Motion).where(Motion.document_id == document.id).execution_options(**INCLUDE_RETIRED))
    )
    ids = [m.id for m in motions]
    if ids:
        db.session.execute(update(Motion).where(Motion.superseded_by_id.in_(ids)).values(superseded_by_id=None))
    for motion in motions:
        db.session.delete(motion)
    purged = {
        "pages": len(document.pages),
        "segments": len(document.transcript.segments) if document.transcript else 0,
        "motions": len(motions),
        "jobs": len(document.jobs),
    }
    document.pages.clear()
    document.transcript = None
    db.session.execute(delete(Job).where(Job.document_id == document.id))
    db.session.expire(document, ["jobs"])
    document.status = "withdrawn"
    document.withdrawn_at = utcnow()
    document.withdrawn_by_id = user.id if user is not None and getattr(user, "is_authenticated", False) else None
    document.withdrawn_reason = reason
    document.error = None
    document.warnings = []
    db.session.flush()
    after = {"status": "withdrawn", "reason": reason, "sha256": document.sha256, "purged": purged}
    audit.record("document.withdraw", "document", document.id, before=before, after=after, user=user)
    from app.services import search

    search.reindex_meeting(document.meeting)
    return purged


def withdrawal_note(document: Document) -> str:
    """ "withdrawn from <meeting> on 2026-03-12 by Ana Reyes because closed-session recording" """
    who = db.session.get(User, document.withdrawn_by_id) if document.withdrawn_by_id else None
    when = document.withdrawn_at.strftime("%Y-%m-%d %H:%M UTC") if document.withdrawn_at else "an unknown date"
    by = f" by {who.name or who.email}" if who is not None else ""
    reason = document.withdrawn_reason or "no reason given"
    return f"withdrawn from {document.meeting.title} on {when}{by} because: {reason}"


def readmit(document: Document, fields: dict[str, object], user: User | None) -> Document:
    """Bring a withdrawn document back because its bytes were uploaded again on purpose (flushes).

    The row is the same (sha256 is unique): it takes the new upload's meeting, name and type, loses
    its withdrawal, and the audit keeps the withdrawal it replaces.
    """
    if not document.is_withdrawn:
        raise RedactionError(f"{document.original_filename} is not withdrawn.")
    before = {
        "meeting_id": document.meeting_id,
        "filename": document.original_filename,
        "sha256": document.sha256,
        "withdrawn_at": document.withdrawn_at.isoformat() if document.withdrawn_at else None,
        "withdrawn_by_id": document.withdrawn_by_id,
        "withdrawn_reason": document.withdrawn_reason,
    }
    for attr, value in fields.items():
        setattr(document, attr, value)
    document.status = "uploaded"
    document.withdrawn_at = document.withdrawn_by_id = document.withdrawn_reason = None
    document.created_at = utcnow()
    document.file_withheld = False
    document.error = document.upload_note = None
    document.warnings = []
    document.page_count = document.duration = None
    db.session.flush()
    after = {"meeting_id": document.meeting_id, "filename": document.original_filename, "sha256": document.sha256}
    audit.record("document.readmit", "document", document.id, before=before, after=after, user=user)
    return document


def purge_stored_file(sha256: str) -> bool:
    """Delete a withdrawn document's stored original (call after the commit); False when it was not there."""
    path: Path = blob_path(current_app.config["UPLOAD_FOLDER"], sha256)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def redact(
    target: DocumentPage | Segment, words: str, reason: str | None, user: User | None, *, withhold_file: bool
) -> int:
    """Replace every occurrence of `words` in a page's or segment's text with "[redacted]"; return how many."""
    reason = _reason(reason)
    words = " ".join((words or "").split())
    if len(words) < 2:
        raise RedactionError("Type the words to redact exactly as they appear (at least two characters).")
    text, count = _replace_all(target.text, words)
    if not count:
        raise RedactionError("Those words are not in this text; copy them exactly as shown (case does not matter).")
    target.text = text
    document = target.document if isinstance(target, DocumentPage) else target.transcript.document
    scrubbed = _scrub_motions(document, words)
    if withhold_file:
        document.file_withheld = True
    db.session.flush()
    kind = "page" if isinstance(target, DocumentPage) else "segment"
    after = {
        "document_id": document.id,
        "where": f"page {target.number}" if isinstance(target, DocumentPage) else f"{target.start:.1f} s",
        "sha256": hashlib.sha256(words.encode("utf-8")).hexdigest(),
        "characters": len(words),
        "occurrences": count,
        "motions_scrubbed": scrubbed,
        "file_withheld": document.file_withheld,
        "reason": reason,
    }
    audit.record(f"{kind}.redact", kind, target.id, after=after, user=user)
    from app.services import search

    search.reindex_meeting(document.meeting)
    return count


def _replace_all(text: str, words: str) -> tuple[str, int]:
    """Every occurrence of the words (any case, however whitespace and line breaks fall) replaced once."""
    pattern = r"\s+".join(re.escape(word) for word in words.split())
    return re.subn(pattern, REDACTED, text, flags=re.IGNORECASE)


def _scrub_motions(document: Document, words: str) -> list[int]:
    """Take the words out of the motions read from the document too (evidence quotes copy the text)."""
    scrubbed = []
    stmt = select(Motion).where(Motion.document_id == document.id).execution_options(**INCLUDE_RETIRED)
    for motion in db.session.scalars(stmt):
        changed = 0
        for attr in ("text", "evidence", "outcome_text"):
            value, count = _replace_all(getattr(motion, attr) or "", words)
            if count:
                setattr(motion, attr, value)
                changed += count
        if changed:
            scrubbed.append(motion.id)
    return scrubbed
