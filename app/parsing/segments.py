"""Transcript shapes in, TimedText out: timestamped or speaker-labelled text lines, WebVTT/SRT, caption
JSON (start/duration), Whisper JSON (segments) and Council Data Project JSON (sentences). Also splits
plain text at page markers and tells transcripts from minutes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from app.parsing.records import PageText, TimedText

_CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_SECONDS = r"\d+(?:\.\d+)?"
_STAMP_LINE = re.compile(
    rf"^\s*(?:\[\s*(?P<a>{_CLOCK}|{_SECONDS})\s*(?:-|\u2013|-->)?\s*(?:{_CLOCK}|{_SECONDS})?\s*\]|\(\s*(?P<b>{_CLOCK})\s*\)"
    rf"|(?P<c>{_CLOCK}))\s*(?:-\s+)?(?P<rest>.*)$"
)
_CUE_LINE = re.compile(rf"^\s*(?P<start>{_CLOCK})\s*-->\s*(?P<end>{_CLOCK})")
_SPEAKER = re.compile(
    r"^(?P<speaker>(?:>>\s*)?(?:(?i:speaker)[ _]?\w{1,3}|SPEAKER_\d+"
    r"|[A-Z][A-Za-z.'\u2019-]*(?:\s+[A-Z][A-Za-z.'\u2019-]*){0,3}))"
    r"\s*:\s+(?P<text>.*)$"
)
_PAGE_MARK = re.compile(r"^\s*(?:-{2,}|={2,})\s*page\s+(?P<n>\d+)\s*(?:-{2,}|={2,})\s*$", re.IGNORECASE | re.MULTILINE)


def clock_to_seconds(text: str) -> float:
    """ "01:02:03.5" / "12:31" / "123.4" -> seconds."""
    text = text.replace(",", ".")
    parts = text.split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def timed_lines(text: str) -> list[TimedText] | None:
    """Segments from text whose lines carry times ("[123.4] Speaker 2: ...", "00:12:31 CHAIR: ...",
    WebVTT/SRT cues). None when the text is not timed that way."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    cues = _cues(lines) or _headed_turns(lines)
    if cues is not None:
        return cues
    stamped = [_STAMP_LINE.match(line) for line in lines]
    hits = sum(1 for m in stamped if m and m.group("rest").strip())
    if hits < 2 or hits < 0.5 * len(lines):
        return None
    segments: list[TimedText] = []
    for line, match in zip(lines, stamped, strict=True):
        if match is None or not match.group("rest").strip():
            if segments and line.strip():
                segments[-1].text += " " + line.strip()
            continue
        start = clock_to_seconds(match.group("a") or match.group("b") or match.group("c"))
        speaker, body = split_speaker(match.group("rest").strip())
        segments.append(TimedText(start=start, end=start, text=body, speaker=speaker))
    _fill_ends(segments)
    return segments


def _cues(lines: list[str]) -> list[TimedText] | None:
    """WebVTT or SRT: a "start --> end" line, then the cue's text lines."""
    if not any(_CUE_LINE.match(line) for line in lines[:6]):
        return None
    segments: list[TimedText] = []
    # YouTube's word-timed captions: each cue repeats the line before and adds one whose words carry their times
    # ("to<00:01:03.544><c> call</c>..."); only those new lines are the speech, read without their tags.
    word_timed = any("<c>" in line for line in lines)
    for line in lines:
        cue = _CUE_LINE.match(line)
        if cue:
            segments.append(TimedText(clock_to_seconds(cue["start"]), clock_to_seconds(cue["end"]), ""))
        elif segments and not re.fullmatch(r"\s*(?:\d+|WEBVTT.*|NOTE.*)\s*", line):
            if word_timed and "<" not in line:
                continue
            body = re.sub(r"<(?:\d|/?c\b)[^>]*>", "", line).strip() if word_timed else line.strip()
            # Subtitle dialogue: "- [COMMISSIONER IKEDA] Move approval." / "- [COMMISSIONER MWANGI] Second."
            dash = re.match(r"-\s*", body) is not None and len(body) > 2
            body = re.sub(r"^-\s*", "", body) if dash else body
            bracket = re.match(r"\[(?P<speaker>[A-Za-z][A-Za-z .'\u2019-]{1,40})\]\s*(?P<text>.*)$", body)
            if bracket:
                speaker, body = bracket["speaker"].strip(), bracket["text"]
            else:
                speaker, body = split_speaker(re.sub(r"<v\s+([^>]+)>", r"\1: ", body))
            current = segments[-1]
            if dash and current.text:  # a second speaker within one cue: a segment of its own, same times
                segments.append(TimedText(current.start, current.end, "", speaker=speaker or current.speaker))
                current = segments[-1]
            current.text = (current.text + " " + body).strip()
            current.speaker = current.speaker or speaker
    return [s for s in segments if s.text] or None


# A line that heads a turn or a caption: "Speaker Name  mm:ss" (Otter), "Speaker Name (01:02:03):" (Rev),
# or a time alone ("0:03:41" above a line of YouTube's automatic captions).
# Or the time first, then the speaker, as transcript editors export: "[00:14:22] Chair Morales" (Trint, Descript).
_TURN_HEAD = re.compile(
    rf"^\s*(?:(?P<speaker>[A-Z][\w.'\u2019-]*(?:,?\s[\w.'\u2019-]+){{0,4}}?(?:\s\((?i:guest|external)\))?)\s+)?"
    rf"(?:\((?P<paren>{_CLOCK})\)|\[(?P<square>{_CLOCK})\]|(?P<clock>{_CLOCK}))\s*:?\s*$"
    rf"|^\s*\[(?P<first>{_CLOCK})\]\s+(?P<after>[A-Z][\w.'\u2019-]*(?:\s[A-Z0-9][\w.'\u2019-]*){{0,4}})\s*$"
)


def _headed_turns(lines: list[str]) -> list[TimedText] | None:
    """A heading line with a time above each turn's or caption's text (see `_TURN_HEAD`)."""
    heads = [_TURN_HEAD.match(line) for line in lines]
    count = sum(1 for m in heads if m)
    if count < 3 or count < 0.3 * len(lines):
        return None
    first = [i for i, m in enumerate(heads) if m and m["first"]]
    if first and sum(1 for i in first if i + 1 < len(lines) and not heads[i + 1]) < 0.8 * len(first):
        return None  # "[00:01:02] Thank You" captions, each a line of its own: stamped lines, not turn heads
    segments: list[TimedText] = []
    for line, head in zip(lines, heads, strict=True):
        if head:
            start = clock_to_seconds(head["paren"] or head["square"] or head["clock"] or head["first"])
            label = head["speaker"] or head["after"]
            speaker = _speaker_name(label) if label else None
            segments.append(TimedText(start=start, end=start, text="", speaker=speaker))
        elif segments:
            segments[-1].text = (segments[-1].text + " " + line.strip()).strip()
    segments = [s for s in segments if s.text]
    _fill_ends(segments)
    return segments or None


def _speaker_name(label: str) -> str:
    """ "Okafor, Adaeze" (Teams) -> "Adaeze Okafor"; "Kwame Asante (Guest)" -> "Kwame Asante"."""
    label = re.sub(r"\s*\((?i:guest|external)\)\s*$", "", label.strip())
    last, comma, first = label.partition(", ")
    return f"{first} {last}" if comma and first and " " not in last else label


# Zoom's saved transcript: "From Chair Lisa Moreno : text", a chat line "From Name to Everyone:" (the message below).
_ZOOM_FROM = re.compile(r"^From\s+(?P<speaker>[^:\n]{2,60}?)(?:\s+to\s+[^:\n]{2,40}?)?\s*:(?:\s+(?P<text>.*))?$")


def split_speaker(text: str) -> tuple[str | None, str]:
    """ "CHAIR: All in favor?" -> ("CHAIR", "All in favor?"); (None, text) when no speaker label leads."""
    zoom = _ZOOM_FROM.match(text)
    if zoom:
        speaker = re.sub(r"\s*\((?:he|she|they)/\w+\)", "", zoom["speaker"]).strip()
        return speaker, zoom["text"] or ""
    match = _SPEAKER.match(text)
    if match and len(match.group("speaker")) <= 40:
        return match.group("speaker").lstrip("> ").strip(), match.group("text")
    house = _HOUSE_SPEAKER.match(text)
    if house:
        return house["speaker"], house["text"]
    return None, text


# A legislative committee's printed transcript: the speaker in capitals, then a full stop ("Ms. PATEL. I move
# that ...", "Chairwoman OKAFOR. Without objection, ...", "The CLERK. Mr. Abbott?").
_HOUSE_SPEAKER = re.compile(
    r"^(?P<speaker>(?:(?:Mr|Ms|Mrs|Dr)\.|Miss|Chair(?:wo)?man|Chairperson|Chair|Vice\s+Chair(?:wo)?man|Senator"
    r"|Representative|Councilmember|Commissioner)\s+[A-Z]{2,}(?:[-'\u2019][A-Z]{2,})*"
    r"|The\s+(?:CLERK|CHAIR(?:MAN|WOMAN)?|SECRETARY|PRESIDENT))\.\s+(?P<text>\S.*)$"
)


def _fill_ends(segments: list[TimedText]) -> None:
    for index, segment in enumerate(segments):
        following = segments[index + 1].start if index + 1 < len(segments) else segment.start + 5.0
        segment.end = max(segment.start, following)


_SPOKEN_CUES = re.compile(
    r"(?im)^\s*>>|\bI(?:'ll|'d| will| would)?\s+(?:like\s+to\s+)?(?:move|second)\b|\bso\s+moved\b"
    r"|\bis\s+there\s+a\s+second\b"
    r"|\ball\s+(?:those\s+)?in\s+favou?r\b|\bhearing\s+no\s+objection|\bthe\s+ayes\s+have\s+it\b"
)
_WRITTEN_CUES = re.compile(
    r"(?im)\bmoved\s*,?\s+(?:and\s+)?seconded\s+by\b|^\s*(?:result|ayes|noes|nays|mover|seconder|motion)\s*:"
    r"|\bmotion\s+carried\b|\bseconded\s+by\b|\(motion\)|^\s*(?:-{2,}|={2,})\s*page\s+\d+"
)


def looks_spoken(text: str) -> bool:
    """Whether untimed text reads as a transcript (first-person motions, ">>" turns) rather than minutes."""
    spoken = len(_SPOKEN_CUES.findall(text))
    written = len(_WRITTEN_CUES.findall(text))
    return spoken > 0 and spoken > 2 * written


_NUMBERED_LINE = re.compile(r"^([ \t]{0,4})(\d{1,2})(?=[ \t]{2,}\S|[ \t]*$)", re.MULTILINE)


def blank_line_numbers(text: str) -> str:
    """Pleading-paper and court-reporter pages number every line 1-25 at the left ("  7   COMMISSIONER LIU:
    Aye."): those numbers become spaces, so offsets still hold and the words read as the speaker's."""
    lines = [line for line in text.splitlines() if line.strip()]
    numbered = [m for m in _NUMBERED_LINE.finditer(text) if int(m.group(2)) <= 28]
    if len(numbered) < 20 or len(numbered) < 0.6 * len(lines):
        return text
    chars = list(text)
    for match in numbered:
        chars[match.start(2) : match.end(2)] = " " * len(match.group(2))
    return "".join(chars)


def untimed_lines(text: str) -> list[TimedText]:
    """A plain-text transcript's lines as segments (line numbers for times), each with its speaker label
    split off ("CHAIRPERSON GOMEZ: ...") and its offset in `text`; a line with no label of its own goes on
    the turn of the speaker above it, where the transcript labels its speakers."""
    segments: list[TimedText] = []
    offset = 0
    labelled = sum(1 for line in text.splitlines() if split_speaker(line.strip())[0]) >= 3
    speaker: str | None = None
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            said, body = split_speaker(stripped)
            speaker = said or (speaker if labelled else None)
            start = offset + line.index(stripped) + len(stripped) - len(body)
            index = float(len(segments))
            segments.append(TimedText(start=index, end=index + 1, text=body, speaker=speaker, offset=start))
        offset += len(line)
    return segments


def split_pages(text: str) -> list[PageText]:
    """Pages of plain text: split at form feeds or "--- PAGE 3 ---" markers; one page otherwise."""
    marks = list(_PAGE_MARK.finditer(text))
    if marks:
        pages = []
        if text[: marks[0].start()].strip():
            pages.append(PageText(number=max(1, int(marks[0].group("n")) - 1), text=text[: marks[0].start()]))
        for index, mark in enumerate(marks):
            end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
            pages.append(PageText(number=int(mark.group("n")), text=text[mark.end() : end]))
        return pages
    if "\f" in text:
        return [PageText(number=i, text=part) for i, part in enumerate(text.split("\f"), start=1)]
    return [PageText(number=1, text=text)]


def segments_from_json(data: Any) -> list[TimedText]:
    """Segments from parsed transcript JSON: a list of {text, start, end|duration, speaker}, Whisper's
    {"segments": [...]}, or Council Data Project's {"sentences": [{text, start_time, end_time, speaker_name}]}."""
    if isinstance(data, dict):
        for key in ("segments", "sentences", "captions", "items", "results"):
            if isinstance(data.get(key), list):
                return segments_from_json(data[key])
        return []
    if not isinstance(data, list):
        return []
    segments: list[TimedText] = []
    for item in data:
        if not isinstance(item, dict):
            continue
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        start = _number(item, "start", "start_time", "startTime", "begin", "offset")
        if start is None:
            continue
        end = _number(item, "end", "end_time", "endTime", "stop")
        if end is None:
            duration = _number(item, "duration", "dur")
            end = start + duration if duration is not None else start
        speaker = item.get("speaker") or item.get("speaker_name") or item.get("speaker_label")
        segments.append(
            TimedText(start=start, end=max(start, end), text=text, speaker=str(speaker) if speaker else None)
        )
    return segments


def _number(item: dict[str, Any], *keys: str) -> float | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value) if ":" not in value else clock_to_seconds(value)
            except ValueError:
                continue
    return None


_TITLED = re.compile(
    r"\b(commissioner|councilmember|councilman|councilwoman|alderman|alderwoman|supervisor|trustee|chairman"
    r"|chairwoman|chairperson|chair|member|director|president|secretary|mayor|judge)\s+([a-z][a-z'-]+)\b"
)
_NOT_NAMES = {
    "and", "or", "the", "a", "an", "for", "to", "of", "is", "was", "all", "so", "i", "we", "please", "in", "from",
    "his", "her", "their", "with", "on", "at", "by", "who", "has", "had", "seconded", "moved", "second", "opposed",
    "voted", "says", "said", "yes", "no", "aye", "nay", "be", "will", "would", "are", "were", "here", "present",
}  # fmt: skip
# Officers' ranks: the next one or two words are the officer's name ("deputy marcus ford").
_RANKED = re.compile(
    r"\b(officer|deputy|sergeant|detective|lieutenant|captain|corporal|trooper)\s+([a-z][a-z'-]+)(\s+[a-z][a-z'-]+)?\b"
)


def restore_name_case(segments: list[TimedText], spellings: Iterable[str] = ()) -> list[TimedText]:
    """Captions written all in lower case ("moved by commissioner alvarez seconded by commissioner brooks"):
    the word after a member's title is capitalised, as a name, so the readers can see it, and so is every
    word of a roster spelling of two or more words ("oh conquer", as speech recognition heard "Okonkwo").
    Other text, and text with capitals of its own, is left as it is; lengths never change, so offsets hold."""
    letters = [c for s in segments for c in s.text if c.isalpha()]
    if not letters:
        return segments
    if sum(c.isupper() for c in letters) > 0.01 * len(letters):
        return _known_names_after_titles(segments, spellings)
    phrases = sorted({p.lower() for p in spellings if len(p.split()) >= 2 and p.isascii()}, key=len, reverse=True)
    heard = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b") if phrases else None

    def title(match: re.Match[str]) -> str:
        word = match.group(2)
        name = word if word in _NOT_NAMES else word[:1].upper() + word[1:]
        return f"{match.group(1).capitalize()} {name}"

    def ranked(match: re.Match[str]) -> str:
        first, second = match.group(2), (match.group(3) or "").strip()
        if first in _NOT_NAMES:
            return match.group(0)
        name = first.capitalize() + (" " + second.capitalize() if second and second not in _NOT_NAMES else "")
        if second and second in _NOT_NAMES:
            name += " " + second
        return f"{match.group(1).capitalize()} {name}"

    return [
        TimedText(
            start=s.start,
            end=s.end,
            text=_RANKED.sub(
                ranked, _TITLED.sub(title, heard.sub(lambda m: m.group(0).title(), s.text) if heard else s.text)
            ),
            speaker=s.speaker,
            offset=s.offset,
        )
        for s in segments
    ]


def _known_names_after_titles(segments: list[TimedText], spellings: Iterable[str]) -> list[TimedText]:
    """Punctuated speech recognition that heard a member's name as a word ("seconded by commissioner faster"): a
    roster spelling of one word after a member's title is capitalised, so it is read as the name it stands for."""
    known = {p.split()[-1].lower() for p in spellings if p and p.strip() and p.isascii()}
    if not known:
        return segments
    titled = re.compile(_TITLED.pattern, re.IGNORECASE)

    def name(match: re.Match[str]) -> str:
        word = match.group(2)
        if word.lower() not in known or not word.islower():
            return match.group(0)
        return f"{match.group(1)} {word[:1].upper() + word[1:]}"

    return [
        TimedText(start=s.start, end=s.end, text=titled.sub(name, s.text), speaker=s.speaker, offset=s.offset)
        for s in segments
    ]
