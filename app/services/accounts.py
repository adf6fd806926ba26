"""Clerk and admin accounts."""

from __future__ import annotations

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import User
from app.models.user import ROLES
from app.services import audit

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


def _admins_left(excluding: User) -> int:
    stmt = select(func.count(User.id)).where(User.role == "admin", User.active.is_(True), User.id != excluding.id)
    return db.session.scalar(stmt) or 0


def _account(user: User) -> dict[str, object]:
    """What the audit keeps of an account: never the password or its hash."""
    return {"email": user.email, "name": user.name, "role": user.role, "active": user.active}


def create_account(*, email: str, password: str, role: str, name: str | None, actor: User | None) -> User:
    """An admin creates an account (flushes; audited)."""
    user = create_user(email=email, password=password, role=role, name=(name or "").strip()[:200] or None)
    audit.record("user.create", "user", user.id, after=_account(user), user=actor)
    return user


def set_role(user: User, role: str, actor: User | None) -> User:
    """Change an account's role; its sessions end (flushes; audited)."""
    if role not in ROLES:
        raise AccountError(f"Role must be one of: {', '.join(ROLES)}.")
    if user.role == role:
        return user
    if user.role == "admin" and _admins_left(user) == 0:
        raise AccountError("This is the last active admin; make another admin first.")
    before = _account(user)
    user.role = role
    user.rotate_session()
    db.session.flush()
    audit.record("user.role_change", "user", user.id, before=before, after=_account(user), user=actor)
    return user


def set_active(user: User, active: bool, actor: User | None) -> User:
    """Deactivate (sessions end, no login) or reactivate an account (flushes; audited)."""
    if user.active == active:
        return user
    if not active and actor is not None and user.id == actor.id:
        raise AccountError("You cannot deactivate your own account; ask another admin.")
    if not active and user.role == "admin" and _admins_left(user) == 0:
        raise AccountError("This is the last active admin; make another admin first.")
    before = _account(user)
    user.active = active
    user.rotate_session()
    db.session.flush()
    action = "user.reactivate" if active else "user.deactivate"
    audit.record(action, "user", user.id, before=before, after=_account(user), user=actor)
    return user


def reset_password(user: User, password: str, actor: User | None) -> User:
    """An admin sets a new password for someone who forgot theirs; their sessions end (flushes; audited)."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password must be at least {MIN_PASSWORD} characters.")
    user.set_password(password)  # also rotates the session token
    db.session.flush()
    audit.record("user.password_reset", "user", user.id, after={"email": user.email}, user=actor)
    return user


def all_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.email)))
