"""The search index: one `search_doc` row per searchable thing of a *published* meeting.

A row is a motion, a PDF page or a transcript segment. On SQLite an FTS5 table (`search_fts`,
migration 0002) indexes `names` and `content`, and triggers keep it in step with `search_doc`;
on PostgreSQL a stored tsvector column with a GIN index does (`tsv`, migration 0005).

Two choices make every query fast at a million rows (see docs/benchmarks.md, "Search at a million rows"):

* Only published meetings are indexed. Publishing and unpublishing reindex the meeting
  (services/meetings.py), and the query side still drops rows of any meeting that is not
  published, so a draft can never show even while its rows linger.
* The row id *is* the sort order. `doc_key` packs (kind, meeting date, meeting id, place in
  the meeting) into the 63-bit id so that ascending ids are newest first: FTS5 (or PostgreSQL,
  walking its primary key) lists matches in result order (`ORDER BY id LIMIT n`) and stops
  early, a date range is an id range, and motions and passages are two disjoint ranges.

The filters a search offers (officer, policy, outcome, result, vote split, commissioner and
how they voted, board) are indexed as *facet tokens* in `names`: words such as
`bwfout0suspension0` that no text contains. A filter is then one more term of the same FTS5
query, and a per-filter count is one capped count, with no join.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Document, DocumentPage, Meeting, Motion, MotionOfficer, MotionPolicy, Segment, Transcript

log = logging.getLogger(__name__)

search_doc = Table(
    "search_doc",
    db.metadata,
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),  # see doc_key
    Column("meeting_id", Integer, ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # motion | segment | page
    Column("ref_id", Integer, nullable=False),
    Column("document_id", Integer),
    Column("start", Float),
    Column("page", Integer),
    Column("names", Text, nullable=False),
    Column("content", Text, nullable=False),
    Index("ix_search_doc_kind_ref_id", "kind", "ref_id"),
)

MARK_START, MARK_END = "\x02", "\x03"  # snippet markers: never in indexed text
_STRIP_MARKS = str.maketrans({MARK_START: " ", MARK_END: " ", "\x00": " "})
_BATCH = 2000

# ---------------------------------------------------------------- the rowid layout
# bit 62: motion (1) or passage (0); bits 42-61: the meeting's date, counted down (DATE_LIMIT - 1 -
# proleptic ordinal, to the year 2871); bits 21-41: the meeting id, counted down; bits 0-20: the
# row's place in the meeting. So *ascending* rowids list results newest first: FTS5's ascending
# walk is the one to rely on (SQLite 3.40's FTS5 can skip rows of an AND query walked
# `ORDER BY rowid DESC`). A motion's place takes bits 9-20, and bits 0-8 carry its outcome,
# result and vote split (FACET_CODES), so one pass over the newest matches counts every value of
# those filters without reading a row.
KIND_SHIFT, DATE_SHIFT, MEETING_SHIFT = 62, 42, 21
MOTION_PLACE_SHIFT = 9
DATE_LIMIT = 1 << (KIND_SHIFT - DATE_SHIFT)
MEETING_LIMIT = 1 << (DATE_SHIFT - MEETING_SHIFT)
PASSAGE_LIMIT = 1 << MEETING_SHIFT  # passages (pages and segments) of one meeting
MOTION_LIMIT = 1 << (MEETING_SHIFT - MOTION_PLACE_SHIFT)  # motions of one meeting
MOTION_KIND, PASSAGE_KIND = 1, 0

# name, shift, bits, values (code = index + 1; 0 = none recorded, the last code = any other value)
FACET_CODES: dict[str, tuple[int, int, tuple[str, ...]]] = {
    "outcome": (
        5,
        4,
        (
            "suspension",
            "termination",
            "reprimand",
            "reinstatement",
            "appeal_granted",
            "appeal_denied",
            "not_guilty",
            "approved",
            "denied",
        ),
    ),
    "result": (2, 3, ("passed", "failed", "withdrawn", "tabled", "unknown")),
    "split": (0, 2, ("divided", "unanimous")),
}


def facet_code(name: str, value: str | None) -> int:
    """The bits of one filter value in a motion's rowid (0 for none, all ones for a value not listed)."""
    shift, bits, values = FACET_CODES[name]
    if not value:
        return 0
    code = values.index(value) + 1 if value in values else (1 << bits) - 1
    return code << shift


def facet_value(name: str, low_bits: int) -> str | None:
    """The filter value a rowid's low bits carry ("" for a value not listed, None for none)."""
    shift, bits, values = FACET_CODES[name]
    code = (low_bits >> shift) & ((1 << bits) - 1)
    if code == 0:
        return None
    return values[code - 1] if code <= len(values) else ""


def _ordinal(date: dt.date) -> int:
    return min(date.toordinal(), DATE_LIMIT - 1)


def doc_key(kind: int, date: dt.date, meeting_id: int, place: int, facets: int = 0) -> int:
    """The rowid of a meeting's `place`-th motion (kind 1, with its facet bits) or passage (kind 0)."""
    limit = MOTION_LIMIT if kind == MOTION_KIND else PASSAGE_LIMIT
    if not 0 < meeting_id < MEETING_LIMIT or not 0 <= place < limit:
        raise ValueError(f"meeting {meeting_id}, row {place}: outside the search index layout")
    high = _meeting_key(kind, date, meeting_id)
    if kind == MOTION_KIND:
        return high | (place << MOTION_PLACE_SHIFT) | facets
    return high | place


def _meeting_key(kind: int, date: dt.date, meeting_id: int) -> int:
    """The lowest rowid of a meeting's rows (its date and id counted down, so newer sorts first)."""
    days = DATE_LIMIT - 1 - _ordinal(date)
    return (kind << KIND_SHIFT) | (days << DATE_SHIFT) | ((MEETING_LIMIT - 1 - meeting_id) << MEETING_SHIFT)


def key_range(kind: int, date_from: dt.date | None = None, date_to: dt.date | None = None) -> tuple[int, int]:
    """The inclusive rowid range of one kind of row between two dates (either may be open)."""
    newest = DATE_LIMIT - 1 - _ordinal(date_to) if date_to else 0
    oldest = DATE_LIMIT - 1 - _ordinal(date_from) if date_from else DATE_LIMIT - 1
    return (kind << KIND_SHIFT) + (newest << DATE_SHIFT), (kind << KIND_SHIFT) + ((oldest + 1) << DATE_SHIFT) - 1


def meeting_of(key: int) -> int:
    return MEETING_LIMIT - 1 - ((key >> MEETING_SHIFT) & (MEETING_LIMIT - 1))


# ---------------------------------------------------------------- facet tokens

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
FACET_PREFIX = "bwf"
ALL_MOTIONS = FACET_PREFIX + "kind0motion0"  # on every motion: "all motions" is one doclist, not a table scan


def facet(name: str, value: object) -> str:
    """The token standing for one filter value, e.g. facet("out", "appeal_denied") == "bwfout0appealdenied0".

    Letters and digits only (the tokenizer keeps it whole) and ending in a digit (the Porter
    stemmer leaves it alone), so the same string matches at index and at query time.
    """
    return f"{FACET_PREFIX}{name}0{_NOT_ALNUM.sub('', str(value).casefold())}0"


def split_of(yes: int | None, no: int | None) -> str | None:
    """ "divided" when members voted both ways, "unanimous" when only one way, None when unknown."""
    if yes is None and no is None:
        return None
    if (yes or 0) > 0 and (no or 0) > 0:
        return "divided"
    return "unanimous" if (yes or 0) + (no or 0) > 0 else None


@dataclass(frozen=True)
class MotionFacts:
    """What the index needs of one motion, as plain values (the benchmark builds these directly)."""

    motion_id: int
    text: str
    classification: str
    result: str
    body_id: int
    mover: str | None = None
    seconder: str | None = None
    mover_id: int | None = None
    seconder_id: int | None = None
    outcome_kind: str | None = None
    outcome_text: str | None = None
    evidence: str | None = None
    agenda_title: str | None = None
    yes_count: int | None = None
    no_count: int | None = None
    votes: tuple[tuple[int | None, str], ...] = ()  # (member id, option)
    officers: tuple[tuple[int, str | None, str, str | None], ...] = ()  # (id, rank, name, badge)
    policies: tuple[tuple[int, str, str | None], ...] = ()  # (id, code, title)
    document_id: int | None = None
    start: float | None = None
    page: int | None = None

    @classmethod
    def of(cls, motion: Motion, body_id: int) -> MotionFacts:
        return cls(
            motion_id=motion.id,
            text=motion.text,
            classification=motion.classification,
            result=motion.result,
            body_id=body_id,
            mover=motion.mover,
            seconder=motion.seconder,
            mover_id=motion.mover_id,
            seconder_id=motion.seconder_id,
            outcome_kind=motion.outcome_kind,
            outcome_text=motion.outcome_text,
            evidence=motion.evidence,
            agenda_title=motion.agenda_item.title if motion.agenda_item else None,
            yes_count=motion.yes_count,
            no_count=motion.no_count,
            votes=tuple((v.member_id, v.option) for v in motion.votes),
            officers=tuple((o.id, o.rank, o.name, o.badge) for o in motion.officers),
            policies=tuple((p.id, p.code, p.title) for p in motion.policies),
            document_id=motion.document_id,
            start=motion.source_start,
            page=motion.source_page,
        )

    def tally(self) -> tuple[int | None, int | None]:
        """Yes and no as the record states them, else as the named votes add up."""
        if self.yes_count is not None or self.no_count is not None:
            return self.yes_count, self.no_count
        if not self.votes:
            return None, None
        options = [option for _, option in self.votes]
        return options.count("yes"), options.count("no")

    def facet_bits(self) -> int:
        """Outcome, result and vote split as the low bits of the motion's rowid."""
        split = split_of(*self.tally())
        return facet_code("outcome", self.outcome_kind) | facet_code("result", self.result) | facet_code("split", split)

    def facets(self) -> list[str]:
        tokens = [ALL_MOTIONS, facet("bod", self.body_id), facet("res", self.result), facet("cls", self.classification)]
        if self.outcome_kind:
            tokens.append(facet("out", self.outcome_kind))
        split = split_of(*self.tally())
        if split:
            tokens.append(facet("spl", split))
        tokens += [facet("ofc", officer[0]) for officer in self.officers]
        tokens += [facet("pol", policy[0]) for policy in self.policies]
        members = {self.mover_id, self.seconder_id}
        for member_id, option in self.votes:
            tokens.append(facet("vot", option))
            if member_id is not None:
                members.add(member_id)
                tokens.append(facet("mv", f"{member_id}v{option}"))
        tokens += [facet("mem", member_id) for member_id in sorted(m for m in members if m is not None)]
        return list(dict.fromkeys(tokens))


def _clean(*parts: str | None, sep: str = " ") -> str:
    return sep.join(p for p in parts if p).translate(_STRIP_MARKS)


def motion_doc(facts: MotionFacts) -> tuple[str, str]:
    """(names, content) of a motion's row.

    `content` is what reads well in a snippet (the motion, then its outcome and the quoted
    evidence where they add words); `names` holds people, officers, policies and labels that
    should match but never be shown as prose, then the facet tokens.
    """
    names: list[str | None] = [facts.mover, facts.seconder]
    for _, rank, name, badge in facts.officers:
        names += [rank, name, badge and f"badge {badge}"]
    for _, code, title in facts.policies:
        names += [code, title]
    names += [
        facts.outcome_kind and facts.outcome_kind.replace("_", " "),
        facts.classification.replace("_", " "),
        facts.agenda_title,
        *facts.facets(),
    ]
    content = [facts.text]
    for extra in (facts.outcome_text, facts.evidence):
        if extra and extra.casefold() not in " ".join(content).casefold():
            content.append(extra)
    return _clean(*names), _clean(*content, sep=" \u2014 ")


# ---------------------------------------------------------------- writing rows


def keyed_ids(dialect: str) -> bool:
    """True where search_doc.id holds 63-bit `doc_key`s: SQLite, and PostgreSQL from migration 0005."""
    return dialect in ("sqlite", "postgresql")


def motion_rows(meeting: Meeting, facts: Iterable[MotionFacts], *, keyed: bool) -> Iterator[dict[str, Any]]:
    """Index rows of a meeting's motions, given in the meeting's order."""
    for place, item in enumerate(facts):
        if place >= MOTION_LIMIT:
            log.error("meeting %s: more than %s motions; the rest are not searchable", meeting.id, MOTION_LIMIT)
            return
        names, content = motion_doc(item)
        row = {
            "meeting_id": meeting.id,
            "kind": "motion",
            "ref_id": item.motion_id,
            "document_id": item.document_id,
            "start": item.start,
            "page": item.page,
            "names": names,
            "content": content,
        }
        if keyed:
            row["id"] = doc_key(MOTION_KIND, meeting.date, meeting.id, place, item.facet_bits())
        yield row


def passage_rows(meeting: Meeting, passages: Iterable[tuple], *, keyed: bool) -> Iterator[dict[str, Any]]:
    """Index rows of a meeting's pages and segments: (kind, ref id, document id, start, page, speaker, text)."""
    body_token = facet("bod", meeting.body_id)
    for place, (kind, ref_id, document_id, start, page, speaker, text) in enumerate(passages):
        if place >= PASSAGE_LIMIT:
            log.error("meeting %s: over %s pages and segments; the rest are not searchable", meeting.id, PASSAGE_LIMIT)
            return
        row = {
            "meeting_id": meeting.id,
            "kind": kind,
            "ref_id": ref_id,
            "document_id": document_id,
            "start": start,
            "page": page,
            "names": _clean(speaker, body_token),
            "content": _clean(text),
        }
        if keyed:
            row["id"] = doc_key(PASSAGE_KIND, meeting.date, meeting.id, place)
        yield row


def reindex_meeting(meeting: Meeting) -> None:
    """Replace the search rows of one meeting with what the database holds now (flushes only).

    A meeting that is not published keeps no rows: this is how unpublishing takes it out.
    """
    db.session.flush()
    db.session.execute(delete(search_doc).where(search_doc.c.meeting_id == meeting.id))
    if meeting.status != "published":
        return
    keyed = keyed_ids(db.session.get_bind().dialect.name)
    motions = db.session.scalars(
        select(Motion)
        .where(Motion.meeting_id == meeting.id)
        .order_by(Motion.position, Motion.id)
        .options(
            selectinload(Motion.officer_links).selectinload(MotionOfficer.officer),
            selectinload(Motion.policy_links).selectinload(MotionPolicy.policy),
            selectinload(Motion.agenda_item),
            selectinload(Motion.votes),
        )
    ).all()
    _insert(motion_rows(meeting, (MotionFacts.of(m, meeting.body_id) for m in motions), keyed=keyed))
    pages = db.session.execute(
        select(DocumentPage.id, DocumentPage.document_id, DocumentPage.number, DocumentPage.text)
        .join(Document, Document.id == DocumentPage.document_id)
        .where(Document.meeting_id == meeting.id, DocumentPage.text != "")
        .order_by(DocumentPage.document_id, DocumentPage.number)
    ).all()
    segments = db.session.execute(
        select(Segment.id, Transcript.document_id, Segment.start, Segment.speaker, Segment.text)
        .join(Transcript, Transcript.id == Segment.transcript_id)
        .join(Document, Document.id == Transcript.document_id)
        .where(Document.meeting_id == meeting.id)
        .order_by(Transcript.document_id, Segment.start, Segment.id)
    ).all()
    passages = [("page", pid, did, None, number, None, text) for pid, did, number, text in pages]
    passages += [("segment", sid, did, start, None, speaker, text) for sid, did, start, speaker, text in segments]
    _insert(passage_rows(meeting, passages, keyed=keyed))
    db.session.flush()


def rebuild_index() -> int:
    """Reindex every meeting (after an upgrade that changes the layout); returns how many were published."""
    count = 0
    for meeting in db.session.scalars(select(Meeting).order_by(Meeting.id)).all():
        reindex_meeting(meeting)
        count += meeting.status == "published"
    return count


def _insert(rows: Iterable[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            db.session.execute(insert(search_doc), batch)
            batch = []
    if batch:
        db.session.execute(insert(search_doc), batch)


def rows_after_meeting(kind: int, date: dt.date, meeting_id: int) -> int:
    """The lowest rowid that comes after every row of the given meeting in result order."""
    meeting = min(max(meeting_id, 0), MEETING_LIMIT - 1)
    return _meeting_key(kind, date, meeting) + (1 << MEETING_SHIFT)
