"""Cutting decoded audio into bounded chunks at quiet points (pure numpy, no model)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from transcribe.audio import SAMPLE_RATE
from transcribe.chunking import quietest_point, split_chunks


def _tone(seconds: float, level: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (level * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def _blocks(samples: np.ndarray, start: float = 0.0, size: int = 1024) -> list[tuple[float, np.ndarray]]:
    return [(start + i / SAMPLE_RATE, samples[i : i + size]) for i in range(0, len(samples), size)]


def test_quietest_point_finds_the_pause_between_loud_stretches() -> None:
    audio = np.concatenate([_tone(2.0), np.zeros(SAMPLE_RATE // 2, np.float32), _tone(2.0)])

    cut = quietest_point(audio, 0, len(audio), window=int(0.3 * SAMPLE_RATE))

    assert 2.0 * SAMPLE_RATE <= cut <= 2.5 * SAMPLE_RATE


def test_chunks_are_contiguous_bounded_and_cut_in_pauses() -> None:
    # Speech-like: 8.5 s of tone, then a 0.5 s pause, repeated; chunks of 10 s should cut in the pauses.
    pattern = np.concatenate([_tone(8.5), np.zeros(SAMPLE_RATE // 2, np.float32)])
    audio = np.tile(pattern, 6)  # 54 s

    chunks = list(split_chunks(_blocks(audio, start=100.0), chunk_seconds=10.0))

    assert [c.last for c in chunks] == [False] * (len(chunks) - 1) + [True]
    assert chunks[0].start == 100.0
    assert np.array_equal(np.concatenate([c.samples for c in chunks]), audio)
    for before, after in itertools.pairwise(chunks):
        assert after.start == pytest.approx(before.end)
    for chunk in chunks[:-1]:
        assert len(chunk.samples) <= 10 * SAMPLE_RATE
        assert float(np.abs(chunk.samples[-50:]).max()) == 0.0  # ends inside a pause


def test_audio_shorter_than_a_chunk_is_one_last_chunk() -> None:
    chunks = list(split_chunks(_blocks(_tone(3.0), start=5.0), chunk_seconds=600.0))

    assert len(chunks) == 1 and chunks[0].last
    assert chunks[0].start == 5.0 and chunks[0].end == pytest.approx(8.0)


def test_no_audio_gives_no_chunks() -> None:
    assert list(split_chunks([], chunk_seconds=10.0)) == []


def test_chunk_seconds_below_one_second_is_refused() -> None:
    with pytest.raises(ValueError, match="chunk_seconds"):
        list(split_chunks(_blocks(_tone(1.0)), chunk_seconds=0.5))
