"""Admin pages: clerk accounts (create, role, deactivate, reset a password) and the audit trail."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse

from app.auth.decorators import admin_required
from app.extensions import db
from app.models import AuditEvent, User
from app.models.user import ROLES
from app.services import accounts, audit

AUDIT_PAGE = 100


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _account(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _outcome(action, message: str) -> BaseResponse:
    try:
        action()
    except accounts.AccountError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(message, "info")
    return redirect(url_for("clerk.users"))


@admin_required
def users() -> str:
    return render_template(
        "clerk/users.html", users=accounts.all_users(), roles=ROLES, min_password=accounts.MIN_PASSWORD
    )


@admin_required
def create_user() -> BaseResponse:
    form = request.form
    email = form.get("email", "")
    return _outcome(
        lambda: accounts.create_account(
            email=email,
            password=form.get("password", ""),
            role=form.get("role", "clerk"),
            name=form.get("name"),
            actor=_user(),
        ),
        f"Created the account for {email.strip().lower()}. Give them the password by a safe route; they can change it.",
    )


@admin_required
def change_role(user_id: int) -> BaseResponse:
    user = _account(user_id)
    role = request.form.get("role", "")
    return _outcome(
        lambda: accounts.set_role(user, role, _user()), f"{user.email} is now {role}; their sessions ended."
    )


@admin_required
def change_active(user_id: int) -> BaseResponse:
    user = _account(user_id)
    active = request.form.get("active") == "1"
    words = "reactivated" if active else "deactivated; their sessions ended"
    return _outcome(lambda: accounts.set_active(user, active, _user()), f"{user.email} is {words}.")


@admin_required
def reset_password(user_id: int) -> BaseResponse:
    user = _account(user_id)
    return _outcome(
        lambda: accounts.reset_password(user, request.form.get("password", ""), _user()),
        f"Set a new password for {user.email}; their sessions ended. Tell them to change it when they log in.",
    )


def _filters() -> audit.AuditFilter:
    def number(name: str) -> int | None:
        raw = (request.args.get(name) or "").strip()
        if not raw:
            return None
        if not raw.isdigit() or len(raw) > 12:
            abort(400, description=f"{name} must be a whole number.")
        return int(raw)

    def day(name: str) -> dt.date | None:
        raw = (request.args.get(name) or "").strip()
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            abort(400, description=f"{name} must be a date written YYYY-MM-DD.")

    return audit.AuditFilter(
        user_id=number("user"),
        action=(request.args.get("action") or "").strip()[:60] or None,
        record_type=(request.args.get("record_type") or "").strip()[:40] or None,
        record_id=number("record_id"),
        since=day("from"),
        until=day("to"),
    )


@admin_required
def audit_log() -> str:
    filters = _filters()
    before = request.args.get("before", type=int)
    page = audit.events(filters, limit=AUDIT_PAGE + 1, before_id=before)
    more = len(page) > AUDIT_PAGE
    page = page[:AUDIT_PAGE]
    record_types = db.session.scalars(
        select(AuditEvent.record_type).distinct().where(AuditEvent.record_type.is_not(None))
    )
    args = {k: v for k, v in request.args.items() if k != "before" and v}
    return render_template(
        "clerk/audit.html",
        events=page,
        more=more,
        next_before=page[-1].id if page else None,
        filters=filters,
        args=args,
        users=accounts.all_users(),
        record_types=sorted(record_types),
        chain=None,
    )


@admin_required
def audit_csv() -> Response:
    filters = _filters()
    response = Response(stream_with_context(audit.csv_rows(filters)), mimetype="text/csv")
    stamp = dt.date.today().isoformat()
    response.headers["Content-Disposition"] = f'attachment; filename="boardwatch-audit-{stamp}.csv"'
    return response


@admin_required
def verify() -> BaseResponse:
    report = audit.verify_chain()
    if report.ok:
        flash(f"The audit chain is intact: {report.checked} events checked; the latest hash is {report.head}.", "info")
    else:
        flash(
            f"The audit chain is broken at event {report.broken_at}: {report.problem}. "
            f"{report.checked} events before it check out.",
            "error",
        )
    return redirect(url_for("clerk.audit_log"))


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/admin/users", view_func=users)
    bp.add_url_rule("/admin/users/new", view_func=create_user, methods=["POST"])
    bp.add_url_rule("/admin/users/<int:user_id>/role", view_func=change_role, methods=["POST"])
    bp.add_url_rule("/admin/users/<int:user_id>/active", view_func=change_active, methods=["POST"])
    bp.add_url_rule("/admin/users/<int:user_id>/password", view_func=reset_password, methods=["POST"])
    bp.add_url_rule("/audit", view_func=audit_log)
    bp.add_url_rule("/audit.csv", view_func=audit_csv)
    bp.add_url_rule("/audit/verify", view_func=verify, methods=["POST"])
