"""The whole reading pipeline on one file, without the database (`flask extract`).

Reading (PDF pages, text, transcript JSON, audio) is kept apart from parsing so that the
benchmark (`bench/extraction.py`) scores exactly what `flask extract` prints.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.parsing import (
    MotionRecord,
    PageText,
    Roster,
    TimedText,
    parse_pages,
    parse_text,
    parse_transcript,
    segments_from_json,
)
from app.services.filetypes import detect
from app.services.storage import CHUNK


class ExtractionError(Exception):
    """The file could not be read; the message says why and what to do."""


@dataclass
class ReadDocument:
    """What reading one file gave, before any motion is looked for.

    `kind` is "pdf" (pages), "transcript" (timed segments from JSON or audio) or "text".
    """

    sha256: str
    kind: str
    pages: list[PageText] = field(default_factory=list)
    segments: list[TimedText] = field(default_factory=list)
    text: str = ""
    warnings: list[str] = field(default_factory=list)


def extract_file(path: Path, *, roster_csv: Path | None = None) -> list[MotionRecord]:
    """Find the motions in a PDF, a text file, a transcript JSON or an audio/video file."""
    roster = Roster.from_csv(roster_csv) if roster_csv else None
    return parse_document(read_document(path), roster=roster)


def parse_document(document: ReadDocument, *, roster: Roster | None = None) -> list[MotionRecord]:
    """The motions in a document already read."""
    if document.kind == "pdf":
        return parse_pages(document.pages, document=document.sha256, roster=roster)
    if document.kind == "transcript":
        return parse_transcript(document.segments, document=document.sha256, roster=roster)
    return parse_text(document.text, document=document.sha256, roster=roster)


def read_document(path: Path) -> ReadDocument:
    """Read a file into pages, timed segments or text. Raises ExtractionError with a reason a clerk can act on."""
    sha = _sha256(path)
    detected = detect(path)
    if detected.family == "pdf":
        from app.services.pdf_reader import read_pdf

        result = read_pdf(path)
        if result.status not in ("ok", "no_text") and not result.pages:
            raise ExtractionError(result.message)
        pages = [PageText(number=p.number, text=p.text) for p in result.pages if p.text]
        return ReadDocument(sha, "pdf", pages=pages, warnings=list(result.warnings))
    if detected.family in ("audio", "video"):
        from transcribe import AudioError, transcribe_file

        try:
            transcript = transcribe_file(path)
        except AudioError as exc:
            raise ExtractionError(str(exc)) from exc
        timed = [TimedText(start=s.start, end=s.end, text=s.text, speaker=s.speaker) for s in transcript.segments]
        return ReadDocument(sha, "transcript", segments=timed, warnings=list(transcript.warnings))
    text = _read_text(path)
    if text is None:
        raise ExtractionError(detected.error or "This file is not a PDF, text, transcript JSON or audio file.")
    if re.match(r"\s*(?:\{|\[\s*(?:\{|\]))", text):
        # JSON; "[12.5] Speaker 1: ..." is a timestamped text transcript, not JSON.
        return ReadDocument(sha, "transcript", segments=transcript_segments(text), text=text)
    return ReadDocument(sha, "text", text=text)


def transcript_segments(text: str) -> list[TimedText]:
    """Timed segments from transcript JSON: ours (Whisper-like {"segments": [...]}), Council Data Project
    ({"sentences": [...]}) or a caption list ([{"text", "start", "duration"}])."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExtractionError(f"This looks like JSON but does not parse: {exc}") from exc
    segments = segments_from_json(data)
    if not segments and not _empty_transcript(data):
        raise ExtractionError(
            "Unrecognised transcript JSON: expected {'segments': [{'start', 'end', 'text'}]}, Council Data Project "
            "{'sentences': [{'start_time', 'end_time', 'text'}]}, or a caption list [{'text', 'start', 'duration'}]."
        )
    return segments


def _empty_transcript(data: object) -> bool:
    """A transcript of silence is valid JSON with an empty list of segments."""
    if isinstance(data, list):
        return not data
    if isinstance(data, dict):
        return any(isinstance(data.get(k), list) and not data[k] for k in ("segments", "sentences", "captions"))
    return False


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
