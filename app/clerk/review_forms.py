"""Reading the review screen's forms: a motion's fields, as typed, into a MotionEdit.

The motion form is plain HTML (one row per member's vote, rows for officers and policies, a
few blank rows to add more), so it is read here rather than with a WTForms class; CSRF is
checked for every POST by CSRFProtect.
"""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from app.models.motion import VOTE_OPTIONS
from app.services.review import MotionEdit, ReviewError

EXTRA_ROWS = 2  # blank rows offered to add a vote, an officer or a policy
MAX_ROWS = 60


def optional_int(form: MultiDict, name: str, label: str) -> int | None:
    raw = (form.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ReviewError(f"{label} must be a whole number (or left empty); “{raw[:20]}” is not.")
    return int(raw)


def expected_version(form: MultiDict) -> int | None:
    """The version of the motion the form was made from (None when the form does not say)."""
    return optional_int(form, "version", "The version")


def parse_motion_form(form: MultiDict) -> MotionEdit:
    """Every field of the review form as a MotionEdit; raises ReviewError for what cannot be read."""
    counts = {option: optional_int(form, f"count_{option}", f"The {option} count") for option in VOTE_OPTIONS}
    votes = []
    for i in range(MAX_ROWS):
        voter, option = form.get(f"vote_voter_{i}"), form.get(f"vote_option_{i}")
        if voter is None and option is None:
            continue
        if (voter or "").strip() and option:
            votes.append((voter or "", option))
    officers = []
    for i in range(MAX_ROWS):
        name = (form.get(f"officer_name_{i}") or "").strip()
        if name:
            officers.append((name, form.get(f"officer_rank_{i}"), form.get(f"officer_badge_{i}")))
    policies = []
    for i in range(MAX_ROWS):
        code = (form.get(f"policy_code_{i}") or "").strip()
        if code:
            policies.append((code, form.get(f"policy_title_{i}")))
    paid = {"yes": True, "no": False}.get(form.get("outcome_paid", ""))
    return MotionEdit(
        text=form.get("text", ""),
        classification=form.get("classification", "other"),
        agenda_item_id=optional_int(form, "agenda_item_id", "The agenda item"),
        mover=form.get("mover"),
        seconder=form.get("seconder"),
        result=form.get("result", "unknown"),
        counts=counts,
        votes=votes,
        officers=officers,
        policies=policies,
        outcome_kind=form.get("outcome_kind"),
        outcome_days=optional_int(form, "outcome_days", "Outcome days"),
        outcome_paid=paid,
        outcome_text=form.get("outcome_text"),
    )
