"""Record pages: captions, the commissioner's record, officer timeline, outcomes; drafts never shown;
every list and record as CSV and JSON, with a permalink and a "how to cite" line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from types import SimpleNamespace

import pytest
from defusedxml import ElementTree

from app.extensions import db
from app.models import Motion
from app.public.formatting import counted, plural, tally, vtt_time, webvtt
from app.services.exports import EXPORT_COLUMNS, VOTE_EXPORT_COLUMNS
from app.services.search_fts import Count
from tests.public.conftest import make_meeting
from tests.services.test_exports import correct_motion


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


# ---------------------------------------------------------------- every list as CSV and JSON


def _lists(seeded) -> dict[str, str]:
    """Each page a person can see that lists motions -> its path (the exports add .csv / .json)."""
    return {
        "meeting": f"/meetings/{seeded.meeting_id}",
        "officer": f"/officers/{seeded.officer_id}",
        "policy": f"/policies/{seeded.policy_id}",
        "member": f"/members/{seeded.member_id}",
        "outcomes": "/outcomes",
        "search": "/search",
    }


def _csv(client, path: str) -> list[dict[str, str]]:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


@pytest.mark.parametrize("kind", ["meeting", "officer", "policy", "member", "outcomes", "search"])
def test_every_list_exports_csv_with_permalink_and_cite_and_a_row_per_vote(client, published, draft, kind):
    path = _lists(published)[kind]
    per_motion = _csv(client, path + ".csv")
    per_vote = _csv(client, path + ".csv?rows=votes")
    assert list(per_motion[0]) == list(EXPORT_COLUMNS) and list(per_vote[0]) == list(VOTE_EXPORT_COLUMNS)
    expected = [published.motion_id] if kind in ("officer", "policy", "member") else None
    ids = [int(row["id"]) for row in per_motion]
    assert ids == (expected or [published.motion_id, published.audio_motion_id])
    for row in per_motion + per_vote:
        assert row["permalink"] == f"http://localhost/motions/{row['id']}"
        assert row["cite"].endswith(f"Boardwatch, {row['permalink']}.")
        assert "Drafthorne" not in row["text"] + row["officers"]
    votes = [(row["voter"], row["vote"]) for row in per_vote if int(row["id"]) == published.motion_id]
    assert votes == [("Lindqvist", "yes"), ("Fairweather", "yes"), ("Okonkwo-Reyes", "no")]


@pytest.mark.parametrize("kind", ["meeting", "officer", "policy", "member", "outcomes", "search"])
def test_every_list_exports_json_with_its_permalink_cite_and_corrections(app, client, published, draft, kind):
    correct_motion(app, published.motion_id, "the clerk misheard the outcome", outcome_days=20)
    response = client.get(_lists(published)[kind] + ".json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = json.loads(response.get_data(as_text=True))
    assert data["ok"] is True
    assert data["permalink"].startswith("http://localhost/") and data["cite"].endswith(".")
    assert data["permalink"] in data["cite"]
    by_id = {m["id"]: m for m in data["motions"]}
    motion = by_id[published.motion_id]
    assert motion["permalink"] == f"http://localhost/motions/{published.motion_id}"
    assert motion["cite"].endswith(f"Boardwatch, {motion['permalink']}.")
    assert [c["reason"] for c in motion["corrections"]] == ["the clerk misheard the outcome"]
    assert motion["outcome"]["days"] == 20
    assert "Drafthorne" not in response.get_data(as_text=True)


def test_csv_exports_keep_the_page_filters_and_neutralise_formulas(app, client, published):
    with app.app_context():
        db.session.get(Motion, published.audio_motion_id).text = "=cmd|' /C calc'!A0 approve the minutes"
        db.session.commit()
    rows = _csv(client, "/search.csv?outcome=suspension")
    assert [int(r["id"]) for r in rows] == [published.motion_id]
    assert [int(r["id"]) for r in _csv(client, "/outcomes.csv?outcome=approved")] == [published.audio_motion_id]
    assert _csv(client, "/outcomes.csv?outcome=none") == []
    meeting = _csv(client, f"/meetings/{published.meeting_id}.csv")
    assert meeting[1]["text"].startswith("'=cmd")
    assert (
        client.get(f"/meetings/{published.meeting_id}.csv?rows=votes")
        .headers["Content-Disposition"]
        .endswith(f'-{dt.date(2024, 3, 7)}-votes.csv"')
    )


def test_motion_json_carries_corrections_permalink_and_cite(app, client, published):
    correct_motion(app, published.motion_id, "the vote was recorded on the wrong motion")
    data = client.get(f"/motions/{published.motion_id}.json").get_json()
    assert data["url"] == data["motion"]["permalink"] == f"http://localhost/motions/{published.motion_id}"
    (fix,) = data["motion"]["corrections"]
    assert fix["text"].endswith("because the vote was recorded on the wrong motion")
    page = client.get(f"/motions/{published.motion_id}").get_data(as_text=True)
    assert "because the vote was recorded on the wrong motion" in page
    assert data["motion"]["cite"] in page.replace("&#34;", '"')


def test_meetings_list_exports_carry_permalink_and_cite(client, published, draft):
    rows = _csv(client, "/meetings.csv")
    assert [int(r["id"]) for r in rows] == [published.meeting_id]
    assert rows[0]["permalink"] == f"http://localhost/meetings/{published.meeting_id}"
    assert rows[0]["cite"].endswith(f"March 7, 2024. Boardwatch, {rows[0]['permalink']}.")
    data = client.get("/meetings.json").get_json()
    assert [m["id"] for m in data["meetings"]] == [published.meeting_id]
    assert data["permalink"] == "http://localhost/meetings" and "(accessed " in data["cite"]


def test_list_exports_of_drafts_and_nonsense_are_404(client, draft):
    for path in (
        f"/meetings/{draft.meeting_id}.csv",
        f"/meetings/{draft.meeting_id}.json",
        f"/officers/{draft.officer_id}.csv",
        f"/officers/{draft.officer_id}.json",
        f"/policies/{draft.policy_id}.json",
        "/members/99999999999999999999.csv",
        "/members/0.json",
    ):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("kind", ["meeting", "officer", "policy", "member", "outcomes", "search", "meetings", "motion"])
def test_every_page_links_its_data_and_says_how_to_cite_it(client, published, kind):
    paths = {**_lists(published), "meetings": "/meetings", "motion": f"/motions/{published.motion_id}"}
    page = client.get(paths[kind]).get_data(as_text=True)
    assert "How to cite:" in page and "Permanent link:" in page
    base = paths[kind]
    if kind == "motion":
        assert f'href="{base}.json"' in page and f'href="{base}.ocd.json"' in page
        return
    assert f'href="{base}.csv"' in page and f'href="{base}.json"' in page
    if kind != "meetings":
        assert f'href="{base}.csv?rows=votes"' in page


def test_public_base_url_names_the_public_address_everywhere(app, client, published):
    app.config["PUBLIC_BASE_URL"] = "https://records.example.gov/"
    link = f"https://records.example.gov/motions/{published.motion_id}"
    rows = _csv(client, f"/officers/{published.officer_id}.csv")
    assert rows[0]["permalink"] == link and rows[0]["cite"].endswith(f"Boardwatch, {link}.")
    data = client.get(f"/policies/{published.policy_id}.json").get_json()
    assert data["permalink"] == f"https://records.example.gov/policies/{published.policy_id}"
    assert data["motions"][0]["permalink"] == link
    assert client.get(f"/motions/{published.motion_id}.ocd.json").get_json()["sources"][0]["url"] == link
    api = client.get(f"/api/v1/motions/{published.motion_id}").get_json()["data"]
    assert api["permalink"] == link and api["links"]["api"].startswith("https://records.example.gov/api/v1/")
    feed = ElementTree.fromstring(client.get(f"/officers/{published.officer_id}.atom").data)
    assert feed.findtext("{http://www.w3.org/2005/Atom}id").startswith("https://records.example.gov/officers/")
    page = client.get(f"/motions/{published.motion_id}").get_data(as_text=True)
    assert f'Permanent link: <a href="{link}"' in page


def test_the_headline_tally_needs_the_yes_count() -> None:
    counted_both = SimpleNamespace(counts=lambda: {"yes": 7, "no": 2})
    no_objection = SimpleNamespace(counts=lambda: {"yes": None, "no": 0})  # "Hearing none, the motion carries"
    assert tally(counted_both) == "7\u20132"
    assert tally(no_objection) == ""
