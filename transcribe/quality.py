"""Guarding against Whisper's known failure modes: invented text on silence, loops, low confidence.

All functions here are pure: they take segments (and optionally the chunk's samples) and return
new segments, so they can be tested without a model.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np

from transcribe.audio import SAMPLE_RATE, clock
from transcribe.transcript import LOW_CONFIDENCE, NO_SPEECH, NON_ENGLISH, REPETITION_COLLAPSED, Segment, Word

# Whisper's own fallback threshold is avg_logprob < -1.0; as a confidence that is exp(-1) ~ 0.37.
LOW_CONFIDENCE_BELOW = math.exp(-1.0)
# Whisper's own no-speech threshold.
NO_SPEECH_ABOVE = 0.6
# RMS below this (-60 dBFS) is digital or near-digital silence: no words can be there.
SILENCE_RMS = 10 ** (-60 / 20)
# Longest repeated unit looked for inside a segment, in words.
MAX_UNIT_WORDS = 40
# What Whisper is known to "hear" in silence (normalised); dropped only when the model itself says no speech.
STOCK_PHRASES = frozenset(
    {
        "you",
        "thank you",
        "thank you very much",
        "thanks for watching",
        "thank you for watching",
        "thank you so much for watching",
        "please subscribe",
        "bye",
        "subtitles by the amaraorg community",
    }
)

_NON_WORD = re.compile(r"[^\w\s]")


def confidence_from_logprob(avg_logprob: float | None) -> float | None:
    """exp(avg_logprob) clamped to 0..1; None when there is no score."""
    if avg_logprob is None or math.isnan(avg_logprob):
        return None
    return min(1.0, max(0.0, math.exp(avg_logprob)))


def normalise(text: str) -> str:
    """Lower case, no punctuation, single spaces: the form used to compare phrases."""
    return " ".join(_NON_WORD.sub("", text.lower()).split())


def min_repeats(unit_words: int) -> int:
    """How many copies in a row count as a loop rather than speech.

    Short units need many copies, because people do say "no, no, no" and a voice vote can be a
    run of "Aye."; a phrase of four or more words said three times running is a model loop.
    """
    if unit_words >= 4:
        return 3
    if unit_words >= 2:
        return 6
    return 12


def collapse_repetitions(segments: list[Segment]) -> tuple[list[Segment], list[str]]:
    """Collapse phrases repeated many times in a row, inside segments and across consecutive segments.

    Returns the new segments (collapsed ones flagged ``repetition_collapsed``) and one warning per collapse.
    """
    warnings: list[str] = []
    inner: list[Segment] = []
    for seg in segments:
        if NON_ENGLISH in seg.flags:  # a marker, not words
            inner.append(seg)
            continue
        collapsed, times = _collapse_within(seg)
        if times:
            warnings.append(_loop_warning(collapsed.text, times, seg.start))
        inner.append(collapsed)
    out: list[Segment] = []
    i = 0
    while i < len(inner):
        key = "" if NON_ENGLISH in inner[i].flags else normalise(inner[i].text)
        j = i + 1
        while j < len(inner) and key and normalise(inner[j].text) == key:
            j += 1
        run = j - i
        if key and run >= min_repeats(len(key.split())):
            first, last = inner[i], inner[j - 1]
            out.append(replace(first, end=last.end, flags=_with_flag(first.flags, REPETITION_COLLAPSED)))
            warnings.append(_loop_warning(first.text, run, first.start))
            i = j
        else:
            out.append(inner[i])
            i += 1
    return out, warnings


def review_segments(
    segments: list[Segment], samples: np.ndarray | None = None, offset: float = 0.0
) -> tuple[list[Segment], list[str]]:
    """Flag low-confidence and no-speech segments, drop text invented over silence, collapse loops.

    ``samples`` are the chunk's audio starting at absolute time ``offset``; when given, a segment
    whose audio is silent is dropped whatever the model's scores say.
    """
    kept: list[Segment] = []
    dropped = 0
    for seg in segments:
        flags = list(seg.flags)
        if seg.confidence is not None and seg.confidence < LOW_CONFIDENCE_BELOW:
            flags = _with_flag(flags, LOW_CONFIDENCE)
        if seg.no_speech_prob is not None and seg.no_speech_prob > NO_SPEECH_ABOVE:
            flags = _with_flag(flags, NO_SPEECH)
        if not seg.text.strip():
            continue
        silent = samples is not None and _is_silent(samples, seg.start - offset, seg.end - offset)
        if silent or _is_hallucination(seg, flags):
            dropped += 1
            continue
        kept.append(replace(seg, flags=flags))
    kept, warnings = collapse_repetitions(kept)
    if dropped:
        where = clock(segments[0].start) if segments else clock(offset)
        warnings.append(
            f"Left out {dropped} stretch(es) of text near {where} that speech recognition "
            "invented over silence or noise."
        )
    return kept, warnings


def _is_hallucination(seg: Segment, flags: list[str]) -> bool:
    """Text on what the model itself calls non-speech, when it is also unsure or says a stock phrase."""
    if NO_SPEECH not in flags:
        return False
    return LOW_CONFIDENCE in flags or normalise(seg.text) in STOCK_PHRASES


def _is_silent(samples: np.ndarray, start: float, end: float) -> bool:
    lo = max(0, int(start * SAMPLE_RATE))
    hi = min(len(samples), math.ceil(end * SAMPLE_RATE))
    if hi <= lo:
        return False
    part = samples[lo:hi].astype(np.float64)
    return float(np.sqrt(np.mean(part * part))) < SILENCE_RMS


def _collapse_within(seg: Segment) -> tuple[Segment, int]:
    """Collapse a loop inside one segment's words; returns the segment and how many copies were removed+1 (0: none)."""
    if seg.words:
        pieces = [w.word for w in seg.words]
    else:
        pieces = [" " + token for token in seg.text.split()]
    norms = [normalise(p) for p in pieces]
    keep, copies = _collapse_tokens(norms)
    if not copies:
        return seg, 0
    text = "".join(pieces[k] for k in keep).strip()
    words: list[Word] = [seg.words[k] for k in keep] if seg.words else []
    return replace(seg, text=text, words=words, flags=_with_flag(seg.flags, REPETITION_COLLAPSED)), copies


def _collapse_tokens(norms: list[str]) -> tuple[list[int], int]:
    """Indices to keep after collapsing looping units, and the largest number of copies found (0: none)."""
    keep: list[int] = []
    most = 0
    i, n = 0, len(norms)
    while i < n:
        for size in range(1, min(MAX_UNIT_WORDS, (n - i) // 2) + 1):
            unit = norms[i : i + size]
            copies = 1
            while norms[i + copies * size : i + (copies + 1) * size] == unit:
                copies += 1
            if copies >= min_repeats(size):
                keep.extend(range(i, i + size))
                most = max(most, copies)
                i += copies * size
                break
        else:
            keep.append(i)
            i += 1
    return keep, most


def _loop_warning(text: str, copies: int, at: float) -> str:
    snippet = text.strip()
    if len(snippet) > 60:
        snippet = snippet[:57] + "..."
    return f'"{snippet}" was repeated {copies} times in a row at {clock(at)}; kept once (a known recognition error).'


def _with_flag(flags: list[str], flag: str) -> list[str]:
    return flags if flag in flags else [*flags, flag]
