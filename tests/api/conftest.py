"""API fixtures: a published meeting and a draft one (fictional names), from the public-site helpers."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask

from tests.public.conftest import Seeded, make_meeting


@pytest.fixture
def published(app: Flask) -> Seeded:
    """A published meeting: a discipline motion read from the minutes and one heard in the audio."""
    with app.app_context():
        return make_meeting(app)


@pytest.fixture
def draft(app: Flask) -> Seeded:
    """A draft meeting whose motion names its own officer and policy (never public)."""
    with app.app_context():
        return make_meeting(
            app,
            status="draft",
            date=dt.date(2024, 4, 4),
            motion_text="to terminate Officer Quillon Drafthorne for secret draft reasons",
            officer_name="Quillon Drafthorne",
            policy_code="Rule 99",
            tag=" (draft)",
        )


DRAFT_WORDS = ("Drafthorne", "Rule 99", "secret draft reasons", "(draft)")


def assert_no_draft(text: str) -> None:
    """Nothing of the draft meeting appears in a response body."""
    for word in DRAFT_WORDS:
        assert word not in text, word
