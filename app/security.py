"""Login loading and the security headers on every response."""

from __future__ import annotations

import secrets

from flask import Flask, Response, request
from sqlalchemy import select
from werkzeug.exceptions import SecurityError

from app.extensions import db, login_manager
from app.models import User

CSP = (
    "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
HSTS = "max-age=31536000"
# Pages only a logged-in clerk sees (and the login form): never kept by a shared cache or the back button.
PRIVATE_PREFIXES = ("/clerk/", "/account/", "/login")


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Load a user from "id:session_token"; a rotated token logs the session out."""
    raw_id, _, token = user_id.partition(":")
    if not raw_id.isdigit() or not token:
        return None
    user = db.session.scalar(select(User).where(User.id == int(raw_id)))
    if user is None or not user.active or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def _headers(response: Response) -> Response:
    """Add the security headers to a response of any kind: page, JSON, CSV, file, error."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.path.startswith(PRIVATE_PREFIXES):
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _untrusted_host(error: SecurityError) -> Response:
    """A Host header outside TRUSTED_HOSTS: plain text, since no link to this site can be built for it."""
    message = "400 Bad Request: this site does not answer to that host name.\n"
    return Response(message, status=400, mimetype="text/plain")


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to use the clerk's office."
    app.register_error_handler(SecurityError, _untrusted_host)
    app.after_request(_headers)
