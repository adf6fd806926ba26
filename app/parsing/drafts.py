"""Drafts of motions built from one piece of written minutes: a motion being made, a result with no motion
before it, a vote block with no motion before it; and the agenda item a draft sits under. `floor` is where
reading back must stop (the end of the previous motion, or the start of the draft's own record)."""

from __future__ import annotations

import re

from app.parsing.assemble import Draft
from app.parsing.blocks import Block
from app.parsing.layout import last_heading, sentence_end, sentence_start
from app.parsing.narrative import Start, find_seconder, motion_words, skip_tally_to
from app.parsing.results import Result
from app.parsing.stated import stated_after, stated_nearby
from app.parsing.tallied import officer_lines

_INLINE_ITEM = re.compile(r"(?:^|\s)\*?(?P<number>(?:S-)?\d{1,3})\s+(?=[A-Z][a-z])")


MATTER_FIELD = re.compile(r"\s*(?i:request|subject|matter|application|proposal|description)\s*:")


def from_start(text: str, event: Start, ceiling: int) -> Draft:
    """A draft from a motion being made; its words and seconder are read up to `ceiling` (the next event)."""
    ceiling = max(ceiling, event.end)
    sentence_stop = sentence_end(text, event.end, ceiling)
    region_end = max(sentence_stop, event.end)
    seconder, sec_start, sec_end = find_seconder(text, event.start, min(ceiling, region_end + 250))
    if seconder and sec_start > region_end:
        # "..., seconded by Y." just after the sentence ends is still this motion's seconder.
        if not re.fullmatch(r"[\s.,]*", text[region_end:sec_start]) and sec_start - region_end > 40:
            seconder = None
        else:
            region_end = max(region_end, sentence_end(text, sec_end))
    words = event.text or motion_words(text, event.end, cut_at_result(text, event.end, sentence_stop))
    full_stop = sentence_end(text, event.end)
    if not words and ceiling < full_stop:
        # "Moved by X, seconded by Y, and carried unanimously to approve the Warrant List."
        after = re.search(r"\b(?:to|that)\b", text[ceiling:full_stop])
        words = skip_tally_to(text[ceiling + after.start() : full_stop].rstrip(".")) if after else None
    if event.text and event.text.lower().startswith("motion "):
        words = event.text[len("motion ") :]
    borrowed = False
    if not words or re.match(r"(?:by\b:?\s*)+", words, re.IGNORECASE) or len(words.strip()) < 4:
        nearby = stated_nearby(text, event.start, region_end)
        words, borrowed = nearby or words, bool(nearby)
    draft = Draft(start=event.start, end=region_end, text=words, mover=event.mover, borrowed=borrowed)
    draft.substitute = event.substitute
    draft.seconder = event.seconder or seconder
    set_agenda(text, draft, [])
    item = re.search(r"\bItem\s+(?:No\.?\s*)?(\d{1,3}(?:\.\d{1,2})?[A-Za-z]?)\b", words or "")
    if item:
        draft.agenda_item = item.group(1)
    return draft


def cut_at_result(text: str, start: int, end: int) -> int:
    """Motion words stop where the sentence goes on to say how the vote went."""
    match = re.search(
        r",?\s*(?:and\s+)?(?:the\s+|said\s+|set\s+|this\s+)?motion\s+(?:was\s+)?(?:carried|passed|failed|approved)"
        r"|\bby\s+the\s+following\s+vote|[;,]\s*(?:and\s+)?(?:the|said|this)\s+motion\s+(?:was|is)\b",
        text[start:end],
        re.IGNORECASE,
    )
    return start + match.start() if match else end


def from_result(text: str, event: Result, drafts: list[Draft], lower: int = 0) -> Draft:
    """A result with no motion before it: its words are the sentence (or agenda heading) it closes."""
    floor = max(drafts[-1].end if drafts else 0, lower)
    if event.passive_subject:
        words = event.passive_subject
        start = event.start
    else:
        start = sentence_start(text, event.start, floor)
        words = text[start : event.start].strip()
        if len(words) < 8:
            previous = sentence_start(text, max(floor, start - 2), floor)
            words = text[previous:start].strip() if start - previous < 400 else words
            start = previous if start - previous < 400 else start
    words = motion_clause(words) or ""
    item = None
    if event.itemised:
        # Item lists run on without full stops: the motion starts at the last item number.
        markers = list(_INLINE_ITEM.finditer(text, max(floor, event.start - 1500), event.start))
        stop = event.start
        own = bool(markers)
        if not markers and drafts:
            # "57 Accept the Report ... Motion to accept substitute report: Moved by ... (Y-5)  (Y-5)": the item's
            # own vote after the vote on a motion made on it.
            stop = drafts[-1].start
            markers = list(_INLINE_ITEM.finditer(text, max(0, stop - 1500), stop))
        if markers:
            item = markers[-1]
            if own:
                start = item.start("number") - (
                    1 if text[item.start("number") - 1 : item.start("number")] == "*" else 0
                )
            words = text[item.end("number") : stop].strip()
    draft = Draft(start=start, end=event.end, text=words or None)
    if item is not None:
        draft.agenda_item = item.group("number")
    draft.set_result(event.result, event.start)
    draft.tally = event.tally if event.tally else None
    for name, option in event.votes:
        draft.add_vote(name, option)
    if draft.agenda_item is None:
        set_agenda(text, draft, drafts)
    return draft


def motion_clause(words: str | None) -> str | None:
    """ "Chair Lee called for a vote on the motion to adopt X" -> "to adopt X"."""
    if not words:
        return words
    match = re.search(r"\bmotion\s+(?:was\s+made\s+)?(?=(?:to|that)\b)", words, re.IGNORECASE)
    return words[match.end() :] if match else words


def merge_block(draft: Draft, block: Block) -> None:
    if block.result:
        draft.set_result(block.result, block.start)
    if block.tally:
        if draft.tally and draft.tally.counts and block.tally.counts and draft.tally.counts != block.tally.counts:
            merged = {**draft.tally.counts, **block.tally.counts}
            if any(draft.tally.counts.get(k) != v for k, v in block.tally.counts.items() if k in draft.tally.counts):
                draft.flags.append("two different tallies stated")
            draft.tally.counts = merged
        elif not draft.tally or not draft.tally.counts:
            block.tally.unanimous = block.tally.unanimous or bool(draft.tally and draft.tally.unanimous)
            draft.tally = block.tally
    draft.mover = block.mover or draft.mover
    draft.seconder = block.seconder or draft.seconder
    draft.outcome_kind = block.outcome or draft.outcome_kind
    if block.decided:
        draft.entity_text = " | ".join(filter(None, [draft.entity_text, block.decided]))
    for name, option in block.votes:
        if block.relative and draft.outcome_kind == "denied" and option in ("yes", "no"):
            # "Denied (2-1). Commissioner Baines voted to grant": against the decision.
            option = "no" if option == "yes" else "yes"
        draft.add_vote(name, option)
    draft.end = max(draft.end, block.end)


def from_block(text: str, block: Block, drafts: list[Draft], lower: int = 0) -> Draft:
    """A vote block with no motion before it (Granicus): its words are the agenda item above it."""
    floor = max(drafts[-1].end if drafts else 0, lower)
    heading = last_heading(text, floor, block.start)
    draft = Draft(start=block.start, end=block.end)
    stated = stated_after(text, block.end) if block.mover else None
    if stated:
        draft.text = stated
        draft.context = heading.group("title").strip() if heading is not None else stated
    elif block.words:
        draft.text, draft.agenda_item = block.words, block.item
        draft.context = block.words
        lead = text[floor : block.start]
        lead = lead[lead.rfind("\n\n") + 1 :]  # the finding's own paragraph
        if block.disposition and len(lead) < 600:
            # "Subject officer: PO Victor Salas, Tax #951238" on the line above a finding: whom it is about.
            draft.entity_text = officer_lines(lead)
    elif heading is not None:
        draft.text = heading.group("title").strip()
        draft.borrowed = True  # the heading above: a listed record's own line says more
        draft.agenda_item = heading.group("number")
        draft.context = draft.text
        if block.start - heading.start() < 1500:
            draft.evidence_start = heading.start()
    else:
        start = sentence_start(text, max(floor, block.start - 1), floor)
        draft.text = text[start : block.start].strip() or None
        line = text[text.rfind("\n", 0, start) + 1 : start + 1]
        # The sentence before the vote, not words of the decision (unless a "Request:" field states the matter).
        draft.borrowed = bool(draft.text) and not MATTER_FIELD.match(line)
        draft.background = text[max(floor, block.start - 600) : block.start]
    draft.text = motion_clause(draft.text)
    merge_block(draft, block)
    return draft


def set_agenda(text: str, draft: Draft, drafts: list[Draft]) -> None:
    floor = max(0, draft.start - 6000)
    line_end = text.find("\n", draft.start)
    # The motion may sit on its heading's own line ("A. On motion by ...").
    heading = last_heading(text, floor, len(text) if line_end == -1 else line_end)
    if heading is not None:
        draft.agenda_item = draft.agenda_item or heading.group("number")
        draft.context = heading.group("title").strip()
        draft.background = text[heading.end() : draft.start][-2000:]
    else:
        # No numbered heading: the paragraph the motion sits in says what it is about.
        draft.background = text[max(text.rfind("\n\n", 0, draft.start), draft.start - 1500, 0) : draft.start]
