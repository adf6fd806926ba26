"""The whole reading pipeline on one file, without the database (`flask extract`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.parsing import MotionRecord, PageText, Roster, TimedText, parse_pages, parse_text, parse_transcript
from app.services.filetypes import detect
from app.services.storage import CHUNK


class ExtractionError(Exception):
    """The file could not be read; the message says why and what to do."""


def extract_file(path: Path, *, roster_csv: Path | None = None) -> list[MotionRecord]:
    """Find the motions in a PDF, a text file, a transcript JSON or an audio/video file."""
    roster = Roster.from_csv(roster_csv) if roster_csv else None
    sha = _sha256(path)
    detected = detect(path)
    if detected.family == "pdf":
        from app.services.pdf_reader import read_pdf

        result = read_pdf(path)
        if result.status not in ("ok", "no_text") and not result.pages:
            raise ExtractionError(result.message)
        pages = [PageText(number=p.number, text=p.text) for p in result.pages if p.text]
        return parse_pages(pages, document=sha, roster=roster)
    if detected.family in ("audio", "video"):
        from transcribe import AudioError, transcribe_file

        try:
            transcript = transcribe_file(path)
        except AudioError as exc:
            raise ExtractionError(str(exc)) from exc
        timed = [TimedText(start=s.start, end=s.end, text=s.text, speaker=s.speaker) for s in transcript.segments]
        return parse_transcript(timed, document=sha, roster=roster)
    text = _read_text(path)
    if text is None:
        raise ExtractionError(detected.error or "This file is not a PDF, text, transcript JSON or audio file.")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ExtractionError(f"This looks like JSON but does not parse: {exc}") from exc
        return parse_transcript(transcript_segments(data), document=sha, roster=roster)
    return parse_text(text, document=sha, roster=roster)


def transcript_segments(data: Any) -> list[TimedText]:
    """Timed text from our transcript JSON, Council Data Project JSON, or a caption list."""
    if isinstance(data, dict) and isinstance(data.get("segments"), list):
        items = data["segments"]
        return [TimedText(float(s["start"]), float(s["end"]), str(s["text"]), s.get("speaker")) for s in items]
    if isinstance(data, dict) and isinstance(data.get("sentences"), list):
        return [
            TimedText(float(s["start_time"]), float(s["end_time"]), str(s["text"]), s.get("speaker_name"))
            for s in data["sentences"]
        ]
    if isinstance(data, list) and all(isinstance(c, dict) and "text" in c and "start" in c for c in data):
        return [
            TimedText(float(c["start"]), float(c["start"]) + float(c.get("duration", 0.0)), str(c["text"]))
            for c in data
        ]
    raise ExtractionError(
        "Unrecognised transcript JSON: expected {'segments': [...]}, Council Data Project {'sentences': [...]}, "
        "or a caption list [{'text', 'start', 'duration'}]."
    )


def _read_text(path: Path) -> str | None:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        return None
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
