"""Packing speech regions for the model and mapping its times back (Silero VAD from the wheel, no Whisper)."""

from __future__ import annotations

import numpy as np
import pytest

from transcribe.audio import SAMPLE_RATE
from transcribe.speech import SpeechMap, find_speech


def test_packed_times_map_back_to_chunk_times() -> None:
    speech = SpeechMap(((1 * SAMPLE_RATE, 3 * SAMPLE_RATE), (10 * SAMPLE_RATE, 12 * SAMPLE_RATE)))

    assert speech.seconds == 4.0
    assert speech.to_chunk_time(0.5) == pytest.approx(1.5)
    assert speech.to_chunk_time(2.5) == pytest.approx(10.5)
    # A time on the seam belongs to the next region unless the caller pins the region (a word's end).
    assert speech.to_chunk_time(2.0) == pytest.approx(10.0)
    assert speech.to_chunk_time(2.0, index=0) == pytest.approx(3.0)
    assert speech.region_index(99.0) == 1 and speech.spans() == [(1.0, 3.0), (10.0, 12.0)]


def test_packing_keeps_only_the_regions_in_order() -> None:
    samples = np.arange(20, dtype=np.float32)
    speech = SpeechMap(((2, 5), (10, 12)))

    np.testing.assert_array_equal(speech.pack(samples), [2, 3, 4, 10, 11])
    assert len(SpeechMap(()).pack(samples)) == 0


def test_silence_and_a_steady_tone_have_no_speech() -> None:
    t = np.arange(SAMPLE_RATE * 4) / SAMPLE_RATE

    assert find_speech(np.zeros(SAMPLE_RATE * 4, dtype=np.float32)).regions == ()
    assert find_speech((0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)).seconds < 0.5
