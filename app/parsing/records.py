"""Plain dataclasses the readers produce: the motion record contract in DESIGN.md.

Nothing here touches the database. `MotionRecord.to_dict()` gives the JSON shape that
the API, the exports and `flask extract` speak (keys are only ever added).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Vote options. "absent": not present for the vote; "excused": absence excused by the board;
# "abstain": present and declined to vote; "recused": stepped aside for a conflict.
VOTE_OPTIONS = ("yes", "no", "abstain", "absent", "excused", "recused")
RESULTS = ("passed", "failed", "withdrawn", "tabled", "unknown")
CLASSIFICATIONS = (
    "discipline",
    "appeal",
    "policy",
    "minutes_agenda",
    "hiring",
    "budget_contract",
    "resolution",
    "licensing",
    "other",
)


@dataclass
class VoteRecord:
    voter: str
    option: str


@dataclass
class OfficerRecord:
    name: str
    rank: str | None = None
    badge: str | None = None


@dataclass
class PolicyRecord:
    code: str
    title: str | None = None


@dataclass
class OutcomeRecord:
    kind: str | None = None
    days: int | None = None
    paid: bool | None = None
    text: str | None = None


@dataclass
class SourceRecord:
    """Where a motion was read: a PDF page, or a time span of audio (seconds)."""

    document: str | None = None  # sha256 of the document
    page: int | None = None
    start: float | None = None
    end: float | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.start is not None or self.end is not None:
            return {"document": self.document, "start": self.start, "end": self.end}
        return {"document": self.document, "page": self.page}


@dataclass
class MotionRecord:
    text: str
    classification: str = "other"
    mover: str | None = None
    seconder: str | None = None
    result: str = "unknown"
    counts: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(VOTE_OPTIONS))
    votes: list[VoteRecord] = field(default_factory=list)
    officers: list[OfficerRecord] = field(default_factory=list)
    policies: list[PolicyRecord] = field(default_factory=list)
    outcome: OutcomeRecord = field(default_factory=OutcomeRecord)
    source: SourceRecord = field(default_factory=SourceRecord)
    evidence: str | None = None
    confidence: float = 0.5
    agenda_item: str | None = None
    review: str = "machine"
    flags: list[str] = field(default_factory=list)  # reasons a clerk should look (e.g. tally/names disagree)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON shape (without id/meeting, which the database adds)."""
        return {
            "agenda_item": self.agenda_item,
            "text": self.text,
            "classification": self.classification,
            "mover": self.mover,
            "seconder": self.seconder,
            "result": self.result,
            "counts": dict(self.counts),
            "votes": [{"voter": v.voter, "option": v.option} for v in self.votes],
            "officers": [{"name": o.name, "rank": o.rank, "badge": o.badge} for o in self.officers],
            "policies": [{"code": p.code, "title": p.title} for p in self.policies],
            "outcome": {
                "kind": self.outcome.kind,
                "days": self.outcome.days,
                "paid": self.outcome.paid,
                "text": self.outcome.text,
            },
            "source": self.source.to_dict(),
            "evidence": self.evidence,
            "confidence": round(self.confidence, 2),
            "review": self.review,
            "flags": list(self.flags),
        }


@dataclass
class PageText:
    """Text of one page of a written document (1-based page number)."""

    number: int
    text: str


@dataclass
class TimedText:
    """One transcript segment: seconds from the start of the recording."""

    start: float
    end: float
    text: str
    speaker: str | None = None
    offset: int | None = None  # where `text` starts in the source text it was cut from (plain-text transcripts)
