"""Merged and deleted motions and withdrawn documents: the clerk's screens show them, no public path does.

app/models/visibility.py hides them from every ORM query unless the query asks for them; these
tests walk the whole public URL map of a published meeting holding one of each, and the clerk
screens that must still see them (review, reconcile, the meeting's documents, the audit trail).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from tests.services.test_reconcile import build_two_sources
from tests.web.test_review_pages import _client

DELETED_TEXT = "to rename the Zanzibar precinct"
WITHDRAWN_NAME = "closed-session-recording.ogg"
WITHDRAWN_WORDS = "Quixotic personnel matter"


@dataclass
class Retired:
    meeting_id: int
    kept_id: int
    merged_id: int
    deleted_id: int
    withdrawn_id: int
    withdrawn_sha: str


def _build(app: Flask) -> Retired:
    """A published meeting with one merged motion, one deleted motion and one withdrawn recording."""
    from app.models import Document, Meeting, Segment, Transcript, User
    from app.services import meetings, review
    from app.services.accounts import create_user
    from app.services.reconcile import reconcile, settle_pair
    from app.services.redaction import withdraw_document

    with app.app_context():
        create_user(email="ana@example.org", password="correct horse battery", role="admin", name="Ana Reyes")
        meeting_id = build_two_sources()
        meeting = db.session.get(Meeting, meeting_id)
        clerk = db.session.scalar(select(User))
        pair = next(p for p in reconcile(meeting).pairs if p.item == "4")
        kept, merged = pair.written.motion, pair.heard.motion
        settle_pair(kept, merged, take={}, correction=None, versions=(None, None), user=clerk, reason=None)
        deleted = review.add_motion(meeting, review.MotionEdit(text=DELETED_TEXT, result="passed"), user=clerk)
        review.delete_motion(deleted, expected_version=None, user=clerk, reason=None)
        closed = Document(
            meeting=meeting,
            kind="audio",
            original_filename=WITHDRAWN_NAME,
            sha256="e" * 64,
            size=5,
            mime_type="audio/ogg",
            status="processed",
        )
        transcript = Transcript(document=closed, engine="test", model="test")
        transcript.segments.append(
            Segment(position=0, start=1.0, end=4.0, text=f"{WITHDRAWN_WORDS} in closed session.")
        )
        db.session.add_all([closed, transcript])
        db.session.flush()
        withdraw_document(closed, "closed-session recording uploaded by mistake", clerk)
        meetings.set_status(meeting, "published", clerk)
        db.session.commit()
        return Retired(meeting_id, kept.id, merged.id, deleted.id, closed.id, closed.sha256)


def _public_urls(app: Flask, ids: dict[str, list[int]]) -> list[str]:
    """Every public GET URL, each argument filled with every id given for it."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint.split(".")[0] in ("clerk", "auth", "static"):
            continue
        if not rule.arguments:
            urls.append(rule.rule)
            continue
        if len(rule.arguments) != 1 or next(iter(rule.arguments)) not in ids:
            continue
        name = next(iter(rule.arguments))
        urls += [re.sub(r"<(?:\w+:)?" + name + ">", str(value), rule.rule) for value in ids[name]]
    return sorted(set(urls))


def test_no_public_path_shows_a_merged_or_deleted_motion_or_a_withdrawn_document(app, client):
    from app.models import Member, Officer, Policy

    built = _build(app)
    with app.app_context():
        ids = {
            "meeting_id": [built.meeting_id],
            "motion_id": [built.kept_id, built.merged_id, built.deleted_id],
            "document_id": [built.withdrawn_id],
            "member_id": list(db.session.scalars(select(Member.id))),
            "officer_id": list(db.session.scalars(select(Officer.id))),
            "policy_id": list(db.session.scalars(select(Policy.id))),
        }
    urls = _public_urls(app, ids)
    assert len(urls) > 20, urls
    gone = (built.merged_id, built.deleted_id)
    checked = 0
    for url in urls:
        response = client.get(url)
        if any(re.search(rf"/{i}(\.|/|$)", url) for i in gone) and "/motions/" in url:
            assert response.status_code == 404, url
            continue
        if f"/documents/{built.withdrawn_id}/" in url:
            assert response.status_code == 404, url
            continue
        assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
        if response.mimetype.startswith(("application/zip", "application/octet", "application/x-sqlite")):
            continue
        body = response.get_data(as_text=True)
        for marker in (DELETED_TEXT, WITHDRAWN_NAME, WITHDRAWN_WORDS, built.withdrawn_sha):
            assert marker not in body, (url, marker)
        for motion_id in gone:
            assert not re.search(rf"/motions/{motion_id}(?![0-9])", body), (url, motion_id)
            assert not re.search(rf'"(?:id|motion_id)":\s*{motion_id}\b', body), (url, motion_id)
        checked += 1
    assert checked > 15
    assert client.get(f"/motions/{built.kept_id}").status_code == 200


@pytest.mark.parametrize("query", ["Zanzibar", "Quixotic", "closed session"])
def test_retired_words_are_not_found_by_public_search(app, client, query):
    _build(app)
    for path in (f"/search.json?q={query}", f"/api/v1/search?q={query}", f"/search?q={query}"):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        body = response.get_data(as_text=True)
        assert DELETED_TEXT not in body and WITHDRAWN_WORDS not in body, path
    assert client.get(f"/search.json?q={query}").get_json()["motions"] == []


def test_the_clerk_screens_show_what_the_public_cannot(app):
    built = _build(app)
    clerk = _client(app, "ana@example.org")
    review_page = clerk.get(f"/clerk/meetings/{built.meeting_id}/review").get_data(as_text=True)
    retired = review_page.split('id="retired-heading"', 1)[1]
    assert f"#{built.deleted_id} {DELETED_TEXT}" in retired and "deleted" in retired
    assert f"#{built.merged_id}" in retired and f'merged into <a href="#motion-{built.kept_id}">' in retired
    reconcile_page = clerk.get(f"/clerk/meetings/{built.meeting_id}/reconcile").get_data(as_text=True)
    assert f"merged into it: #{built.merged_id} (from the recording)" in " ".join(reconcile_page.split())
    meeting_page = clerk.get(f"/clerk/meetings/{built.meeting_id}").get_data(as_text=True)
    assert WITHDRAWN_NAME in meeting_page and "closed-session recording uploaded by mistake" in meeting_page
    # Its text was purged with it: nothing left to read or redact.
    assert clerk.get(f"/clerk/documents/{built.withdrawn_id}/text").status_code == 404
    for record_type, record_id, action in (
        ("motion", built.merged_id, "motion.retire"),
        ("motion", built.deleted_id, "motion.delete"),
        ("document", built.withdrawn_id, "document.withdraw"),
    ):
        audit = clerk.get(f"/clerk/audit?record_type={record_type}&record_id={record_id}").get_data(as_text=True)
        assert action in audit, (record_type, record_id)
    csv = clerk.get(f"/clerk/audit.csv?record_type=document&record_id={built.withdrawn_id}").get_data(as_text=True)
    assert built.withdrawn_sha in csv


def test_the_default_filter_covers_lazy_loads_and_counts_and_include_retired_lifts_it(app):
    from app.models import Document, Meeting, Motion
    from app.models.visibility import INCLUDE_RETIRED
    from app.services import review

    built = _build(app)
    with app.app_context():
        meeting = db.session.get(Meeting, built.meeting_id)
        live = {m.id for m in meeting.motions}
        assert built.kept_id in live and not live & {built.merged_id, built.deleted_id}
        assert built.withdrawn_id not in {d.id for d in meeting.documents}
        assert db.session.get(Motion, built.deleted_id) is None
        assert db.session.get(Document, built.withdrawn_id) is None
        count = db.session.scalar(select(db.func.count(Motion.id)).where(Motion.meeting_id == built.meeting_id))
        assert count == len(live)
        joined = db.session.scalars(select(Motion.id).join(Motion.meeting).where(Meeting.id == built.meeting_id)).all()
        assert set(joined) == live
        everything = db.session.scalars(
            select(Motion.id).where(Motion.meeting_id == built.meeting_id).execution_options(**INCLUDE_RETIRED)
        ).all()
        assert {built.merged_id, built.deleted_id} <= set(everything)
        assert review.get_motion(built.merged_id).superseded_by_id == built.kept_id
        assert db.session.get(Document, built.withdrawn_id, execution_options=INCLUDE_RETIRED).is_withdrawn


def test_a_settled_minutes_motion_plays_the_recording_from_the_moment_it_was_heard(app, client):
    from app.models import Motion
    from app.services.review import get_motion

    built = _build(app)
    with app.app_context():
        kept, merged = db.session.get(Motion, built.kept_id), get_motion(built.merged_id)
        audio_id, start, page = merged.document_id, merged.source_start, kept.source_page
        assert kept.source_start == start and kept.document.kind == "minutes"
    html = client.get(f"/motions/{built.kept_id}").get_data(as_text=True)
    seconds = f"{start:.1f}".rstrip("0").rstrip(".")
    assert f'src="/documents/{audio_id}/file#t={seconds}"' in html
    assert f'data-seek="{seconds}"' in html and "Play from here (" in html
    assert f"minutes.pdf, page {page}" in html  # the minutes remain the cited source
