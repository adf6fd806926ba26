"""What a spoken motion is about and who made it, read from the turns around it: the member the chair just
called on, the chair's introduction of the item, the words after "I move", and a result's subject."""

from __future__ import annotations

import re

from app.parsing.lexicon import PERSON, TITLE, clean_person
from app.parsing.turns import Unit


def addressed(units: list[Unit], index: int, before_turn: bool = False) -> str | None:
    """The member the chair just called on ("Commissioner Alvarez." / "are you making a motion, X?")."""
    turn = units[index].turn
    others = 0
    for back in range(index - 1, max(-1, index - 9), -1):
        unit = units[back]
        if unit.turn == turn:
            continue  # the mover's own sentences before the motion ("Thank you, Mayor. ... So I move ...")
        others += 1
        if others > 3:
            break
        # "Commissioner Alvarez." / "Board member Hurtado, I see your hand." / "are you making a motion, X?"
        if re.search(r"\bmotion\b|^\W*(?:" + TITLE + r")\s+\S+(?:\W*$|,)", unit.text, re.IGNORECASE):
            titled = re.findall(rf"{TITLE}\s+{PERSON}", unit.text)
            found = re.search(rf"(?:{TITLE}\s+){{1,3}}{PERSON}", unit.text)
            if titled and found:
                return clean_person(found.group(0))
        if before_turn:
            break
    return None


def lead_in(units: list[Unit], index: int, floor: int = 0) -> str:
    """What was said just before a motion, since the last one (the item being introduced): context."""
    words: list[str] = []
    for unit in reversed(units[max(0, index - 4) : index]):
        if unit.start < floor or sum(len(w) for w in words) + len(unit.text) > 400:
            break
        words.insert(0, unit.text)
    return " ".join(words)


def item_words(units: list[Unit], index: int) -> str | None:
    """The item a wordless motion ("So moved.") is about: the chair's last sentence introducing one."""
    for unit in reversed(units[max(0, index - 6) : index]):
        found = re.search(
            r"(?:\b(?:item|next|first)\b[^.?!]{0,20}?\b(?:is|up\s+is)\s+)(?P<what>[^.?!]{4,160})", unit.text, re.I
        )
        if found:
            return found.group("what").strip()
        # The chair asking for it: "Motion to adjourn?", "Do I hear a motion to approve the minutes?"
        asked = re.search(r"\bmotion\s+(?P<what>(?:to|for)\s+[^.?!]{3,120})\?", unit.text, re.I)
        if asked:
            return asked.group("what").strip()
    return None


def motion_words(rest: str) -> str | None:
    rest = re.sub(r"^\s*(?:THAT\s+WE\s+|THAT\s+THE\s+BOARD\s+|WE\s+)", "to ", rest, flags=re.IGNORECASE)
    rest = re.sub(r"^\s*T\s+(?=[A-Z])", "to ", rest)  # captions drop letters: "I MOVE T APPROVE"
    rest = re.split(r"\bis\s+there\s+a\s+second\b|\ball\s+(?:those\s+)?in\s+favou?r\b", rest, flags=re.IGNORECASE)[0]
    rest = rest.strip(" ,.;:?")
    # "a friendly amendment, if the maker will take it. I'd like to add ...": the condition is no part of it
    rest = re.sub(
        r"^(?:if\s+the\s+(?:maker|mover)\b[^.,:;]*[.,:;]\s*)(?:I['\u2019]d\s+like\s+to\s+)?", "", rest, flags=re.I
    )
    return rest or None


def result_subject(match: re.Match[str], body: str) -> str:
    groups = match.groupdict()
    subject = groups.get("subject") or groups.get("subject2") or groups.get("subject3")
    return (subject or body).strip()
