"""The motion parser: pure functions from document text to motion records (no database, no Flask).

parse_pages(pages)        written documents (PDF pages): minutes, vote blocks, board decisions
parse_transcript(segs)    spoken: transcript or caption segments with times
parse_text(text)          plain text: decides written vs spoken by itself (and reads minutes with the
                          meeting's closed-caption transcript appended as both)
Roster                    the board's members, to resolve raw names to canonical ones
"""

from __future__ import annotations

import re

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
from app.parsing.segments import (
    blank_line_numbers,
    looks_spoken,
    segments_from_json,
    split_pages,
    timed_lines,
    untimed_lines,
)
from app.parsing.spoken import parse_segments
from app.parsing.turns import inline_turns
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
    "split_pages",
    "timed_lines",
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
    source = doc.source or doc.text
    spans = [_span(source, r.evidence) for r in decided]
    # Minutes around a decision keep their motions; pieces of the decision's own votes read as minutes do not.
    extra = [r for r in records if not any(_overlap(_span(source, r.evidence), span) for span in spans)]
    decided = [r for r in decided if not _order_of(r, extra, source)]
    return sorted([*decided, *extra], key=lambda r: r.source.page or 0)


_ORDER_START = re.compile(
    r"^\W*(?:NOW,?\s+)?(?:THEREFORE,?\s+)?IT\s+IS\s+(?:(?:HEREBY|THEREFORE|FURTHER)\s+)*ORDERED", re.I
)


def _order_of(order: MotionRecord, others: list[MotionRecord], source: str) -> bool:
    """Whether `order` only carries out a vote the minutes-style reader found just before it ("voted 7-1 to
    adopt the Proposed Decision ... IT IS THEREFORE ORDERED that ... is REVOKED"): then the vote takes the
    order's outcome, officers and policies, and the order is no motion of its own."""
    if order.votes or any(v is not None for v in order.counts.values()) or not _ORDER_START.match(order.evidence or ""):
        return False
    begin = _span(source, order.evidence)[0]
    before = [r for r in others if r.result == "passed" and 0 <= begin - _span(source, r.evidence)[1] < 900]
    voted = [r for r in before if r.votes or any(v is not None for v in r.counts.values())]
    if not voted:
        return False
    vote = max(voted, key=lambda r: _span(source, r.evidence)[1])
    if vote.outcome.kind in (None, "approved") and order.outcome.kind not in (None, "approved"):
        vote.outcome = order.outcome
    vote.officers = vote.officers or order.officers
    vote.policies = vote.policies or order.policies
    return True


def _span(text: str, quote: str | None) -> tuple[int, int]:
    start = text.find(quote) if quote else -1
    return (start, start + len(quote or "")) if start >= 0 else (-1, -1)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] >= 0 and b[0] >= 0 and a[0] < b[1] and b[0] < a[1]


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
    text = blank_line_numbers(text)
    timed = timed_lines(text)
    if timed is not None:
        return parse_transcript(timed, document=document, roster=roster)
    if looks_spoken(text):
        return _untimed(untimed_lines(text), text, document, roster)
    from app.parsing.decisions import is_decision

    # "Commissioner Ortiz: Guilty  Commissioner Brandt: Not Guilty" in a decision is a finding, not a turn.
    inline = None if is_decision(text) else inline_turns(text)
    if inline is None:
        return parse_pages(split_pages(text), document=document, roster=roster)
    # Minutes with the closed-caption transcript of the meeting appended ("Fish: So moved.  Adams: ...").
    begin, segments = inline
    written = parse_pages(split_pages(text[:begin]), document=document, roster=roster) if text[:begin].strip() else []
    return written + _untimed(segments, text, document, roster)


def _untimed(segments: list[TimedText], text: str, document: str | None, roster: Roster | None) -> list[MotionRecord]:
    """Motions in a transcript without times: quoted from `text`, sourced to the document only."""
    from app.parsing.spoken import parse_segments

    segments = [s for s in segments if s.text and s.text.strip()]
    if not segments:
        return []
    records = parse_segments(segments, document=document, roster=roster, source=text)
    for record in records:
        # Line numbers are no times: a plain-text transcript has no audio to point into.
        record.source = SourceRecord(document=document)
    return records


def _json_segments(text: str) -> list[TimedText]:
    """Segments from transcript JSON given as text; [] when it is not JSON of a known shape."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return []
    return segments_from_json(data)
