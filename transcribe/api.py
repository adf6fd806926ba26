"""The package's public face: probe a file, transcribe it chunk by chunk.

The app's upload step calls ``probe`` to reject non-audio quickly; the job worker calls
``transcribe_file`` with ``on_chunk`` to commit each chunk and report progress, and with
``resume_from`` to carry on after a crash from the last committed chunk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from transcribe.audio import AudioInfo, DecodeReport, clock, decode_blocks, probe
from transcribe.chunking import split_chunks
from transcribe.engines import DEFAULT_ENGINE, load_engine
from transcribe.errors import DecodeError
from transcribe.language import non_english_warnings
from transcribe.quality import review_segments
from transcribe.speakers import label_roll_call
from transcribe.transcript import Chunk, Segment, TranscriptResult, Word

__all__ = ["AudioInfo", "Chunk", "Segment", "TranscriptResult", "Word", "probe", "transcribe_file"]

# A decoded length this much shorter than the container's (and at least TRUNCATION_MIN_SECONDS) is reported.
TRUNCATION_TOLERANCE = 0.03
TRUNCATION_MIN_SECONDS = 1.0


def transcribe_file(
    path: str | os.PathLike[str],
    *,
    engine: str = DEFAULT_ENGINE,
    model: str | None = None,
    on_chunk: Callable[[Chunk, float], None] | None = None,
    resume_from: float = 0.0,
    chunk_seconds: float = 600.0,
    threads: int | None = None,
    beam_size: int | None = None,
) -> TranscriptResult:
    """Transcribe one audio or video file; return every segment with absolute times and warnings.

    Audio is decoded as a stream and cut into chunks of about ``chunk_seconds`` at quiet points;
    after each chunk ``on_chunk(chunk, progress_fraction)`` is called, the chunk carrying the time
    spent and an estimate of the time left. Audio before ``resume_from`` seconds is skipped. Roll-call
    answers get the called member as ``speaker``; with an English-only model, speech in another
    language is marked ``non_english``. ``beam_size`` None decodes greedily (the default); 5 trades
    speed for accuracy (docs/benchmarks.md). Raises an AudioError subclass for unusable input or a missing model.
    """
    path = Path(path)
    info = probe(path)  # quick, so a bad file is refused before the model is loaded
    stt = load_engine(engine, model, threads, beam_size)
    began = time.monotonic()
    first = max(0.0, resume_from)
    report = DecodeReport()
    segments: list[Segment] = []
    warnings: list[str] = []
    language: str | None = None
    progress = 0.0
    decoded_any = False
    chunks = split_chunks(decode_blocks(path, start=first, report=report), chunk_seconds)
    for index, piece in enumerate(chunks):
        decoded_any = True
        found, chunk_language = stt.transcribe_chunk(piece.samples, piece.start)
        language = language or chunk_language
        found, notes = review_segments(found, piece.samples, piece.start)
        found = label_roll_call(found, previous=segments[-1] if segments else None)
        warnings.extend(notes + non_english_warnings(found, stt.model_name))
        segments.extend(found)
        progress = max(progress, _progress(piece.end, piece.last, info.duration, report))
        if on_chunk is not None:
            elapsed = time.monotonic() - began
            chunk = Chunk(
                index=index,
                start=round(piece.start, 3),
                end=round(piece.end, 3),
                segments=found,
                elapsed=round(elapsed, 3),
                eta=_eta(elapsed, piece.end - first, piece.end, piece.last, info.duration),
            )
            on_chunk(chunk, progress)
        del piece  # let the chunk's samples go before the next chunk is decoded
    if not decoded_any and resume_from <= 0:
        raise DecodeError(f"No audio could be decoded from {path.name}; the file may be damaged.")
    # Resuming past the end decodes nothing, which is not truncation.
    truncation = _truncation_warnings(info.duration, report) if decoded_any else []
    warnings = report.warnings(truncated=bool(truncation)) + truncation + warnings
    return TranscriptResult(
        segments=segments,
        language=language,
        duration=info.duration,
        decoded_duration=round(report.end_time, 3),
        engine=stt.name,
        model=stt.model_name,
        warnings=warnings,
    )


def _progress(end: float, last: bool, duration: float | None, report: DecodeReport) -> float:
    """Fraction done after a chunk ending at ``end``: by time when the duration is known, else by bytes read."""
    if last:
        return 1.0
    fraction = end / duration if duration else report.bytes_read_fraction
    return min(0.99, max(0.0, fraction))


def _eta(elapsed: float, done: float, position: float, last: bool, duration: float | None) -> float | None:
    """Seconds still to go at the speed so far; None when the file's length is unknown."""
    if last:
        return 0.0
    if not duration or done <= 0:
        return None
    return round(max(0.0, duration - position) * elapsed / done, 1)


def _truncation_warnings(duration: float | None, report: DecodeReport) -> list[str]:
    if not duration:
        return []
    missing = duration - report.end_time
    if missing > max(TRUNCATION_MIN_SECONDS, TRUNCATION_TOLERANCE * duration):
        return [f"Only {clock(report.end_time)} of {clock(duration)} could be decoded; the file may be truncated."]
    return []
