"""Fixtures for the security tests: a site with one row of every kind, and logging in as each role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.public.conftest import make_meeting

ROLES = ("anonymous", "clerk", "admin")


@dataclass
class Site:
    """Ids of real rows, used as sample values for every URL converter."""

    values: dict[str, object]
    target_user_id: int


@pytest.fixture
def site(app: Flask, clerk: int, admin: int) -> Site:
    """A published meeting (minutes, audio, transcript, motions, officer, policy, members), a failed job
    and a third account that admin routes may act on without touching the logged-in users."""
    from app.extensions import db
    from app.models import DocumentPage, Job, Segment
    from app.services.accounts import create_user

    with app.app_context():
        seeded = make_meeting(app)
        target = create_user(email="target@example.org", password=PASSWORD, role="clerk", name="Target")
        job = Job(document_id=seeded.pdf_id, step="read_pdf", state="failed", error="The test stopped it.")
        db.session.add(job)
        db.session.commit()
        page_id = db.session.scalar(select(DocumentPage.id).where(DocumentPage.document_id == seeded.pdf_id))
        segment_id = db.session.scalar(select(Segment.id).order_by(Segment.id))
        values: dict[str, object] = {
            "body_id": seeded.body_id,
            "meeting_id": seeded.meeting_id,
            "motion_id": seeded.motion_id,
            "document_id": seeded.audio_id,
            "job_id": job.id,
            "page_id": page_id,
            "segment_id": segment_id,
            "officer_id": seeded.officer_id,
            "policy_id": seeded.policy_id,
            "member_id": seeded.member_id,
            "user_id": target.id,
            "name": "boardwatch.sqlite",
            "filename": "style.css",
        }
        return Site(values=values, target_user_id=target.id)


def log_in(client: FlaskClient, role: str) -> None:
    """Log the client in as the fixture account for `role` (nothing for anonymous)."""
    if role == "anonymous":
        return
    response = client.post("/login", data={"email": f"{role}@example.org", "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def limited_app(app: Flask):
    """The same database as `app`, with the rate limits switched on (its engine is closed afterwards)."""
    from app import create_app
    from app.extensions import db

    keys = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "UPLOAD_FOLDER", "EXPORTS_FOLDER", "JOBS_IMMEDIATE")
    limited = create_app(
        {**{key: app.config[key] for key in keys}, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True}
    )
    yield limited
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()
