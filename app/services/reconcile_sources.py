"""What reconciliation reads from the sources themselves: agenda items and corrections of the record.

The minutes' numbered headings ("4. DEPARTMENT DIRECTIVE 305.2 ...") and the chair's spoken
announcements ("Item four, the revised body camera policy") say which agenda item a motion
belongs to when no clerk has linked one. A correction of the record is read from a transcript:
a trigger ("for the record", "a correction", "the minutes should reflect") and, in the seconds
after it, who voted how ("Commissioner Hughes voted no on item four, not yes") or the corrected
tally of a named item ("Item four carries six to one"). Pure functions over rows already loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.models import Document, Segment
from app.models.motion import VOTE_OPTIONS
from app.parsing.numbers import NUMBER_WORDS, to_int
from app.parsing.roster import surname

CORRECTION_WINDOW = 20.0  # seconds of transcript read after a trigger phrase
_ITEM = rf"item\s+(?:number\s+|no\.?\s*)?(?P<item>\d{{1,3}}|{NUMBER_WORDS})\b"
_ANNOUNCED_ITEM = re.compile(
    rf"(?:^|[.?!]\s+)(?:agenda\s+)?{_ITEM}(?!\s+(?:carries|carried|passes|passed|fails|failed|is|was))", re.I
)
_HEADING = re.compile(r"^\s*(?:item\s+)?(\d{1,3})[.)]\s+\S", re.I | re.M)
_TRIGGER = re.compile(
    r"\bfor the record\b|\bcorrection\b|\bcorrect the (?:record|minutes|vote|tally)\b"
    r"|\b(?:record|minutes) (?:should|will|shall) (?:show|reflect)\b|\blet the (?:record|minutes) (?:show|reflect)\b"
    r"|\bI (?:meant|intended) to vote\b",
    re.I,
)
_VOTER = re.compile(r"\b(?:commissioner|member|vice president|president|chair|councilmember)\s+([A-Z][\w'-]+)", re.I)
_VOTED = re.compile(r"\bvoted\s+(no|nay|yes|aye|against|in favou?r|to abstain|abstain(?:ed)?)\b", re.I)
_NOT = re.compile(r"\bnot\s+(yes|no|aye|nay|abstain)\b", re.I)
_CARRIES = re.compile(
    rf"\b(?:carries|carried|passes|passed|fails|failed|is)\s+(\d+|{NUMBER_WORDS})\s*(?:to|-)\s*(\d+|{NUMBER_WORDS})\b",
    re.I,
)
_OPTION_WORDS = {"aye": "yes", "yes": "yes", "in favor": "yes", "in favour": "yes", "no": "no", "nay": "no"}
_OPTION_WORDS |= {"against": "no", "abstain": "abstain", "abstained": "abstain", "to abstain": "abstain"}


@dataclass
class Correction:
    """A correction of the record heard later in the meeting."""

    document: Document
    start: float
    end: float
    quote: str
    voter: str | None = None
    option: str | None = None
    was: str | None = None
    item: str | None = None
    counts: dict[str, int | None] | None = None

    @property
    def key(self) -> str:
        """Names this correction in a form: the document and the second it starts at."""
        return f"{self.document.id}@{self.start:.1f}"

    def summary(self) -> str:
        """ "Hughes voted no, not yes; the vote is 6-1 on item 4"."""
        parts = []
        if self.voter and self.option:
            parts.append(f"{self.voter} voted {self.option}" + (f", not {self.was}" if self.was else ""))
        if self.counts:
            parts.append(f"the vote is {format_tally(self.counts)}")
        where = f" on item {self.item}" if self.item else ""
        return ("; ".join(parts) or "the record is corrected") + where


def format_tally(counts: dict[str, int | None]) -> str:
    """ "6-0, 1 abstain"; "7-0"; "not stated"."""
    if all(value is None for value in counts.values()):
        return "not stated"
    parts = [f"{counts.get('yes') or 0}-{counts.get('no') or 0}"]
    parts += [f"{n} {option}" for option, n in counts.items() if option not in ("yes", "no") and n]
    return ", ".join(parts)


def item_number(raw: str) -> str | None:
    """ "four" or "4" -> "4"."""
    value = to_int(raw)
    return str(value) if value is not None else None


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` is in `text`, however whitespace and line breaks fall; None when absent."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = re.search(pattern, text) or re.search(pattern, text, re.I)
    return (found.start(), found.end()) if found else None


def item_in_minutes(page_texts: dict[int, str], page: int | None, evidence: str | None) -> str | None:
    """The numbered heading above the motion's words in the minutes (on its page or an earlier one)."""
    if page is None:
        return None
    text = page_texts.get(page, "")
    at = find_span(text, evidence or "")
    if at is None:
        return None
    headings = [m.group(1) for m in _HEADING.finditer(text[: at[0]])]
    if headings:
        return headings[-1]
    for number in sorted((p for p in page_texts if p < page), reverse=True):
        found = [m.group(1) for m in _HEADING.finditer(page_texts[number])]
        if found:
            return found[-1]
    return None


def announced_items(segments: list[Segment]) -> list[tuple[float, str]]:
    """(time, item) for each "Item four, ..." announced in a transcript, in order."""
    found = []
    for segment in segments:
        for match in _ANNOUNCED_ITEM.finditer(segment.text.strip()):
            number = item_number(match.group("item"))
            if number:
                found.append((segment.start, number))
    return found


def find_corrections(document: Document, segments: list[Segment], motion_starts: list[float]) -> list[Correction]:
    """Corrections of the record in a transcript, each read up to the next motion or CORRECTION_WINDOW seconds."""
    corrections: list[Correction] = []
    for index, segment in enumerate(segments):
        if not _TRIGGER.search(segment.text) or (corrections and segment.start <= corrections[-1].end):
            continue
        stop = min((t for t in motion_starts if t > segment.start + 0.5), default=float("inf"))
        stop = min(stop, segment.start + CORRECTION_WINDOW)
        window = [s for s in segments[index:] if s is segment or s.start < stop]
        correction = _read(document, window)
        if correction is not None:
            corrections.append(correction)
    return corrections


def _read(document: Document, window: list[Segment]) -> Correction | None:
    text = " ".join(s.text.strip() for s in window)
    correction = Correction(document, window[0].start, window[-1].end, text)
    voter = _VOTER.search(text)
    voted = _VOTED.search(text)
    was = _NOT.search(text[voted.end() :]) if voted else None
    item = re.search(_ITEM, text, re.I)
    carries = _CARRIES.search(text)
    correction.voter = surname(voter.group(1)) if voter else None
    correction.option = _OPTION_WORDS.get(voted.group(1).lower()) if voted else None
    correction.was = _OPTION_WORDS.get(was.group(1).lower()) if was else None
    correction.item = item_number(item.group("item")) if item else None
    if carries:
        yes, no = to_int(carries.group(1)), to_int(carries.group(2))
        if yes is not None and no is not None:
            correction.counts = {**dict.fromkeys(VOTE_OPTIONS), "yes": yes, "no": no}
    # A tally alone is only a correction when it names the item: "the motion carries 7 to 0" is no news.
    if (correction.voter and correction.option) or (correction.counts and correction.item):
        return correction
    return None
