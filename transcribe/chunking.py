"""Cutting a stream of decoded audio into chunks of bounded size, at quiet points where possible.

Each chunk goes to the model on its own, so memory stays bounded on long meetings and a job can
commit and resume chunk by chunk. Cutting in a pause keeps words from being split between chunks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from transcribe.audio import SAMPLE_RATE

# Look for a quiet point in the last quarter of each chunk, but never more than this many seconds back.
MAX_SEARCH_SECONDS = 30.0
# The pause we look for: the quietest stretch of this length.
QUIET_WINDOW_SECONDS = 0.3
MIN_CHUNK_SECONDS = 1.0


@dataclass
class AudioChunk:
    """Samples for one chunk, ``start`` in absolute seconds; ``last`` is True for the final chunk."""

    start: float
    samples: np.ndarray
    last: bool

    @property
    def end(self) -> float:
        """Absolute time where the chunk ends."""
        return self.start + len(self.samples) / SAMPLE_RATE


def quietest_point(samples: np.ndarray, lo: int, hi: int, window: int) -> int:
    """Index in ``[lo, hi)`` at the centre of the quietest ``window``-sample stretch (by mean energy)."""
    lo, hi = max(0, lo), min(len(samples), hi)
    if hi - lo <= window:
        return max(lo, hi - 1)
    energy = np.square(samples[lo:hi], dtype=np.float64)
    sums = np.convolve(energy, np.ones(window), mode="valid")  # sums[i] covers lo+i .. lo+i+window
    # Among equally quiet stretches (digital silence), prefer the latest so chunks stay near their target size.
    best = len(sums) - 1 - int(np.argmin(sums[::-1]))
    return lo + best + window // 2


def split_chunks(blocks: Iterable[tuple[float, np.ndarray]], chunk_seconds: float) -> Iterator[AudioChunk]:
    """Group contiguous ``(start, samples)`` blocks into chunks of at most ``chunk_seconds``.

    A cut is made only once a further search window of audio has arrived, so the final chunk is
    never a sliver. Holds at most about ``chunk_seconds`` plus the search window in memory.
    """
    if chunk_seconds < MIN_CHUNK_SECONDS:
        raise ValueError(f"chunk_seconds must be at least {MIN_CHUNK_SECONDS} s, not {chunk_seconds}")
    target = int(chunk_seconds * SAMPLE_RATE)
    search = int(min(MAX_SEARCH_SECONDS, chunk_seconds / 4) * SAMPLE_RATE)
    window = max(1, int(QUIET_WINDOW_SECONDS * SAMPLE_RATE))
    pending: list[np.ndarray] = []
    count = 0
    consumed = 0  # samples already handed out, counted from ``origin``
    origin: float | None = None
    for block_start, block in blocks:
        if origin is None:
            origin = block_start
        pending.append(block)
        count += len(block)
        while count >= target + search:
            buffer = np.concatenate(pending)
            cut = quietest_point(buffer, target - search, target, window)
            yield AudioChunk(origin + consumed / SAMPLE_RATE, buffer[:cut], last=False)
            rest = buffer[cut:].copy()
            consumed += cut
            pending, count = [rest], len(rest)
    if origin is not None:
        yield AudioChunk(origin + consumed / SAMPLE_RATE, np.concatenate(pending), last=True)
