"""Repetition collapse, hallucination dropping and confidence flags, as pure functions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from transcribe.audio import SAMPLE_RATE
from transcribe.quality import collapse_repetitions, confidence_from_logprob, review_segments
from transcribe.transcript import LOW_CONFIDENCE, NO_SPEECH, REPETITION_COLLAPSED, Segment, Word


def _seg(start: float, end: float, text: str, confidence: float = 0.8, no_speech: float = 0.05) -> Segment:
    return Segment(start=start, end=end, text=text, confidence=confidence, no_speech_prob=no_speech)


def test_a_sentence_repeated_in_consecutive_segments_collapses_into_one_flagged_segment() -> None:
    loop = [_seg(60.0 + 2 * i, 62.0 + 2 * i, "I move to approve the minutes.") for i in range(40)]
    segments = [_seg(50.0, 60.0, "Next item."), *loop, _seg(140.0, 142.0, "Seconded.")]

    collapsed, warnings = collapse_repetitions(segments)

    assert [s.text for s in collapsed] == ["Next item.", "I move to approve the minutes.", "Seconded."]
    assert (collapsed[1].start, collapsed[1].end) == (60.0, 140.0)
    assert collapsed[1].flags == [REPETITION_COLLAPSED]
    assert collapsed[0].flags == [] and collapsed[2].flags == []
    assert warnings == [
        '"I move to approve the minutes." was repeated 40 times in a row at 1:00; kept once '
        "(a known recognition error)."
    ]


def test_a_loop_inside_one_segment_is_cut_to_one_copy_with_its_words() -> None:
    phrase = [" Thank", " you", " for", " your", " service."]
    pieces = [" Okay,"] + phrase * 6 + [" Next."]
    words = [Word(float(i), i + 0.5, p, 0.9) for i, p in enumerate(pieces)]
    segment = Segment(0.0, float(len(pieces)), "".join(pieces).strip(), 0.5, 0.1, words=words)

    (collapsed,), warnings = collapse_repetitions([segment])

    assert collapsed.text == "Okay, Thank you for your service. Next."
    assert [w.word for w in collapsed.words] == [" Okay,", *phrase, " Next."]
    assert collapsed.flags == [REPETITION_COLLAPSED]
    assert "repeated 6 times" in warnings[0]


def test_a_loop_in_text_without_word_times_is_collapsed() -> None:
    segment = _seg(0.0, 30.0, "the the the the the the the the the the the the the the the end")

    (collapsed,), _ = collapse_repetitions([segment])

    assert collapsed.text == "the end"


def test_short_replies_in_a_roll_call_are_not_collapsed() -> None:
    # "Aye." from five members in a row is a vote, not a model loop.
    segments = [_seg(float(i), i + 0.8, "Aye.") for i in range(5)]
    said_twice = [_seg(10.0, 12.0, "Second. Second. Second.")]

    collapsed, warnings = collapse_repetitions(segments + said_twice)

    assert [s.text for s in collapsed] == ["Aye."] * 5 + ["Second. Second. Second."]
    assert warnings == []


def test_confidence_is_exp_of_average_log_probability_clamped() -> None:
    assert confidence_from_logprob(-0.5) == pytest.approx(math.exp(-0.5))
    assert confidence_from_logprob(0.2) == 1.0
    assert confidence_from_logprob(-50.0) == pytest.approx(0.0, abs=1e-12)
    assert confidence_from_logprob(None) is None


def test_review_flags_low_confidence_and_no_speech_but_keeps_plausible_text() -> None:
    segments = [
        _seg(0.0, 4.0, "The motion carries seven to two.", confidence=0.2),
        _seg(4.0, 8.0, "Commissioner Lee, how do you vote?", no_speech=0.7),
    ]

    reviewed, warnings = review_segments(segments)

    assert reviewed[0].flags == [LOW_CONFIDENCE]
    assert reviewed[1].flags == [NO_SPEECH]
    assert warnings == []


def test_review_drops_stock_phrases_and_unsure_text_the_model_calls_non_speech() -> None:
    segments = [
        _seg(0.0, 5.0, "Roll call, please."),
        _seg(5.0, 30.0, "Thank you for watching!", no_speech=0.9),
        _seg(30.0, 40.0, "Subscribe to our channel and", confidence=0.2, no_speech=0.8),
    ]

    reviewed, warnings = review_segments(segments)

    assert [s.text for s in reviewed] == ["Roll call, please."]
    assert "Left out 2 stretch(es)" in warnings[0]


def test_review_drops_any_text_over_digital_silence() -> None:
    chunk_start = 100.0
    samples = np.zeros(10 * SAMPLE_RATE, dtype=np.float32)
    samples[: 4 * SAMPLE_RATE] = 0.1 * np.sin(np.arange(4 * SAMPLE_RATE) / 5)
    segments = [_seg(100.5, 103.5, "We are back in session."), _seg(105.0, 109.0, "So.", confidence=0.9)]

    reviewed, _ = review_segments(segments, samples, chunk_start)

    assert [s.text for s in reviewed] == ["We are back in session."]
