"""Rendering a transcript as JSON, text, WebVTT and SubRip."""

from __future__ import annotations

import json

import pytest

from transcribe.formats import render
from transcribe.transcript import Segment, TranscriptResult, Word


@pytest.fixture
def result() -> TranscriptResult:
    return TranscriptResult(
        segments=[
            Segment(0.0, 2.5, "Call to order.", 0.9, 0.01, words=[Word(0.0, 0.4, " Call", 0.99)]),
            Segment(3661.25, 3665.0, "Vote: 7 <yes> & 2 --> no", 0.3, 0.02, flags=["low_confidence"]),
        ],
        language="en",
        duration=3700.0,
        decoded_duration=3700.0,
        engine="faster-whisper",
        model="tiny.en",
        warnings=["Only 0:05 of 0:11 could be decoded; the file may be truncated."],
    )


def test_vtt_has_header_and_escaped_cues(result: TranscriptResult) -> None:
    assert render(result, "vtt") == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:02.500\nCall to order.\n\n"
        "01:01:01.250 --> 01:01:05.000\nVote: 7 &lt;yes&gt; &amp; 2 -&gt; no\n"
    )


def test_srt_numbers_cues_with_comma_milliseconds(result: TranscriptResult) -> None:
    assert render(result, "srt") == (
        "1\n00:00:00,000 --> 00:00:02,500\nCall to order.\n\n"
        "2\n01:01:01,250 --> 01:01:05,000\nVote: 7 <yes> & 2 -> no\n"
    )


def test_json_keeps_every_field(result: TranscriptResult) -> None:
    data = json.loads(render(result, "json"))

    assert data["engine"] == "faster-whisper" and data["model"] == "tiny.en" and data["language"] == "en"
    assert data["warnings"] == result.warnings
    assert data["segments"][0]["words"] == [{"start": 0.0, "end": 0.4, "word": " Call", "probability": 0.99}]
    assert data["segments"][1]["flags"] == ["low_confidence"]
    assert data["segments"][1]["speaker"] is None


def test_text_is_one_segment_per_line(result: TranscriptResult) -> None:
    assert render(result, "txt") == "Call to order.\nVote: 7 <yes> & 2 --> no\n"


def test_unknown_format_is_refused(result: TranscriptResult) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(result, "docx")
