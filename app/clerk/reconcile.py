"""The reconcile screen: the minutes beside the recording, motion by motion, and every disagreement to settle."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.clerk.review import source_of
from app.clerk.review_forms import optional_int
from app.extensions import db
from app.models import Meeting, User
from app.services import meetings as meeting_service
from app.services import reconcile as service
from app.services import review

AGREED = "the recording agrees with the minutes; the duplicate read from the recording was merged into it"
KIND_HEADINGS = {
    "differ": "The minutes and the recording disagree",
    "recording_only": "Heard in the recording, missing from the minutes",
    "minutes_only": "In the minutes, not found in the recording",
    "fragment": "An incomplete record in the minutes",
    "agree": "The minutes and the recording agree",
    "confirmed": "Kept by a clerk",
}


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _meeting(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _back(meeting_id: int, anchor: str | None = None) -> Response:
    return redirect(url_for("clerk.reconcile_meeting", meeting_id=meeting_id, _anchor=anchor))


def reconcile_meeting(meeting_id: int) -> str:
    meeting = _meeting(meeting_id)
    result = service.reconcile(meeting)
    sources = {m.id: source_of(m) for pair in result.pairs for m in pair.motions}
    return render_template(
        "clerk/reconcile.html",
        meeting=meeting,
        result=result,
        sources=sources,
        headings=KIND_HEADINGS,
        agreed=AGREED,
        format_tally=service.format_tally,
    )


def _find_pair(result: service.Reconciliation, written_id: int | None, heard_id: int | None) -> service.Pair:
    for pair in result.pairs:
        ids = (pair.written.motion.id if pair.written else None, pair.heard.motion.id if pair.heard else None)
        if ids == (written_id, heard_id):
            return pair
    raise review.ReviewError("Those two motions are no longer a pair here (someone settled them already); see below.")


def settle(meeting_id: int) -> Response:
    """Keep one motion of a pair with the values the clerk chose; retire the other."""
    meeting = _meeting(meeting_id)
    form = request.form
    try:
        written_id = optional_int(form, "written_id", "The minutes' motion")
        heard_id = optional_int(form, "heard_id", "The recording's motion")
        pair = _find_pair(service.reconcile(meeting), written_id, heard_id)
        if pair.written is None or pair.heard is None:
            raise review.ReviewError("Only a motion found in both sources can be settled this way.")
        keep_written = form.get("keep", "written") != "heard"
        keep, other = (pair.written, pair.heard) if keep_written else (pair.heard, pair.written)
        take = {}
        for difference in pair.differences:
            choice = form.get(f"take_{difference.field}", "written")
            take[difference.field] = "keep" if (choice == "written") == keep_written else "other"
        correction = next((c for c in pair.corrections if form.get(f"apply_{c.key}")), None)
        versions = (
            optional_int(form, f"version_{keep.motion.id}", "The version"),
            optional_int(form, f"version_{other.motion.id}", "The version"),
        )
        service.settle_pair(
            keep.motion,
            other.motion,
            take=take,
            correction=correction,
            versions=versions,
            user=_user(),
            reason=form.get("reason"),
        )
    except (review.ReviewError, review.StaleMotion) as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(meeting_id)
    kept_id = keep.motion.id
    db.session.commit()
    flash(f"Settled: motion {kept_id} is the record (verified); motion {other.motion.id} is merged into it.", "info")
    if meeting.is_published:
        meeting_service.refresh_public_copies()
    return _back(meeting_id, f"settled-{kept_id}")


def keep_single(meeting_id: int) -> Response:
    """A motion found in only one source: keep it in the record (verified) or delete it."""
    meeting = _meeting(meeting_id)
    motion = review.get_motion(optional_int(request.form, "motion_id", "The motion") or 0)
    if motion is None or motion.meeting_id != meeting.id:
        abort(404)
    version = optional_int(request.form, "version", "The version")
    try:
        if request.form.get("action") == "delete":
            review.delete_motion(motion, expected_version=version, user=_user(), reason=request.form.get("reason"))
            message = f"Motion {motion.id} is deleted from the record."
        else:
            review.verify_motion(motion, expected_version=version, user=_user())
            message = f"Motion {motion.id} is kept in the record and verified."
    except (review.ReviewError, review.StaleMotion) as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(meeting_id)
    db.session.commit()
    flash(message, "info")
    if meeting.is_published:
        meeting_service.refresh_public_copies()
    return _back(meeting_id)


def accept_agreeing(meeting_id: int) -> Response:
    """Settle every pair the sources agree on: keep the minutes' motion, filling its gaps from the recording."""
    meeting = _meeting(meeting_id)
    result = service.reconcile(meeting)
    try:
        for pair in result.agreeing:
            assert pair.written is not None and pair.heard is not None
            service.settle_pair(
                pair.written.motion,
                pair.heard.motion,
                take={},
                correction=None,
                versions=(None, None),
                user=_user(),
                reason=request.form.get("reason") or (AGREED if meeting.is_published else None),
            )
    except (review.ReviewError, review.StaleMotion) as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(meeting_id)
    db.session.commit()
    flash(f"Settled {len(result.agreeing)} motion(s) the minutes and the recording agree on.", "info")
    if meeting.is_published:
        meeting_service.refresh_public_copies()
    return _back(meeting_id)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/meetings/<int:meeting_id>/reconcile", view_func=reconcile_meeting)
    bp.add_url_rule("/meetings/<int:meeting_id>/reconcile/settle", view_func=settle, methods=["POST"])
    bp.add_url_rule("/meetings/<int:meeting_id>/reconcile/keep", view_func=keep_single, methods=["POST"])
    bp.add_url_rule("/meetings/<int:meeting_id>/reconcile/agree", view_func=accept_agreeing, methods=["POST"])
