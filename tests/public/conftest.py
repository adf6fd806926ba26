"""Helpers for public-site tests: a published meeting with a discipline motion (fictional names)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from app.extensions import db
from app.models import (
    Body,
    Document,
    DocumentPage,
    Meeting,
    Member,
    Motion,
    MotionOfficer,
    MotionPolicy,
    Officer,
    Policy,
    Segment,
    Transcript,
    Vote,
)
from app.services import search
from app.services.storage import blob_path


@dataclass
class Seeded:
    body_id: int
    meeting_id: int
    motion_id: int
    audio_motion_id: int
    pdf_id: int
    audio_id: int
    officer_id: int
    policy_id: int
    member_id: int


def store_blob(app: Flask, data: bytes) -> str:
    """Put bytes where the uploads store would, and return their sha256."""
    sha = hashlib.sha256(data).hexdigest()
    path = blob_path(app.config["UPLOAD_FOLDER"], sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return sha


def make_meeting(
    app: Flask,
    *,
    status: str = "published",
    body_name: str = "Harbor City Board of Police Commissioners",
    is_demo: bool = False,
    date: dt.date = dt.date(2024, 3, 7),
    motion_text: str = "to finalize the thirty-day suspension without pay of Sergeant Dana Whitfield",
    officer_name: str = "Dana Whitfield",
    policy_code: str = "Directive 102.1",
    tag: str = "",
) -> Seeded:
    """A meeting with minutes (PDF, one page), audio (with a transcript) and two motions.

    Call inside `app.app_context()`; commits and indexes the meeting for search.
    """
    body = db.session.query(Body).filter_by(name=body_name).one_or_none()
    if body is None:
        body = Body(name=body_name, short_name="Harbor City BPC", is_demo=is_demo)
        db.session.add(body)
        for name in ("Avery Lindqvist", "Marisol Okonkwo-Reyes", "Tobias Fairweather"):
            body.members.append(Member(name=name, seat="Commissioner"))
        db.session.flush()
    members = {m.surname: m for m in body.members}
    meeting = Meeting(body=body, date=date, title=f"Regular meeting{tag}", status=status, kind="regular")
    db.session.add(meeting)
    pdf_bytes = b"%PDF-1.4 fictional minutes " + tag.encode() + status.encode() + date.isoformat().encode()
    audio_bytes = bytes(range(256)) * 40 + tag.encode() + status.encode() + date.isoformat().encode()
    pdf = Document(
        meeting=meeting,
        kind="minutes",
        original_filename="Minutes March 7.pdf",
        sha256=store_blob(app, pdf_bytes),
        size=len(pdf_bytes),
        mime_type="application/pdf",
        status="processed",
        page_count=1,
    )
    audio = Document(
        meeting=meeting,
        kind="audio",
        original_filename="meeting.mp3",
        sha256=store_blob(app, audio_bytes),
        size=len(audio_bytes),
        mime_type="audio/mpeg",
        status="processed",
        duration=4000.0,
    )
    db.session.add_all([pdf, audio])
    pdf.pages.append(
        DocumentPage(number=1, text="The Board discussed the use-of-force review of Officer Kellan O'Brien.")
    )
    transcript = Transcript(document=audio, engine="faster-whisper", model="tiny.en")
    db.session.add(transcript)
    transcript.segments.extend(
        [
            Segment(position=0, start=12.0, end=15.0, text="The meeting will come to order."),
            Segment(position=1, start=3711.2, end=3720.0, text="I move to finalize the suspension, Rule 2."),
        ]
    )
    officer = db.session.query(Officer).filter_by(name=officer_name, rank="Sergeant").one_or_none()
    officer = officer or Officer(name=officer_name, rank="Sergeant", badge="4471")
    policy = db.session.query(Policy).filter_by(code=policy_code).one_or_none()
    policy = policy or Policy(code=policy_code, title="Use of force reporting")
    motion = Motion(
        meeting=meeting,
        document=pdf,
        position=1,
        text=motion_text,
        classification="discipline",
        mover="Lindqvist",
        seconder="Fairweather",
        mover_member=members["Lindqvist"],
        seconder_member=members["Fairweather"],
        result="passed",
        yes_count=2,
        no_count=1,
        abstain_count=0,
        absent_count=0,
        excused_count=0,
        recused_count=0,
        outcome_kind="suspension",
        outcome_days=30,
        outcome_paid=False,
        outcome_text="thirty-day suspension without pay",
        source_page=1,
        evidence="MOTION by Lindqvist, seconded by Fairweather, " + motion_text,
        confidence=0.9,
    )
    motion.votes.extend(
        [
            Vote(voter_name="Lindqvist", option="yes", member=members["Lindqvist"]),
            Vote(voter_name="Fairweather", option="yes", member=members["Fairweather"]),
            Vote(voter_name="Okonkwo-Reyes", option="no", member=members["Okonkwo-Reyes"]),
        ]
    )
    motion.officer_links.append(MotionOfficer(officer=officer))
    motion.policy_links.append(MotionPolicy(policy=policy))
    audio_motion = Motion(
        meeting=meeting,
        document=audio,
        position=2,
        text="to approve the minutes of the previous meeting",
        classification="minutes_agenda",
        mover="Okonkwo-Reyes",
        result="passed",
        outcome_kind="approved",
        source_start=3711.2,
        source_end=3790.5,
        evidence="I move to approve the minutes",
        confidence=0.7,
    )
    db.session.add_all([motion, audio_motion])
    db.session.flush()
    search.reindex_meeting(meeting)
    db.session.commit()
    return Seeded(
        body_id=body.id,
        meeting_id=meeting.id,
        motion_id=motion.id,
        audio_motion_id=audio_motion.id,
        pdf_id=pdf.id,
        audio_id=audio.id,
        officer_id=officer.id,
        policy_id=policy.id,
        member_id=members["Okonkwo-Reyes"].id,
    )


@pytest.fixture
def published(app: Flask) -> Seeded:
    """A published meeting with a discipline motion read from the minutes and one heard in the audio."""
    with app.app_context():
        return make_meeting(app)


@pytest.fixture
def draft(app: Flask) -> Seeded:
    """A draft meeting whose motion names its own officer and policy (never public)."""
    with app.app_context():
        return make_meeting(
            app,
            status="draft",
            date=dt.date(2024, 4, 4),
            motion_text="to terminate Officer Quillon Drafthorne for secret draft reasons",
            officer_name="Quillon Drafthorne",
            policy_code="Rule 99",
            tag=" (draft)",
        )


@pytest.fixture
def uploads(app: Flask) -> Path:
    return Path(app.config["UPLOAD_FOLDER"])
