"""Motions in speech: transcripts and broadcast captions (upper case, dropped letters, ">>" turns).

    I move that we ... / I'll make a motion to ... / So moved. / Is there a motion to ...?
    Motion made by Commissioner X and seconded by Commissioner Y.
    Is there a second? Second. / I'll second.
    All those in favor say aye. Aye. Opposed? No. Abstentions?
    Commissioner Walker? Yes.  (a roll call answered name by name)
    The motion carries seven to two. / That item carries. / Hearing no objection, the agenda is adopted.

The segments are joined with single spaces; evidence is a verbatim piece of that joined text and the
record's start/end are the times of the first and last segment it spans.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise

from app.parsing.assemble import Draft, finalize
from app.parsing.layout import sentence_end
from app.parsing.lexicon import PERSON, TITLE, clean_person, option_for
from app.parsing.records import MotionRecord, SourceRecord, TimedText
from app.parsing.roster import Roster, strip_title
from app.parsing.tally import Tally, parse_tally

_REACH = 3000  # characters of talk a motion may wait for its vote


@dataclass
class Unit:
    """A sentence of one speaker's turn: offsets into the joined text."""

    start: int
    end: int
    text: str
    turn: int
    speaker: str | None
    turn_end: int = 0


_I_MOVE = re.compile(
    r"\bI(?:['\u2019]?LL|\s+WILL|\s+WOULD(?:\s+LIKE\s+TO)?|['\u2019]?D(?:\s+LIKE\s+TO)?|\s+WANT\s+TO|\s+WANNA)?\s+"
    r"(?:MAKE\s+(?:A|THE)\s+MOTION|MOVE)\b(?!\s+(?:ON|FORWARD|ALONG|INTO|BACK|AHEAD|ONTO)\b)"
    r"(?!\s+TO\s+(?:THE\s+)?(?:NEXT|ITEM|PUBLIC|OUR|AGENDA)\b)",
    re.IGNORECASE,
)
_SO_MOVED = re.compile(r"^\W*(?:SO\s+MOVED?|MOVED?(?:\s+(?:APPROVAL|ADOPTION|TO\s+APPROVE))?)\W*$", re.IGNORECASE)
_MOVED_BY = re.compile(
    rf"(?i:\bmotion\s+(?:was\s+)?(?:made\s+)?by|\b(?:it\s+(?:has|['\u2019]s)\s+been\s+|been\s+|was\s+)?moved\s+by)\s+"
    rf"(?P<mover>{PERSON})",
)
_MOVES = re.compile(rf"(?P<mover>{TITLE}\s+{PERSON})\s+(?i:moves|has\s+moved)\b")
_PROPOSAL = re.compile(
    r"\b(?:IS\s+THERE\s+A|DO\s+(?:I|WE)\s+HAVE\s+A|I['\u2019]?LL\s+ENTERTAIN\s+A|(?:MAY|CAN)\s+I\s+(?:GET|HAVE)\s+A"
    r"|WOULD\s+SOMEONE\s+(?:LIKE\s+TO\s+)?MAKE\s+A|I\s+NEED\s+A)\s+MOTION\s+(?P<text>(?:TO|FOR|THAT)\b.*)",
    re.IGNORECASE,
)
_SECOND_UNIT = re.compile(
    r"^\W*(?:(?:I['\u2019]?LL|I\s+WILL|I)\s+)?SECOND(?:ED)?(?:\s+(?:IT|THAT|THE\s+MOTION))?"
    r"(?:,?\s+(?:MR\.?|MADAM|MADAME)\s+(?:CHAIR\w*|PRESIDENT|MAYOR))?\W*$",
    re.IGNORECASE,
)
_SECONDED_BY = re.compile(
    rf"(?i:\bsecond(?:ed)?\s+(?:by|from)|\bwith\s+a\s+second\s+(?:by|from))\s+(?P<seconder>{PERSON})"
    rf"|(?P<seconder2>{TITLE}\s+{PERSON})\s+(?i:seconds|has\s+seconded|seconded)\b"
)
_VOTE_CALL = re.compile(
    r"\b(?:ALL\s+(?:THOSE\s+)?IN\s+FAVOU?R|THOSE\s+IN\s+FAVOU?R|(?:PLEASE\s+)?CALL\s+THE\s+(?:ROLL|VOTE)"
    r"|ROLL\s+CALL\s+VOTE|PLEASE\s+VOTE|LET['\u2019]?S\s+VOTE|TAKE\s+A\s+VOTE)\b",
    re.IGNORECASE,
)
_OPPOSED_CALL = re.compile(r"\b(?:OPPOSED|ANY\s+OPPOSED|THOSE\s+OPPOSED|ANY\s+NAYS?|NO\s+VOTES?)\b", re.IGNORECASE)
_ABSTAIN_CALL = re.compile(r"\bABSTENTIONS?\b|\bABSTAIN\w*\b", re.IGNORECASE)
_ANSWER = re.compile(
    r"^\W*(?P<word>AYE|AYES|YES|YEA|NO|NAY|NAYS|ABSTAIN|I\s+ABSTAIN|ABSTAINING|I|I\s+VOTE\s+(?:AYE|YES|NO|NAY))"
    r"(?:[\s,.!]+(?:AYE|YES|NO|NAY))*\W*$",
    re.IGNORECASE,
)
_CALLED_NAME = re.compile(
    rf"^\W*(?P<name>(?:{TITLE}\s+)?(?:[A-Za-z][\w.'\u2019-]*\s+){{0,2}}[A-Za-z][\w'\u2019-]+)\W*$"
)
_RESULT = re.compile(
    r"\b(?:THE\s+)?(?:(?:MAIN|SUBSTITUTE|AMENDED|ORIGINAL)\s+)?(?:MO)?TION\s+(?:AS\s+AMENDED\s+)?(?P<v1>CARRIES|CARRIED"
    r"|PASSES|PASSED|PREVAILS|FAILS|FAILED|IS\s+(?:ADOPTED|APPROVED|CARRIED|DEFEATED|WITHDRAWN|TABLED)|DIES)\b"
    r"|\b(?:THAT|THE|THIS)\s+(?:ITEM|ORDINANCE|RESOLUTION|REPORT|AMENDMENT|SUBSTITUTE|MOTION)\s+(?P<v2>CARRIES|PASSES"
    r"|FAILS|IS\s+(?:ADOPTED|APPROVED|DEFEATED))\b"
    r"|\bTHE\s+(?P<v3>AYES|NOES|NAYS)\s+HAVE\s+IT\b"
    r"|\b(?:HEARING|SEEING)\s+(?:NO|NONE)(?:\s+OBJECTIONS?)?[,.]?\s+(?P<subject>[\w ]{0,60}?)\s*(?:IS|ARE|HAS\s+BEEN"
    r"|HAVE\s+BEEN)\s+(?P<v4>ADOPTED|APPROVED|ACCEPTED|SO\s+ORDERED)\b"
    r"|\b(?P<subject2>(?:ITEMS?\s+)?\d{1,3}(?:\s+(?:THROUGH|THRU|TO|AND)\s+\d{1,3})?|IT|THAT|SUBSTITUTION)\s+(?:IS|ARE"
    r"|HAS\s+BEEN|HAVE\s+BEEN)\s+(?P<v5>APPROVED|ADOPTED|ACCEPTED)\b",
    re.IGNORECASE,
)
_FAILED_WORDS = ("FAIL", "DEFEATED", "DIES", "NOES", "NAYS")


def parse_segments(segments: list[TimedText], *, document: str | None, roster: Roster | None) -> list[MotionRecord]:
    """All motions in a transcript, in order."""
    text, seg_starts = _join(segments)
    units = _units(text, segments, seg_starts)
    drafts = _read(units, text)
    records = []
    for draft in drafts:
        first = bisect.bisect_right(seg_starts, draft.start) - 1
        last = bisect.bisect_right(seg_starts, max(draft.start, draft.end - 1)) - 1
        draft.source = SourceRecord(document=document, start=segments[first].start, end=segments[last].end)
        draft.evidence = text[draft.start : draft.end].strip() or None
        draft.spoken = True
        records.append(finalize(draft, roster))
    return records


def _join(segments: list[TimedText]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for segment in segments:
        starts.append(pos)
        pos += len(segment.text) + 1
    return " ".join(s.text for s in segments), starts


def _units(text: str, segments: list[TimedText], seg_starts: list[int]) -> list[Unit]:
    """Sentences within speaker turns. Turns change at ">>" or where the segment's speaker changes."""
    breaks: set[int] = {m.start() for m in re.finditer(r">>", text)}
    has_markers = bool(breaks)
    labelled = any(s.speaker for s in segments)
    for index in range(1, len(segments)):
        changed = segments[index].speaker != segments[index - 1].speaker
        if (labelled and changed) or (not has_markers and not labelled):
            breaks.add(seg_starts[index])
    units: list[Unit] = []
    bounds = sorted({0, *breaks, len(text)})
    for turn, (turn_start, turn_end) in enumerate(pairwise(bounds)):
        index = bisect.bisect_right(seg_starts, turn_start) - 1
        speaker = segments[max(0, index)].speaker if labelled else None
        pos = turn_start
        while pos < turn_end:
            stop = sentence_end(text, pos, turn_end)
            stop = max(stop, pos + 1)
            body = text[pos:stop]
            stripped = body.strip().lstrip(">").strip()
            if stripped:
                start = pos + (len(body) - len(body.lstrip().lstrip(">").lstrip()))
                units.append(Unit(start, stop, stripped, turn, speaker, turn_end))
            pos = stop
    return units


def _read(units: list[Unit], text: str) -> list[Draft]:
    drafts: list[Draft] = []
    current: Draft | None = None
    proposal: str | None = None
    voting = False
    asking: str | None = None  # what the chair just asked for: "yes", "no" or "abstain"
    for index, unit in enumerate(units):
        body = unit.text
        move = _I_MOVE.search(body) or _SO_MOVED.match(body)
        moved_by = _MOVED_BY.search(body) or _MOVES.search(body)
        if move or moved_by:
            mover = clean_person(moved_by.group("mover")) if moved_by else _addressed(units, index) or unit.speaker
            words = None
            if move is not None and _I_MOVE.search(body):
                words = _motion_words(text[unit.start + move.end() : unit.end])
            if not words and proposal:
                words = proposal
            restated = current is not None and current.result is None and not current.votes and not voting
            if restated and unit.start - current.start < 1500 and not moved_by:
                current.text = words or current.text
                current.mover = current.mover or mover
            elif current is not None and moved_by and current.result is None and unit.start - current.start < 600:
                current.mover = clean_person(moved_by.group("mover")) or current.mover
            else:
                current = _close(current, drafts)
                current = Draft(start=unit.start, end=unit.end, text=words, mover=mover)
                current.context = _lead_in(units, index)
                voting, asking = False, None
            proposal = None
        elif _PROPOSAL.search(body):
            proposal = _motion_words(_PROPOSAL.search(body).group("text"))
        if current is None:
            result = _RESULT.search(body)
            if result:
                current = Draft(start=unit.start, end=unit.end, text=_subject(result, body))
                _apply_result(current, result, body, unit)
                current = _close(current, drafts)
            continue
        current.end = max(current.end, unit.end)
        seconded = _SECONDED_BY.search(body)
        if seconded:
            current.seconder = clean_person(seconded.group("seconder") or seconded.group("seconder2"))
        elif _SECOND_UNIT.match(body) and not current.seconder:
            current.seconder = unit.speaker or _addressed(units, index, before_turn=True)
        if _VOTE_CALL.search(body):
            voting, asking = True, "yes"
        elif voting and _OPPOSED_CALL.search(body) and not _ANSWER.match(body):
            asking = "no"
        elif voting and _ABSTAIN_CALL.search(body) and not _ANSWER.match(body):
            asking = "abstain"
        answer = _ANSWER.match(body)
        if answer and voting:
            _record_answer(current, units, index, answer.group("word"), asking)
        result = _RESULT.search(body)
        if result and unit.start - current.start <= _REACH:
            _apply_result(current, result, body, unit)
            current = _close(current, drafts)
            voting, asking = False, None
        elif unit.start - current.start > _REACH:
            current = _close(current, drafts)
            voting, asking = False, None
    _close(current, drafts)
    return drafts


def _close(draft: Draft | None, drafts: list[Draft]) -> None:
    if draft is not None:
        if draft.result is None and not draft.votes and not draft.seconder and not (draft.tally):
            # A "move" nobody took up and nobody voted on is talk, not a motion.
            if not draft.text or len(draft.text) < 10:
                return None
        drafts.append(draft)
    return None


def _apply_result(draft: Draft, match: re.Match[str], body: str, unit: Unit) -> None:
    verb = next((g for g in (match.group(k) for k in ("v1", "v2", "v3", "v4", "v5")) if g), "")
    verb = verb.upper()
    if any(word in verb for word in _FAILED_WORDS):
        result = "failed"
    elif "WITHDRAWN" in verb:
        result = "withdrawn"
    elif "TABLED" in verb:
        result = "tabled"
    else:
        result = "passed"
    draft.set_result(result, unit.start)
    tally = parse_tally(body[match.end() : match.end() + 80]) or parse_tally(body)
    if re.search(r"\bHEARING\s+(?:NO|NONE)|\bSEEING\s+(?:NO|NONE)", body, re.IGNORECASE):
        tally = tally or Tally(unanimous=True, counts={"no": 0})
    if tally:
        draft.tally = tally
        if tally.counts.get("yes") is not None:
            draft.flags = [f for f in draft.flags if f != "a no vote was heard in a voice vote"]
    draft.end = max(draft.end, unit.end)


def _record_answer(draft: Draft, units: list[Unit], index: int, word: str, asking: str | None) -> None:
    """An answer in a vote: by name when the previous turn called one (a roll call), else a voice vote."""
    option = option_for(re.sub(r"^I\s+(?:VOTE\s+)?", "", word, flags=re.IGNORECASE)) or (
        "yes" if word.strip().upper() == "I" else None
    )
    if option is None:
        return
    previous = units[index - 1] if index > 0 else None
    called = _CALLED_NAME.match(previous.text) if previous is not None and previous.turn != units[index].turn else None
    name = clean_person(called.group("name")) if called else None
    calls = (_VOTE_CALL, _OPPOSED_CALL, _ABSTAIN_CALL, _ANSWER)
    if name and previous is not None and any(p.search(previous.text) for p in calls):
        name = None
    if name and re.search(r"\b(?:say|said|please|favou?r|vote|motion|item|thank|next)\b", name, re.IGNORECASE):
        name = None
    if name and option_for(name) is None:
        draft.add_vote(strip_title(name), option)
    elif units[index].speaker and not re.fullmatch(r"(?i)speaker[ _]?\w{1,3}", units[index].speaker):
        draft.add_vote(strip_title(units[index].speaker), option)
    elif option == "no" or asking == "no":
        if "a no vote was heard in a voice vote" not in draft.flags:
            draft.flags.append("a no vote was heard in a voice vote")


def _addressed(units: list[Unit], index: int, before_turn: bool = False) -> str | None:
    """The member the chair just called on ("Commissioner Alvarez." / "are you making a motion, X?")."""
    turn = units[index].turn
    for back in range(index - 1, max(-1, index - 4), -1):
        unit = units[back]
        if unit.turn == turn:
            continue
        if re.search(r"\bmotion\b|^\W*(?:" + TITLE + r")\s+\S+\W*$", unit.text, re.IGNORECASE):
            titled = re.findall(rf"{TITLE}\s+{PERSON}", unit.text)
            found = re.search(rf"(?:{TITLE}\s+){{1,3}}{PERSON}", unit.text)
            if titled and found:
                return clean_person(found.group(0))
        if before_turn:
            break
    return None


def _lead_in(units: list[Unit], index: int) -> str:
    """What was said just before a motion (the item being introduced): context for classifying it."""
    words: list[str] = []
    for unit in reversed(units[max(0, index - 4) : index]):
        if sum(len(w) for w in words) + len(unit.text) > 400:
            break
        words.insert(0, unit.text)
    return " ".join(words)


def _motion_words(rest: str) -> str | None:
    rest = re.sub(r"^\s*(?:THAT\s+WE\s+|THAT\s+THE\s+BOARD\s+|WE\s+)", "to ", rest, flags=re.IGNORECASE)
    rest = re.sub(r"^\s*T\s+(?=[A-Z])", "to ", rest)  # captions drop letters: "I MOVE T APPROVE"
    rest = re.split(r"\bis\s+there\s+a\s+second\b|\ball\s+(?:those\s+)?in\s+favou?r\b", rest, flags=re.IGNORECASE)[0]
    rest = rest.strip(" ,.;:")
    return rest or None


def _subject(match: re.Match[str], body: str) -> str:
    subject = match.group("subject") or match.group("subject2")
    return (subject or body).strip()
