"""Import past meetings from folders: meeting.json plus its files (or a folder of such folders)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import Body, Job, Meeting, Member, User
from app.models.meeting import MEETING_KINDS
from app.services import audit
from app.services.import_summary import FileRow, document_row, record_skipped, skipped_row
from app.services.uploads import UploadOutcome, add_upload

KIND_WORDS = ("agenda", "minutes", "decision")


class ImportError_(Exception):
    """The folder cannot be imported; the message says what to fix."""


@dataclass
class ImportSummary:
    """What one folder gave: the meeting, and each file's outcome in the folder's order."""

    meeting: Meeting
    outcomes: list[tuple[str, UploadOutcome]] = field(default_factory=list)

    @property
    def queued(self) -> list[Job]:
        return [outcome.job for _, outcome in self.outcomes if outcome.job is not None]

    @property
    def duplicates(self) -> list[str]:
        return [name for name, outcome in self.outcomes if outcome.duplicate]

    @property
    def rejected(self) -> list[tuple[str, str]]:
        return [
            (name, outcome.document.error or "refused")
            for name, outcome in self.outcomes
            if outcome.job is None and not outcome.duplicate and not outcome.withdrawn
        ]

    def rows(self) -> list[FileRow]:
        """The import summary of this folder's files (read it after the jobs ran)."""
        from app.services.import_summary import motion_counts

        ids = [o.document.id for _, o in self.outcomes if not (o.duplicate or o.withdrawn)]
        counts = motion_counts(ids)
        rows = []
        for name, outcome in self.outcomes:
            if outcome.duplicate or outcome.withdrawn:
                rows.append(
                    skipped_row(name, outcome.document, "refused_withdrawn" if outcome.withdrawn else "duplicate")
                )
            else:
                rows.append(document_row(outcome.document, counts.get(outcome.document.id, 0)))
        return rows


def meeting_folders(folder: Path) -> list[Path]:
    """The meeting folders under `folder`: itself when it holds meeting.json, else its subfolders that do."""
    if (folder / "meeting.json").is_file():
        return [folder]
    found = sorted(p for p in folder.iterdir() if p.is_dir() and (p / "meeting.json").is_file())
    if not found:
        raise ImportError_(
            f"{folder} has no meeting.json (body, date, kind, title, optional roster), "
            "and none of its subfolders has one either."
        )
    return found


def audit_outcome(meeting: Meeting, name: str, outcome: UploadOutcome, user: User | None) -> None:
    """Keep an upload in the audit trail: the new document, or the file that was not added (flushes)."""
    document = outcome.document
    if outcome.duplicate or outcome.withdrawn:
        record_skipped(meeting, name, document, withdrawn=outcome.withdrawn, user=user)
    else:
        after = {"filename": document.original_filename, "sha256": document.sha256, "kind": document.kind}
        audit.record("document.upload", "document", document.id, after=after, user=user)


def guess_kind(filename: str) -> str:
    """A PDF's kind from words in its name (audio and video are typed by their bytes)."""
    lower = filename.lower()
    return next((word for word in KIND_WORDS if word in lower), "other")


def import_meeting_dir(folder: Path, *, readmit_withdrawn: bool = False) -> ImportSummary:
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
            outcome = add_upload(
                meeting, fh, path.name, guess_kind(path.name), user=None, readmit_withdrawn=readmit_withdrawn
            )
        audit_outcome(meeting, path.name, outcome, None)
        summary.outcomes.append((path.name, outcome))
    return summary
