"""Public pages: published records render; drafts and impossible ids answer 404."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Body


def test_home_shows_latest_decisions_and_recent_meetings(client, published):
    page = client.get("/").get_data(as_text=True)
    assert "Latest decisions" in page
    assert "thirty-day suspension without pay of Sergeant Dana Whitfield" in page
    assert f'href="/meetings/{published.meeting_id}"' in page
    assert "Fictional demo data" not in page


def test_home_without_records_still_answers(client):
    page = client.get("/").get_data(as_text=True)
    assert "No decisions have been published yet" in page
    assert '<html lang="en">' in page


def test_nav_links_clerk_office_and_login(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/clerk/"' in page
    assert 'href="/login"' in page
    assert 'class="skip"' in page


def test_demo_body_pages_say_fictional_demo_data(app, client, published):
    with app.app_context():
        db.session.get(Body, published.body_id).is_demo = True
        db.session.commit()
    for url in ("/", f"/meetings/{published.meeting_id}", f"/motions/{published.motion_id}"):
        assert "Fictional demo data" in client.get(url).get_data(as_text=True), url


def test_meetings_list_shows_published_only(client, published, draft):
    page = client.get("/meetings").get_data(as_text=True)
    assert f"/meetings/{published.meeting_id}" in page
    assert f"/meetings/{draft.meeting_id}" not in page
    assert "1 published meeting," in page


def test_meeting_page_groups_motions_by_source_and_shows_transcript(client, published):
    page = client.get(f"/meetings/{published.meeting_id}").get_data(as_text=True)
    assert "Read from the minutes (PDF)" in page
    assert "Heard in the audio" in page
    assert 'href="#t=3711.2"' in page
    assert "1:01:51" in page
    assert "The meeting will come to order." in page
    assert f"/documents/{published.audio_id}/file" in page
    assert "player.js" in page


def test_motion_page_shows_votes_source_and_citation(client, published):
    page = client.get(f"/motions/{published.motion_id}").get_data(as_text=True)
    assert "Okonkwo-Reyes" in page and "vote-no" in page
    assert "Passed 2\u20131" in page
    assert "30-day suspension without pay" in page
    assert f"/officers/{published.officer_id}" in page
    assert f"/policies/{published.policy_id}" in page
    assert f"/documents/{published.pdf_id}/file#page=1" in page
    assert "How to cite" in page
    assert f"http://localhost/motions/{published.motion_id}" in page


def test_audio_motion_page_has_player_starting_at_the_moment(client, published):
    page = client.get(f"/motions/{published.audio_motion_id}").get_data(as_text=True)
    assert f'src="/documents/{published.audio_id}/file#t=3711.2"' in page
    assert 'data-seek="3711.2"' in page
    assert "Play from here (1:01:51 to 1:03:10)" in page
    assert "<script>" not in page  # CSP: script-src 'self', no inline scripts
    assert "style=" not in page


@pytest.mark.parametrize("kind", ["officers", "policies", "members"])
def test_entity_pages_list_published_motions(client, published, kind):
    entity_id = {"officers": published.officer_id, "policies": published.policy_id, "members": published.member_id}
    response = client.get(f"/{kind}/{entity_id[kind]}")
    assert response.status_code == 200
    assert f"/motions/{published.motion_id}" in response.get_data(as_text=True)
    data = client.get(f"/{kind}/{entity_id[kind]}.json").get_json()
    assert data["ok"] is True
    assert [m["id"] for m in data["motions"]] == [published.motion_id]
    csv_response = client.get(f"/{kind}/{entity_id[kind]}.csv")
    assert csv_response.status_code == 200
    assert csv_response.mimetype == "text/csv"


def test_member_page_shows_how_they_voted(client, published):
    page = client.get(f"/members/{published.member_id}").get_data(as_text=True)
    assert "Voted no" in page
    data = client.get(f"/members/{published.member_id}.json").get_json()
    assert data["motions"][0]["member_vote"] == "no"


def test_json_variants_speak_the_motion_record(client, published):
    data = client.get(f"/motions/{published.motion_id}.json").get_json()
    assert data["ok"] is True
    record = data["motion"]
    assert record["id"] == published.motion_id
    assert record["counts"]["yes"] == 2
    assert record["outcome"] == {
        "kind": "suspension",
        "days": 30,
        "paid": False,
        "text": "thirty-day suspension without pay",
    }
    assert record["officers"][0]["name"] == "Dana Whitfield"
    assert record["source"]["page"] == 1
    meeting = client.get(f"/meetings/{published.meeting_id}.json").get_json()
    assert meeting["meeting"]["id"] == published.meeting_id
    assert {m["id"] for m in meeting["motions"]} == {published.motion_id, published.audio_motion_id}


def test_drafts_answer_404_everywhere(client, draft):
    urls = [
        f"/meetings/{draft.meeting_id}",
        f"/meetings/{draft.meeting_id}.json",
        f"/meetings/{draft.meeting_id}.csv",
        f"/motions/{draft.motion_id}",
        f"/motions/{draft.motion_id}.json",
        f"/motions/{draft.audio_motion_id}",
        f"/documents/{draft.pdf_id}/file",
        f"/documents/{draft.audio_id}/file",
        f"/officers/{draft.officer_id}",
        f"/officers/{draft.officer_id}.json",
        f"/policies/{draft.policy_id}",
        f"/policies/{draft.policy_id}.csv",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_in_review_meetings_are_not_public_either(app, client, published):
    from app.models import Meeting

    with app.app_context():
        db.session.get(Meeting, published.meeting_id).status = "in_review"
        db.session.commit()
    assert client.get(f"/motions/{published.motion_id}").status_code == 404
    assert client.get(f"/documents/{published.pdf_id}/file").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/motions/abc",
        "/motions/-1",
        "/motions/0",
        "/motions/99999999999999999999999",
        "/motions/1e3",
        "/meetings/abc.json",
        "/meetings/99999999999999999999",
        "/officers/2147483648",
        "/documents/abc/file",
        "/members/9223372036854775808.json",
    ],
)
def test_impossible_ids_answer_404_not_500(client, url):
    assert client.get(url).status_code == 404


def test_json_404_uses_the_error_envelope(client):
    response = client.get("/motions/12345.json")
    assert response.status_code == 404
    assert response.get_json()["ok"] is False


def test_pages_escape_record_text(app, client):
    from tests.public.conftest import make_meeting

    with app.app_context():
        seeded = make_meeting(app, motion_text="to suspend <script>alert(1)</script> Officer")
    page = client.get(f"/motions/{seeded.motion_id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
