"""Behind a reverse proxy: X-Forwarded-* trusted only when BOARDWATCH_PROXY_HOPS says a proxy is there."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, request, url_for
from flask.testing import FlaskClient

from app import proxy
from app.config import load_config
from tests.conftest import TEST_DATABASE_URL, _base_config

FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "records.example.org"}


def _app(tmp_path: Path, template_db: str, **config: object) -> Flask:
    from app import create_app

    if TEST_DATABASE_URL:
        url = TEST_DATABASE_URL
    else:
        shutil.copyfile(template_db, tmp_path / "boardwatch.db")
        url = f"sqlite:///{tmp_path / 'boardwatch.db'}"
    app = create_app({**_base_config(tmp_path, url), **config})

    @app.get("/_seen")
    def seen() -> dict[str, str]:
        return {"addr": request.remote_addr or "", "home": url_for("public.home", _external=True)}

    proxy.init_app(app)
    return app


@pytest.fixture
def make_client(tmp_path: Path, _template_db: str) -> Iterator:
    from app.extensions import db

    apps: list[Flask] = []

    def make(**config: object) -> FlaskClient:
        apps.append(_app(tmp_path, _template_db, **config))
        return apps[-1].test_client()

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_forwarded_headers_are_ignored_without_a_proxy(make_client):
    seen = make_client().get("/_seen", headers=FORWARDED).get_json()
    assert seen["addr"] == "127.0.0.1"
    assert seen["home"] == "http://localhost/"


def test_one_proxy_hop_takes_client_address_scheme_and_host_from_the_proxy(make_client):
    seen = make_client(PROXY_HOPS=1).get("/_seen", headers=FORWARDED).get_json()
    assert seen["addr"] == "203.0.113.9"
    assert seen["home"] == "https://records.example.org/"


def test_only_the_address_the_proxy_added_is_trusted(make_client):
    headers = {**FORWARDED, "X-Forwarded-For": "198.51.100.66, 203.0.113.9"}  # the first one the client forged
    assert make_client(PROXY_HOPS=1).get("/_seen", headers=headers).get_json()["addr"] == "203.0.113.9"


def test_rate_limit_counts_each_forwarded_client_separately(make_client):
    client = make_client(PROXY_HOPS=1, RATELIMIT_ENABLED=True, API_RATE_LIMIT="2 per minute")
    first = {"X-Forwarded-For": "203.0.113.9"}
    assert [client.get("/api/v1/meetings", headers=first).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/v1/meetings", headers={"X-Forwarded-For": "203.0.113.10"}).status_code == 200


def test_environment_sets_proxy_hops_and_api_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    defaults = load_config(tmp_path)
    assert (defaults["PROXY_HOPS"], defaults["API_RATE_LIMIT"]) == (0, "120 per minute")
    monkeypatch.setenv("BOARDWATCH_PROXY_HOPS", "1")
    monkeypatch.setenv("BOARDWATCH_API_RATE_LIMIT", "600 per minute")
    config = load_config(tmp_path)
    assert (config["PROXY_HOPS"], config["API_RATE_LIMIT"]) == (1, "600 per minute")
