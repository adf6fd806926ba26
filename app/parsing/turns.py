"""Speaker turns of a transcript, cut into sentence units the spoken reader walks:

- segments joined with single spaces, turns changing at ">>" or where the segment's speaker changes;
- diarized labels ("Speaker 3", "SPEAKER_03") named from a roll call they answered ("Commissioner
  Walker?" / "Speaker 3: Yes."), so later motions and votes by that voice carry the member's name;
- running text with speaker turns inline ("Adams: Please call the vote.  Fritz: Aye.  Fish: Aye."),
  as closed-caption files appended to minutes have them, split into segments that keep their offsets.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from app.parsing.layout import sentence_end
from app.parsing.lexicon import TITLE
from app.parsing.records import TimedText

GENERIC_SPEAKER = re.compile(
    r"(?i)^(?:speaker[ _]?\w{1,3}|spk[ _]?\d+|unknown|unidentified(?:\s+\w+)?|\*+|>>|(?:several\s+|multiple\s+)?voices?"
    r"|multiple\s+speakers|members|all|audience|crosstalk)$"
)
STAFF_SPEAKER = re.compile(
    r"(?i)\b(?:clerk|secretary|recording|reporter|moderator|staff|attorney|counsel|manager|interpreter|narrator)\b"
)
_ROLL_ANSWER = re.compile(r"^\W*(?:here|present|aye|yes|yea|no|nay|abstain|i)\W*$", re.IGNORECASE)
_NAMED = re.compile(rf"^\W*(?:{TITLE}\s+)+(?P<name>[A-Za-z][\w'\u2019-]+(?:\s+[A-Za-z][\w'\u2019-]+)?)\W*$")


@dataclass
class Unit:
    """A sentence of one speaker's turn: offsets into the joined text."""

    start: int
    end: int
    text: str
    turn: int
    speaker: str | None
    turn_end: int = 0


def join(segments: list[TimedText]) -> tuple[str, list[int]]:
    """The segments' text joined with single spaces, and where each segment starts in it."""
    starts, pos = [], 0
    for segment in segments:
        starts.append(pos)
        pos += len(segment.text) + 1
    return " ".join(s.text for s in segments), starts


def make_units(text: str, segments: list[TimedText], seg_starts: list[int]) -> list[Unit]:
    """Sentences within speaker turns. Turns change at ">>" or where the segment's speaker changes."""
    breaks: set[int] = {m.start() for m in re.finditer(r">>", text)}
    has_markers = bool(breaks)
    labelled = any(s.speaker for s in segments)
    rolling = not has_markers and not labelled and _unpunctuated(text)
    if rolling:
        breaks |= _cue_breaks(text)
    for index in range(1, len(segments)):
        changed = segments[index].speaker != segments[index - 1].speaker
        if (labelled and changed) or (not has_markers and not labelled and not rolling):
            breaks.add(seg_starts[index])
    units: list[Unit] = []
    bounds = sorted({0, *breaks, len(text)})
    for turn, (turn_start, turn_end) in enumerate(pairwise(bounds)):
        index = bisect.bisect_right(seg_starts, turn_start) - 1
        speaker = segments[max(0, index)].speaker if labelled else None
        pos = turn_start
        while pos < turn_end:
            stop = max(sentence_end(text, pos, turn_end), pos + 1)
            body = text[pos:stop]
            stripped = body.strip().lstrip(">").strip()
            if stripped:
                start = pos + (len(body) - len(body.lstrip().lstrip(">").lstrip()))
                units.append(Unit(start, stop, stripped, turn, speaker, turn_end))
            pos = stop
    name_speakers(units)
    return units


# Where a turn or sentence begins in rolling captions, which have neither punctuation nor speakers and cut
# their cues mid-sentence ("i move to approve the" | "superintendents recommendation ..."): before the words
# that make, second, call or settle a motion, and after "opposed?".
_CUES = re.compile(
    r"\b(?:i(?:['\u2019]ll|\s+will|\s+would|['\u2019]d)?(?:\s+like\s+to)?\s+(?:move|second|make\s+(?:a|the)\s+motion)"
    r"|second(?:ed)?\b|so\s+moved|(?:the\s+)?motion\s+(?:was\s+)?(?:made\s+)?(?:by|carries|carried|passes|passed|fails"
    r"|failed)|moved\s+by|is\s+there\s+a\s+(?:second|motion)|all\s+(?:those\s+)?in\s+favou?r|(?:any|those|all)\s+opposed"
    r"|(?<=\baye\s)opposed|(?<=\bfavor\s)opposed|any\s+abstentions?|(?:hearing|seeing)\s+(?:no|none)|(?:the\s+)?(?:next|first)\s+(?:is\s+)?item|item\s+(?:number\s+)?\d{1,3}\s+is"
    r"|we\s+are\s+adjourned|(?<!\baye\s)aye\b)",
    re.IGNORECASE,
)
_AFTER_CUES = re.compile(r"\b(?:(?:any|those|all)\s+opposed|any\s+abstentions?)\b\s*", re.IGNORECASE)


def _unpunctuated(text: str) -> bool:
    """Whether captions carry no sentence punctuation (fewer than one stop in 60 words)."""
    words = len(text.split())
    return words >= 60 and len(re.findall(r"[.?!]", text)) * 60 < words


def _cue_breaks(text: str) -> set[int]:
    """Sentence starts for rolling captions (see `_CUES`)."""
    return {m.start() for m in _CUES.finditer(text)} | {m.end() for m in _AFTER_CUES.finditer(text)} - {len(text)}


def name_speakers(units: list[Unit]) -> None:
    """Give diarized voices ("Speaker 3") the member name they answered to in a roll call."""
    seen: dict[str, set[str]] = {}
    for previous, unit in pairwise(units):
        if not unit.speaker or not GENERIC_SPEAKER.match(unit.speaker) or previous.turn == unit.turn:
            continue
        called = _NAMED.match(previous.text)
        if called and _ROLL_ANSWER.match(unit.text):
            seen.setdefault(unit.speaker, set()).add(called.group("name"))
    names = {label: next(iter(found)) for label, found in seen.items() if len(found) == 1}
    if len(set(names.values())) != len(names):
        return  # two voices answered to one name: diarization is not to be trusted here
    for unit in units:
        if unit.speaker in names:
            unit.speaker = names[unit.speaker]


def is_member_voice(speaker: str | None) -> bool:
    """Whether a speaker label names someone who may move and vote (not "Speaker 2", not the clerk)."""
    return bool(speaker) and not GENERIC_SPEAKER.match(speaker or "") and not STAFF_SPEAKER.search(speaker or "")


# "Fritz: Aye.", "Winston Sandino, Capitol Project Manager, Bureau of Transportation:  Good morning"
_INLINE = re.compile(
    r"(?:(?<=\s\s)|(?<=^)|(?<=[.?!\]\d]\s)|(?<=\n))"
    r"(?P<label>(?P<name>[A-Z][A-Za-z'\u2019\-]+(?:[ ][A-Z][A-Za-z'\u2019\-]+){0,2}|\*{3,})"
    r"(?:,[ ][^:\n.?!\[\]]{3,80}?)?)[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
_NOT_SPEAKER = re.compile(
    r"(?i)^(?:minutes|motion|status|result|mover|seconder|second|ayes?|noes|nays?|abstain|absent|excused|recused|note"
    r"|item|items|disposition|department|action|attendance|present|agenda|key|subject|re|attest|moved|approved"
    r"|recommended|recommendation|public|consent|time|date|location|vote|roll|officers|commissioners|members"
    r"|yes|no|oh|ok|okay|thanks?|well|so|and|but|the|then|now|here|decision|license|incident|attorney|applicant"
    r"|address|hearing|case|complaint|manager|from|to|cc|page|phone|email|fax|tel|findings?|allegations?"
    r"|recommendations?|charges?|specifications?|penalty|order|count)\b"
)


def inline_turns(text: str) -> tuple[int, list[TimedText]] | None:
    """Where running text with inline speaker turns starts, and its turns as segments with offsets.

    None unless the same few speakers recur often, mostly in mid-line, as in a caption file.
    """
    labels = [m for m in _INLINE.finditer(text) if not _NOT_SPEAKER.match(m.group("name"))]
    counts = Counter(m.group("name") for m in labels)
    recurring = {name for name, n in counts.items() if n >= 2}
    turns = [m for m in labels if m.group("name") in recurring]
    if len(turns) < 6 or len(recurring) < 3:
        return None  # a meeting has several voices; one recurring label ("Finding:") is a form's field
    # Mid-line: other words before the label on its line (not indentation, as in "   Decision: Granted").
    inline = sum(1 for m in turns if text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip())
    if inline < 0.5 * len(turns):
        return None
    start = next((m for i, m in enumerate(turns) if _dense(turns[i : i + 4])), None)
    if start is None:
        return None
    chosen = [m for m in labels if m.start() >= start.start()]
    segments = []
    for here, following in pairwise([*chosen, None]):
        end = following.start() if following is not None else len(text)
        body_start = here.end()
        body = text[body_start:end].rstrip()
        if not body.strip():
            continue
        speaker = None if here.group("name").startswith("*") else here.group("name")
        index = float(len(segments))
        segments.append(TimedText(start=index, end=index + 1, text=body, speaker=speaker, offset=body_start))
    return start.start(), segments


def _dense(window: list[re.Match[str]]) -> bool:
    return len(window) == 4 and window[-1].start() - window[0].start() < 4000
