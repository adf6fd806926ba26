"""Roster, officer and policy pages: clerks read them, admins change the roster, merges from the web."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.test_admin_pages import _login


def _body(app) -> int:
    from app.extensions import db
    from app.models import Body, Member

    with app.app_context():
        body = Body(name="Roster Test Board")
        db.session.add_all([body, Member(body=body, name="Diane Hughes", seat="Seat 7", aliases=["Hughes"])])
        db.session.commit()
        return body.id


def test_clerks_read_the_roster_and_admins_change_it(app, clerk, admin):
    from app.extensions import db
    from app.models import Member

    body_id = _body(app)
    clerk_client = _login(app, "clerk@example.org")
    page = clerk_client.get(f"/clerk/bodies/{body_id}/roster").get_data(as_text=True)
    assert "Diane Hughes" in page and "Only an admin can change the roster" in page
    assert clerk_client.post(f"/clerk/bodies/{body_id}/roster", data={"name": "X Y"}).status_code == 403
    admin_client = _login(app, "admin@example.org")
    page = admin_client.post(
        f"/clerk/bodies/{body_id}/roster",
        data={"name": "Marcus Grant", "seat": "Seat 6", "term_start": "2024-01-01", "aliases": "Grant, Grand"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Saved Marcus Grant" in page
    bad = admin_client.post(
        f"/clerk/bodies/{body_id}/roster", data={"name": "Someone", "term_start": "January"}, follow_redirects=True
    )
    assert "is not a date" in bad.get_data(as_text=True)
    with app.app_context():
        grant = db.session.scalar(select(Member).where(Member.name == "Marcus Grant"))
        assert grant.aliases == ["Grant", "Grand"] and str(grant.term_start) == "2024-01-01"
    assert "Roster Test Board" in clerk_client.get("/clerk/bodies").get_data(as_text=True)


def test_officers_and_policies_are_merged_from_their_pages(app, clerk):
    from app.extensions import db
    from app.models import Officer, Policy

    with app.app_context():
        db.session.add_all(
            [
                Officer(name="Dana Whitfield", rank="Sergeant"),
                Officer(name="Dana Whitfeld", rank="Sergeant", badge="4417"),
                Policy(code="General Order 3.02"),
                Policy(code="G.O. 3.02"),
            ]
        )
        db.session.commit()
        keep, other = db.session.scalars(select(Officer.id).order_by(Officer.id)).all()
        general, short = db.session.scalars(select(Policy.id).order_by(Policy.id)).all()
    client = _login(app, "clerk@example.org")
    page = client.get("/clerk/officers").get_data(as_text=True)
    assert "Possibly the same person" in page and "a near spelling" in page
    client.post("/clerk/officers/merge", data={"keep_id": keep, "other_id": other})
    page = client.get("/clerk/policies").get_data(as_text=True)
    assert "Possibly one policy written two ways" in page
    client.post("/clerk/policies/merge", data={"keep_id": general, "other_id": short})
    client.post(f"/clerk/officers/{keep}", data={"name": "Dana Whitfield", "rank": "Lieutenant", "badge": "4417"})
    with app.app_context():
        assert db.session.get(Officer, other).merged_into_id == keep
        assert db.session.get(Officer, keep).display_name == "Lieutenant Dana Whitfield"
        assert db.session.get(Policy, short).merged_into_id == general
    assert "Possibly the same person" not in client.get("/clerk/officers").get_data(as_text=True)
