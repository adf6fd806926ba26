"""Finding speech in a chunk with Silero VAD (bundled with faster-whisper), and packing it for the model.

Whisper spends the same encoder work on a 30-second window of silence as on one of speech, and
invents words in silence. So each chunk's speech regions are found once, packed end to end, and
only the packed audio is transcribed; times are mapped back afterwards. The same regions tell the
English-only language check where speech was heard that the model could not turn into words.
"""

from __future__ import annotations

import bisect
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from transcribe.audio import SAMPLE_RATE

# Silero VAD settings. A pause of MIN_SILENCE_MS ends a region; each region keeps PAD_MS of
# context on both sides so no word is clipped. faster-whisper's own default waits 2 s; a shorter
# wait drops the pauses between turns too (measured in bench/transcribe.py: fewer 30-second
# windows for the same words).
VAD_THRESHOLD = 0.5
MIN_SILENCE_MS = 1000
PAD_MS = 300
# Longer regions are cut at their longest pause below this length, so a chunk's speech can be shared out.
MAX_REGION_SECONDS = 30.0
# The detector is run on this much audio at a time.
VAD_SLICE_SECONDS = 120.0
# Finer cuts, for splitting a stretch into phrases (the English check transcribes them one by one).
FINE_MIN_SILENCE_MS = 250
FINE_PAD_MS = 150
FINE_MIN_SPEECH_MS = 500


@dataclass(frozen=True)
class SpeechMap:
    """Speech regions of a chunk as ``(start, end)`` sample indices, sorted and not overlapping."""

    regions: tuple[tuple[int, int], ...]

    @property
    def seconds(self) -> float:
        """Total length of the speech regions."""
        return sum(end - start for start, end in self.regions) / SAMPLE_RATE

    def pack(self, samples: np.ndarray) -> np.ndarray:
        """The speech regions of ``samples`` end to end (what the model is given)."""
        if not self.regions:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate([samples[start:end] for start, end in self.regions])

    def region_index(self, packed_seconds: float) -> int:
        """Index of the region that packed time ``packed_seconds`` falls in (the last one past the end)."""
        sample = round(packed_seconds * SAMPLE_RATE)
        return min(bisect.bisect_right(self._packed_ends, sample), len(self.regions) - 1)

    def to_chunk_time(self, packed_seconds: float, index: int | None = None) -> float:
        """Chunk time (seconds from the chunk's start) of packed time ``packed_seconds``.

        ``index`` pins the region, so a word's start and end map through the same region even when
        the word's end touches the next one.
        """
        if not self.regions:
            return packed_seconds
        if index is None:
            index = self.region_index(packed_seconds)
        start, end = self.regions[index]
        packed_start = self._packed_ends[index] - (end - start)
        return (start + packed_seconds * SAMPLE_RATE - packed_start) / SAMPLE_RATE

    @cached_property
    def _packed_ends(self) -> list[int]:
        ends: list[int] = []
        total = 0
        for start, end in self.regions:
            total += end - start
            ends.append(total)
        return ends

    def split(self, parts: int, min_seconds: float = 30.0) -> list[SpeechMap]:
        """Up to ``parts`` maps of consecutive regions with about equal speech, each at least ``min_seconds``.

        Each part can be transcribed on its own (by its own worker): parts meet only at region
        boundaries, which are pauses, so no word is cut in two.
        """
        parts = max(1, min(parts, int(self.seconds // min_seconds)))
        if parts == 1:
            return [self]
        target = self.seconds * SAMPLE_RATE / parts
        groups: list[list[tuple[int, int]]] = [[]]
        filled = 0
        for region in self.regions:
            if filled >= target * len(groups) and len(groups) < parts:
                groups.append([])
            groups[-1].append(region)
            filled += region[1] - region[0]
        return [SpeechMap(tuple(group)) for group in groups if group]

    def spans(self) -> list[tuple[float, float]]:
        """The regions as ``(start, end)`` chunk seconds."""
        return [(start / SAMPLE_RATE, end / SAMPLE_RATE) for start, end in self.regions]


def find_speech(samples: np.ndarray, *, fine: bool = False, pool: Executor | None = None) -> SpeechMap:
    """Speech regions of 16 kHz mono ``samples`` (a chunk), by Silero VAD; empty when there is no speech.

    ``fine`` cuts at short pauses and drops pieces under half a second, to split a stretch into phrases.
    The detector runs on VAD_SLICE_SECONDS at a time (its memory grows with its input: +190 MB for ten
    minutes at once, measured), on ``pool``'s threads when given (the detector runs on one core); a
    region cut by a slice boundary is joined up again.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if fine:
        options = VadOptions(
            threshold=VAD_THRESHOLD,
            min_silence_duration_ms=FINE_MIN_SILENCE_MS,
            speech_pad_ms=FINE_PAD_MS,
            min_speech_duration_ms=FINE_MIN_SPEECH_MS,
        )
    else:
        options = VadOptions(
            threshold=VAD_THRESHOLD,
            min_silence_duration_ms=MIN_SILENCE_MS,
            speech_pad_ms=PAD_MS,
            max_speech_duration_s=MAX_REGION_SECONDS,
        )
    step = int(VAD_SLICE_SECONDS * SAMPLE_RATE)
    join = 2 * options.speech_pad_ms * SAMPLE_RATE // 1000
    starts = range(0, len(samples), step)

    def detect(lo: int) -> list[dict]:
        return get_speech_timestamps(samples[lo : lo + step], options, sampling_rate=SAMPLE_RATE)

    slices = pool.map(detect, starts) if pool is not None and len(starts) > 1 else map(detect, starts)
    regions: list[tuple[int, int]] = []
    for lo, found_in_slice in zip(starts, slices, strict=True):
        for found in found_in_slice:
            start, end = lo + int(found["start"]), lo + int(found["end"])
            if regions and lo > 0 and regions[-1][1] >= lo - join and start <= lo + join:
                regions[-1] = (regions[-1][0], end)  # one region cut in two by the slice boundary
            else:
                regions.append((start, end))
    return SpeechMap(tuple(regions))
