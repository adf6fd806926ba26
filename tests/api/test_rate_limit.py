"""The API's per-address rate limit answers 429 with the JSON error envelope."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TEST_DATABASE_URL, _base_config


@pytest.fixture
def limited_client(tmp_path: Path, _template_db: str):
    from app import create_app
    from app.extensions import db

    if TEST_DATABASE_URL:
        url = TEST_DATABASE_URL
    else:
        shutil.copyfile(_template_db, tmp_path / "boardwatch.db")
        url = f"sqlite:///{tmp_path / 'boardwatch.db'}"
    config = {**_base_config(tmp_path, url), "RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "3 per minute"}
    app = create_app(config)
    yield app.test_client()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_fourth_request_in_a_minute_gets_429_envelope(limited_client):
    for _ in range(3):
        assert limited_client.get("/api/v1/meetings").status_code == 200
    response = limited_client.get("/api/v1/officers")  # the limit covers the whole API, per address
    assert response.status_code == 429
    body = response.get_json()
    assert body["ok"] is False
    assert body["error"]["status"] == 429
    assert body["error"]["title"] == "Too Many Requests"
    assert "3 per 1 minute" in body["error"]["detail"]
    # Another address is not held back by the first one's requests.
    other = limited_client.get("/api/v1/meetings", environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert other.status_code == 200


def test_public_pages_are_not_under_the_api_limit(limited_client):
    for _ in range(5):
        assert limited_client.get("/meetings.json").status_code == 200
