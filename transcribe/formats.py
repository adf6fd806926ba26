"""Writing a transcript as JSON, plain text, WebVTT or SubRip."""

from __future__ import annotations

import json
from dataclasses import asdict

from transcribe.transcript import TranscriptResult

FORMATS = ("json", "txt", "vtt", "srt")


def render(result: TranscriptResult, fmt: str) -> str:
    """The transcript in ``fmt`` (one of FORMATS), ending with a newline."""
    if fmt == "json":
        return to_json(result)
    if fmt == "txt":
        return to_text(result)
    if fmt == "vtt":
        return to_vtt(result)
    if fmt == "srt":
        return to_srt(result)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def to_json(result: TranscriptResult) -> str:
    """All fields of the result, segments with their words and flags."""
    return json.dumps(asdict(result), ensure_ascii=False, indent=2) + "\n"


def to_text(result: TranscriptResult) -> str:
    """One segment per line, no times."""
    return "".join(f"{seg.text}\n" for seg in result.segments if seg.text)


def to_vtt(result: TranscriptResult) -> str:
    """WebVTT captions (for the HTML5 player's <track>)."""
    cues = [
        f"{_stamp(s.start, '.')} --> {_stamp(max(s.end, s.start), '.')}\n{_vtt_text(s.text)}\n"
        for s in result.segments
        if s.text
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def to_srt(result: TranscriptResult) -> str:
    """SubRip subtitles, numbered from 1."""
    cues = [
        f"{n}\n{_stamp(s.start, ',')} --> {_stamp(max(s.end, s.start), ',')}\n{_one_line(s.text)}\n"
        for n, s in enumerate((s for s in result.segments if s.text), start=1)
    ]
    return "\n".join(cues)


def _stamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    # A blank line would end the cue early, and "-->" would be read as a timing line.
    return " ".join(text.split()).replace("-->", "->")


def _vtt_text(text: str) -> str:
    return _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
