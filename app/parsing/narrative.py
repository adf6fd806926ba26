"""Motions made, as clerks write them (how the votes went is read by `results`):

    Commissioner X moved, seconded by Commissioner Y, to approve ...
    It was moved by X and seconded by Y that ...        Motion by X, second by Y, to ...
    MOTION: Councilmember X moved to approve ..., seconded by Y.    SUBSTITUTE MOTION: ...
    Motion to accept the substitute ordinance: Moved by X and seconded by Y.
    M/S/C (Pak/Haddock) 5-0 to approve ...   A motion to table ... was made by X and seconded by Y.
    It was proposed by Councillor X and seconded by Councillor Y ...   Moved Cr X / Seconded Cr Y

Each finder returns events with offsets; the minutes reader puts them together. One-line terse
records are read by `terse`, tables of actions by `rows`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.parsing.layout import sentence_end
from app.parsing.lexicon import PERSON, TITLE, clean_person
from app.parsing.numbers import NUMBER_WORDS


@dataclass
class Start:
    """A motion being made: who moved (and seconded, when said in the same breath) and its words."""

    start: int
    end: int
    mover: str | None
    seconder: str | None
    text: str | None
    substitute: bool = False


_MOVER_BEFORE = re.compile(
    rf"(?P<mover>{PERSON})(?:[ \t]+|[ \t]*\n[ \t]*)(?:then\s+|subsequently\s+|also\s+)?"
    r"(?i:moved(?![ \t]*(?:by)?[ \t]*:)(?![ \t]+by\b)|moves|(?:made|makes|offered|offers|put\s+forward)\s+(?:a|the)"
    rf"\s+(?:substitute\s+|main\s+|new\s+|second\s+)?motion)\b"
)
_MOVER_AFTER = re.compile(
    rf"(?i:\b(?:it\s+was\s+)?moved|\b(?:it\s+was\s+|was\s+)?proposed|\b(?:on|upon)\s+the\s+proposal|\bmotion(?:\s+was)?(?:\s+made)?|\bupon\s+(?:a\s+)?motion|\bon\s+(?:a\s+)?motion"
    rf"|\ba\s+motion\s+was\s+made)\s+(?i:by|of|from)\s+(?P<mover>{PERSON})"
    r"|(?i:\bupon\s+(?:a\s+)?motion|\bon\s+(?:a\s+)?motion|\ba\s+motion\s+(?:was\s+)?)\s+(?i:duly\s+)?(?i:made\s+and"
    r"\s+seconded)(?P<nobody>)"
)
# "A motion to uphold the termination was made by Commissioner Kim and seconded by ...": words, then the mover.
_MOTION_TO_BY = re.compile(
    rf"\b(?i:a|the)\s+(?i:motion)\s+(?P<words>(?i:to|that)\s+[^.;]{{3,240}}?)\s+(?i:was\s+)?(?i:made|offered|moved)\s+"
    rf"(?i:by)\s+(?P<mover>{PERSON})"
    # "Motion to reinstate by Commissioner Delacroix, seconded by ...": the words, then who moved them.
    rf"|(?:^|(?<=[.;:]\s)|(?<=\n))[ \t]*(?i:motion)\s+(?P<words2>(?i:to)\s+[^.;:\n]{{3,120}}?)\s+(?i:by)\s+"
    rf"(?P<mover2>{TITLE}\s+{PERSON})"
)
_MS = re.compile(
    rf"(?i:\bM/S(?:/[CFP])?|\bmoved/seconded|\bmotion(?=\s*\())\s*:?\s*\(?\s*(?P<mover>{PERSON})\s*/\s*"
    rf"(?P<seconder>{PERSON})\s*\)?"
)
# "Moved Cr Munro / Seconded Cr Kilbride" (Australian and New Zealand minutes): the title with no "by".
_MOVED_TITLED = re.compile(
    rf"(?:^|(?<=\n))[ \t]*(?i:moved)[ \t]+(?P<mover>{TITLE}[ \t]+{PERSON})"
    rf"(?:[ \t]*[/,;]?[ \t]*(?i:seconded)[ \t]+(?P<seconder>{TITLE}[ \t]+{PERSON}))?"
)
# "Councillor Lindsay, seconded by Councillor Drummond, moved that ..." (Scottish minutes): mover, seconder, verb.
_SECONDED_THEN_MOVED = re.compile(
    rf"(?P<mover>{TITLE}\s+{PERSON}),\s+(?i:seconded\s+by)\s+(?P<seconder>{TITLE}\s+{PERSON}),\s+(?i:moved)\b"
)
# "The following motion was proposed in the names of Cllr Scallan and Cllr Phelan:": the proposer, then the seconder.
_IN_THE_NAMES = re.compile(
    rf"(?i:\bproposed\s+in\s+the\s+names?\s+of)\s+(?P<mover>{PERSON})\s+(?i:and)\s+(?P<seconder>{PERSON})"
)
# "MOTION #2025-041 — Member Alvarez / Member Chen — To approve ...", "... — Member Ross / no second — To ...":
# a numbered motion log, mover and seconder between dashes.
_NUMBERED_LOG = re.compile(
    rf"^[ \t]*(?i:motion)[ \t]*(?:#|(?i:no\.?))[ \t]*[\w.-]{{0,12}}\d[\w.-]{{0,12}}(?:[ \t]*\([^()\n]{{1,30}}\))?[ \t]*"
    rf"(?:--|[\u2013\u2014-])[ \t]*(?P<mover>(?:{TITLE}[ \t]+)?{PERSON})[ \t]*/[ \t]*"
    rf"(?:(?i:no[ \t]+second)|(?P<seconder>(?:{TITLE}[ \t]+)?{PERSON}))[ \t]*(?:--|[\u2013\u2014-])",
    re.MULTILINE,
)
_SECONDER = [
    # "supported by" / "X supported": Michigan boards' word for a second.
    re.compile(
        rf"(?i:\b(?:second(?:ed)?|supported)\s+(?:by|from)|\bwith\s+a\s+(?:second|support)\s+(?:by|from))\s+(?P<seconder>{PERSON})"
    ),
    re.compile(
        rf"(?P<seconder>{PERSON})\s+(?i:seconded(?!\s+by\b)|seconds"
        r"|supported(?![ \t]+(?:by|the\s+\w+\s+(?:policy|plan)))"
        r"|provided\s+(?:a|the)\s+second|gave\s+the\s+second)\b"
    ),
]
_LEAD = re.compile(
    r"(?:^|\n|(?<=[.:;]\s))[ \t]*(?P<sub>(?i:substitute|amended|main|original|alternate)\s+)?(?i:motion)"
    r"(?:\s+(?i:no\.?\s*|#\s*)?[A-Z]?\d[\w.\-/]*)?\s*:"
    r"|(?:^|\n|(?<=\s\s)|(?<=[.)]\s))[ \t]*(?P<text>(?i:motion)\s+to\s+[^:\n]{3,160}):",
)
_TO_THAT = re.compile(r"\b(?:to|that)\b", re.IGNORECASE)
_JOINT = re.compile(rf"(?P<first>{TITLE}[ \t]+{PERSON})[ \t]+and[ \t]+$")


def find_starts(text: str) -> list[Start]:
    """Every place a motion is made, merged where several cues describe the same one."""
    cues: list[tuple[int, int, str | None, str | None]] = []
    patterns = (_MOVER_BEFORE, _MOVER_AFTER, _MS, _MOVED_TITLED, _IN_THE_NAMES, _SECONDED_THEN_MOVED, _NUMBERED_LOG)
    for pattern in patterns:
        for match in pattern.finditer(text):
            mover = clean_person(match.group("mover")) if match.group("mover") else None
            seconder = clean_person(match.group("seconder")) if match.groupdict().get("seconder") else None
            if mover or pattern is _MOVER_AFTER:
                begin = match.start()
                if pattern is _MOVER_BEFORE and mover:
                    begin += max(0, match.group(0).find(mover.split()[0]))
                    joint = _JOINT.search(text, max(0, begin - 80), begin)
                    if joint and not seconder and clean_person(joint.group("first")):
                        # "Alderman Brzezinski and Alderman Ferreira moved to Defer and Publish ...": the first moved,
                        # the second joined the motion
                        mover, seconder, begin = clean_person(joint.group("first")), mover, joint.start()
                cues.append((begin, match.end(), mover, seconder))
    worded = {}
    for match in _MOTION_TO_BY.finditer(text):
        mover = clean_person(match.group("mover") or match.group("mover2"))
        if mover:
            cues.append((match.start(), match.end(), mover, None))
            worded[match.start()] = re.sub(r"\s+", " ", match.group("words") or match.group("words2"))
    cues.sort()
    starts: list[Start] = []
    for start, end, mover, seconder in cues:
        if starts and start < starts[-1].end + 5:
            if start in worded and start >= starts[-1].start:
                continue
            if start in worded:
                starts[-1] = Start(start=start, end=end, mover=mover, seconder=seconder, text=worded[start])
            continue
        starts.append(Start(start=start, end=end, mover=mover, seconder=seconder, text=worded.get(start)))
    for lead in _LEAD.finditer(text):
        limit = min(160, sentence_end(text, lead.end()) - lead.end())
        following = next((s for s in starts if 0 <= s.start - lead.end() < limit), None)
        if following is None:
            if not lead.group("text") and text[lead.end() : lead.end() + 300].strip():
                # "MOTION: Approve the minutes. Moved: Smith ..." - the words follow the label.
                words_end = sentence_end(text, lead.end())
                begin = lead.start() + (len(lead.group(0)) - len(lead.group(0).lstrip()))
                words = text[lead.end() : words_end].strip().rstrip(".")
                if words and not _MOVER_BEFORE.match(words):
                    starts.append(Start(start=begin, end=words_end, mover=None, seconder=None, text=words))
                continue
            if lead.group("text"):
                starts.append(Start(start=lead.start(), end=lead.end(), mover=None, seconder=None, text=None))
                following = starts[-1]
            else:
                continue
        following.start = min(following.start, lead.start() + (len(lead.group(0)) - len(lead.group(0).lstrip())))
        following.substitute = following.substitute or bool(
            lead.group("sub") and "substitute" in lead.group("sub").lower()
        )
        if lead.group("text"):
            following.text = lead.group("text")
    for start in starts:
        # "X moved a substitute motion to ...": a substitute without a "SUBSTITUTE MOTION:" lead.
        start.substitute = start.substitute or bool(
            re.match(r"[^.]{0,40}?\b(?:substitute\s+motion\b|\(substitute\))", text[start.start : start.end + 40], re.I)
        )
    starts.sort(key=lambda s: s.start)
    return starts


def find_seconder(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """The first seconder named in text[start:end], with the span of the words that name them."""
    best: tuple[str | None, int, int] = (None, -1, -1)
    for pattern in _SECONDER:
        match = pattern.search(text, start, end)
        if match and (best[1] == -1 or match.start() < best[1]):
            name = clean_person(match.group("seconder"))
            if name:
                best = (name, match.start(), match.end())
    return best


def motion_words(text: str, start: int, end: int) -> str | None:
    """The motion's own words from text[start:end]: from its first "to"/"that", seconder clauses removed."""
    region = text[start:end]
    for pattern in _SECONDER:
        region = pattern.sub(" ", region)
    region = re.sub(r"\s+", " ", region).strip(" ,;:.-\u2013—")
    region = re.sub(r"^(?:and|,)\s+", "", region)
    match = _TO_THAT.search(region)
    if match and match.start() < 60:
        region = region[match.start() :]
    return skip_tally_to(region) or None


def skip_tally_to(words: str) -> str:
    """ "to one (1) to deny ..." (from "voted four (4) to one (1) to deny"): the tally's "to" is not the motion's."""
    return re.sub(rf"^to\s+(?:{NUMBER_WORDS}|\d{{1,2}})(?:\s*\(\d{{1,2}}\))?\s+(?=to\b)", "", words, flags=re.I)
