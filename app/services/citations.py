"""Permalinks and "how to cite" lines: the public address of every record, and how to cite it.

Absolute links in exports, feeds, the API and citations point at PUBLIC_BASE_URL when it is
configured (a deployment behind a proxy names its public address there), else at the host of
the request being answered, else (the CLI, a worker) at http://localhost/.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for

from app.models import Motion
from app.public.formatting import long_date, timestamp

FALLBACK_BASE_URL = "http://localhost/"
SOURCE_LABELS = ("agenda", "minutes", "decision")


def base_url() -> str | None:
    """The configured public address ("https://records.example.gov/"), or None to use the request's host."""
    value = (current_app.config.get("PUBLIC_BASE_URL") or "").strip()
    if value and "://" not in value:
        value = "https://" + value  # "records.example.gov" names a host, served over HTTPS
    return value or None


def public_url(endpoint: str, **values: Any) -> str:
    """The absolute public URL of an endpoint (see the module docstring for which host it names)."""
    base = base_url()
    if base is None and has_request_context():
        return url_for(endpoint, **values, _external=True)
    parts = urlsplit(base or FALLBACK_BASE_URL)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path.rstrip("/") or "/", url_scheme=parts.scheme or "https"
    )
    return adapter.build(endpoint, {k: v for k, v in values.items() if v is not None}, force_external=True)


def permalink(motion_id: int) -> str:
    """The motion's permanent public address."""
    return public_url("public.motion", motion_id=motion_id)


def citation(
    *,
    body: str,
    title: str,
    date: dt.date,
    motion_id: int,
    link: str,
    page: int | None = None,
    start: float | None = None,
    document_kind: str | None = None,
) -> str:
    """The "how to cite" line of a motion: board, meeting, date, motion, where in the source, permalink."""
    where = ""
    if page is not None:
        label = document_kind if document_kind in SOURCE_LABELS else "document"
        where = f" ({label}, p. {page})"
    elif start is not None:
        where = f" (recording at {timestamp(start)})"
    return f"{body}, \u201c{title},\u201d {long_date(date)}, motion {motion_id}{where}. Boardwatch, {link}."


def cite(motion: Motion, link: str | None = None) -> str:
    """The citation line of a stored motion."""
    meeting = motion.meeting
    return citation(
        body=meeting.body.name,
        title=meeting.title,
        date=meeting.date,
        motion_id=motion.id,
        link=link or permalink(motion.id),
        page=motion.source_page,
        start=motion.source_start,
        document_kind=motion.document.kind if motion.document else None,
    )


def meeting_citation(*, body: str, title: str, date: dt.date, link: str) -> str:
    """The citation line of a meeting (its record does not change once published)."""
    return f"{body}, \u201c{title},\u201d {long_date(date)}. Boardwatch, {link}."


def list_citation(title: str, link: str, *, accessed: dt.date | None = None) -> str:
    """The citation line of a list that grows as meetings are published (so it says when it was read)."""
    day = accessed or dt.date.today()
    return f"\u201c{title},\u201d Boardwatch, {link} (accessed {long_date(day)})."
