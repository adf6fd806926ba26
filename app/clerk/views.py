"""The clerk's back office: meetings, their documents, processing and publication.

Every route here needs a clerk or admin (checked once for the whole blueprint, so a new
route cannot forget it). Views parse the request and render; services change data and
flush; the view commits once, and only then queues jobs.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.auth.decorators import require_role
from app.clerk import admin, documents, reconcile, redaction, registers, review
from app.clerk.forms import NEW_BODY, ActionForm, MeetingForm, UploadForm
from app.extensions import db
from app.models import Body, Document, Job, Meeting, Motion
from app.models.visibility import INCLUDE_RETIRED
from app.services import import_summary
from app.services import meetings as meeting_service

bp = Blueprint("clerk", __name__)
log = logging.getLogger(__name__)


@bp.before_request
def _clerks_only() -> Response | None:
    return require_role("clerk", "admin")


@bp.get("/")
def dashboard() -> str:
    return render_template("clerk/dashboard.html", rows=meeting_service.dashboard_rows())


@bp.route("/meetings/new", methods=["GET", "POST"])
def new_meeting() -> str | Response:
    form = MeetingForm()
    bodies = db.session.scalars(select(Body).order_by(Body.name)).all()
    form.body_id.choices = [SelectChoice(NEW_BODY, "(a new body)"), *(SelectChoice(b.id, b.name) for b in bodies)]
    if request.method == "GET" and len(bodies) == 1:
        form.body_id.data = bodies[0].id
    if form.validate_on_submit():
        user = current_user._get_current_object()  # type: ignore[attr-defined]
        try:
            new_name = (form.body_name.data or "").strip()
            body = (
                meeting_service.find_or_create_body(new_name, user)
                if new_name
                else db.session.get(Body, form.body_id.data)
            )
            if body is None:
                raise meeting_service.MeetingError("That body no longer exists; choose another.")
            meeting = meeting_service.create_meeting(
                body=body, date=form.date.data, kind=form.kind.data, title=form.title.data or "", user=user
            )
        except meeting_service.MeetingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"Created {meeting.title}. Upload its audio and documents below.", "info")
            return redirect(url_for("clerk.meeting", meeting_id=meeting.id))
    return render_template("clerk/meeting_new.html", form=form)


@bp.get("/meetings/<int:meeting_id>")
def meeting(meeting_id: int) -> str:
    meeting = _meeting_or_404(meeting_id)
    motions = db.session.scalars(select(Motion).where(Motion.meeting_id == meeting.id).order_by(Motion.position)).all()
    all_documents = db.session.scalars(
        select(Document)
        .where(Document.meeting_id == meeting.id)
        .order_by(Document.id)
        .execution_options(**INCLUDE_RETIRED)
    ).all()
    by_document: dict[int | None, list[Motion]] = defaultdict(list)
    for motion in motions:
        by_document[motion.document_id].append(motion)
    files = import_summary.meeting_rows(meeting)
    return render_template(
        "clerk/meeting.html",
        meeting=meeting,
        files=files,
        files_total=import_summary.totals(files),
        state_words=import_summary.STATE_WORDS,
        documents=all_documents,
        motions_by_document=by_document,
        upload_form=UploadForm(),
        action_form=ActionForm(),
        tally=tally,
        size_in_words=size_in_words,
        transitions=meeting_service.TRANSITIONS.get(meeting.status, ()),
        upload_limit=documents.media_limit(),
    )


@bp.post("/meetings/<int:meeting_id>/status")
def meeting_status(meeting_id: int) -> Response:
    """Send to review, publish or unpublish; the audit event is saved with the change."""
    meeting = _meeting_or_404(meeting_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    status = request.form.get("status", "")
    was_published = meeting.is_published
    unfinished = [d for d in meeting.documents if d.latest_job and d.latest_job.state in ("queued", "running")]
    try:
        meeting_service.set_status(meeting, status, current_user._get_current_object())  # type: ignore[attr-defined]
    except meeting_service.MeetingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("clerk.meeting", meeting_id=meeting_id))
    db.session.commit()
    words = {"in_review": "sent to review", "published": "published"}[meeting.status]
    flash(f"{meeting.title} is {words}.", "info")
    if was_published or meeting.is_published:
        meeting_service.refresh_public_copies()  # publishing adds to the downloads, unpublishing takes away
    if status == "published":
        from app.services.reconcile import reconcile as reconcile_meeting

        result = reconcile_meeting(meeting)
        if result.ready and result.to_settle:
            flash(
                f"The minutes and the recording still disagree in {len(result.to_settle)} place(s); "
                "settle them on the reconcile page.",
                "warning",
            )
    if status == "published" and unfinished:
        flash(f"{len(unfinished)} document(s) are still being processed; their motions appear when done.", "warning")
    return redirect(url_for("clerk.meeting", meeting_id=meeting_id))


bp.add_url_rule("/meetings/<int:meeting_id>/upload", view_func=documents.upload, methods=["POST"])
bp.add_url_rule("/documents/<int:document_id>/retry", view_func=documents.retry, methods=["POST"])
for module in (review, reconcile, registers, redaction, admin):
    module.register(bp)


@bp.get("/jobs/<int:job_id>.json")
def job_json(job_id: int) -> Response:
    """A job's progress, polled by clerk.js."""
    job = db.session.get(Job, job_id)
    if job is None:
        abort(404)
    return jsonify(state=job.state, progress=job.progress, message=job.message, error=job.error)


def tally(motion: Motion) -> str:
    """The vote count in words, e.g. "5-0" or "7-2, 1 abstain"; empty when the record gives none."""
    counts = motion.counts()
    if counts["yes"] is not None:
        parts = [f"{counts['yes']}-{counts['no'] or 0}"]
    elif counts["no"] is not None:
        # "Hearing none, the motion carries": no one against, the ayes not counted (not "0-0")
        parts = [f"{counts['no']} against" if counts["no"] else "none against"]
    else:
        parts = []
    parts += [f"{n} {option}" for option, n in counts.items() if option not in ("yes", "no") and n]
    return ", ".join(parts)


def size_in_words(size: int) -> str:
    """A byte count for people: "512 bytes", "1.4 MB", "2.0 GB"."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            break
    return f"{value:.1f} {unit}"


def _meeting_or_404(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    return meeting
