"""`flask demo`: the fictional meeting loads through the real pipeline, published, idempotent."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Document, Meeting, Motion, Segment, Vote

pytestmark = pytest.mark.slow


def _row_counts() -> dict[str, int]:
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Meeting, Document, Motion, Vote, Segment)
    }


def _key_motion() -> Motion:
    motions = db.session.scalars(select(Motion).where(Motion.outcome_kind == "suspension")).all()
    assert motions, "no suspension motion was found in the demo"
    return next((m for m in motions if m.document.kind == "minutes"), motions[0])


def test_demo_loads_published_and_a_second_run_changes_nothing(app, runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "Fictional demo data" in first.output
    with app.app_context():
        meeting = db.session.scalar(select(Meeting))
        assert meeting.status == "published" and meeting.body.is_demo
        assert all(d.status == "processed" for d in meeting.documents), [(d.kind, d.error) for d in meeting.documents]
        before = _row_counts()
        key = _key_motion()
        assert {o.name for o in key.officers} >= {"Dana Whitfield", "Sam Ortega"}
        assert "Directive 102.1" in {p.code for p in key.policies}
        assert (key.outcome_days, key.outcome_paid, key.result) == (30, False, "passed")
        assert (key.yes_count, key.no_count) == (5, 2)
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "nothing changed" in second.output
    with app.app_context():
        assert _row_counts() == before


def test_demo_motion_is_found_by_officer_policy_and_outcome(app, runner, client):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        key_id = _key_motion().id
    for query in ("q=Whitfield", "q=Ortega", "q=Directive+102.1", "q=suspension", "outcome=suspension"):
        page = client.get(f"/search?{query}").get_data(as_text=True)
        assert re.search(rf'href="/motions/{key_id}"', page), f"/search?{query} did not list motion {key_id}"
