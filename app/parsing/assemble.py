"""Turn what a reader found about one motion (a Draft) into the contract's MotionRecord: resolve names,
reconcile tally and named votes, read officers, policies and outcome, classify, and score confidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.parsing.classify import classify
from app.parsing.entities import find_officers, find_policies, link_officers
from app.parsing.outcomes import find_outcome
from app.parsing.records import RESULTS, MotionRecord, OfficerRecord, OutcomeRecord, SourceRecord, VoteRecord
from app.parsing.roster import Roster, voter_name
from app.parsing.tally import Tally, reconcile, result_from_counts


@dataclass
class Draft:
    """What a reader has found so far about one motion. Offsets are into the reader's text."""

    start: int
    end: int
    text: str | None = None
    mover: str | None = None
    seconder: str | None = None
    result: str | None = None
    result_pos: int | None = None
    tally: Tally | None = None
    votes: list[tuple[str, str]] = field(default_factory=list)  # (name as written, option)
    agenda_item: str | None = None
    context: str = ""  # the agenda item's title, for classification
    entity_text: str = ""  # extra text to read officers/policies/outcome from (a decision's order)
    background: str = ""  # what the item said before the motion (the charges, the officer), for discipline
    flags: list[str] = field(default_factory=list)
    evidence_start: int | None = None
    spoken: bool = False
    substitute: bool = False  # a substitute motion (the motion it replaces waits for its own result)
    outcome_kind: str | None = None  # set by a reader that knows the outcome from the form ("DENIED")
    borrowed: bool = False  # the text is a sentence near the motion, not words it was made with
    source: SourceRecord = field(default_factory=SourceRecord)
    evidence: str | None = None

    def add_vote(self, name: str, option: str) -> None:
        key = name.lower()
        for index, (known, _) in enumerate(self.votes):
            if known.lower() == key:
                self.votes[index] = (known, option)
                return
        self.votes.append((name, option))

    def set_result(self, result: str, pos: int | None = None) -> None:
        if self.result and self.result != result and result != "unknown":
            self.flags.append(f"result stated both as {self.result} and {result}")
        if not self.result or self.result == "unknown":
            self.result = result
            self.result_pos = pos


def finalize(
    draft: Draft,
    roster: Roster | None,
    known_names: list[str] | None = None,
    known_officers: list[OfficerRecord] | None = None,
) -> MotionRecord:
    """The MotionRecord for a draft. `known_officers` are the officers the whole document names, to
    complete a brief mention ("Detective Wu") with the full name and badge given elsewhere."""
    known = known_names or []
    votes: list[VoteRecord] = []
    seen: set[str] = set()
    for raw, option in draft.votes:
        name = voter_name(raw, roster, known)
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        votes.append(VoteRecord(voter=name, option=option))
    counts, flags = reconcile(draft.tally, votes)
    flags = [*draft.flags, *flags]
    result = draft.result if draft.result in RESULTS else None
    inferred = False
    if not result or result == "unknown":
        result = result_from_counts(counts)
        inferred = result is not None
        if result is None and draft.tally and draft.tally.unanimous:
            result, inferred = "passed", True
    result = result or "unknown"
    text = _clean_text(draft.text or "")
    entity_source = " | ".join(part for part in (text, draft.entity_text) if part)
    officers = find_officers(entity_source)
    classification = classify(entity_source, draft.context)
    item_text = " ".join(part for part in (draft.context, draft.background) if part)
    disciplinary = classification in ("discipline", "appeal")
    if not officers and disciplinary and item_text:
        # "Item five, the appeal from Officer Kim Ray. ... I move to deny the appeal": the item names the officer.
        officers = find_officers(item_text)
    officers = link_officers(officers, known_officers or [])
    policies = find_policies(entity_source)
    if not policies and item_text:
        # The charges are read out with the item ("for violating Policy 4.12"), not repeated in the motion;
        # other business names its policy in the item's title ("... Use Policy (Directive 14.2)").
        policies = find_policies(item_text if disciplinary else f"{draft.context} {draft.background[:200]}")
    outcome = find_outcome(entity_source, result)
    if draft.outcome_kind and outcome.kind in (None, "approved"):
        outcome = OutcomeRecord(kind=draft.outcome_kind)
    mover = voter_name(draft.mover, roster, known) if draft.mover else None
    seconder = voter_name(draft.seconder, roster, known) if draft.seconder else None
    record = MotionRecord(
        text=text,
        classification=classification,
        mover=mover,
        seconder=seconder,
        result=result,
        counts=counts,
        votes=votes,
        officers=officers,
        policies=policies,
        outcome=outcome,
        source=draft.source,
        evidence=draft.evidence,
        agenda_item=draft.agenda_item,
        flags=flags,
    )
    record.confidence = _confidence(record, draft, inferred)
    return record


def _clean_text(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:-\u2013\u2014").removesuffix(".")
    text = re.sub(r"(?:[,;]?\s+(?:and|or|but|which|the))+$", "", text, flags=re.IGNORECASE).strip(" ,;:")
    return text[:1000]


def _confidence(record: MotionRecord, draft: Draft, inferred: bool) -> float:
    """How complete the record is: a stated result, who moved and seconded, a count or names, the text."""
    score = 0.15
    if record.result != "unknown":
        score += 0.2 if inferred else 0.3
    if record.mover:
        score += 0.15
    if record.seconder:
        score += 0.1
    if record.votes:
        score += 0.2
    elif any(v is not None for v in record.counts.values()):
        score += 0.12
    if len(record.text) >= 12:
        score += 0.1
    score -= 0.15 * len(record.flags)
    if draft.spoken:
        score -= 0.05
    return round(min(1.0, max(0.05, score)), 2)
