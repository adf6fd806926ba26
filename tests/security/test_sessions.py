"""Sessions end when an account's password, role or standing changes, whichever browser holds them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import PASSWORD
from tests.security.conftest import log_in

NEW_PASSWORD = "a wholly different passphrase"


def _browser(app: Flask, email: str, password: str = PASSWORD) -> FlaskClient:
    """A browser logged in with "keep me logged in", so it holds a session and a remember cookie."""
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password, "remember": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert client.get_cookie("remember_token") is not None
    return client


def _remember_only(app: Flask, browser: FlaskClient) -> FlaskClient:
    """A new browser holding only the remember cookie, as after a restart of the old one."""
    client = app.test_client()
    client.set_cookie("remember_token", browser.get_cookie("remember_token").value)
    return client


def _reaches_back_office(client: FlaskClient) -> bool:
    response = client.get("/clerk/")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")
        return False
    assert response.status_code == 200
    return True


def _admin_posts(app: Flask) -> Callable[[str, dict[str, str]], None]:
    admin = app.test_client()
    log_in(admin, "admin")

    def post(path: str, data: dict[str, str]) -> None:
        response = admin.post(path, data=data)
        assert response.status_code == 302
        assert response.headers["Location"] == "/clerk/admin/users"

    return post


CHANGES = {
    "role change": ("role", {"role": "admin"}),
    "deactivation": ("active", {"active": "0"}),
    "password reset by an admin": ("password", {"password": NEW_PASSWORD}),
}


@pytest.mark.parametrize("change", CHANGES)
def test_an_admins_change_to_an_account_ends_its_sessions_everywhere(app, clerk, admin, change):
    browser = _browser(app, "clerk@example.org")
    assert _reaches_back_office(browser)
    assert _reaches_back_office(_remember_only(app, browser))
    path, data = CHANGES[change]
    _admin_posts(app)(f"/clerk/admin/users/{clerk}/{path}", data)
    assert not _reaches_back_office(browser)
    assert not _reaches_back_office(_remember_only(app, browser))


def test_a_demoted_admin_loses_admin_pages_at_once(app, admin):
    from app.extensions import db
    from app.services.accounts import create_user

    with app.app_context():
        other = create_user(email="other-admin@example.org", password=PASSWORD, role="admin")
        db.session.commit()
        other_id = other.id
    browser = _browser(app, "other-admin@example.org")
    assert browser.get("/clerk/admin/users").status_code == 200
    _admin_posts(app)(f"/clerk/admin/users/{other_id}/role", {"role": "clerk"})
    assert browser.get("/clerk/admin/users").status_code == 302
    relogged = _browser(app, "other-admin@example.org")
    assert relogged.get("/clerk/admin/users").status_code == 403
    assert _reaches_back_office(relogged)


def test_a_deactivated_account_cannot_log_in_again(app, clerk, admin):
    _admin_posts(app)(f"/clerk/admin/users/{clerk}/active", {"active": "0"})
    response = app.test_client().post("/login", data={"email": "clerk@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert b"Email or password is incorrect." in response.data


def test_changing_ones_own_password_ends_the_remember_cookie_of_other_browsers(app, clerk):
    other = _browser(app, "clerk@example.org")
    this = _browser(app, "clerk@example.org")
    response = this.post("/account/password", data={"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert _reaches_back_office(this)
    assert not _reaches_back_office(other)
    assert not _reaches_back_office(_remember_only(app, other))


def test_an_unchanged_role_keeps_the_session(app, clerk, admin):
    """Saving the same role is no change, so nobody is logged out for nothing."""
    browser = _browser(app, "clerk@example.org")
    _admin_posts(app)(f"/clerk/admin/users/{clerk}/role", {"role": "clerk"})
    assert _reaches_back_office(browser)


def test_a_forged_session_token_is_refused(app, clerk):
    """The user id alone is not enough: the cookie must carry the account's current session token."""
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["_user_id"] = f"{clerk}:0123456789abcdef0123456789abcdef"
        session["_fresh"] = True
    assert not _reaches_back_office(browser)
    with browser.session_transaction() as session:
        session["_user_id"] = str(clerk)
    assert not _reaches_back_office(browser)


def test_the_remember_cookie_is_short_lived_httponly_and_secure_in_production(monkeypatch, tmp_path):
    from app.config import load_config

    monkeypatch.setenv("BOARDWATCH_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///" + str(tmp_path / "prod.db"))
    config = load_config(tmp_path)
    assert config["REMEMBER_COOKIE_SECURE"] is True and config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_HTTPONLY"] is True and config["SESSION_COOKIE_HTTPONLY"] is True
    assert int(config["REMEMBER_COOKIE_DURATION"]) <= 30 * 24 * 3600
