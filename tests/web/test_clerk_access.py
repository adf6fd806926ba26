"""Only clerks and admins reach the back office: walk the whole URL map anonymously."""

from __future__ import annotations

import pytest
from flask import Flask


def _clerk_urls(app: Flask) -> list[tuple[str, set[str]]]:
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/clerk"):
            values = dict.fromkeys(rule.arguments, 1)
            urls.append((adapter.build(rule.endpoint, values), set(rule.methods or ())))
    return urls


def test_the_back_office_has_routes(app):
    assert len(_clerk_urls(app)) >= 6


def test_anonymous_users_are_sent_to_login_from_every_clerk_route(app, client):
    for url, methods in _clerk_urls(app):
        response = client.get(url)
        if "GET" in methods:
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/login"), url
        else:
            assert response.status_code == 405, url


def test_anonymous_posts_to_clerk_routes_change_nothing(app, client, meeting_id):
    for url, methods in _clerk_urls(app):
        if "POST" in methods:
            response = client.post(url, data={"status": "published"})
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/login"), url


def test_anonymous_job_json_is_refused(client):
    assert client.get("/clerk/jobs/1.json").status_code == 302


@pytest.mark.parametrize("fixture", ["clerk", "admin"])
def test_clerks_and_admins_reach_the_dashboard(request, client, fixture):
    request.getfixturevalue(fixture)
    email = f"{fixture}@example.org"
    assert client.post("/login", data={"email": email, "password": "correct horse battery"}).status_code == 302
    assert client.get("/clerk/").status_code == 200


def test_a_user_without_a_back_office_role_is_refused(app, client):
    from app.extensions import db
    from app.services.accounts import create_user

    with app.app_context():
        user = create_user(email="viewer@example.org", password="correct horse battery")
        user.role = "viewer"  # a role the back office does not know
        db.session.commit()
    client.post("/login", data={"email": "viewer@example.org", "password": "correct horse battery"})
    assert client.get("/clerk/").status_code == 403


def test_role_decorators_let_only_the_right_roles_through(app, client, clerk, admin):
    from app.auth.decorators import admin_required, clerk_required

    app.add_url_rule("/test-clerk-only", "test_clerk_only", clerk_required(lambda: "clerk ok"))
    app.add_url_rule("/test-admin-only", "test_admin_only", admin_required(lambda: "admin ok"))
    assert client.get("/test-clerk-only").status_code == 302
    assert client.get("/test-admin-only").status_code == 302
    client.post("/login", data={"email": "clerk@example.org", "password": "correct horse battery"})
    assert client.get("/test-clerk-only").status_code == 200
    assert client.get("/test-admin-only").status_code == 403
    client.post("/logout")
    client.post("/login", data={"email": "admin@example.org", "password": "correct horse battery"})
    assert client.get("/test-clerk-only").status_code == 200
    assert client.get("/test-admin-only").status_code == 200
