"""Uploading a meeting's files and retrying their processing (routes added in views.py)."""

from __future__ import annotations

import logging

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from app.clerk.forms import ActionForm, UploadForm
from app.extensions import csrf, db
from app.models import Document, Meeting, User
from app.services import audit
from app.services.redaction import withdrawal_note

log = logging.getLogger(__name__)
MB = 1024 * 1024
# Used when the config names no media limit; also a ceiling no setting can raise.
DEFAULT_MEDIA_BYTES = 2048 * MB
CEILING_MEDIA_BYTES = 16 * 1024 * MB


def media_limit() -> int:
    """The most bytes one upload request may carry (hours of meeting video)."""
    configured = current_app.config.get("MAX_MEDIA_BYTES") or DEFAULT_MEDIA_BYTES
    return min(int(configured), CEILING_MEDIA_BYTES)


@csrf.exempt  # checked below, once the body's size limit is set (the global check would parse it first)
def upload(meeting_id: int) -> Response:
    """Store each uploaded file, commit, then queue its job; one message per file."""
    limit = media_limit()
    request.max_content_length = limit
    # Our own check, whatever MAX_CONTENT_LENGTH says: refuse before reading the body.
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    back = redirect(url_for("clerk.meeting", meeting_id=meeting.id, _anchor="upload"))
    form = UploadForm(meta={"csrf": False})
    if not form.validate():
        flash("Choose what the PDFs are: agenda, minutes, decision or other.", "error")
        return back
    files = [f for f in request.files.getlist(form.files.name) if f.filename]
    if not files:
        flash("Choose at least one file to upload.", "error")
        return back
    for storage in files:
        _add_one(meeting, storage, form.kind.data or "other", readmit=bool(form.readmit.data))
    return back


def retry(document_id: int) -> Response:
    """Queue a new job for a document whose last job failed."""
    from app.services import uploads

    document = db.session.get(Document, document_id)
    if document is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    back = redirect(url_for("clerk.meeting", meeting_id=document.meeting_id, _anchor=f"document-{document.id}"))
    job = document.latest_job
    if job is None or job.state != "failed":
        flash(f"{document.original_filename} has no failed job to retry.", "error")
        return back
    new_job = uploads.retry(document)
    audit.record("document.retry", "document", document.id, after={"job_id": new_job.id}, user=_user())
    db.session.commit()
    if _enqueue(new_job.id, document.original_filename):
        flash(f"Queued {document.original_filename} again.", "info")
    return back


def _add_one(meeting: Meeting, storage: FileStorage, kind: str, *, readmit: bool = False) -> None:
    # The pipeline pulls in the readers and the parser: loaded when a file arrives, not at start-up.
    from app.services import uploads
    from app.services.importer import audit_outcome

    name = uploads.display_filename(storage.filename)
    try:
        outcome = uploads.add_upload(
            meeting, storage.stream, storage.filename, kind, _user(), readmit_withdrawn=readmit
        )
        document = outcome.document
        note = withdrawal_note(document) if outcome.withdrawn else ""  # read before the commit expires it
        audit_outcome(meeting, name, outcome, _user())
        db.session.commit()
    except IntegrityError:
        # The same bytes arrived in another request at the same moment.
        db.session.rollback()
        flash(f"{name} was uploaded by someone else at the same moment. Reload the page to see it.", "warning")
        return
    except OSError as exc:
        db.session.rollback()
        log.exception("could not store upload %r", name)
        flash(f"{name} could not be stored ({exc.strerror or exc}). Nothing was saved for it; try again.", "error")
        return
    finally:
        storage.close()
    if outcome.withdrawn:
        flash(
            f"{name} was not added: the same file was {note}. Its stored copy was purged then and is purged "
            'again now. To add it on purpose, tick "Upload again files that were withdrawn" and upload it again.',
            "warning",
        )
    elif outcome.duplicate:
        link = url_for("clerk.meeting", meeting_id=document.meeting_id, _anchor=f"document-{document.id}")
        flash(
            Markup('{} was already uploaded on {} to <a href="{}">{}</a>.').format(
                name, document.created_at.date().isoformat(), link, document.meeting.title
            ),
            "warning",
        )
    elif outcome.job is None:
        flash(f"{name} was not accepted: {document.error}", "error")
    else:
        if _enqueue(outcome.job.id, name):
            flash(f"Queued {name}", "info")


def _enqueue(job_id: int, name: str) -> bool:
    """Queue a committed job; if the queue cannot be reached the job row stays queued and visible."""
    from app.jobs import enqueue

    try:
        enqueue(job_id)
    except Exception:  # the upload is saved: tell the clerk rather than fail the request
        log.exception("could not queue job %s", job_id)
        flash(f"{name} is saved, but the job queue could not be reached. Ask an administrator to start it.", "error")
        return False
    return True


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined]
