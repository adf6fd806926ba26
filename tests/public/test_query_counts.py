"""The record pages run a fixed number of queries however long the record: an N+1 fails here.

Each page is requested on a board with one published meeting, then again after more meetings,
motions and votes about the same officer, policy and commissioner; the count must not move,
and it is pinned, so a new per-row query (a lazy load in a template) shows up as a failure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from app.extensions import db
from app.models import Motion, Vote
from app.public import records
from app.services import voting_records
from tests.public.conftest import Seeded, make_meeting

# Queries per page, counted with SQLAlchemy's cursor events (the same on SQLite and PostgreSQL).
PINNED = {
    "home": 16,  # newest meetings, their decided motion ids, the motions with details (10), meetings, boards
    "meetings": 4,
    "meeting": 15,  # meeting, body, documents, motions with details, transcripts, all their segments
    "motion": 14,  # ... and the recording's motions with their subjects: where a minutes motion was heard
    "officer": 11,
    "policy": 13,  # policy, the page's ids with the total, the page with details, outcome counts
    "member": 26,  # member, page ids with the total, two lists with details, tally, dissents, attendance, grid
    "outcomes": 4,
}


def urls(seeded: Seeded) -> dict[str, str]:
    return {
        "home": "/",
        "meetings": "/meetings",
        "meeting": f"/meetings/{seeded.meeting_id}",
        "motion": f"/motions/{seeded.motion_id}",
        "officer": f"/officers/{seeded.officer_id}",
        "policy": f"/policies/{seeded.policy_id}",
        "member": f"/members/{seeded.member_id}",
        "outcomes": "/outcomes",
    }


@contextmanager
def counting(app: Flask) -> Iterator[list[str]]:
    """Collect every statement the app's engine runs inside the block."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def page_queries(app: Flask, client: FlaskClient, url: str) -> int:
    client.get(url)  # warm: the first request may read settings once
    with counting(app) as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


def grow(app: Flask, count: int) -> None:
    """More published meetings about the same officer, policy and commissioners."""
    with app.app_context():
        for i in range(count):
            make_meeting(app, date=dt.date(2023, 1, 5) + dt.timedelta(days=30 * i), tag=f" {i}")


def test_each_record_page_runs_its_pinned_number_of_queries(app, client, published):
    small = {kind: page_queries(app, client, url) for kind, url in urls(published).items()}
    grow(app, 4)
    large = {kind: page_queries(app, client, url) for kind, url in urls(published).items()}
    assert large == small, "a page's query count grew with the number of records (an N+1)"
    assert small == PINNED


def test_commissioner_summary_counts_majority_from_named_votes_when_no_tally_is_stated(app, client, published):
    """The SQL majority agrees with `tally_of`: a motion stating no tally is decided by its named votes."""
    with app.app_context():
        motion = db.session.get(Motion, published.motion_id)
        motion.yes_count = motion.no_count = None  # the named votes stay: 2 yes, 1 no (ours)
        db.session.commit()
        summary = voting_records.member_summary(published.member_id)
        assert voting_records.majority(*voting_records.tally_of(motion)) == "yes"
        assert summary.dissent_total == 1 and summary.dissent_ids == [published.motion_id]
        assert summary.tally["no"] == 1 and summary.attendance_counts["present"] == 1
        assert [(v.motion_id, v.majority, v.dissent) for v in summary.votes] == [(published.motion_id, "yes", True)]
        db.session.query(Vote).filter(Vote.motion_id == motion.id, Vote.option == "yes").delete()
        db.session.commit()
        assert voting_records.member_summary(published.member_id).dissent_total == 0  # 0-1: with the majority


def test_absences_are_counted_per_meeting_newest_first(app, published):
    with app.app_context():
        grow(app, 2)
        member_votes = db.session.query(Vote).filter(Vote.member_id == published.member_id).all()
        meetings = sorted({vote.motion.meeting for vote in member_votes}, key=lambda m: m.date)
        for vote in member_votes:
            vote.option = "absent" if vote.motion.meeting is meetings[0] else vote.option
            vote.option = "excused" if vote.motion.meeting is meetings[1] else vote.option
        db.session.commit()
        summary = voting_records.member_summary(published.member_id, absences=1)
        excused_meeting = meetings[1].id
    assert summary.attendance_counts == {"present": 1, "absent": 1, "excused": 1}
    assert [(a.meeting_id, a.status) for a in summary.absences] == [(excused_meeting, "excused")]


@pytest.mark.parametrize("kind", ["policy", "member"])
def test_long_record_pages_are_paged_and_say_the_page_size(app, client, published, monkeypatch, kind):
    monkeypatch.setattr(records, "MOTIONS_PER_PAGE", 2)
    grow(app, 3)  # four meetings: four motions about the policy, four the commissioner voted on
    url = urls(published)[kind]
    first = client.get(url).get_data(as_text=True)
    assert "Page 1 of 2" in first and "2 to a page" in first and 'rel="next"' in first
    second = client.get(f"{url}?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and 'rel="prev"' in second
    assert client.get(f"{url}?page=9").status_code == 200  # past the end: an empty page, not an error
    if kind == "policy":  # (the commissioner page also lists their dissents)
        assert [page.count('class="motion-item"') for page in (first, second)] == [2, 2]
