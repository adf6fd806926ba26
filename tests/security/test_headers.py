"""Security headers on every kind of response, and trusted hosts."""

from __future__ import annotations

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from app.config import load_config
from app.security import HEADERS
from tests.security.conftest import Site, log_in


def _assert_headers(response: TestResponse, what: str) -> None:
    response.close()
    missing = {name: value for name, value in HEADERS.items() if response.headers.get(name) != value}
    assert not missing, f"{what} ({response.status}, {response.content_type}) lacks {missing}"


def test_pages_feeds_exports_and_files_carry_the_headers(app, client, site: Site):
    ids = site.values
    checks = {
        "HTML page": ("/", {}, 200),
        "JSON record": (f"/meetings/{ids['meeting_id']}.json", {}, 200),
        "JSON API": ("/api/v1/meetings", {}, 200),
        "CSV export": ("/meetings.csv", {}, 200),
        "Atom feed": (f"/officers/{ids['officer_id']}.atom", {}, 200),
        "WebVTT captions": (f"/documents/{ids['document_id']}/captions.vtt", {}, 200),
        "audio range": (f"/documents/{ids['document_id']}/file", {"Range": "bytes=0-99"}, 206),
        "static file": ("/static/style.css", {}, 200),
    }
    for what, (url, headers, status) in checks.items():
        response = client.get(url, headers=headers)
        assert response.status_code == status, (what, response.status)
        _assert_headers(response, what)
    audio = client.get(f"/documents/{ids['document_id']}/file")
    audio.close()
    assert audio.headers["ETag"]
    unchanged = client.get(f"/documents/{ids['document_id']}/file", headers={"If-None-Match": audio.headers["ETag"]})
    assert unchanged.status_code == 304
    _assert_headers(unchanged, "not modified")


def test_errors_carry_the_headers(app, client, site: Site):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    answers = {
        "404 page": client.get("/no-such-page"),
        "404 JSON": client.get("/api/v1/meetings/99999"),
        "405": client.get("/logout"),
        "413": client.post("/login", data={"email": "x" * 4096}),
        "401/redirect to login": client.get("/clerk/"),
    }
    assert [r.status_code for r in answers.values()] == [404, 404, 405, 413, 302]
    assert "The limit is" in answers["413"].get_data(as_text=True)
    for what, response in answers.items():
        _assert_headers(response, what)
    app.config["WTF_CSRF_ENABLED"] = True
    csrf = client.post("/logout")
    assert csrf.status_code == 400 and b"CSRF" in csrf.data
    _assert_headers(csrf, "CSRF refusal")


def test_a_server_error_carries_the_headers_and_no_traceback(app, client):
    def broken() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/test-broken", "test_broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/test-broken")
    assert response.status_code == 500
    assert b"secret internals" not in response.data and b"Traceback" not in response.data
    _assert_headers(response, "500")


def test_a_rate_limited_answer_carries_the_headers(limited_app, clerk):
    client = limited_app.test_client()
    statuses = []
    for _ in range(11):
        response = client.post("/login", data={"email": "clerk@example.org", "password": "wrong"})
        statuses.append(response.status_code)
    assert statuses[-1] == 429
    _assert_headers(response, "429")


def test_back_office_answers_are_never_cached_and_public_ones_may_be(app, client, clerk, site: Site):
    log_in(client, "clerk")
    for url in ("/clerk/", f"/clerk/documents/{site.values['document_id']}/file", "/account/password", "/login"):
        response = client.get(url)
        response.close()
        assert response.headers["Cache-Control"] == "private, no-store", url
    public = client.get(f"/documents/{site.values['document_id']}/file")
    public.close()
    assert "public" in public.headers["Cache-Control"]


def test_hsts_is_sent_over_https_only(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    assert client.get("/", base_url="https://localhost").headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.fixture
def trusted(app: Flask) -> Flask:
    app.config["TRUSTED_HOSTS"] = ["records.example.gov", ".board.example.org"]
    return app


def test_a_trusted_host_is_served(trusted, client):
    for host in ("records.example.gov", "records.example.gov:8443", "www.board.example.org", "board.example.org"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host


@pytest.mark.parametrize("host", ["evil.example", "records.example.gov.evil.example", "localhost", "127.0.0.1"])
def test_an_untrusted_host_header_is_refused_with_headers(trusted, client, site, host):
    for url in ("/", "/meetings.json", f"/officers/{site.values['officer_id']}.atom", "/login"):
        response = client.get(url, headers={"Host": host})
        assert response.status_code == 400, (url, host)
        assert host.encode() not in response.data
        _assert_headers(response, f"bad host {host}")
    login = client.post("/login", data={"email": "clerk@example.org"}, headers={"Host": host})
    assert login.status_code == 400


def test_any_host_is_served_when_none_is_configured(client):
    assert client.get("/", headers={"Host": "anything.example"}).status_code == 200


def test_trusted_hosts_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BOARDWATCH_TRUSTED_HOSTS", " records.example.gov, .board.example.org ,")
    assert load_config(tmp_path)["TRUSTED_HOSTS"] == ["records.example.gov", ".board.example.org"]
    monkeypatch.delenv("BOARDWATCH_TRUSTED_HOSTS")
    assert load_config(tmp_path)["TRUSTED_HOSTS"] is None
