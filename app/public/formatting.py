"""Template filters and helpers: times, tallies, outcomes, permalinks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from flask import Blueprint, url_for

from app.models import Motion

TALLY_LABELS = (
    ("yes", "yes"),
    ("no", "no"),
    ("abstain", "abstaining"),
    ("absent", "absent"),
    ("excused", "excused"),
    ("recused", "recused"),
)


def timestamp(seconds: float | None) -> str:
    """3711.2 -> "1:01:51"; 75 -> "1:15"."""
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def long_date(value: dt.date | None) -> str:
    """2024-03-07 -> "March 7, 2024"."""
    return f"{value:%B} {value.day}, {value.year}" if value else ""


def fragment_seconds(seconds: float | None) -> str:
    """Seconds for a media fragment or `#t=` link: "3711.2", "75"."""
    if seconds is None:
        return "0"
    return f"{seconds:.1f}".rstrip("0").rstrip(".")


def tally(motion: Motion) -> str:
    """The headline tally, "7-2" (yes-no, with an en dash), or "" when the record does not count the yes votes
    ("Hearing none, the motion carries" states no one against, not "0-0")."""
    counts = motion.counts()
    if counts["yes"] is None:
        return ""
    return f"{counts['yes'] or 0}\u2013{counts['no'] or 0}"


def tally_details(motion: Motion) -> str:
    """ "7 yes, 2 no, 1 absent": every option the record counts."""
    counts = motion.counts()
    parts = [f"{counts[key]} {label}" for key, label in TALLY_LABELS if counts[key]]
    if not parts and counts["yes"] == 0:
        parts = ["0 yes"]
    return ", ".join(parts)


def outcome_summary(motion: Motion) -> str:
    """ "30-day suspension without pay", "termination", or the outcome text; "" when unknown."""
    kind = motion.outcome_kind
    if not kind:
        return motion.outcome_text or ""
    label = kind.replace("_", " ")
    if motion.outcome_days:
        label = f"{motion.outcome_days}-day {label}"
    if motion.outcome_paid is False:
        label += " without pay"
    elif motion.outcome_paid is True:
        label += " with pay"
    return label


def label(value: str | None) -> str:
    """ "appeal_denied" -> "Appeal denied"."""
    if not value:
        return ""
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]


def action_summary(motion: Motion) -> str:
    """ "30-day suspension without pay (passed 7-2)": what a motion decided, in a line."""
    what = outcome_summary(motion) or label(motion.classification)
    result = motion.result if motion.result != "unknown" else "result not recorded"
    counts = tally(motion)
    return f"{what} ({result}{' ' + counts if counts else ''})"


def vtt_time(seconds: float) -> str:
    """3711.25 -> "01:01:51.250" (WebVTT cue timing)."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _cue_text(text: str) -> str:
    # Cue text is a little markup language: escape it, and no line may hold "-->".
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(escaped.replace("--&gt;", "→").split())


def webvtt(segments: Iterable[Any]) -> str:
    """A WebVTT file with one cue per transcript segment (start, end, text, speaker)."""
    lines = ["WEBVTT", ""]
    for number, segment in enumerate(segments, start=1):
        end = max(segment.end, segment.start + 0.5)
        text = _cue_text(segment.text)
        if segment.speaker:
            text = f"{_cue_text(segment.speaker)}: {text}"
        lines += [str(number), f"{vtt_time(segment.start)} --> {vtt_time(end)}", text or "…", ""]
    return "\n".join(lines)


def counted(count: Any) -> str:
    """A capped count for people: "1,234", or "10,000+" when counting stopped at the cap."""
    value = getattr(count, "value", count) or 0
    return f"{value:,}+" if getattr(count, "capped", False) else f"{value:,}"


def plural(count: Any, word: str, many: str | None = None) -> str:
    """ "1 motion", "10,000+ motions"."""
    value = getattr(count, "value", count) or 0
    one = value == 1 and not getattr(count, "capped", False)
    return f"{counted(count)} {word if one else (many or word + 's')}"


def permalink(motion: Motion) -> str:
    return url_for("public.motion", motion_id=motion.id, _external=True)


def register(bp: Blueprint) -> None:
    """Template helpers; and the public pages kept in `records` that views.py does not list itself."""
    from app.public import records

    records.register(bp)
    bp.add_app_template_filter(timestamp, "timestamp")
    bp.add_app_template_filter(fragment_seconds, "fragment")
    bp.add_app_template_filter(label, "label")
    bp.add_app_template_filter(long_date, "long_date")
    bp.add_app_template_filter(counted, "counted")
    bp.add_app_template_global(plural, "plural")
    bp.add_app_template_global(tally, "tally")
    bp.add_app_template_global(tally_details, "tally_details")
    bp.add_app_template_global(outcome_summary, "outcome_summary")
    bp.add_app_template_global(action_summary, "action_summary")
