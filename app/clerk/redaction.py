"""Withdrawing a document uploaded by mistake, and redacting personal data from its text."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.extensions import db
from app.models import Document, DocumentPage, Segment, User
from app.models.visibility import INCLUDE_RETIRED
from app.services import meetings as meeting_service
from app.services import redaction

log = logging.getLogger(__name__)


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _document(document_id: int) -> Document:
    document = db.session.get(Document, document_id, execution_options=INCLUDE_RETIRED)
    if document is None:
        abort(404)
    return document


def withdraw(document_id: int) -> Response:
    document = _document(document_id)
    meeting_id = document.meeting_id
    sha256, name = document.sha256, document.original_filename
    try:
        purged = redaction.withdraw_document(document, request.form.get("reason"), _user())
    except redaction.RedactionError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("clerk.meeting", meeting_id=meeting_id, _anchor=f"document-{document_id}"))
    db.session.commit()
    # After the commit: the withdrawal is recorded even if the file cannot be removed now.
    try:
        redaction.purge_stored_file(sha256)
    except OSError:
        log.exception("could not purge the stored file of withdrawn document %s", document_id)
        flash(f"{name} is withdrawn, but its stored file could not be removed; ask an administrator.", "error")
    flash(
        f"Withdrew {name}: its stored file and {purged['pages']} page(s), {purged['segments']} transcript segment(s) "
        f"and {purged['motions']} motion(s) read from it are gone. The audit trail keeps its sha256 and your reason.",
        "info",
    )
    return redirect(url_for("clerk.meeting", meeting_id=meeting_id, _anchor=f"document-{document_id}"))


def text(document_id: int) -> str:
    """The text read from a document, page by page or segment by segment, each with a redact form."""
    document = _document(document_id)
    if document.is_withdrawn:
        abort(404)
    segments = []
    if document.transcript is not None:
        stmt = select(Segment).where(Segment.transcript_id == document.transcript.id).order_by(Segment.start)
        segments = list(db.session.scalars(stmt))
    return render_template("clerk/text.html", document=document, pages=document.pages, segments=segments)


def _redact(target: DocumentPage | Segment, document: Document, anchor: str) -> Response:
    withhold = request.form.get("withhold_file") == "1"
    try:
        count = redaction.redact(
            target, request.form.get("words", ""), request.form.get("reason"), _user(), withhold_file=withhold
        )
    except redaction.RedactionError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("clerk.document_text", document_id=document.id, _anchor=anchor))
    published = document.meeting.is_published
    db.session.commit()
    flash(f"Redacted {count} occurrence(s). The public copy, search and exports no longer hold them.", "info")
    if published:
        meeting_service.refresh_public_copies()
    return redirect(url_for("clerk.document_text", document_id=document.id, _anchor=anchor))


def redact_page(page_id: int) -> Response:
    page = db.session.get(DocumentPage, page_id)
    if page is None:
        abort(404)
    return _redact(page, page.document, f"page-{page.number}")


def redact_segment(segment_id: int) -> Response:
    segment = db.session.get(Segment, segment_id)
    if segment is None:
        abort(404)
    return _redact(segment, segment.transcript.document, f"segment-{segment.id}")


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/documents/<int:document_id>/withdraw", view_func=withdraw, methods=["POST"])
    bp.add_url_rule("/documents/<int:document_id>/text", view_func=text, endpoint="document_text")
    bp.add_url_rule("/pages/<int:page_id>/redact", view_func=redact_page, methods=["POST"])
    bp.add_url_rule("/segments/<int:segment_id>/redact", view_func=redact_segment, methods=["POST"])
