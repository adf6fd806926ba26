"""Load the fictional demo meeting: synchronous, published, and safe to run again."""

from __future__ import annotations

import datetime as dt
import io

from flask import current_app
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import Body, Meeting, Member, User
from app.models.time import utcnow
from app.services import pipeline, search
from app.services.accounts import create_user
from app.services.storage import CHUNK
from app.services.uploads import add_upload

DEMO_CLERK_EMAIL = "demo-clerk@boardwatch.example"
DEMO_CLERK_PASSWORD = "boardwatch-demo"  # noqa: S105 - the published demo login, never in production  # nosec B105  # the published demo login


def load_demo() -> str:
    """Create (or confirm) the demo body, roster, meeting, documents and clerk; return a summary."""
    body = _body()
    meeting = _meeting(body)
    processed = 0
    for filename, kind, data in _files():
        outcome = add_upload(meeting, io.BytesIO(data), filename, kind, user=None)
        job = outcome.job
        if job is None and outcome.document.status != "processed":
            job = pipeline.create_job(outcome.document)  # a first load that was interrupted
        if job is not None:
            db.session.commit()
            pipeline.run_job(job.id)
            processed += 1
    if meeting.status != "published":
        meeting.status = "published"
        meeting.published_at = utcnow()
        db.session.flush()
        search.reindex_meeting(meeting)
    clerk_line = _demo_clerk()
    db.session.commit()
    motions = len(meeting.motions)
    state = f"processed {processed} new file(s)" if processed else "already loaded, nothing changed"
    return f"Demo meeting '{meeting.title}' ({demo.DEMO_NOTICE}): {state}; {motions} motions published. {clerk_line}"


def _body() -> Body:
    body = db.session.scalar(select(Body).where(Body.name == demo.BODY_NAME))
    if body is None:
        body = Body(name=demo.BODY_NAME, short_name=demo.BODY_SHORT_NAME, jurisdiction=demo.JURISDICTION, is_demo=True)
        db.session.add(body)
        db.session.flush()
    known = {m.name for m in body.members}
    for entry in demo.ROSTER:
        if entry.name not in known:
            db.session.add(Member(body=body, name=entry.name, seat=entry.seat, aliases=list(entry.aliases)))
    db.session.flush()
    return body


def _meeting(body: Body) -> Meeting:
    date = dt.date.fromisoformat(demo.MEETING_DATE)
    meeting = db.session.scalar(select(Meeting).where(Meeting.body_id == body.id, Meeting.date == date))
    if meeting is None:
        meeting = Meeting(body=body, date=date, kind="regular", title=demo.MEETING_TITLE, status="draft")
        db.session.add(meeting)
        db.session.flush()
    return meeting


def _files() -> list[tuple[str, str, bytes]]:
    audio = bytearray()
    with demo.AUDIO_PATH.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            audio.extend(chunk)
    return [
        (demo.MINUTES_FILENAME, "minutes", demo.build_minutes_pdf()),
        (demo.AUDIO_FILENAME, "audio", bytes(audio)),
    ]


def _demo_clerk() -> str:
    if current_app.config.get("BOARDWATCH_ENV") == "production":
        return "No demo login is created in production."
    if db.session.scalar(select(User).where(User.email == DEMO_CLERK_EMAIL)) is None:
        create_user(email=DEMO_CLERK_EMAIL, password=DEMO_CLERK_PASSWORD, role="admin", name="Demo Clerk")
    return f"Demo login: {DEMO_CLERK_EMAIL} / {DEMO_CLERK_PASSWORD}"
