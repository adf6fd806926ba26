"""Creating meetings, moving them to review and publication, and the audit trail."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select


def _audit(app: Flask, record_type: str, record_id: int) -> list[tuple[str, dict | None, dict | None, int | None]]:
    from app.extensions import db
    from app.models import AuditEvent

    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.record_type == record_type, AuditEvent.record_id == record_id)
            .order_by(AuditEvent.id)
        )
        return [(e.action, e.before, e.after, e.user_id) for e in events]


def _meeting(app: Flask, meeting_id: int):
    from app.extensions import db
    from app.models import Meeting

    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        db.session.expunge(meeting)
        return meeting


def test_dashboard_lists_meetings_of_every_status(logged_in, meeting_id):
    page = logged_in.get("/clerk/").get_data(as_text=True)
    assert "Regular meeting, March 12" in page
    assert "draft" in page


def test_create_meeting_with_a_new_body_name(app, logged_in, clerk):
    response = logged_in.post(
        "/clerk/meetings/new",
        data={
            "body_id": "0",
            "body_name": "Police Review Board",
            "date": "2024-05-01",
            "kind": "special",
            "title": "Special meeting on Directive 102.1",
        },
    )
    assert response.status_code == 302
    meeting_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    meeting = _meeting(app, meeting_id)
    assert (meeting.status, meeting.kind, meeting.title) == ("draft", "special", "Special meeting on Directive 102.1")
    assert str(meeting.date) == "2024-05-01"
    events = _audit(app, "meeting", meeting_id)
    assert [e[0] for e in events] == ["meeting.create"]
    assert events[0][3] == clerk
    page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Special meeting on Directive 102.1" in page
    assert 'type="file"' in page and "multiple" in page


def test_create_meeting_for_an_existing_body(app, logged_in, meeting_id):
    body_id = _meeting(app, meeting_id).body_id
    form = logged_in.get("/clerk/meetings/new").get_data(as_text=True)
    assert "Board of Police Commissioners" in form
    response = logged_in.post(
        "/clerk/meetings/new",
        data={"body_id": str(body_id), "body_name": "", "date": "2024-04-09", "kind": "regular", "title": "April"},
    )
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    assert _meeting(app, new_id).body_id == body_id


def test_create_meeting_needs_a_body_a_date_and_a_title(logged_in):
    response = logged_in.post("/clerk/meetings/new", data={"body_id": "0", "date": "", "kind": "regular", "title": ""})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Give the meeting&#39;s date" in page or "Give the meeting's date" in page
    assert "Give the meeting a title." in page


def test_send_to_review_publish_and_unpublish_are_audited(app, logged_in, meeting_id, clerk):
    url = f"/clerk/meetings/{meeting_id}/status"
    assert logged_in.post(url, data={"status": "in_review"}).status_code == 302
    assert _meeting(app, meeting_id).status == "in_review"
    logged_in.post(url, data={"status": "published"})
    published = _meeting(app, meeting_id)
    assert published.status == "published" and published.published_at is not None
    logged_in.post(url, data={"status": "in_review"})
    unpublished = _meeting(app, meeting_id)
    assert unpublished.status == "in_review" and unpublished.published_at is None
    events = _audit(app, "meeting", meeting_id)
    assert [e[0] for e in events] == ["meeting.create", "meeting.review", "meeting.publish", "meeting.unpublish"]
    assert events[2][1]["status"] == "in_review" and events[2][2]["status"] == "published"
    assert all(e[3] == clerk for e in events)


def test_a_transition_the_workflow_does_not_allow_is_refused(app, logged_in, meeting_id):
    response = logged_in.post(f"/clerk/meetings/{meeting_id}/status", data={"status": "draft"}, follow_redirects=True)
    assert "cannot be moved to draft" in response.get_data(as_text=True)
    assert _meeting(app, meeting_id).status == "draft"
    assert [e[0] for e in _audit(app, "meeting", meeting_id)] == ["meeting.create"]


def test_meeting_page_shows_the_buttons_for_its_status(logged_in, meeting_id):
    page = logged_in.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True)
    assert "Send to review" in page and "Publish" in page and "Unpublish" not in page
    logged_in.post(f"/clerk/meetings/{meeting_id}/status", data={"status": "published"})
    page = logged_in.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True)
    assert "Unpublish" in page and "Send to review" not in page


def test_unknown_meeting_is_404(logged_in):
    assert logged_in.get("/clerk/meetings/9999").status_code == 404


def test_pages_have_no_inline_script_or_style(logged_in, meeting_id):
    urls = ["/clerk/", "/clerk/meetings/new", f"/clerk/meetings/{meeting_id}", "/account/password"]
    urls += [f"/clerk/meetings/{meeting_id}/review", f"/clerk/meetings/{meeting_id}/reconcile", "/clerk/bodies"]
    urls += ["/clerk/officers", "/clerk/policies", "/clerk/bodies/1/roster"]
    for url in urls:
        page = logged_in.get(url).get_data(as_text=True)
        assert "style=" not in page, url
        assert "<script>" not in page and "onclick" not in page, url
        assert "/static/clerk.css" in page, url


def test_meeting_page_loads_the_progress_script(logged_in, meeting_id):
    page = logged_in.get(f"/clerk/meetings/{meeting_id}").get_data(as_text=True)
    assert '<script src="/static/clerk.js" defer></script>' in page
