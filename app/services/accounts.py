"""Clerk and admin accounts."""

from __future__ import annotations

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import User
from app.models.user import ROLES

MIN_PASSWORD = 10
_DUMMY_HASH = generate_password_hash("no-such-account", method="scrypt")


class AccountError(Exception):
    """An account change that cannot be made; the message says why."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(*, email: str, password: str, role: str = "clerk", name: str | None = None) -> User:
    """Create an account (flushes). Raises AccountError for a bad email, password or role."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 255:
        raise AccountError("Give a valid email address.")
    if role not in ROLES:
        raise AccountError(f"Role must be one of: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password must be at least {MIN_PASSWORD} characters.")
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise AccountError(f"An account for {email} already exists.")
    user = User(email=email, role=role, name=name)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None (same answer for either mistake)."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None:
        # Spend the same time hashing so a wrong email cannot be told apart from a wrong password.
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user
