"""Record pages: captions, the commissioner's record, officer timeline, outcomes; drafts never shown."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from app.public.formatting import counted, plural, vtt_time, webvtt
from app.services.search_fts import Count
from tests.public.conftest import make_meeting


def test_webvtt_escapes_cue_text_and_keeps_cues_apart():
    segments = [
        SimpleNamespace(start=3711.25, end=3712.0, text="a <b> & c --> d", speaker="Chair"),
        SimpleNamespace(start=5.0, end=5.0, text="", speaker=None),
    ]
    text = webvtt(segments)
    assert text.startswith("WEBVTT\n\n1\n01:01:51.250 --> 01:01:52.000\nChair: a &lt;b&gt; &amp; c \u2192 d\n")
    assert "2\n00:00:05.000 --> 00:00:05.500\n…" in text
    assert vtt_time(0) == "00:00:00.000"


def test_counts_read_as_people_write_them():
    assert counted(Count(10_000, True)) == "10,000+"
    assert counted(Count(1234, False)) == "1,234"
    assert plural(Count(1, False), "motion") == "1 motion"
    assert plural(Count(1, True), "motion") == "1+ motions"
    assert plural(3, "motion") == "3 motions"


def test_captions_of_a_published_recording(client, published):
    response = client.get(f"/documents/{published.audio_id}/captions.vtt")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/vtt; charset=utf-8"
    body = response.get_data(as_text=True)
    assert body.startswith("WEBVTT")
    assert "01:01:51.200 --> 01:02:00.000\nI move to finalize the suspension, Rule 2." in body


def test_captions_are_404_for_drafts_pdfs_and_nonsense(client, published, draft):
    for path in (
        f"/documents/{draft.audio_id}/captions.vtt",
        f"/documents/{published.pdf_id}/captions.vtt",
        "/documents/999999/captions.vtt",
        "/documents/99999999999999999999/captions.vtt",
    ):
        assert client.get(path).status_code == 404, path


def test_meeting_page_offers_captions_and_shows_the_divided_vote(client, published):
    page = client.get(f"/meetings/{published.meeting_id}").get_data(as_text=True)
    assert '<track kind="captions" srclang="en"' in page
    assert f"/documents/{published.audio_id}/captions.vtt" in page
    assert "Divided votes (1)" in page
    assert 'class="chart divided"' in page and "<title id=" in page
    assert 'aria-label="Play from 1:01:51"' in page


def test_motion_page_plays_from_the_moment_with_captions(client, published):
    page = client.get(f"/motions/{published.audio_motion_id}").get_data(as_text=True)
    assert 'data-seek="3711.2"' in page and "Play from here (1:01:51 to 1:03:10)" in page
    assert f"/documents/{published.audio_id}/captions.vtt" in page


def test_commissioner_page_shows_record_dissent_and_attendance(client, published):
    page = client.get(f"/members/{published.member_id}").get_data(as_text=True)
    assert "At a glance" in page and "Voting record" in page
    assert "Dissents (1)" in page  # voted no on a motion that passed 2-1
    assert 'class="chart vote-grid"' in page
    assert "Present at 1 of 1 meeting" in page
    assert f"/motions/{published.motion_id}" in page


def test_commissioner_record_pages_and_clamps(client, published):
    assert client.get(f"/members/{published.member_id}?page=-3").status_code == 200
    assert client.get(f"/members/{published.member_id}?page=abc").status_code == 200


def test_officer_page_draws_a_timeline_with_its_table(client, published):
    page = client.get(f"/officers/{published.officer_id}").get_data(as_text=True)
    assert 'class="chart timeline"' in page
    assert "30-day suspension without pay (passed 2\u20131)" in page
    assert "Board actions about Sergeant Dana Whitfield, oldest first" in page


def test_outcomes_page_counts_published_motions_only(app, client, published, draft):
    with app.app_context():
        make_meeting(app, date=dt.date(2023, 11, 2), tag=" older")
    page = client.get("/outcomes").get_data(as_text=True)
    assert "Browse by outcome" in page
    assert "/search?outcome=suspension" in page
    assert "Outcomes per quarter, 2021 Q2 to 2024 Q1" in page
    assert 'class="chart outcomes"' in page
    rows = page.split('<table class="numbers outcome-totals">')[1].split("</table>")[0]
    assert ">Suspension</a></th><td>2</td>" in rows  # the draft's termination is not counted
    assert "Termination" not in rows


def test_drafts_stay_off_the_record_pages(client, published, draft):
    member = client.get(f"/members/{published.member_id}").get_data(as_text=True)
    assert "Drafthorne" not in member and f"/motions/{draft.motion_id}" not in member
    assert client.get(f"/officers/{draft.officer_id}").status_code == 404
    assert client.get(f"/policies/{draft.policy_id}").status_code == 404
    assert "Drafthorne" not in client.get("/outcomes").get_data(as_text=True)
    assert "Drafthorne" not in client.get("/search?split=divided").get_data(as_text=True)


def test_search_filters_by_split_and_says_what_is_capped(client, published):
    divided = client.get("/search?split=divided").get_data(as_text=True)
    assert f"/motions/{published.motion_id}" in divided and "By vote split" in divided
    unanimous = client.get("/search?split=unanimous").get_data(as_text=True)
    assert f"/motions/{published.motion_id}" not in unanimous
    legacy = client.get("/search?split=1").get_data(as_text=True)
    assert f"/motions/{published.motion_id}" in legacy
    ranked = client.get("/search?q=suspension&sort=relevance").get_data(as_text=True)
    assert "ranks the newest 1,000 matches" in ranked
    assert "Link to this search" in ranked
