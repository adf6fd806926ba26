"""Login, logout, password change, open redirects, CSRF and the login rate limit."""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from sqlalchemy import select

from app import create_app

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a brand new passphrase"
MESSAGE = b"Email or password is incorrect."


def _actions(app: Flask) -> list[str]:
    from app.extensions import db
    from app.models import AuditEvent

    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_login_page_has_a_form(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert b'name="email"' in response.data and b'name="password"' in response.data


def test_login_with_right_password_reaches_the_back_office_and_is_audited(app, client, auth):
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/clerk/")
    assert client.get("/clerk/").status_code == 200
    assert "user.login" in _actions(app)


def test_wrong_password_and_unknown_user_get_the_same_message(client, auth):
    wrong_password = auth.login(password="not the password")
    unknown_user = auth.login(email="nobody@example.org")
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert MESSAGE in response.data
    assert client.get("/clerk/").status_code == 302


def test_email_is_matched_without_regard_to_case(auth):
    assert auth.login(email="Clerk@Example.ORG").status_code == 302


def test_logout_is_post_only(client, auth):
    auth.login()
    assert client.get("/logout").status_code == 405
    assert client.get("/clerk/").status_code == 200


def test_logout_ends_the_session_even_for_a_replayed_cookie(app, client, auth):
    auth.login()
    old_cookie = client.get_cookie("session").value
    response = auth.logout()
    assert response.status_code == 302
    assert client.get("/clerk/").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", old_cookie)
    response = replay.get("/clerk/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert "user.logout" in _actions(app)


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client, auth):
    other = app.test_client()
    other.post("/login", data={"email": "clerk@example.org", "password": PASSWORD, "remember": "y"})
    assert other.get("/clerk/").status_code == 200
    auth.login()
    response = client.post(
        "/account/password", data={"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/clerk/").status_code == 200
    # The other browser's session cookie, and its remember-me cookie, no longer work.
    assert other.get("/clerk/").status_code == 302
    assert "user.password_change" in _actions(app)
    auth.logout()
    assert auth.login(password=PASSWORD).status_code == 200
    assert auth.login(password=NEW_PASSWORD).status_code == 302


def test_password_change_needs_the_current_password_and_matching_new_ones(client, auth):
    auth.login()
    wrong = client.post(
        "/account/password", data={"current": "guess guess", "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert b"The current password is not right." in wrong.data
    mismatch = client.post("/account/password", data={"current": PASSWORD, "new": NEW_PASSWORD, "confirm": "other"})
    assert b"The two new passwords are not the same." in mismatch.data
    short = client.post("/account/password", data={"current": PASSWORD, "new": "short", "confirm": "short"})
    assert b"at least" in short.data
    auth.logout()
    assert auth.login(password=PASSWORD).status_code == 302


def test_password_page_needs_login(client):
    response = client.get("/account/password")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
    ],
)
def test_login_refuses_to_redirect_off_site(client, clerk, target):
    response = client.post(
        "/login", query_string={"next": target}, data={"email": "clerk@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/clerk/"


def test_login_follows_a_next_path_on_this_site(client, clerk):
    response = client.post(
        "/login",
        query_string={"next": "/clerk/meetings/new"},
        data={"email": "clerk@example.org", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/clerk/meetings/new"


def test_login_form_keeps_a_safe_next_and_drops_an_unsafe_one(client):
    assert b"next=/clerk/meetings/new" in client.get("/login?next=/clerk/meetings/new").data.replace(b"%2F", b"/")
    assert b"evil.example" not in client.get("/login?next=https://evil.example/").data


def test_csrf_is_enforced_when_enabled(app, client, auth):
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/logout").status_code == 400
    assert client.post("/clerk/meetings/1/upload", data={}).status_code == 400
    assert client.get("/clerk/").status_code == 200  # still logged in
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": "clerk@example.org", "password": PASSWORD}).status_code == 400
    page = fresh.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token, page
    response = fresh.post(
        "/login", data={"email": "clerk@example.org", "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert response.status_code == 302


def test_back_office_forms_carry_a_working_csrf_token(app, client, auth, meeting_id, make_pdf):
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True)
    tokens = set(re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', page))
    tokens |= set(re.findall(r'type="hidden" name="csrf_token" value="([^"]+)"', page))
    assert tokens, page
    token = tokens.pop()
    upload = client.post(
        f"/clerk/meetings/{meeting_id}/upload",
        data={"csrf_token": token, "kind": "other", "files": [(io.BytesIO(b""), "empty.pdf")]},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 302
    status = client.post(f"/clerk/meetings/{meeting_id}/status", data={"csrf_token": token, "status": "in_review"})
    assert status.status_code == 302
    assert "is sent to review" in client.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True)


@pytest.fixture
def limited_app(app: Flask):
    """The same database as `app`, with the rate limits switched on; its own engine is closed afterwards
    (on PostgreSQL an engine left open is found by the garbage collector in some later test)."""
    from app.extensions import db

    keys = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "UPLOAD_FOLDER", "EXPORTS_FOLDER", "JOBS_IMMEDIATE")
    limited = create_app(
        {**{key: app.config[key] for key in keys}, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True}
    )
    yield limited
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()


def test_login_is_rate_limited_per_address(limited_app, clerk):
    client = limited_app.test_client()
    statuses = [
        client.post("/login", data={"email": f"nobody{i}@example.org", "password": "wrong"}).status_code
        for i in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    # The limit is on attempts, not on reading the page.
    assert client.get("/login").status_code == 200


def test_login_is_rate_limited_per_account_across_addresses(limited_app, clerk):
    client = limited_app.test_client()
    statuses = [
        client.post(
            "/login",
            data={"email": "clerk@example.org", "password": "wrong"},
            environ_base={"REMOTE_ADDR": f"192.0.2.{i + 1}"},
        ).status_code
        for i in range(21)
    ]
    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429


def test_login_returns_to_the_page_that_asked_for_it(client, clerk, meeting_id):
    response = client.get(f"/clerk/meetings/{meeting_id}")
    assert response.status_code == 302
    login_url = response.headers["Location"]
    assert login_url.startswith("/login?next=")
    response = client.post(login_url, data={"email": "clerk@example.org", "password": PASSWORD})
    assert response.headers["Location"] == f"/clerk/meetings/{meeting_id}"


def test_a_forged_forwarded_for_header_does_not_escape_the_address_limit(limited_app, clerk):
    """With no proxy configured, X-Forwarded-For is the client's own word and is not trusted."""
    client = limited_app.test_client()
    statuses = [
        client.post(
            "/login",
            data={"email": f"nobody{i}@example.org", "password": "wrong"},
            headers={"X-Forwarded-For": f"198.51.100.{i + 1}", "X-Real-IP": f"198.51.100.{i + 1}"},
        ).status_code
        for i in range(11)
    ]
    assert statuses == [200] * 10 + [429]


def test_the_account_limit_ignores_case_and_spaces_in_the_email(limited_app, clerk):
    client = limited_app.test_client()
    spellings = ["clerk@example.org", "CLERK@example.org", " Clerk@Example.Org ", "clerk@EXAMPLE.ORG"]
    statuses = [
        client.post(
            "/login",
            data={"email": spellings[i % len(spellings)], "password": "wrong"},
            environ_base={"REMOTE_ADDR": f"192.0.2.{i + 1}"},
        ).status_code
        for i in range(21)
    ]
    assert statuses == [200] * 20 + [429]
    # The right password is refused too while the account is limited: guessing cannot go on.
    blocked = client.post(
        "/login", data={"email": "clerk@example.org", "password": PASSWORD}, environ_base={"REMOTE_ADDR": "192.0.2.99"}
    )
    assert blocked.status_code == 429
    assert "/clerk/" not in blocked.headers.get("Location", "")
