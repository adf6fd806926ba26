"""One-line records in terse minutes and disposition lists:

Minutes approved - Z. Maiorca (motion), T. Feinberg (second)
APPROVED - Revised 2018 budget - B. Munro (motion), Z. Maiorca (second)
APPROVED - 2018 Meetings Calendar
3. Holder of a Common Victualler License ... petitioned to change the manager ...   GRANTED
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.parsing.layout import last_heading
from app.parsing.lexicon import PERSON, clean_person

_TERSE = re.compile(
    rf"(?P<mover>{PERSON})\s*\((?i:motion|moved|mover|m|1st)\)\s*[,;]?\s*(?:(?P<seconder>{PERSON})\s*"
    r"\((?i:second(?:ed)?|seconder|s|2nd)\))?"
)
_DISPOSITION_FIRST = re.compile(
    r"^[^\w\n]*(?:o\s+)?(?P<verb>APPROVED|ADOPTED|DENIED|PASSED|FAILED|TABLED|GRANTED|CARRIED|REJECTED)"
    r"[ \t]*[\u2013—:-][ \t]*(?P<item>[^\n]*[A-Za-z][^\n]*)$",
    re.MULTILINE,
)
_DONE = re.compile(
    r"\b(?P<verb>approved|adopted|passed|accepted|ratified|granted|called\s+to\s+order|adjourned|elected|appointed"
    r"|denied|rejected|failed|defeated|tabled|withdrawn)\b",
    re.IGNORECASE,
)


_DISPOSITION_LINE = re.compile(
    r"^[ \t]*(?P<verb>GRANTED|APPROVED|DENIED|PASSED|ADOPTED|CARRIED|FAILED|REJECTED|CONFIRMED|ACCEPTED|TABLED"
    r"|WITHDRAWN)(?:[ \t]*[-\u2013—:][ \t]*(?P<qual>[^\n]{1,80}))?[ \t]*$",
    re.MULTILINE,
)


# "Adjourn: Stubbs/Pike, unanimous", "Approve the minutes: Lee/Okafor, 5-0": item, mover/seconder, result.
_SLASHED = re.compile(
    r"^[ \t]*(?:\d{1,3}[.)][ \t]*)?(?P<item>[A-Z][^\n:]{2,80}):[ \t]*(?P<mover>[A-Z][\w'\u2019-]+)[ \t]*/[ \t]*"
    r"(?P<seconder>[A-Z][\w'\u2019-]+)[ \t]*[,;]?[ \t]*(?P<said>unanimous(?:ly)?|carried|passed|approved|failed"
    r"|(?P<yes>\d{1,2})[ \t]*-[ \t]*(?P<no>\d{1,2})(?:[ \t]*-[ \t]*\d{1,2})*)\b",
    re.MULTILINE,
)


@dataclass
class Terse:
    start: int
    end: int
    text: str
    mover: str | None
    seconder: str | None
    result: str | None
    agenda_item: str | None = None
    outcome: str | None = None  # "denied": the board decided against the item (a passed decision to deny)


def find_terse(text: str) -> list[Terse]:
    """One-line records: "Minutes approved - Z. Maiorca (motion), T. Feinberg (second)",
    "APPROVED - Revised 2018 budget - B. Munro (motion), ..." and "APPROVED - 2018 Meetings Calendar"."""
    found: list[Terse] = []
    for match in _TERSE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        item = text[line_start : match.start()]
        item = re.sub(r"^[^\w]*(?:o\s+)?", "", item).strip(" \u2013—-:,")
        verb = None
        first = _DISPOSITION_FIRST.match(text[line_start:line_end])
        if first:
            verb = first.group("verb")
            item = re.sub(rf"^\W*(?:o\s+)?{verb}\s*[\u2013—:-]\s*", "", item).strip(" \u2013—-:,")
        else:
            done = list(_DONE.finditer(item))
            verb = done[-1].group("verb") if done else None
        found.append(
            Terse(
                start=line_start
                + (len(text[line_start : match.start()]) - len(text[line_start : match.start()].lstrip())),
                end=match.end(),
                text=item,
                mover=clean_person(match.group("mover")),
                seconder=clean_person(match.group("seconder")) if match.group("seconder") else None,
                result=_done_result(verb),
            )
        )
    for match in _SLASHED.finditer(text):
        if any(t.start <= match.start("mover") <= t.end for t in found):
            continue
        said = match.group("said").lower()
        passed = said != "failed" and (not match.group("yes") or int(match.group("yes")) > int(match.group("no")))
        start = match.start("item")
        found.append(
            Terse(
                start,
                match.end(),
                match.group("item"),
                match.group("mover"),
                match.group("seconder"),
                "passed" if passed else "failed",
            )
        )
    floor = 0
    for match in _DISPOSITION_LINE.finditer(text):
        if any(t.start <= match.start("verb") <= t.end for t in found):
            continue
        heading = last_heading(text, floor, match.start(), numbered=True)
        floor = match.end()
        if heading is None:
            continue
        item = text[heading.start("title") : match.start()].strip()
        verb = match.group("verb")
        if verb in ("CARRIED", "FAILED", "PASSED") and re.search(r"\b(?:moved|seconded)\b", item, re.IGNORECASE):
            continue  # "Moved by: X / Seconded by: Y / THAT ... / CARRIED": a motion, read as one, not a listed record
        terse = Terse(heading.start(), match.end(), item, None, None, _done_result(verb), heading.group("number"))
        terse.outcome = "denied" if verb == "DENIED" else None
        found.append(terse)
    for match in _DISPOSITION_FIRST.finditer(text):
        if any(t.start <= match.start("verb") <= t.end for t in found):
            continue
        item = match.group("item").strip()
        start = match.start("verb")
        terse = Terse(start, match.end(), item, None, None, _done_result(match.group("verb")))
        terse.outcome = "denied" if match.group("verb") == "DENIED" else None
        found.append(terse)
    found.sort(key=lambda t: t.start)
    return found


def _done_result(verb: str | None) -> str | None:
    if not verb:
        return None
    verb = verb.lower()
    if verb in ("rejected", "failed", "defeated"):
        return "failed"
    if verb in ("tabled", "withdrawn"):
        return verb
    return "passed"
