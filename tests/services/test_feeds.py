"""Atom feeds: valid XML whatever the text holds, newest first, entries linking to permalinks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from defusedxml import ElementTree
from flask import Flask

from app.extensions import db
from app.models import Motion
from app.services import feeds, public_queries
from tests.public.conftest import make_meeting

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def officer_motions(app: Flask) -> int:
    """Three published meetings a month apart, each with a motion about Sergeant Dana Whitfield."""
    with app.app_context():
        seeded = [make_meeting(app, date=dt.date(2024, month, 7), tag=f" {month}") for month in (1, 3, 2)]
        return seeded[0].officer_id


def _feed(app: Flask, motions: list[Motion]) -> ElementTree:
    body = feeds.atom_feed(
        title="Test <feed> & co",
        feed_url="http://localhost/officers/1.atom",
        page_url="http://localhost/officers/1",
        motions=motions,
    )
    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ElementTree.fromstring(body)


def test_feed_is_atom_with_required_elements_and_newest_first(app, officer_motions):
    with app.test_request_context():
        _officer, motions = public_queries.officer_with_motions(officer_motions)
        feed = _feed(app, motions)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Test <feed> & co"
    assert feed.findtext(f"{ATOM}id") == "http://localhost/officers/1.atom"
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Boardwatch"
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == "http://localhost/officers/1.atom"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}published")[:10] for e in entries] == ["2024-03-07", "2024-02-07", "2024-01-07"]
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert entry.findtext(f"{ATOM}id") == link and link.startswith("http://localhost/motions/")
        assert entry.findtext(f"{ATOM}updated").endswith("Z")
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated").replace("Z", "+00:00"))
        assert "How to cite:" in entry.findtext(f"{ATOM}summary")
    assert feed.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)


def test_markup_and_control_characters_cannot_break_the_feed(app):
    nasty = 'to adopt <script>alert("x")</script> & rule ]]> \x0b\x00\x1f rule \ud7ff end'
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            nasty = nasty.replace("\x00", "")  # PostgreSQL text cannot hold NUL at all
        seeded = make_meeting(app)
        motion = db.session.get(Motion, seeded.motion_id)
        motion.text = nasty
        motion.outcome_text = "<b>bold</b>"
        db.session.commit()
    with app.test_request_context():
        feed = _feed(app, [public_queries.published_motion(seeded.motion_id)])
    entry = feed.find(f"{ATOM}entry")
    assert re.search(r'<script>alert\("x"\)</script> & rule \]\]>\s+rule', entry.findtext(f"{ATOM}title"))
    summary = entry.findtext(f"{ATOM}summary")
    assert "\x0b" not in summary and "\x00" not in summary
    assert entry.find(f"{ATOM}summary").get("type") == "text"


def test_feed_keeps_at_most_max_entries(app, officer_motions, monkeypatch):
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 2)
    with app.test_request_context():
        _officer, motions = public_queries.officer_with_motions(officer_motions)
        assert len(_feed(app, motions).findall(f"{ATOM}entry")) == 2


def test_empty_feed_is_still_valid(app):
    with app.test_request_context():
        feed = _feed(app, [])
    assert feed.findall(f"{ATOM}entry") == [] and feed.findtext(f"{ATOM}updated").endswith("Z")
