"""Login loading and security headers."""

from __future__ import annotations

from flask import Flask, Response
from sqlalchemy import select

from app.extensions import db, login_manager
from app.models import User

CSP = (
    "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Load a user from "id:session_token"; a rotated token logs the session out."""
    raw_id, _, token = user_id.partition(":")
    if not raw_id.isdigit() or not token:
        return None
    user = db.session.scalar(select(User).where(User.id == int(raw_id)))
    if user is None or user.session_token != token or not user.active:
        return None
    return user


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    return response


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to use the clerk's office."
    app.after_request(_headers)
