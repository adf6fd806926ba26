"""The review screen: each motion beside its source, every field editable, add/delete/merge/split.

Views parse the request, call app.services.review, commit once and redirect. A save made from
an older version of a motion is refused with who changed it and when; nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, session, url_for
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.clerk.review_forms import EXTRA_ROWS, expected_version, optional_int, parse_motion_form
from app.extensions import db
from app.models import Document, DocumentPage, Meeting, Motion, Segment, User
from app.models.motion import RESULTS, VOTE_OPTIONS
from app.models.visibility import INCLUDE_RETIRED
from app.parsing.records import CLASSIFICATIONS
from app.services import meetings as meeting_service
from app.services import review
from app.services.reconcile_sources import find_span, format_tally
from app.services.storage import blob_path

CONTEXT_SECONDS = 12.0  # transcript shown before and after a motion heard in a recording
OUTCOME_KINDS = ("suspension", "termination", "reprimand", "reinstatement", "appeal_granted", "appeal_denied")
OUTCOME_KINDS += ("approved", "denied", "other")


@dataclass
class Source:
    """What the clerk sees beside a motion: the page with the evidence marked, or the passage heard."""

    kind: str  # "page", "recording" or "none"
    document: Document | None = None
    text: Markup | None = None
    segments: list[tuple[Segment, bool]] | None = None  # (segment, within the motion's span)
    found: bool = True  # the evidence was found in the page text


def marked(text: str, quote: str | None) -> tuple[Markup, bool]:
    """The text escaped, with the quote (wherever its line breaks fall) in <mark>: escape first, then mark."""
    span = find_span(text, quote or "")
    if span is None:
        return escape(text), False
    start, end = span
    return escape(text[:start]) + Markup("<mark>") + escape(text[start:end]) + Markup("</mark>") + escape(
        text[end:]
    ), True


def source_of(motion: Motion) -> Source:
    document = motion.document
    if document is None:
        return Source("none")
    if document.is_media and motion.source_start is not None and document.transcript is not None:
        start = motion.source_start - CONTEXT_SECONDS
        end = (motion.source_end or motion.source_start) + CONTEXT_SECONDS
        stmt = (
            select(Segment)
            .where(Segment.transcript_id == document.transcript.id, Segment.end >= start, Segment.start <= end)
            .order_by(Segment.start)
        )
        span_end = motion.source_end or motion.source_start
        rows = [(s, s.end > motion.source_start and s.start < span_end + 0.01) for s in db.session.scalars(stmt)]
        return Source("recording", document, segments=rows)
    page = None
    if motion.source_page is not None:
        page = db.session.scalar(
            select(DocumentPage).where(
                DocumentPage.document_id == document.id, DocumentPage.number == motion.source_page
            )
        )
    if page is None and motion.source_page is None and document.mime_type == "text/plain" and document.page_count == 1:
        page = document.pages[0]  # a transcript uploaded as text: its motions carry times, its one page the words
    if page is None:
        return Source("page", document, text=None, found=False)
    text, found = marked(page.text, motion.evidence)
    return Source("page", document, text=text, found=found)


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _meeting(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _motion(motion_id: int) -> Motion:
    motion = review.get_motion(motion_id)
    if motion is None:
        abort(404)
    return motion


def _back(meeting_id: int, motion_id: int | None = None) -> Response:
    anchor = f"motion-{motion_id}" if motion_id else None
    return redirect(url_for("clerk.review_meeting", meeting_id=meeting_id, _anchor=anchor))


def review_meeting(meeting_id: int) -> str:
    """Every motion of the meeting, each beside its source, with its full edit form."""
    meeting = _meeting(meeting_id)
    motions = review.meeting_motions(meeting)
    retired = [m for m in review.meeting_motions(meeting, include_retired=True) if not m.is_live]
    return render_template(
        "clerk/review.html",
        meeting=meeting,
        motions=motions,
        retired=retired,
        sources={m.id: source_of(m) for m in motions},
        members=meeting.body.members,
        classifications=CLASSIFICATIONS,
        results=RESULTS,
        options=VOTE_OPTIONS,
        outcome_kinds=OUTCOME_KINDS,
        extra_rows=EXTRA_ROWS,
        format_tally=format_tally,
        saved_draft=session.pop("saved_draft", None),
    )


def _saved(motion: Motion, message: str, draft: str | None = None) -> Response:
    """Commit, tell the clerk, and let clerk.js drop the draft that was just saved."""
    published = motion.meeting.is_published
    db.session.commit()
    session["saved_draft"] = draft or f"motion-{motion.id}"
    flash(message, "info")
    if published:
        meeting_service.refresh_public_copies()
    return _back(motion.meeting_id, motion.id)


def _refused(meeting_id: int, motion_id: int | None, error: Exception) -> Response:
    db.session.rollback()
    if isinstance(error, review.StaleMotion) and motion_id is not None:
        error = review.StaleMotion(review.get_motion(motion_id))  # read again: who changed it, and when
    flash(str(error), "error")
    return _back(meeting_id, motion_id)


def save_motion(motion_id: int) -> Response:
    motion = _motion(motion_id)
    meeting_id = motion.meeting_id
    try:
        edit = parse_motion_form(request.form)
        warnings = review.update_motion(
            motion,
            edit,
            expected_version=expected_version(request.form),
            user=_user(),
            reason=request.form.get("reason"),
        )
    except (review.ReviewError, review.StaleMotion) as exc:
        return _refused(meeting_id, motion_id, exc)
    for warning in warnings:
        flash(warning, "warning")
    return _saved(motion, f"Saved motion {motion.id}; it is marked verified.")


def verify_motion(motion_id: int) -> Response:
    motion = _motion(motion_id)
    try:
        review.verify_motion(motion, expected_version=expected_version(request.form), user=_user())
    except (review.ReviewError, review.StaleMotion) as exc:
        return _refused(motion.meeting_id, motion_id, exc)
    return _saved(motion, f"Motion {motion.id} is verified as it stands.")


def delete_motion(motion_id: int) -> Response:
    motion = _motion(motion_id)
    try:
        review.delete_motion(
            motion, expected_version=expected_version(request.form), user=_user(), reason=request.form.get("reason")
        )
    except (review.ReviewError, review.StaleMotion) as exc:
        return _refused(motion.meeting_id, motion_id, exc)
    return _saved(motion, f"Motion {motion.id} is deleted from the record (the audit trail keeps it).")


def split_motion(motion_id: int) -> Response:
    motion = _motion(motion_id)
    try:
        _, second = review.split_motion(
            motion,
            request.form.get("first_text", ""),
            request.form.get("second_text", ""),
            expected_version=expected_version(request.form),
            user=_user(),
            reason=request.form.get("reason"),
        )
    except (review.ReviewError, review.StaleMotion) as exc:
        return _refused(motion.meeting_id, motion_id, exc)
    return _saved(motion, f"Split motion {motion.id}; the second part is motion {second.id}. Check both.")


def merge_motion(motion_id: int) -> Response:
    """Fold another motion of the meeting into this one."""
    keep = _motion(motion_id)
    try:
        other_id = optional_int(request.form, "other_id", "The motion to merge")
        other = review.get_motion(other_id) if other_id else None
        if other is None:
            raise review.ReviewError("Choose the motion to merge into this one.")
        versions = (expected_version(request.form), optional_int(request.form, "other_version", "The version"))
        if versions[1] is None:
            versions = (versions[0], other.version)  # chosen from a list: the version the list showed is unknown
        review.merge_motions(keep, other, versions=versions, user=_user(), reason=request.form.get("reason"))
    except (review.ReviewError, review.StaleMotion) as exc:
        return _refused(keep.meeting_id, motion_id, exc)
    return _saved(keep, f"Merged motion {other.id} into motion {keep.id}.")


def add_motion(meeting_id: int) -> Response:
    meeting = _meeting(meeting_id)
    try:
        edit = parse_motion_form(request.form)
        motion = review.add_motion(meeting, edit, user=_user(), reason=request.form.get("reason"))
    except review.ReviewError as exc:
        return _refused(meeting_id, None, exc)
    return _saved(motion, f"Added motion {motion.id}.", draft=f"new-motion-{meeting_id}")


def add_agenda_item(meeting_id: int) -> Response:
    meeting = _meeting(meeting_id)
    try:
        meeting_service.add_agenda_item(meeting, request.form.get("number"), request.form.get("title", ""), _user())
    except meeting_service.MeetingError as exc:
        return _refused(meeting_id, None, exc)
    db.session.commit()
    flash("Added the agenda item; link motions to it below.", "info")
    return redirect(url_for("clerk.review_meeting", meeting_id=meeting_id, _anchor="agenda"))


def document_file(document_id: int) -> Response:
    """A stored original for the clerk (drafts too), with range requests for the audio player."""
    document = db.session.get(Document, document_id, execution_options=INCLUDE_RETIRED)
    if document is None or document.is_withdrawn:
        abort(404)
    path = blob_path(current_app.config["UPLOAD_FOLDER"], document.sha256)
    if not path.is_file():
        abort(404, description="The stored file for this document is missing; restore it from backup.")
    return send_file(path, mimetype=document.mime_type, download_name=document.original_filename, conditional=True)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/meetings/<int:meeting_id>/review", view_func=review_meeting)
    bp.add_url_rule("/meetings/<int:meeting_id>/motions", view_func=add_motion, methods=["POST"])
    bp.add_url_rule("/meetings/<int:meeting_id>/agenda", view_func=add_agenda_item, methods=["POST"])
    bp.add_url_rule("/motions/<int:motion_id>", view_func=save_motion, methods=["POST"])
    bp.add_url_rule("/motions/<int:motion_id>/verify", view_func=verify_motion, methods=["POST"])
    bp.add_url_rule("/motions/<int:motion_id>/delete", view_func=delete_motion, methods=["POST"])
    bp.add_url_rule("/motions/<int:motion_id>/split", view_func=split_motion, methods=["POST"])
    bp.add_url_rule("/motions/<int:motion_id>/merge", view_func=merge_motion, methods=["POST"])
    bp.add_url_rule("/documents/<int:document_id>/file", view_func=document_file)
