"""A motion merged into another (or deleted) leaves every public view: pages, JSON, search, API, bulk dumps."""

from __future__ import annotations

from sqlalchemy import select

from tests.services.test_reconcile import build_two_sources


def test_a_merged_duplicate_leaves_every_public_view(app, client):
    from app.extensions import db
    from app.models import Meeting
    from app.services.reconcile import reconcile, settle_pair

    with app.app_context():
        meeting_id = build_two_sources(status="published")
        from app.services.search import reindex_meeting

        reindex_meeting(db.session.get(Meeting, meeting_id))
        db.session.commit()
        pair = next(p for p in reconcile(db.session.get(Meeting, meeting_id)).pairs if p.item == "4")
        kept, gone = pair.written.motion.id, pair.heard.motion.id
    assert client.get(f"/motions/{gone}").status_code == 200  # before: both are public
    assert client.get(f"/api/v1/motions/{gone}").status_code == 200
    with app.app_context():
        pair = next(p for p in reconcile(db.session.get(Meeting, meeting_id)).pairs if p.item == "4")
        settle_pair(
            pair.written.motion,
            pair.heard.motion,
            take={},
            correction=None,
            versions=(None, None),
            user=None,
            reason="a duplicate of the minutes' motion",
        )
        db.session.commit()
    for url in (f"/motions/{gone}", f"/motions/{gone}.json", f"/api/v1/motions/{gone}", f"/motions/{gone}.ocd.json"):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/motions/{kept}").status_code == 200
    meeting_json = client.get(f"/meetings/{meeting_id}.json").get_json()
    ids = [m["id"] for m in meeting_json["motions"]]
    assert kept in ids and gone not in ids
    found = client.get("/search.json?q=camera").get_json()["motions"]
    assert kept in [m["id"] for m in found] and gone not in [m["id"] for m in found]
    assert f'/motions/{gone}"' not in client.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    with app.app_context():
        from app.models import Motion

        assert gone not in db.session.scalars(select(Motion.id)).all()
        assert gone in db.session.scalars(select(Motion.id).execution_options(include_retired=True)).all()
