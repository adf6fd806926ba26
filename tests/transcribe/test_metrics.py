"""Word error rate."""

from __future__ import annotations

import pytest

from transcribe.metrics import word_error_rate, word_errors


def test_identical_text_has_no_errors_ignoring_case_and_punctuation() -> None:
    assert word_error_rate("Ask not what your country can do.", "ask not, what your Country can do") == 0.0


def test_substitution_deletion_and_insertion_each_count_once() -> None:
    assert word_errors("the motion carries", "a motion carries") == 1
    assert word_errors("the motion carries", "motion carries") == 1
    assert word_errors("the motion carries", "the motion carries now") == 1
    assert word_error_rate("one two three four", "one three four five") == pytest.approx(0.5)


def test_empty_reference() -> None:
    assert word_error_rate("", "") == 0.0
    assert word_error_rate("", "hello") == 1.0
