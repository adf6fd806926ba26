"""Reporter formats on the public site: OCD VoteEvents, Atom feeds, meeting lists as data, bulk downloads."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile

import pytest
from defusedxml import ElementTree

from tests.api.conftest import assert_no_draft

ATOM = "{http://www.w3.org/2005/Atom}"


def test_ocd_vote_event_of_a_motion(client, published):
    response = client.get(f"/motions/{published.motion_id}.ocd.json")
    assert response.status_code == 200 and response.content_type == "application/json"
    event = response.get_json()
    assert event["result"] == "pass"
    assert event["motion_classification"] == ["discipline"]
    assert {"option": "no", "voter_name": "Okonkwo-Reyes"} in event["votes"]
    assert event["sources"][0]["url"] == f"http://localhost/motions/{published.motion_id}"
    assert event["extras"]["boardwatch"]["id"] == published.motion_id


def test_ocd_of_a_draft_motion_is_404(client, draft):
    assert client.get(f"/motions/{draft.motion_id}.ocd.json").status_code == 404


@pytest.mark.parametrize("kind", ["officer", "policy", "member"])
def test_record_feeds_are_atom_with_entries_linking_to_permalinks(client, published, draft, kind):
    record_id = {"officer": published.officer_id, "policy": published.policy_id, "member": published.member_id}[kind]
    plural = {"officer": "officers", "policy": "policies", "member": "members"}[kind]
    response = client.get(f"/{plural}/{record_id}.atom")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert links == [f"http://localhost/motions/{published.motion_id}"]
    assert_no_draft(response.get_data(as_text=True))


def test_feeds_of_draft_only_records_are_404(client, draft):
    assert client.get(f"/officers/{draft.officer_id}.atom").status_code == 404
    assert client.get(f"/policies/{draft.policy_id}.atom").status_code == 404


def test_search_feed_takes_the_search_parameters(client, published, draft):
    feed = ElementTree.fromstring(client.get("/search.atom?q=suspension&sort=relevance").data)
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert ids == [f"http://localhost/motions/{published.motion_id}"]
    everything = ElementTree.fromstring(client.get("/search.atom").data)
    assert len(everything.findall(f"{ATOM}entry")) == 2
    none = ElementTree.fromstring(client.get("/search.atom?q=Drafthorne").data)
    assert none.findall(f"{ATOM}entry") == [] and none.findtext(f"{ATOM}updated")
    assert client.get("/search.atom?to=0&from=x&body=-1").status_code == 200  # unusable values are ignored


def test_meetings_list_as_json_and_csv(client, published, draft):
    data = client.get("/meetings.json").get_json()
    assert [m["id"] for m in data["meetings"]] == [published.meeting_id]
    assert data["meetings"][0]["motions"] == 2
    rows = list(csv.DictReader(io.StringIO(client.get("/meetings.csv").get_data(as_text=True))))
    assert [int(r["id"]) for r in rows] == [published.meeting_id]


def test_downloads_page_builds_the_dumps_on_first_request(app, client, published, draft):
    page = client.get("/downloads/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "boardwatch.sqlite" in text and "boardwatch-csv.zip" in text
    with client.get("/downloads/boardwatch.sqlite") as response:
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment")
        data = response.get_data()
    path = app.config["EXPORTS_FOLDER"] + "/copy.sqlite"
    with open(path, "wb") as fh:
        fh.write(data)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM motions").fetchone()[0] == 2
    finally:
        conn.close()
    with client.get("/downloads/boardwatch-csv.zip") as response:
        archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    assert "motions.csv" in archive.namelist()
    assert_no_draft(archive.read("motions.csv").decode())


def test_unknown_download_is_404(client):
    assert client.get("/downloads/secrets.txt").status_code == 404
    assert client.get("/downloads/..%2Finstance%2Fboardwatch.db").status_code == 404
