"""Corrections of the record made later in a meeting, attached to the motion they correct:

    For the record, Commissioner Hughes voted no on Item 4.4.
    The record will reflect that Commissioner Okonkwo voted no on item nine, not abstain.
    Commissioner Lee asked that the minutes reflect that she voted yes on item 7.

The corrected vote replaces the one first recorded and the motion is flagged for a clerk; the
stated tally is left as it was (the record keeps both, never silently fixed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.parsing.assemble import Draft
from app.parsing.lexicon import PERSON, clean_person, option_for
from app.parsing.numbers import NUMBER_WORDS, to_int
from app.parsing.roster import strip_title

_ITEM = rf"(?:agenda\s+)?item\s+(?:number\s+|no\.?\s*)?(?P<item>\d{{1,3}}(?:\.\d{{1,2}})?[a-z]?\b|{NUMBER_WORDS}\b)"
_CORRECTION = re.compile(
    r"(?i:\bfor\s+the\s+record|\b(?:let\s+)?the\s+(?:record|minutes)\s+(?:will\s+|should\s+|shall\s+)?(?:show|reflect)"
    r"|\bcorrect(?:ion\s+(?:to|of)|ed|ing)?\s+(?:the\s+)?(?:record|minutes|tally)|\bthe\s+(?:record|minutes)\s+reflect)"
    rf"[,:]?\s+(?:(?i:that)\s+)?(?P<name>{PERSON})\s+(?i:(?:had\s+)?voted|votes|intended\s+to\s+vote|meant\s+to\s+vote"
    r"|should\s+(?:have\s+been|be)\s+recorded\s+as\s+(?:voting|a))\s+(?P<vote>(?i:no|nay|yes|aye|against|in\s+favou?r"
    rf"|to\s+abstain|abstain(?:ed)?|present))\b(?:\s+(?i:on|for)\s+(?P<what>(?i:{_ITEM}|(?:that|the\s+last|the\s+previous)"
    r"\s+(?:motion|item|vote))))?",
)


@dataclass
class Correction:
    start: int
    end: int
    name: str
    option: str
    item: str | None  # "4.4", "9"; None: the motion just before


def find_corrections(text: str) -> list[Correction]:
    """Every correction of a recorded vote in `text`."""
    found = []
    for match in _CORRECTION.finditer(text):
        name = clean_person(match.group("name"))
        vote = re.sub(r"^to\s+", "", match.group("vote").lower())
        option = "no" if vote == "against" else option_for(vote)
        if not name or option is None:
            continue
        item = match.group("item")
        if item and not item[0].isdigit():
            value = to_int(item)
            item = str(value) if value is not None else None
        found.append(Correction(match.start(), match.end(), strip_title(name), option, item))
    return found


def apply_corrections(drafts: list[Draft], corrections: list[Correction]) -> None:
    """Attach each correction to the motion it names (by agenda item, else the one just before it)."""
    for correction in corrections:
        before = [d for d in drafts if d.start < correction.start]
        if not before:
            continue
        target = before[-1]
        if correction.item:
            scored = [(_item_score(d, correction.item), i) for i, d in enumerate(before)]
            best = max(scored)
            if best[0] == 0:
                continue
            target = before[best[1]]
        target.add_vote(correction.name, correction.option)
        target.flags.append(f"corrected later in the meeting: {correction.name} voted {correction.option}")


def _item_score(draft: Draft, item: str) -> int:
    """How surely a draft is the motion on `item`: its agenda item, its words naming it, or a range holding it."""
    if draft.agenda_item and draft.agenda_item.lower() == item.lower():
        return 3
    words = draft.text or ""
    if re.search(rf"\bitems?\s+(?:nos?\.?\s*)?(?:[\d.,\s]|\band\b)*?\b{re.escape(item)}\b", words, re.IGNORECASE):
        return 2
    for low, high in re.findall(r"\b(\d{1,3})\s+(?:through|thru|to)\s+(\d{1,3})\b", words, re.IGNORECASE):
        if item.isdigit() and int(low) <= int(item) <= int(high):
            return 1
    return 0
