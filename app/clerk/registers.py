"""The registers: each body's roster (seats, terms, the spellings speech recognition makes), officers, policies."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from app.auth.decorators import require_role
from app.extensions import db
from app.models import Body, Member, MotionOfficer, MotionPolicy, Officer, Policy, User
from app.services import meetings as meeting_service
from app.services import registers


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _date(name: str) -> dt.date | None:
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise registers.RegisterError(f"“{raw[:20]}” is not a date; write it as YYYY-MM-DD.") from exc


def _done(message: str, target: str) -> Response:
    db.session.commit()
    flash(message, "info")
    meeting_service.refresh_public_copies()
    return redirect(target)


def _failed(error: Exception, target: str) -> Response:
    db.session.rollback()
    flash(str(error), "error")
    return redirect(target)


def bodies() -> str:
    items = db.session.scalars(select(Body).order_by(Body.name)).all()
    return render_template("clerk/bodies.html", bodies=items)


def roster(body_id: int) -> str | Response:
    body = db.session.get(Body, body_id)
    if body is None:
        abort(404)
    if request.method != "POST":  # GET and HEAD read; only a POST (CSRF-checked) may write
        return render_template("clerk/roster.html", body=body)
    require_role("admin")  # DESIGN.md: admins manage the roster; clerks may read it
    target = url_for("clerk.roster", body_id=body.id)
    member_id = request.form.get("member_id", type=int)
    member = db.session.get(Member, member_id) if member_id else None
    if member is not None and member.body_id != body.id:
        abort(404)
    try:
        saved = registers.save_member(
            body,
            member,
            name=request.form.get("name", ""),
            seat=request.form.get("seat"),
            term_start=_date("term_start"),
            term_end=_date("term_end"),
            aliases=registers.parse_aliases(request.form.get("aliases", "")),
            user=_user(),
        )
    except registers.RegisterError as exc:
        return _failed(exc, target)
    return _done(f"Saved {saved.name}. Names in the record that this roster now explains are linked to them.", target)


def officers() -> str:
    counts = dict(
        db.session.execute(select(MotionOfficer.officer_id, func.count()).group_by(MotionOfficer.officer_id)).all()
    )
    items = db.session.scalars(select(Officer).order_by(Officer.merged_into_id.is_not(None), Officer.name)).all()
    return render_template(
        "clerk/officers.html", officers=items, counts=counts, suggestions=registers.officer_suggestions()
    )


def save_officer(officer_id: int) -> Response:
    officer = db.session.get(Officer, officer_id)
    if officer is None:
        abort(404)
    target = url_for("clerk.officers", _anchor=f"officer-{officer.id}")
    form = request.form
    try:
        registers.update_officer(
            officer,
            name=form.get("name", ""),
            rank=form.get("rank"),
            badge=form.get("badge"),
            unit=form.get("unit"),
            user=_user(),
        )
    except registers.RegisterError as exc:
        return _failed(exc, target)
    return _done(f"Saved {officer.display_name}.", target)


def merge_officers() -> Response:
    target = url_for("clerk.officers")
    keep = db.session.get(Officer, request.form.get("keep_id", type=int) or 0)
    other = db.session.get(Officer, request.form.get("other_id", type=int) or 0)
    if keep is None or other is None:
        return _failed(registers.RegisterError("Choose the officer to keep and the one to merge into it."), target)
    try:
        kept = registers.merge_officers(keep, other, _user())
    except registers.RegisterError as exc:
        return _failed(exc, target)
    return _done(f"Merged {other.display_name} into {kept.display_name}; their motions are listed together.", target)


def policies() -> str:
    counts = dict(
        db.session.execute(select(MotionPolicy.policy_id, func.count()).group_by(MotionPolicy.policy_id)).all()
    )
    items = db.session.scalars(select(Policy).order_by(Policy.merged_into_id.is_not(None), Policy.code)).all()
    return render_template(
        "clerk/policies.html", policies=items, counts=counts, suggestions=registers.policy_suggestions()
    )


def save_policy(policy_id: int) -> Response:
    policy = db.session.get(Policy, policy_id)
    if policy is None:
        abort(404)
    target = url_for("clerk.policies", _anchor=f"policy-{policy.id}")
    try:
        registers.update_policy(
            policy, code=request.form.get("code", ""), title=request.form.get("title"), user=_user()
        )
    except registers.RegisterError as exc:
        return _failed(exc, target)
    return _done(f"Saved {policy.code}.", target)


def merge_policies() -> Response:
    target = url_for("clerk.policies")
    keep = db.session.get(Policy, request.form.get("keep_id", type=int) or 0)
    other = db.session.get(Policy, request.form.get("other_id", type=int) or 0)
    if keep is None or other is None:
        return _failed(registers.RegisterError("Choose the policy to keep and the one to merge into it."), target)
    try:
        kept = registers.merge_policies(keep, other, _user())
    except registers.RegisterError as exc:
        return _failed(exc, target)
    return _done(f"Merged {other.code} into {kept.code}.", target)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/bodies", view_func=bodies)
    bp.add_url_rule("/bodies/<int:body_id>/roster", view_func=roster, methods=["GET", "POST"])
    bp.add_url_rule("/officers", view_func=officers)
    bp.add_url_rule("/officers/<int:officer_id>", view_func=save_officer, methods=["POST"])
    bp.add_url_rule("/officers/merge", view_func=merge_officers, methods=["POST"])
    bp.add_url_rule("/policies", view_func=policies)
    bp.add_url_rule("/policies/<int:policy_id>", view_func=save_policy, methods=["POST"])
    bp.add_url_rule("/policies/merge", view_func=merge_policies, methods=["POST"])
