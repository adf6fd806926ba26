"""Reconcile a meeting's minutes with its recording: match the motions each found, show where they disagree.

The minutes (any PDF of the meeting, and motions a clerk entered) are one side, the recording
(audio or video transcripts) the other. Motions are paired in order (an alignment, so order
counts) by the words of the motion, the agenda item (linked, or read from the source: the
minutes' numbered headings, the chair's "Item four, ..."), and the officers and policies named.
For each pair the fields the two sides state differently are listed; a motion found in only one
side is listed too; and the transcript after each motion is read for a correction of the record
("For the record, Commissioner Hughes voted no on item four, not yes"). The clerk settles each:
the kept motion takes the chosen values and is verified, the other is retired as merged into it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Document, Meeting, Motion, Segment, User
from app.models.motion import VOTE_OPTIONS
from app.models.visibility import INCLUDE_RETIRED
from app.parsing.numbers import NUMBER_WORDS, to_int
from app.parsing.roster import surname
from app.services import review
from app.services.reconcile_sources import (
    Correction,
    announced_items,
    find_corrections,
    format_tally,
    item_in_minutes,
)

WRITTEN, HEARD = "minutes", "recording"
MATCH_THRESHOLD = 0.45
_STOP = set("a an and as at be by for from i in is it of on or that the this to we with move moved".split())
_TOKEN = re.compile(r"\d+(?:\.\d+)*|[a-z]+")


@dataclass
class Side:
    """One motion as one source tells it, with the agenda item it belongs to (linked or read)."""

    motion: Motion
    source: str
    item: str | None = None
    item_read: bool = False  # read from the source text rather than linked by a clerk


@dataclass
class Difference:
    field: str  # tally, mover, seconder, result, votes, outcome, officers, policies
    label: str
    written: str
    heard: str
    settled_by: Correction | None = None  # the correction makes the recording agree with the minutes


@dataclass
class Pair:
    """One motion matched across the sources (or found in only one), and what differs."""

    written: Side | None
    heard: Side | None
    score: float = 0.0
    differences: list[Difference] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """differ, agree, recording_only, minutes_only, fragment, or confirmed (one source, verified by a clerk)."""
        single = self.heard if self.written is None else self.written if self.heard is None else None
        if single is not None:
            if single.motion.review == "verified" and not self.corrections:
                return "confirmed"
            if self.written is None:
                return "recording_only"
            return "fragment" if not single.motion.text.strip() else "minutes_only"
        return "differ" if self.differences or self.corrections else "agree"

    @property
    def item(self) -> str | None:
        sides = [s for s in (self.written, self.heard) if s is not None]
        linked = [s.item for s in sides if s.item and not s.item_read]
        return (linked or [s.item for s in sides if s.item] or [None])[0]

    @property
    def motions(self) -> list[Motion]:
        return [s.motion for s in (self.written, self.heard) if s is not None]


@dataclass
class Reconciliation:
    meeting: Meeting
    written_documents: list[Document]
    heard_documents: list[Document]
    pairs: list[Pair]
    settled: list[tuple[Motion, list[Motion]]]  # a kept motion and those merged into it

    @property
    def ready(self) -> bool:
        return bool(self.written_documents and self.heard_documents)

    @property
    def to_settle(self) -> list[Pair]:
        return [p for p in self.pairs if p.kind not in ("agree", "confirmed")]

    @property
    def confirmed(self) -> list[Pair]:
        return [p for p in self.pairs if p.kind == "confirmed"]

    @property
    def agreeing(self) -> list[Pair]:
        return [p for p in self.pairs if p.kind == "agree"]


# ---- reading the sources ---------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """The content words of a motion, numbers as digits ("thirty-day" and "30 day" agree)."""
    text = re.sub(rf"\b{NUMBER_WORDS}\b", lambda m: str(to_int(m.group(0)) or m.group(0)), text.lower())
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    return [t for t in _TOKEN.findall(text) if t not in _STOP]


def similarity(a: str, b: str) -> float:
    """0..1: how alike two motions' wordings are (word order and shared words)."""
    left, right = tokens(a), tokens(b)
    if not left or not right:
        return 0.0
    ordered = difflib.SequenceMatcher(None, left, right).ratio()
    shared = len(set(left) & set(right)) / len(set(left) | set(right))
    return (ordered + shared) / 2


# ---- matching and comparing --------------------------------------------------------------


def pair_score(written: Side, heard: Side) -> float:
    """How surely two motions are the same one: their words, agenda item, officers and policies."""
    score = similarity(written.motion.text, heard.motion.text)
    if written.item and heard.item:
        both_read = written.item_read and heard.item_read
        score += 0.3 if written.item == heard.item else (-0.1 if both_read else -0.25)
    return score + _subjects_bonus(written.motion, heard.motion)


def _subjects_bonus(a: Motion, b: Motion) -> float:
    """+0.1 per kind of subject (officers, policies) both name alike, less where they name others."""
    bonus = 0.0
    for mine, theirs in (
        ({x.officer_id for x in a.officer_links}, {x.officer_id for x in b.officer_links}),
        ({x.policy_id for x in a.policy_links}, {x.policy_id for x in b.policy_links}),
    ):
        if mine and theirs:
            bonus += 0.1 if mine == theirs else (0.05 if mine & theirs else -0.05)
    return bonus


def align(written: list[Side], heard: list[Side], threshold: float = MATCH_THRESHOLD) -> list[Pair]:
    """Pair the two lists in order, maximising the total score of pairs above `threshold`."""
    rows, cols = len(written), len(heard)
    scores = [[pair_score(w, h) for h in heard] for w in written]
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if scores[i][j] >= threshold:
                options.append(scores[i][j] + best[i + 1][j + 1])
            best[i][j] = max(options)
    pairs: list[Pair] = []
    i = j = 0
    while i < rows or j < cols:
        if i < rows and j < cols and scores[i][j] >= threshold and best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            pairs.append(Pair(written[i], heard[j], scores[i][j]))
            i, j = i + 1, j + 1
        elif i < rows and (j >= cols or best[i][j] == best[i + 1][j]):
            pairs.append(Pair(written[i], None))
            i += 1
        else:
            pairs.append(Pair(None, heard[j]))
            j += 1
    return pairs


def _person(motion: Motion, attr: str) -> str | None:
    member = getattr(motion, f"{attr}_member")
    raw = getattr(motion, attr)
    return member.name if member else (surname(raw) if raw else None)


def _same_tally(a: dict[str, int | None], b: dict[str, int | None]) -> bool:
    return all(a[o] is None or b[o] is None or a[o] == b[o] for o in VOTE_OPTIONS)


def compare(written: Motion, heard: Motion, corrections: list[Correction]) -> list[Difference]:
    """The fields two sources state differently (a field only one source states is no disagreement)."""
    found = []
    for attr, label in (("mover", "Moved by"), ("seconder", "Seconded by")):
        mine, theirs = _person(written, attr), _person(heard, attr)
        if mine and theirs and mine.lower() != theirs.lower():
            found.append(Difference(attr, label, mine, theirs))
    if "unknown" not in (written.result, heard.result) and written.result != heard.result:
        found.append(Difference("result", "Result", written.result, heard.result))
    counts_w, counts_h = written.counts(), heard.counts()
    if not _same_tally(counts_w, counts_h):
        difference = Difference("counts", "Tally", format_tally(counts_w), format_tally(counts_h))
        difference.settled_by = next((c for c in corrections if c.counts and _same_tally(counts_w, c.counts)), None)
        found.append(difference)
    votes_w = {(v.member_id or v.voter_name.lower()): v for v in written.votes}
    clashes = []
    for vote in heard.votes:
        mine = votes_w.get(vote.member_id or vote.voter_name.lower())
        if mine is not None and mine.option != vote.option:
            clashes.append((mine, vote))
    if clashes:
        found.append(
            Difference(
                "votes",
                "Votes",
                "; ".join(f"{a.voter_name}: {a.option}" for a, _ in clashes),
                "; ".join(f"{b.voter_name}: {b.option}" for _, b in clashes),
            )
        )
    if written.outcome_kind and heard.outcome_kind and written.outcome_kind != heard.outcome_kind:
        found.append(Difference("outcome", "Outcome", written.outcome_kind, heard.outcome_kind))
    elif written.outcome_days and heard.outcome_days and written.outcome_days != heard.outcome_days:
        found.append(Difference("outcome", "Outcome", f"{written.outcome_days} days", f"{heard.outcome_days} days"))
    for attr, label, show in (("officers", "Officers", "display_name"), ("policies", "Policies", "code")):
        mine_set = {getattr(x, show) for x in getattr(written, attr)}
        theirs_set = {getattr(x, show) for x in getattr(heard, attr)}
        if mine_set and theirs_set and mine_set != theirs_set:
            found.append(Difference(attr, label, ", ".join(sorted(mine_set)), ", ".join(sorted(theirs_set))))
    return found


# ---- the meeting -------------------------------------------------------------------------


def _documents(meeting: Meeting) -> tuple[list[Document], list[Document]]:
    documents = list(db.session.scalars(select(Document).where(Document.meeting_id == meeting.id)))
    return [d for d in documents if not d.is_media], [d for d in documents if d.is_media and d.transcript]


def _segments(document: Document) -> list[Segment]:
    assert document.transcript is not None
    stmt = select(Segment).where(Segment.transcript_id == document.transcript.id).order_by(Segment.start)
    return list(db.session.scalars(stmt))


def reconcile(meeting: Meeting) -> Reconciliation:
    """Match the meeting's motions across minutes and recording and list every disagreement."""
    written_docs, heard_docs = _documents(meeting)
    merged = [m for m in review.meeting_motions(meeting, include_retired=True) if m.review == "merged"]
    kept: dict[int, list[Motion]] = {}
    for motion in merged:
        if motion.superseded_by_id is not None:
            kept.setdefault(motion.superseded_by_id, []).append(motion)
    motions = [m for m in review.meeting_motions(meeting) if m.id not in kept]
    settled = [(m, kept[m.id]) for m in review.meeting_motions(meeting) if m.id in kept]
    pages = {d.id: {p.number: p.text for p in d.pages} for d in written_docs}
    written: list[Side] = []
    for motion in motions:
        if motion.document is not None and motion.document.is_media:
            continue
        side = Side(motion, WRITTEN, motion.agenda_item.number if motion.agenda_item else None)
        if side.item is None and motion.document_id in pages:
            side.item = item_in_minutes(pages[motion.document_id], motion.source_page, motion.evidence)
            side.item_read = side.item is not None
        written.append(side)
    heard: list[Side] = []
    corrections: list[Correction] = []
    for document in heard_docs:
        segments = _segments(document)
        announced = announced_items(segments)
        own = sorted((m for m in motions if m.document_id == document.id), key=lambda m: m.source_start or 0.0)
        corrections += find_corrections(document, segments, [m.source_start for m in own if m.source_start is not None])
        for motion in own:
            side = Side(motion, HEARD, motion.agenda_item.number if motion.agenda_item else None)
            if side.item is None and motion.source_start is not None:
                before = [item for at, item in announced if at <= motion.source_start + 0.5]
                side.item, side.item_read = (before[-1], True) if before else (None, False)
            heard.append(side)
    fragments = [s for s in written if not s.motion.text.strip()]
    pairs = align([s for s in written if s.motion.text.strip()], heard)
    for fragment in fragments:  # right after the motion it most likely belongs to
        position = fragment.motion.position
        earlier = [i for i, p in enumerate(pairs) if p.written and p.written.motion.position < position]
        pairs.insert(earlier[-1] + 1 if earlier else 0, Pair(fragment, None))
    for correction in corrections:
        target = _correction_target(pairs, correction)
        if target is not None:
            target.corrections.append(correction)
    for pair in pairs:
        if pair.written and pair.heard:
            pair.differences = compare(pair.written.motion, pair.heard.motion, pair.corrections)
    return Reconciliation(meeting, written_docs, heard_docs, pairs, settled)


def _correction_target(pairs: list[Pair], correction: Correction) -> Pair | None:
    """The motion a correction is about: the one on the item it names, else the last one heard before it."""
    before = [p for p in pairs if p.heard is None or (p.heard.motion.source_end or 0.0) <= correction.start + 0.5]
    if correction.item:
        on_item = [p for p in before if p.item == correction.item and p.kind != "fragment"]
        on_item.sort(key=lambda p: p.heard is not None)  # stable: a motion both sources hold wins
        if on_item:
            return on_item[-1]
    heard = [p for p in before if p.heard is not None and p.heard.motion.document_id == correction.document.id]
    return heard[-1] if heard else None


# ---- settling ------------------------------------------------------------------------------


def recording_of(motion: Motion) -> Document | None:
    """The recording a motion was heard in: its own document, or that of a recording's motion merged into it."""
    if motion.source_start is None:
        return None
    if review.heard(motion):
        return motion.document
    stmt = (
        select(Motion)
        .where(Motion.superseded_by_id == motion.id, Motion.review == "merged")
        .order_by(Motion.id)
        .execution_options(**INCLUDE_RETIRED)
    )
    for merged in db.session.scalars(stmt):
        if review.heard(merged) and merged.source_start == motion.source_start:
            return merged.document
    return None


def heard_counterpart(motion: Motion) -> Motion | None:
    """The recording's own motion that is most likely this minutes motion, before a clerk settles the two.

    Matched by wording and subjects (as the reconcile screen scores pairs), so a resident reading
    the minutes' record can still hear the moment; None for a motion heard itself or with no match.
    """
    if motion.source_start is not None or motion.document is None or motion.document.is_media:
        return None
    stmt = (
        select(Motion)
        .join(Document, Motion.document_id == Document.id)
        .where(
            Motion.meeting_id == motion.meeting_id,
            Motion.source_start.is_not(None),
            Document.kind.in_(("audio", "video")),
        )
        .order_by(Motion.source_start)
        .options(selectinload(Motion.officer_links), selectinload(Motion.policy_links))
    )
    scored = [
        (similarity(motion.text, heard.text) + _subjects_bonus(motion, heard), heard)
        for heard in db.session.scalars(stmt)
    ]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best[1] if best[0] >= MATCH_THRESHOLD else None


def settle_pair(
    keep: Motion,
    other: Motion,
    *,
    take: dict[str, str],
    correction: Correction | None,
    versions: tuple[int | None, int | None],
    user: User | None,
    reason: str | None,
) -> Motion:
    """Keep one motion of a pair with the values the clerk chose, retire the other as merged into it.

    `take` maps a field to "keep" or "other" (whose value wins); `correction`, when given, is
    applied on top (the corrected voter's vote and the corrected tally). Flushes.
    """
    edit = review.combined_edit(keep, other, take)
    if correction is not None:
        apply_correction(edit, correction)
    return review.merge_motions(keep, other, versions=versions, user=user, reason=reason, edit=edit)


def apply_correction(edit: review.MotionEdit, correction: Correction) -> None:
    """Set the corrected voter's vote and the corrected tally on an edit."""
    if correction.voter and correction.option:
        folded = correction.voter.lower()
        votes = [(v, o) for v, o in edit.votes if surname(v).lower() != folded]
        edit.votes = [*votes, (correction.voter, correction.option)]
    if correction.counts:
        edit.counts = dict(correction.counts)
