"""The motion parser: pure functions from document text to motion records (no database, no Flask).

parse_pages(pages)        written documents (PDF pages): minutes, vote blocks, board decisions
parse_transcript(segs)    spoken: transcript or caption segments with times
parse_text(text)          plain text: decides written vs spoken by itself
Roster                    the board's members, to resolve raw names to canonical ones
"""

from __future__ import annotations

from app.parsing.records import (
    MotionRecord,
    OfficerRecord,
    OutcomeRecord,
    PageText,
    PolicyRecord,
    SourceRecord,
    TimedText,
    VoteRecord,
)
from app.parsing.roster import Roster, RosterMember
from app.parsing.segments import looks_spoken, segments_from_json, split_pages, split_speaker, timed_lines
from app.parsing.spoken import parse_segments
from app.parsing.written import parse_doc

__all__ = [
    "MotionRecord",
    "OfficerRecord",
    "OutcomeRecord",
    "PageText",
    "PolicyRecord",
    "Roster",
    "RosterMember",
    "SourceRecord",
    "TimedText",
    "VoteRecord",
    "parse_pages",
    "parse_text",
    "parse_transcript",
    "segments_from_json",
]


def parse_pages(
    pages: list[PageText], *, document: str | None = None, roster: Roster | None = None
) -> list[MotionRecord]:
    """Motions in a written document's pages; each record's source names the document and page."""
    from app.parsing.decisions import is_decision, parse_decision
    from app.parsing.layout import Doc

    pages = [p for p in pages if p.text and p.text.strip()]
    if not pages:
        return []
    doc = Doc.from_pages(pages)
    records = parse_doc(doc, document=document, roster=roster)
    if not is_decision(doc.text):
        return records
    # A decision (with perhaps minutes around it): its votes and order, then any motion told otherwise.
    decided = parse_decision(doc, document=document, roster=roster)
    quotes = [r.evidence or "" for r in decided]
    extra = [r for r in records if not any(r.evidence and (r.evidence in q or q in r.evidence) for q in quotes)]
    return sorted([*decided, *extra], key=lambda r: r.source.page or 0)


def parse_transcript(
    segments: list[TimedText], *, document: str | None = None, roster: Roster | None = None
) -> list[MotionRecord]:
    """Motions in a transcript; each record's source names the document and the seconds it spans."""
    segments = [s for s in segments if s.text and s.text.strip()]
    if not segments:
        return []
    return parse_segments(segments, document=document, roster=roster)


def parse_text(text: str, *, document: str | None = None, roster: Roster | None = None) -> list[MotionRecord]:
    """Motions in plain text. Timestamped or speaker-labelled lines ("[123.4] Speaker 2: ...",
    "00:12:31 CHAIR: ...", ">> ...") are read as a transcript; anything else as written minutes,
    split into pages where it carries page markers ("--- PAGE 3 ---", form feeds)."""
    if not text or not text.strip():
        return []
    if text.lstrip()[:1] in "[{":
        segments = _json_segments(text)
        if segments:
            return parse_transcript(segments, document=document, roster=roster)
    timed = timed_lines(text)
    if timed is not None:
        return parse_transcript(timed, document=document, roster=roster)
    if looks_spoken(text):
        lines = [split_speaker(line.strip()) for line in text.splitlines() if line.strip()]
        segments = [
            TimedText(start=float(i), end=float(i + 1), text=body, speaker=speaker)
            for i, (speaker, body) in enumerate(lines)
        ]
        records = parse_transcript(segments, document=document, roster=roster)
        for record in records:
            # Line numbers are no times: a plain-text transcript has no audio to point into.
            record.source = SourceRecord(document=document)
        return records
    return parse_pages(split_pages(text), document=document, roster=roster)


def _json_segments(text: str) -> list[TimedText]:
    """Segments from transcript JSON given as text; [] when it is not JSON of a known shape."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return []
    return segments_from_json(data)
