"""Login, logout and changing one's own password."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from app.auth.forms import LoginForm, PasswordForm
from app.extensions import db, limiter
from app.services import accounts, audit

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)
LOGIN_FAILED = "Email or password is incorrect."


def _submitted_email() -> str:
    """Rate-limit key for one account, whatever address the attempts come from."""
    return "email:" + request.form.get("email", "").strip().lower()


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None (no open redirects).

    Refuses absolute and scheme-relative URLs, backslashes (browsers read `/\\evil` as
    `//evil`) and control characters or spaces (browsers drop tabs and newlines).
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@limiter.limit("20 per hour", methods=["POST"], key_func=_submitted_email)
def login() -> str | Response:
    next_url = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("clerk.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data or "", form.password.data or "")
        if user is None:
            log.warning("failed login for %r from %s", (form.email.data or "")[:255], request.remote_addr)
            flash(LOGIN_FAILED, "error")
            return render_template("auth/login.html", form=form, next_url=next_url)
        login_user(user, remember=bool(form.remember.data))
        audit.record("user.login", "user", user.id, user=user)
        db.session.commit()
        return redirect(next_url or url_for("clerk.dashboard"))
    return render_template("auth/login.html", form=form, next_url=next_url)


@bp.post("/logout")
def logout() -> Response:
    """Log out everywhere: rotating the session token ends every session of this user."""
    if current_user.is_authenticated:
        user = current_user._get_current_object()  # type: ignore[attr-defined]
        user.rotate_session()
        audit.record("user.logout", "user", user.id, user=user)
        db.session.commit()
        logout_user()
        flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response:
    """Change one's own password; every other session of the account ends."""
    form = PasswordForm()
    user = current_user._get_current_object()  # type: ignore[attr-defined]
    if form.validate_on_submit():
        if not user.check_password(form.current.data or ""):
            form.current.errors = [*form.current.errors, "The current password is not right."]
        else:
            user.set_password(form.new.data or "")  # also rotates the session token
            audit.record("user.password_change", "user", user.id, user=user)
            db.session.commit()
            login_user(user)  # keep this session, under the new token
            flash("Your password is changed. You were logged out everywhere else.", "info")
            return redirect(url_for("clerk.dashboard"))
    return render_template("auth/password.html", form=form)
