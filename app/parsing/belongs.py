"""Which motion a result, a vote block or a motion made again belongs to, as the minutes reader walks the
document: the open motion, the one a substitute or amendment set aside, or none (it is a motion of its own)."""

from __future__ import annotations

import re

from app.parsing.assemble import Draft
from app.parsing.blocks import Block
from app.parsing.layout import HEADING_RE, sentence_end
from app.parsing.narrative import Start, motion_words
from app.parsing.results import Result
from app.parsing.roster import surname
from app.parsing.spans import Records

# How far a result may follow the motion it settles (discussion can come between), in characters.
RESULT_REACH = 4000
FOLLOWING = re.compile(r"[\s,]*the\s+following\s+(?:resolution|ordinance)\b", re.I)
# A page's footer and the next page's header between two lines of one list: "Lakewood County  Page 2  Printed on ..."
PAGE_FURNITURE = re.compile(r"^[^\n]{0,80}\bPage[ \t]+\d{1,4}(?:[ \t]+of[ \t]+\d{1,4})?\b[^\n]{0,80}$\n?|\f", re.M)


def record_tail(records: Records, draft: Draft, block: Block) -> bool:
    """A vote with no result or mover of its own, later in the record whose decision `draft` holds."""
    if records.at(draft.start) is None or not records.same(draft.start, block.start):
        return False
    if draft.result is None or draft.votes or block.result or block.mover or block.start < draft.end:
        return False
    return bool(block.votes or block.tally)


def minority_of(text: str, draft: Draft | None, block: Block) -> bool:
    """Whether a list of members against (no result, tally or mover of its own) names the minority of the decision
    just made: that decision's tally leaves room for them, none of its no votes is named yet, and no heading is
    between."""
    if draft is None or draft.result is None or not draft.tally or block.result or block.tally or block.mover:
        return False
    against = [name for name, option in block.votes if option == "no"]
    if not against or len(against) != len(block.votes) or any(o == "no" for _, o in draft.votes):
        return False
    between = text[draft.end : block.start]
    return (
        len(against) <= (draft.tally.counts.get("no") or 0) and len(between) <= 1200 and not HEADING_RE.search(between)
    )


def said_again(draft: Draft | None, block: Block) -> bool:
    """ "Captain Ferraro dissents." after "NOT GUILTY (2-1, Captain Ferraro dissenting)": the same votes, explained."""
    if draft is None or not draft.votes or not block.votes or block.result or block.tally or block.mover:
        return False
    if block.start - draft.end > 2000 or any(option == "yes" for _, option in block.votes):
        return False  # only a minority's vote is explained again; a list of who concurred is a vote of its own
    held = {(surname(name).lower(), option) for name, option in draft.votes}
    return all((surname(name).lower(), option) in held for name, option in block.votes)


def said_again_by(current: Draft | None, event: Start) -> bool:
    """Whether a motion made by the member whose motion is open, undecided, just above is that motion again."""
    if current is None or current.result is not None or current.votes or not (current.mover and event.mover):
        return False
    same = surname(current.mover).lower() == surname(event.mover).lower()
    return same and not event.substitute and 0 <= event.start - current.start < 800 and not event.text


def moves_decided(text: str, current: Draft | None, event: Start) -> bool:
    """Whether a bare "Moved by X, seconded by Y." just after a decided disposition names who moved it."""
    if current is None or current.result is None or current.mover or event.mover is None:
        return False
    if event.text and len(event.text.strip()) >= 4:
        return False
    words = motion_words(text, event.end, sentence_end(text, event.end))
    if words and not re.match(r"(?:by\b|,|seconded)", words.strip(), re.IGNORECASE) and len(words.strip()) >= 4:
        return False
    between = text[current.end : event.start]
    return len(re.sub(r"\s", "", between)) <= 3 and not HEADING_RE.search(between)


def inside(draft: Draft, pos: int) -> bool:
    """Whether `pos` lies within the text `draft` was read from."""
    return draft.start <= pos < draft.end


def inside_result(draft: Draft, result: Result) -> bool:
    """A second wording of a result already read ("... Motion approved." then "RESULT: APPROVED")."""
    return draft.result_pos is not None and result.start < draft.end


def set_aside(current: Draft | None, drafts: list[Draft], event: Result) -> Draft | None:
    """The earlier motion an "original/main motion" result settles, when the open one is not it."""
    if event.refers not in ("original", "main"):
        return None
    if current is not None and not current.substitute and current.result is None:
        return None
    for draft in reversed(drafts):
        if event.start - draft.end > 2 * RESULT_REACH:
            break
        if draft.result is None and not draft.substitute and draft is not current:
            return draft
    return None


def resolution_said_again(text: str, current: Draft | None, event: Result) -> bool:
    """Whether a result said of "the (following) resolution" settles the motion that offered that resolution."""
    if current is None or current.result not in (None, event.result) or event.start - current.end > RESULT_REACH:
        return False
    said = text[event.start : event.end].lower()
    return "resolution" in said and bool(FOLLOWING.search(text[current.start : event.end]))


def original_again(text: str, current: Draft | None, drafts: list[Draft], event: Start) -> Draft | None:
    """The motion a substitute set aside, when a motion is made again as "the original motion of X"."""
    if not re.search(r"\b(?:original|main|substantive)\s+$", text[max(0, event.start - 30) : event.start], re.I):
        return None
    for draft in reversed([*drafts, *([current] if current is not None else [])]):
        if event.start - draft.end > 2 * RESULT_REACH:
            break
        same = not event.mover or not draft.mover or surname(event.mover).lower() == surname(draft.mover).lower()
        if draft.result is None and not draft.substitute and same:
            return draft
    return None


def waiting_for(text: str, current: Draft | None, drafts: list[Draft], block: Block) -> Draft | None:
    """A motion set aside by a substitute that this vote block settles: same mover, or "the main motion" said."""
    said = current is not None and re.search(
        r"\b(?:main|original|substantive)\s+motion\b", text[current.end : block.start], re.I
    )
    for draft in reversed(drafts):
        if block.start - draft.end > 2 * RESULT_REACH:
            break
        if draft.result is not None or draft is current or draft.substitute:
            continue
        same = bool(block.mover and draft.mover and surname(block.mover).lower() == surname(draft.mover).lower())
        if same or said:
            return draft
    return None


def takes_block(text: str, draft: Draft, block: Block) -> bool:
    """Whether a vote block belongs to the open motion (it follows the motion or its result closely)."""
    if block.mover and draft.mover and block.start >= draft.end:
        if surname(block.mover).lower() != surname(draft.mover).lower():
            return False  # "Moved by: Y" after a motion moved by X: the next motion
    if draft.votes and block.votes and not block.result:
        # Another list is the next item's, unless it goes on the sentence ("X voted in favor; Y voted to reject").
        # "X voted against the motion. Y abstained.": sentences of one vote, naming other members.
        voted = {surname(name).lower() for name, _ in draft.votes}
        fresh = not any(surname(name).lower() in voted for name, _ in block.votes)
        between = (
            r"[ \t]*[;,]?[ \t]*(?:and[ \t]+)?"
            if not fresh
            else r"(?:\s*the\s+(?:motion|proposal))?\s*[;,.]?\s*(?:and\s+)?"
        )
        gap = PAGE_FURNITURE.sub("", text[draft.end : block.start])  # a list that goes on over a page break
        if block.start >= draft.end and len(gap) < 120 and re.search(r"\b(?:being\s+)?tied\b", gap, re.I):
            return True  # "The vote ... being tied 2-2, County Judge Whitcomb voted aye": the tie, broken
        return block.start >= draft.end and bool(re.fullmatch(between, gap))
    if block.disposition and not block.words and block.tally and not draft.tally and block.start < draft.end + 3:
        # "M/S/C (Okafor/Lindqvist) to approve the minutes ... 6-0-1 (Abstain: Reyes)": the motion's own tally.
        return True
    if (
        draft.result is not None
        and block.result is not None
        and (draft.votes or block.disposition or draft.result != block.result)
    ):
        return False  # decided already, and this block decides again (or otherwise): another vote
    gap = block.start - draft.end
    if gap < 0:
        return True
    if draft.result is None:
        return gap <= RESULT_REACH
    if draft.tally and draft.tally.counts and block.tally and block.tally.counts and not block.votes:
        if draft.tally.counts != block.tally.counts and block.start > draft.result_pos:
            return False  # decided with its own tally; a different tally after the result is the next vote
    between = text[draft.end : block.start]
    # After its result a motion takes only the lists that follow it at once, not the next item's.
    return len(re.sub(r"\s", "", between)) <= 40 and not HEADING_RE.search(between)
