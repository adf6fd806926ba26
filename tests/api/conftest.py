"""API fixtures: a published meeting and a draft one (fictional names), from the public-site helpers."""

from __future__ import annotations

# The public site's fixtures, shared rather than copied: a published meeting and a draft one.
from tests.public.conftest import draft, published  # noqa: F401

DRAFT_WORDS = ("Drafthorne", "Rule 99", "secret draft reasons", "(draft)")


def assert_no_draft(text: str) -> None:
    """Nothing of the draft meeting appears in a response body."""
    for word in DRAFT_WORDS:
        assert word not in text, word
