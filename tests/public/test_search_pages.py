"""Search pages and exports: filters, hostile text, paging, snippets, drafts never shown."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.public.conftest import make_meeting

HOSTILE = [
    "use-of-force",
    "5-2",
    "300.4",
    "O'Brien",
    '"',
    '""',
    "AND",
    "OR NOT",
    "-x",
    "*x",
    "x*",
    "",
    "   ",
    "NEAR(a b)",
    "col:value",
    "(((",
    "^start",
    "a\x00b",
    "<script>alert(1)</script>",
    "%_\\",
    "ünïcödé 名前",
    "x" * 2000,
    " ".join(["word"] * 300),
]


def test_search_by_officer_name_finds_the_motion(client, published):
    page = client.get("/search?officer=Whitfield").get_data(as_text=True)
    assert f"/motions/{published.motion_id}" in page
    assert "1 motion" in page
    by_id = client.get(f"/search?officer={published.officer_id}").get_data(as_text=True)
    assert f"/motions/{published.motion_id}" in by_id
    nobody = client.get("/search?officer=Nobody+Atall").get_data(as_text=True)
    assert f"/motions/{published.motion_id}" not in nobody


def test_search_by_policy_code_finds_the_motion(client, published):
    for value in ("102.1", "directive 102.1", str(published.policy_id)):
        page = client.get("/search", query_string={"policy": value}).get_data(as_text=True)
        assert f"/motions/{published.motion_id}" in page, value


def test_search_for_suspension_finds_the_motion_with_a_highlighted_snippet(client, published):
    page = client.get("/search?q=suspension").get_data(as_text=True)
    assert f"/motions/{published.motion_id}" in page
    assert "<mark>suspension</mark>" in page


def test_search_by_outcome_result_member_vote_and_dates(client, published):
    def hits(**args):
        return f"/motions/{published.motion_id}" in client.get("/search", query_string=args).get_data(as_text=True)

    assert hits(outcome="suspension")
    assert not hits(outcome="termination")
    assert hits(result="passed")
    assert not hits(result="failed")
    assert hits(member="Okonkwo", vote="no")
    assert not hits(member="Okonkwo", vote="yes")
    assert hits(member=str(published.member_id))
    assert hits(**{"from": "2024-03-01", "to": "2024-03-31"})
    assert hits(**{"from": "2024", "to": "2024"})
    assert not hits(**{"from": "2024-04-01"})
    assert hits(split="1")


def test_outcome_counts_appear_beside_the_results(client, published):
    page = client.get("/search").get_data(as_text=True)
    assert "By outcome" in page
    assert "outcome=suspension" in page
    assert "outcome=approved" in page


def test_transcript_and_document_hits_link_to_the_moment(client, published):
    page = client.get("/search?q=order").get_data(as_text=True)
    assert f"/meetings/{published.meeting_id}#t=12" in page
    page = client.get("/search", query_string={"q": "O'Brien use-of-force"}).get_data(as_text=True)
    assert f"/documents/{published.pdf_id}/file#page=1" in page
    assert "<mark>" in page


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_query_text_never_errors(client, published, text):
    for path in ("/search", "/search.json", "/search.csv"):
        response = client.get(path, query_string={"q": text, "officer": text, "policy": text, "member": text})
        assert response.status_code == 200, (path, text)
        response.get_data()


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1.5", "99999999999999999999", "", "٣"])
def test_bad_paging_is_clamped(client, published, page):
    response = client.get("/search", query_string={"page": page, "q": "suspension"})
    assert response.status_code == 200


def test_bad_filters_are_ignored_with_a_note(client, published):
    page = client.get("/search?vote=maybe&result=won&from=yesterday&sort=loudest").get_data(as_text=True)
    assert "Ignored vote" in page and "Ignored result" in page and "YYYY-MM-DD" in page
    assert f"/motions/{published.motion_id}" in page


def test_snippets_escape_record_text(app, client):
    with app.app_context():
        seeded = make_meeting(app, motion_text="to suspend <script>alert(1)</script> for the scripted incident")
    page = client.get("/search?q=script").get_data(as_text=True)
    assert f"/motions/{seeded.motion_id}" in page
    assert "<script>alert(1)" not in page
    assert "&lt;<mark>script</mark>&gt;" in page


def test_search_never_shows_drafts(client, published, draft):
    for args in ({"q": "Drafthorne"}, {"q": "secret draft"}, {"officer": "Drafthorne"}, {"policy": "Rule 99"}, {}):
        page = client.get("/search", query_string=args).get_data(as_text=True)
        assert "Quillon" not in page and "draft reasons" not in page, args
        assert f"/motions/{draft.motion_id}" not in page
        assert f"/meetings/{draft.meeting_id}" not in page
        data = client.get("/search.json", query_string=args).get_json()
        assert draft.motion_id not in [m["id"] for m in data["motions"]]
        assert "Drafthorne" not in client.get("/search.csv", query_string=args).get_data(as_text=True)


def test_relevance_sort_answers(client, published):
    response = client.get("/search?q=suspension&sort=relevance")
    assert response.status_code == 200
    assert f"/motions/{published.motion_id}" in response.get_data(as_text=True)


def test_search_json_pages_with_an_opaque_next_token(app, client):
    with app.app_context():
        for day in (1, 2, 3):
            make_meeting(app, date=dt.date(2023, 5, day), tag=f" {day}")
    seen = []
    url = "/search.json?limit=2&outcome=suspension"
    while url:
        data = client.get(url).get_json()
        assert data["ok"] is True
        seen += [m["meeting"]["date"] for m in data["motions"]]
        url = data["next_url"] and data["next_url"].replace("http://localhost", "")
        assert (data["next"] is None) == (url is None)
    assert seen == ["2023-05-03", "2023-05-02", "2023-05-01"]


def test_search_json_with_relevance_pages_too(app, client):
    with app.app_context():
        for day in (1, 2, 3):
            make_meeting(app, date=dt.date(2023, 5, day), tag=f" {day}")
    first = client.get("/search.json?q=suspension&sort=relevance&limit=2").get_json()
    assert len(first["motions"]) == 2 and first["next"]
    second = client.get(f"/search.json?q=suspension&sort=relevance&limit=2&next={first['next']}").get_json()
    assert len(second["motions"]) == 1 and second["next"] is None
    assert {m["id"] for m in first["motions"]}.isdisjoint(m["id"] for m in second["motions"])


@pytest.mark.parametrize("token", ["garbage", "e30", "eyJrIjpbMSwyXX0", "%%%", "W10"])
def test_search_json_rejects_a_bad_next_token_with_400(client, token):
    response = client.get("/search.json", query_string={"next": token})
    assert response.status_code == 400
    assert response.get_json()["ok"] is False


def test_search_json_clamps_huge_limits(client, published):
    assert client.get("/search.json?limit=100000000000").status_code == 200
    assert client.get("/search.json?limit=-5").status_code == 200


def test_search_csv_streams_one_row_per_motion(client, published):
    response = client.get("/search.csv?q=suspension")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == str(published.motion_id)
    assert row["date"] == "2024-03-07"
    assert row["mover"] == "Lindqvist"
    assert row["yes"] == "2" and row["no"] == "1"
    assert row["outcome"] == "suspension"
    assert row["officers"] == "Sergeant Dana Whitfield (badge 4471)"
    assert row["policies"] == "Directive 102.1"
    assert row["url"] == f"http://localhost/motions/{published.motion_id}"


def test_search_csv_neutralises_formula_cells(app, client):
    with app.app_context():
        make_meeting(app, motion_text='=HYPERLINK("http://evil.example","click")', officer_name="@Evil Name")
    text = client.get("/search.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["text"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[0]["officers"].startswith("Sergeant @Evil")
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_search_form_fields_have_labels(client):
    page = client.get("/search").get_data(as_text=True)
    for field in ("q", "officer", "policy", "outcome", "member", "vote", "result", "from", "to", "sort", "split"):
        assert f'for="{field}"' in page and f'id="{field}"' in page, field
