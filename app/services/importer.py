"""Import a past meeting from a folder: meeting.json plus its files."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import Body, Job, Meeting, Member
from app.models.meeting import MEETING_KINDS
from app.services.uploads import add_upload

KIND_WORDS = ("agenda", "minutes", "decision")


class ImportError_(Exception):
    """The folder cannot be imported; the message says what to fix."""


@dataclass
class ImportSummary:
    meeting: Meeting
    queued: list[Job] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def guess_kind(filename: str) -> str:
    """A PDF's kind from words in its name (audio and video are typed by their bytes)."""
    lower = filename.lower()
    return next((word for word in KIND_WORDS if word in lower), "other")


def import_meeting_dir(folder: Path) -> ImportSummary:
    """Create the body, roster and meeting described by meeting.json and add every other file (flushes)."""
    spec_path = folder / "meeting.json"
    if not spec_path.is_file():
        raise ImportError_(f"{folder} has no meeting.json (body, date, kind, title, optional roster).")
    try:
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        date = dt.date.fromisoformat(str(spec["date"]))
        body_name = str(spec["body"]).strip()
    except (json.JSONDecodeError, KeyError, ValueError) as exc:
        raise ImportError_(
            f"meeting.json is not usable: {exc}. It needs at least 'body' and 'date' (YYYY-MM-DD)."
        ) from exc
    kind = spec.get("kind", "regular")
    if kind not in MEETING_KINDS:
        raise ImportError_(f"meeting.json kind must be one of {', '.join(MEETING_KINDS)}.")
    body = db.session.scalar(select(Body).where(Body.name == body_name)) or Body(name=body_name)
    db.session.add(body)
    known = {m.name for m in body.members}
    for entry in spec.get("roster", []):
        name = entry["name"] if isinstance(entry, dict) else str(entry)
        if name not in known:
            aliases = entry.get("aliases", []) if isinstance(entry, dict) else []
            seat = entry.get("seat") if isinstance(entry, dict) else None
            db.session.add(Member(body=body, name=name, seat=seat, aliases=aliases))
    meeting = db.session.scalar(select(Meeting).where(Meeting.body == body, Meeting.date == date))
    if meeting is None:
        meeting = Meeting(body=body, date=date, kind=kind, title=spec.get("title") or f"{kind.title()} meeting")
        db.session.add(meeting)
    db.session.flush()
    summary = ImportSummary(meeting)
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.name != "meeting.json"):
        with path.open("rb") as fh:
            outcome = add_upload(meeting, fh, path.name, guess_kind(path.name), user=None)
        if outcome.duplicate:
            summary.duplicates.append(path.name)
        elif outcome.job is None:
            summary.rejected.append((path.name, outcome.document.error or "rejected"))
        else:
            summary.queued.append(outcome.job)
    return summary
