"""A minutes motion not yet settled with the recording still lets a resident hear the moment."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import Document, Motion
from app.services.reconcile import heard_counterpart

pytestmark = pytest.mark.slow  # the demo meeting, transcribed for real (~30 s)


@pytest.fixture
def demo_app(app):
    from app.services.demo import load_demo

    with app.app_context():
        load_demo()
        db.session.commit()
    return app


def _from_minutes():
    return db.select(Motion).join(Document).where(Document.kind.not_in(("audio", "video")))


def test_minutes_motion_plays_the_recording_at_the_same_decision(demo_app) -> None:
    demo_client = demo_app.test_client()
    with demo_app.app_context():
        written = db.session.scalars(
            db.select(Motion)
            .join(Document)
            .where(Document.kind.not_in(("audio", "video")), Motion.text.ilike("%suspension%"))
        ).first()
        assert written is not None and written.source_start is None
        heard = heard_counterpart(written)
        assert heard is not None and heard.document.is_media
        assert "suspension" in heard.text.lower() and heard.source_start > 0
        adjourn = db.session.scalars(
            db.select(Motion)
            .join(Document)
            .where(Document.kind.not_in(("audio", "video")), Motion.text.ilike("%adjourn%"))
        ).first()
        assert heard_counterpart(adjourn) is not heard  # each minutes motion finds its own moment
        written_id, heard_id, at = written.id, heard.id, heard.source_start

    page = demo_client.get(f"/motions/{written_id}").get_data(as_text=True)
    assert "not yet confirmed by the clerk" in page
    assert f'href="/motions/{heard_id}"' in page
    start = re.search(r'id="motion-player"[^>]*data-start="([0-9.]+)"', page)
    assert start is not None and abs(float(start.group(1)) - at) <= 0.05  # to a tenth of a second
    heard_page = demo_client.get(f"/motions/{heard_id}").get_data(as_text=True)
    assert "not yet confirmed by the clerk" not in heard_page and 'id="motion-player"' in heard_page
