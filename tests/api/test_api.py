"""The /api/v1 JSON API: envelopes, keyset paging with `next`, filters, errors, drafts kept out."""

from __future__ import annotations

import base64
import datetime as dt
import json

import jsonschema
import pytest

from app.api import openapi, paging
from tests.api.conftest import assert_no_draft
from tests.public.conftest import Seeded, make_meeting
from tests.services.test_exports import correct_motion


def _get(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True))
    assert response.content_type == "application/json"
    return response.get_json()


def _error(client, url: str, status: int) -> dict:
    body = _get(client, url, status)
    assert body["ok"] is False
    assert set(body["error"]) == {"status", "title", "detail"}
    assert body["error"]["status"] == status
    return body["error"]


def _walk(client, url: str, *, limit: int) -> list[dict]:
    """Every item of a list, page by page, following `next`."""
    items: list[dict] = []
    next_token = None
    for _ in range(100):
        sep = "&" if "?" in url else "?"
        page = _get(client, f"{url}{sep}limit={limit}" + (f"&next={next_token}" if next_token else ""))
        assert page["ok"] is True and set(page) == {"ok", "data", "next"}
        assert len(page["data"]) <= limit
        items += page["data"]
        next_token = page["next"]
        if next_token is None:
            return items
    raise AssertionError("paging never ended")


@pytest.fixture
def several(app, published: Seeded) -> list[Seeded]:
    """Five more published meetings of the same board, a week apart (two motions each)."""
    with app.app_context():
        return [make_meeting(app, date=dt.date(2024, 5, 1) + dt.timedelta(days=7 * n), tag=f" {n}") for n in range(5)]


def test_success_envelope_of_a_motion(client, published):
    body = _get(client, f"/api/v1/motions/{published.motion_id}")
    assert set(body) == {"ok", "data", "next"} and body["ok"] is True and body["next"] is None
    motion = body["data"]
    assert motion["id"] == published.motion_id
    assert motion["counts"] == {"yes": 2, "no": 1, "abstain": 0, "absent": 0, "excused": 0, "recused": 0}
    assert {"voter": "Okonkwo-Reyes", "option": "no"} in motion["votes"]
    assert motion["officers"] == [{"name": "Dana Whitfield", "rank": "Sergeant", "badge": "4471"}]
    assert motion["permalink"] == f"http://localhost/motions/{published.motion_id}"
    assert motion["cite"].startswith("Harbor City Board of Police Commissioners, \u201cRegular meeting,\u201d March 7")
    assert motion["cite"].endswith(f"(minutes, p. 1). Boardwatch, {motion['permalink']}.")
    assert motion["links"]["ocd"].endswith(f"/motions/{published.motion_id}.ocd.json")


def test_motion_votes_and_meeting_detail(client, published):
    votes = _get(client, f"/api/v1/motions/{published.motion_id}/votes")["data"]
    expected = [("Lindqvist", "yes"), ("Fairweather", "yes"), ("Okonkwo-Reyes", "no")]
    assert [(v["voter"], v["option"]) for v in votes] == expected
    assert all(v["member"].startswith("http://localhost/api/v1/members/") for v in votes)
    meeting = _get(client, f"/api/v1/meetings/{published.meeting_id}")["data"]
    assert meeting["date"] == "2024-03-07"
    assert [m["id"] for m in meeting["motions"]] == [published.motion_id, published.audio_motion_id]
    assert {d["kind"] for d in meeting["documents"]} == {"minutes", "audio"}


def test_lists_of_members_officers_policies(client, published):
    members = _get(client, "/api/v1/members")["data"]
    assert sorted(m["name"] for m in members) == ["Avery Lindqvist", "Marisol Okonkwo-Reyes", "Tobias Fairweather"]
    officers = _get(client, "/api/v1/officers")["data"]
    assert [o["name"] for o in officers] == ["Dana Whitfield"]
    policies = _get(client, "/api/v1/policies")["data"]
    assert [p["code"] for p in policies] == ["Directive 102.1"]
    assert _get(client, f"/api/v1/officers/{published.officer_id}")["data"]["badge"] == "4471"
    assert _get(client, f"/api/v1/policies/{published.policy_id}")["data"]["title"] == "Use of force reporting"


def test_member_votes_says_how_they_voted(client, published):
    record = _get(client, f"/api/v1/members/{published.member_id}/votes")["data"]
    assert [(e["motion"]["id"], e["vote"], e["moved"], e["seconded"]) for e in record] == [
        (published.motion_id, "no", False, False)
    ]
    members = {m["name"]: m["id"] for m in _get(client, "/api/v1/members")["data"]}
    mover = _get(client, f"/api/v1/members/{members['Avery Lindqvist']}/votes")["data"]
    assert [(e["vote"], e["moved"], e["seconded"]) for e in mover] == [("yes", True, False)]


def test_motion_filters_are_the_search_filters(client, published):
    def ids(query: str) -> list[int]:
        return [m["id"] for m in _get(client, f"/api/v1/motions?{query}")["data"]]

    assert ids("outcome=suspension") == [published.motion_id]
    assert ids(f"officer={published.officer_id}") == [published.motion_id]
    assert ids("policy=102.1") == [published.motion_id]
    assert ids("member=Okonkwo-Reyes&vote=no") == [published.motion_id]
    assert ids("split=1") == [published.motion_id]
    assert ids("q=minutes") == [published.audio_motion_id]
    assert ids("from=2025-01-01") == []
    # Blank fields, as the search form sends them, mean "any".
    assert len(ids("q=&officer=&policy=&outcome=&member=&vote=&result=&body=&from=&to=&sort=")) == 2


def test_search_gives_plain_snippets(client, published):
    hits = _get(client, "/api/v1/search?q=Whitfield")["data"]
    assert [h["motion"]["id"] for h in hits] == [published.motion_id]
    assert "Whitfield" in hits[0]["snippet"] and "<mark>" not in hits[0]["snippet"]
    assert "at least one word" in _error(client, "/api/v1/search?q=%21%21", 400)["detail"]


def test_paging_walks_every_record_once(client, several):
    motions = _walk(client, "/api/v1/motions", limit=3)
    assert len(motions) == 12 and len({m["id"] for m in motions}) == 12
    dates = [m["meeting"]["date"] for m in motions]
    assert dates == sorted(dates, reverse=True)
    meetings = _walk(client, "/api/v1/meetings", limit=4)
    assert [m["date"] for m in meetings] == sorted((m["date"] for m in meetings), reverse=True)
    assert len(meetings) == 6
    assert len(_walk(client, "/api/v1/members", limit=2)) == 3
    relevance = _walk(client, "/api/v1/motions?q=suspension&sort=relevance", limit=4)
    assert len(relevance) == 6 and len({m["id"] for m in relevance}) == 6


def test_limit_is_clamped_and_checked(client, several):
    assert len(_get(client, "/api/v1/motions?limit=0")["data"]) == 1
    assert len(_get(client, "/api/v1/motions?limit=-7")["data"]) == 1
    assert len(_get(client, "/api/v1/motions?limit=99999999999999999999")["data"]) == 12
    assert paging.integer("2.0") == 2 and paging.integer("+3") == 3 and paging.integer("x") is None
    assert "whole number" in _error(client, "/api/v1/motions?limit=ten", 400)["detail"]


@pytest.mark.parametrize(
    "token",
    [
        "not-base64!",
        "x",
        base64.urlsafe_b64encode(b"[1,2]").decode(),
        base64.urlsafe_b64encode(json.dumps({"k": ["2024-13-01", 1, 1, 1]}).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps({"k": ["2024-03-01", 10**30, 1, 1]}).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps({"i": 3}).encode()).decode(),  # a members token
        "A" * 600,
    ],
)
def test_invalid_next_is_a_400_envelope(client, published, token):
    error = _error(client, f"/api/v1/motions?next={token}", 400)
    assert "next" in error["detail"]


def test_tokens_of_one_list_do_not_fit_another(client, several):
    motions_token = _get(client, "/api/v1/motions?limit=1")["next"]
    assert _error(client, f"/api/v1/members?next={motions_token}", 400)["title"] == "Bad Request"
    assert _error(client, f"/api/v1/meetings?next={motions_token}", 400)
    members_token = _get(client, "/api/v1/members?limit=1")["next"]
    assert _error(client, f"/api/v1/meetings?next={members_token}", 400)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/motions?vote=maybe",
        "/api/v1/motions?result=won",
        "/api/v1/motions?sort=random",
        "/api/v1/motions?split=yes please",
        "/api/v1/motions?from=2024-02-30",
        "/api/v1/motions?to=0",
        "/api/v1/motions?body=abc",
        "/api/v1/meetings?body=0",
        "/api/v1/meetings?from=March",
        "/api/v1/members?body=-1",
    ],
)
def test_unusable_parameters_are_400_with_a_reason(client, published, url):
    assert _error(client, url, 400)["detail"]


@pytest.mark.parametrize("path", ["motions", "meetings", "members", "officers", "policies"])
def test_missing_and_impossible_ids_are_404_envelopes(client, published, path):
    for record_id in ("999999", "0", str(2**31), str(2**70), "abc", "-3"):
        _error(client, f"/api/v1/{path}/{record_id}", 404)


def test_drafts_never_appear(client, published, draft):
    for url in (
        "/api/v1/meetings",
        "/api/v1/motions",
        "/api/v1/motions?q=Drafthorne",
        "/api/v1/motions?officer=Drafthorne",
        "/api/v1/officers",
        "/api/v1/policies",
        f"/api/v1/members/{published.member_id}/votes",
        "/api/v1/search?q=secret",
    ):
        body = client.get(url).get_data(as_text=True)
        assert_no_draft(body)
    for url in (
        f"/api/v1/meetings/{draft.meeting_id}",
        f"/api/v1/motions/{draft.motion_id}",
        f"/api/v1/motions/{draft.motion_id}/votes",
        f"/api/v1/officers/{draft.officer_id}",
        f"/api/v1/policies/{draft.policy_id}",
    ):
        _error(client, url, 404)


def test_api_is_read_only_and_open_to_scripts(client, published):
    response = client.post("/api/v1/motions")
    assert response.status_code == 405 and response.get_json()["ok"] is False
    assert client.get("/api/v1/motions").headers["Access-Control-Allow-Origin"] == "*"


def test_openapi_document_and_human_page(client):
    spec = _get(client, "/api/v1/openapi.json")
    assert spec["openapi"].startswith("3.1")
    assert {"/meetings", "/motions", "/motions/{motion_id}/votes", "/members/{member_id}/votes", "/search"} <= set(
        spec["paths"]
    )
    page = client.get("/api/v1/")
    assert page.status_code == 200 and page.content_type.startswith("text/html")
    text = page.get_data(as_text=True)
    assert "/api/v1/motions/{motion_id}/votes" in text and "openapi.json" in text
    assert "120 per minute" in text


def test_motions_carry_their_corrections_as_the_openapi_document_says(app, client, published, draft):
    correct_motion(app, published.motion_id, "the minutes gave the wrong number of days", outcome_days=15)
    one = _get(client, f"/api/v1/motions/{published.motion_id}")["data"]
    (fix,) = one["corrections"]
    assert fix["reason"] == "the minutes gave the wrong number of days" and "outcome" in fix["fields"]
    schema = openapi.document()["components"]["schemas"]["Motion"]
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(one)
    listed = {m["id"]: m for m in _get(client, "/api/v1/motions")["data"]}
    assert listed[published.motion_id]["corrections"] == one["corrections"]
    assert listed[published.audio_motion_id]["corrections"] == []
    record = _get(client, f"/api/v1/members/{published.member_id}/votes")["data"][0]
    assert record["vote"] == "no" and record["motion"]["corrections"] == one["corrections"]
    meeting = _get(client, f"/api/v1/meetings/{published.meeting_id}")["data"]
    assert [m["corrections"] for m in meeting["motions"]] == [one["corrections"], []]
