"""Log-Mel features a slice at a time: the same numbers as faster-whisper's own extractor."""

from __future__ import annotations

import numpy as np
import pytest
from faster_whisper.feature_extractor import FeatureExtractor

from transcribe.features import SLICE_FRAMES, SlicedFeatureExtractor


@pytest.mark.parametrize("seconds", [0.05, 5.0, 30.0, 30.01, 95.3])
def test_sliced_features_equal_faster_whispers(seconds: float) -> None:
    rng = np.random.default_rng(int(seconds * 100))
    t = np.arange(int(seconds * 16_000)) / 16_000
    audio = (0.3 * np.sin(2 * np.pi * 220 * t) * rng.random(len(t)) + 0.01 * rng.standard_normal(len(t))).astype(
        np.float32
    )

    expected = FeatureExtractor()(audio)
    got = SlicedFeatureExtractor()(audio)

    assert got.shape == expected.shape and got.dtype == np.float32
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_a_128_band_extractor_slices_the_same_way() -> None:
    audio = np.random.default_rng(0).standard_normal(16_000 * 31).astype(np.float32) * 0.1

    got = SlicedFeatureExtractor(feature_size=128)(audio)

    assert got.shape == (128, 3101) and got.shape[1] > SLICE_FRAMES
    np.testing.assert_allclose(got, FeatureExtractor(feature_size=128)(audio), atol=1e-5)
