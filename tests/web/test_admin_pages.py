"""Admins manage accounts in the web interface; role changes and deactivation end sessions; the audit view."""

from __future__ import annotations

import csv
import io

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import PASSWORD


def _login(app: Flask, email: str, password: str = PASSWORD) -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, f"login failed for {email}"
    return client


def _user_id(app: Flask, email: str) -> int:
    from app.extensions import db
    from app.models import User

    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def _actions(app: Flask) -> list[tuple[str, int | None, int | None]]:
    from app.extensions import db
    from app.models import AuditEvent

    with app.app_context():
        return [
            (e.action, e.record_id, e.user_id) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]


def test_only_admins_reach_the_account_and_audit_pages(app, clerk, admin):
    clerk_client = _login(app, "clerk@example.org")
    for url in ("/clerk/admin/users", "/clerk/audit", "/clerk/audit.csv"):
        assert clerk_client.get(url).status_code == 403, url
    assert clerk_client.post("/clerk/admin/users/new", data={"email": "x@example.org"}).status_code == 403
    admin_client = _login(app, "admin@example.org")
    assert admin_client.get("/clerk/admin/users").status_code == 200


def test_an_admin_creates_a_clerk_who_can_then_log_in(app, admin):
    client = _login(app, "admin@example.org")
    page = client.post(
        "/clerk/admin/users/new",
        data={
            "email": "New.Clerk@Example.org",
            "name": "New Clerk",
            "role": "clerk",
            "password": "a long first password",
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Created the account for new.clerk@example.org" in page
    assert _login(app, "new.clerk@example.org", "a long first password")
    new_id = _user_id(app, "new.clerk@example.org")
    assert ("user.create", new_id, admin) in _actions(app)
    refused = client.post(
        "/clerk/admin/users/new",
        data={"email": "short@example.org", "role": "clerk", "password": "short"},
        follow_redirects=True,
    )
    assert "at least 10 characters" in refused.get_data(as_text=True)


def test_a_role_change_ends_the_users_sessions(app, clerk, admin):
    clerk_client = _login(app, "clerk@example.org")
    assert clerk_client.get("/clerk/").status_code == 200
    _login(app, "admin@example.org").post(f"/clerk/admin/users/{clerk}/role", data={"role": "admin"})
    response = clerk_client.get("/clerk/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    again = _login(app, "clerk@example.org")
    assert again.get("/clerk/admin/users").status_code == 200  # now an admin
    assert ("user.role_change", clerk, admin) in _actions(app)


def test_deactivation_ends_sessions_and_refuses_login(app, clerk, admin):
    clerk_client = _login(app, "clerk@example.org")
    admin_client = _login(app, "admin@example.org")
    admin_client.post(f"/clerk/admin/users/{clerk}/active", data={"active": "0"})
    assert clerk_client.get("/clerk/").status_code == 302
    failed = app.test_client().post("/login", data={"email": "clerk@example.org", "password": PASSWORD})
    assert failed.status_code == 200 and "Email or password is incorrect" in failed.get_data(as_text=True)
    admin_client.post(f"/clerk/admin/users/{clerk}/active", data={"active": "1"})
    assert _login(app, "clerk@example.org")
    assert [a for a, *_ in _actions(app) if a.endswith("activate")] == [
        "user.deactivate",
        "user.reactivate",
    ]


def test_an_admin_resets_a_forgotten_password(app, clerk, admin):
    clerk_client = _login(app, "clerk@example.org")
    _login(app, "admin@example.org").post(
        f"/clerk/admin/users/{clerk}/password", data={"password": "brand new password"}
    )
    assert clerk_client.get("/clerk/").status_code == 302
    assert (
        app.test_client().post("/login", data={"email": "clerk@example.org", "password": PASSWORD}).status_code == 200
    )
    assert _login(app, "clerk@example.org", "brand new password")
    from app.extensions import db
    from app.models import AuditEvent

    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.password_reset")).one()
        assert "password" not in str(event.after).lower().replace("password_reset", "")


def test_the_last_admin_cannot_be_demoted_or_deactivate_themselves(app, admin):
    client = _login(app, "admin@example.org")
    page = client.post(f"/clerk/admin/users/{admin}/role", data={"role": "clerk"}, follow_redirects=True).get_data(
        as_text=True
    )
    assert "last active admin" in page
    page = client.post(f"/clerk/admin/users/{admin}/active", data={"active": "0"}, follow_redirects=True).get_data(
        as_text=True
    )
    assert "cannot deactivate your own account" in page


def test_the_audit_view_filters_exports_and_checks_the_chain(app, clerk, admin):
    _login(app, "clerk@example.org")  # a login is audited
    client = _login(app, "admin@example.org")
    client.post(f"/clerk/admin/users/{clerk}/role", data={"role": "admin"})
    page = client.get("/clerk/audit?action=user.role").get_data(as_text=True)
    assert "user.role_change" in page and "user.login" not in page
    assert client.get("/clerk/audit?from=not-a-date").status_code == 400
    assert client.get(f"/clerk/audit?user={admin}&record_type=user").status_code == 200
    exported = client.get("/clerk/audit.csv?record_type=user")
    assert exported.headers["Content-Disposition"].startswith('attachment; filename="boardwatch-audit-')
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert {r["action"] for r in rows} >= {"user.login", "user.role_change"}
    assert all(len(r["hash"]) == 64 and len(r["prev_hash"]) == 64 for r in rows)
    checked = client.post("/clerk/audit/verify", follow_redirects=True).get_data(as_text=True)
    assert "The audit chain is intact" in checked
