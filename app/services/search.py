"""Search index (placeholder until the search service lands)."""

from __future__ import annotations

from app.models import Meeting


def reindex_meeting(meeting: Meeting) -> None:
    """Rebuild the search rows of one meeting (flushes, does not commit)."""
