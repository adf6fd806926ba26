"""Votes as they are spoken: the chair's call ("All those in favor say aye", "Karla, please call the
vote", "Item 59 roll."), the answers ("Aye.", "I vote aye.", "Thank you very much, aye."), and roll
calls answered name by name, whether the answer is a turn of its own ("Commissioner Walker?" /
"Yes.") or the clerk reads names and answers in one paragraph ("Commissioner Abbott. Aye.")."""

from __future__ import annotations

import re

from app.parsing.assemble import Draft
from app.parsing.lexicon import TITLE, clean_person, option_for
from app.parsing.roster import strip_title
from app.parsing.turns import Unit, is_member_voice

VOTE_CALL = re.compile(
    r"\b(?:ALL\s+(?:THOSE\s+)?IN\s+FAVOU?R|THOSE\s+IN\s+FAVOU?R|(?:PLEASE\s+)?CALL\s+THE\s+(?:ROLL|VOTE)"
    r"|ROLL\s+CALL\s+VOTE|PLEASE\s+VOTE|LET['\u2019]?S\s+VOTE|TAKE\s+A\s+VOTE|(?:PLEASE\s+)?CALL\s+THE\s+QUESTION)\b"
    r"|\bROLL\W*$|\[ROLL\s+CALL\]|^\W*ROLL\s+CALL\b"
    # "Elena, the roll, please." / "the roll on the amendment"
    r"|\bTHE\s+ROLL(?:\s+(?:ON|FOR)\s+THE\s+\w+)?\W*(?:PLEASE)?\W*$",
    re.IGNORECASE,
)
OPPOSED_CALL = re.compile(r"\b(?:OPPOSED|ANY\s+OPPOSED|THOSE\s+OPPOSED|ANY\s+NAYS?|NO\s+VOTES?)\b", re.IGNORECASE)
ABSTAIN_CALL = re.compile(r"\bABSTENTIONS?\b|\bABSTAIN\w*\b", re.IGNORECASE)
ANSWER = re.compile(
    r"^\W*(?P<word>AYE|AYES|YES|YEA|NO|NAY|NAYS|ABSTAIN|I\s+ABSTAIN|ABSTAINING|I|I\s+VOTE\s+(?:AYE|YES|NO|NAY))"
    r"(?:[\s,.!]+(?:AYE|YES|NO|NAY))*\W*$",
    re.IGNORECASE,
)
# An answer closing a member's remarks: "Thank you very much, aye.", "So thank you and pleased to vote Aye."
_TRAILING = re.compile(
    r"(?:[,;]\s*|\b(?:pleased\s+to\s+|happy\s+to\s+|proud\s+to\s+)?vote\s+|^\W*)(?P<word>aye|yes|nay|no)\W*$", re.I
)
# An answer opening the chair's result: "Aye. 60 is approved." written "Aye 60 is approved."
_LEADING = re.compile(r"^\W*(?P<word>aye|nay)\b[,.]?\s+\S", re.IGNORECASE)
CALLED_NAME = re.compile(rf"^\W*(?P<name>(?:{TITLE}\s+)?(?:[A-Za-z][\w.'\u2019-]*\s+){{0,2}}[A-Za-z][\w'\u2019-]+)\W*$")
_NOT_CALLED = re.compile(r"\b(?:say|said|please|favou?r|vote|motion|item|thank|thanks|next|okay|ok|right)\b", re.I)
VOICE_NO = "a no vote was heard in a voice vote"
# "And Chair Brandt votes yes." - a member (often the chair) stating their own vote in the roll call.
SELF_VOTE = re.compile(
    rf"(?P<name>(?:{TITLE}\s+)+[A-Za-z][\w'\u2019-]+)\s+(?:votes?|voting)\s+(?P<word>yes|no|aye|nay)\b"
    # The clerk reading the roll out: "Council Member Adams, aye. Council Member Brandt, nay."
    rf"|^\W*(?P<name2>(?:{TITLE}\s+)+[A-Z][\w'\u2019-]+),\s+(?P<word2>yes|no|aye|nay|abstain(?:s|ing)?)\W*$",
    re.IGNORECASE,
)


def answer_word(units: list[Unit], index: int, voting: bool) -> str | None:
    """The vote word a unit answers with, if it is an answer at all."""
    unit = units[index]
    match = ANSWER.match(unit.text)
    if match:
        return match.group("word")
    if not voting or not is_member_voice(unit.speaker):
        return None
    # A member's remarks ending in their vote, in a labelled transcript (never the chair's "Opposed, no?").
    trailing = _TRAILING.search(unit.text)
    if trailing and unit.end >= unit.turn_end - 2 and not OPPOSED_CALL.search(unit.text) and "?" not in unit.text:
        return trailing.group("word")
    leading = _LEADING.match(unit.text)
    return leading.group("word") if leading else None


def record_answer(draft: Draft, units: list[Unit], index: int, word: str, asking: str | None) -> None:
    """An answer in a vote: by name when a name was just called (a roll call), else by the speaker's
    name where the transcript labels it, else a voice vote that names nobody."""
    option = option_for(re.sub(r"^I\s+(?:VOTE\s+)?", "", word, flags=re.IGNORECASE)) or (
        "yes" if word.strip().upper() == "I" else None
    )
    if option is None:
        return
    name = called_name(units, index)
    unit = units[index]
    if name:
        draft.add_vote(strip_title(name), option)
    elif is_member_voice(unit.speaker) and not _asked_in_turn(units, index):
        draft.add_vote(strip_title(unit.speaker or ""), option)
    elif option == "no" or asking == "no":
        if VOICE_NO not in draft.flags:
            draft.flags.append(VOICE_NO)


def _asked_in_turn(units: list[Unit], index: int) -> bool:
    """Whether the call this answer answers was made in the same turn: the chair's paragraph "All in favor? Aye.
    Opposed?" holds the room's answers (transcript editors merge them), not the chair's own vote."""
    turn = units[index].turn
    for unit in reversed(units[max(0, index - 6) : index]):
        if unit.turn != turn:
            return False
        if VOTE_CALL.search(unit.text) or OPPOSED_CALL.search(unit.text) or ABSTAIN_CALL.search(unit.text):
            return True
    return False


def called_name(units: list[Unit], index: int) -> str | None:
    """The member whose name was read out just before this answer: in another turn (the clerk calls,
    the member answers), or in the same turn when the clerk reads name and answer together."""
    if index == 0:
        return None
    previous, unit = units[index - 1], units[index]
    called = CALLED_NAME.match(previous.text)
    if not called:
        return None
    if previous.turn == unit.turn and not re.match(rf"^\W*{TITLE}\s+", previous.text):
        return None  # within one turn only "Commissioner Abbott. Aye." reads as a roll call
    name = clean_person(called.group("name"))
    calls = (VOTE_CALL, OPPOSED_CALL, ABSTAIN_CALL, ANSWER)
    if not name or any(p.search(previous.text) for p in calls) or _NOT_CALLED.search(name):
        return None
    return name if option_for(name) is None else None
