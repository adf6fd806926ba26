"""Speech in another language with the English-only model: marked, not invented (pure parts, then real audio)."""

from __future__ import annotations

import os
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.transcribe.conftest import write_wav
from transcribe import transcribe_file
from transcribe.language import (
    NON_ENGLISH_TEXT,
    Attempt,
    contaminated_area,
    failed_stretches,
    looks_english,
    non_english_warnings,
    replace_area,
    suspect_stretches,
    without_stretches,
)
from transcribe.transcript import NON_ENGLISH, Segment, Word

SPANISH = (
    "Buenas tardes, señores comisionados. Me llamo Rosa Martínez y vivo en el barrio del puerto desde hace "
    "veinte años. El mes pasado la policía detuvo a mi hijo sin ninguna razón. Pedimos una investigación "
    "independiente y respuestas claras."
)
ENGLISH_BEFORE = "Thank you. The next speaker for public comment is Rosa Martinez."
ENGLISH_AFTER = "Thank you for your comment. We will now move to item six on the agenda."


def _words(start: float, text: str, probability: float = 0.9, step: float = 0.4) -> Segment:
    words = [
        Word(round(start + i * step, 3), round(start + (i + 1) * step - 0.05, 3), " " + w, probability)
        for i, w in enumerate(text.split())
    ]
    return Segment(words[0].start, words[-1].end, text, 0.8, 0.05, words=words)


def test_speech_without_words_and_unlikely_word_runs_are_suspect() -> None:
    segments = [
        _words(0.0, "good evening everyone"),  # 0.0-1.15
        _words(6.0, "we are back in session now"),  # after 4.85 s of speech with no words
        _words(10.0, "and the like a moonlight it is", probability=0.1),
        _words(20.0, "a a a a", probability=0.8),
    ]
    speech = [(0.0, 8.0), (9.8, 13.0), (19.8, 21.8), (30.0, 34.0)]

    assert suspect_stretches(segments, speech) == [(1.15, 6.0), (9.8, 13.0), (20.0, 21.55), (30.0, 34.0)]


def test_fluent_english_speech_is_not_suspect() -> None:
    segments = [_words(0.0, "the motion carries seven to two"), _words(3.0, "thank you commissioners")]

    assert suspect_stretches(segments, [(0.0, 4.5)]) == []


def test_english_must_come_back_at_temperature_zero_with_good_scores() -> None:
    english = [_words(0.0, "we need trust and respect", probability=0.9)]

    assert looks_english(Attempt(0.0, 2.0, english, avg_logprob=-0.35, temperature=0.0))
    assert not looks_english(Attempt(0.0, 2.0, english, avg_logprob=-0.35, temperature=1.0))
    assert looks_english(Attempt(0.0, 2.0, english, avg_logprob=-0.95, temperature=0.0))  # likely words
    assert not looks_english(Attempt(0.0, 2.0, english, avg_logprob=-1.1, temperature=0.0))
    unsure = [_words(0.0, "in your list come easy", probability=0.52)]
    assert not looks_english(Attempt(0.0, 2.0, unsure, avg_logprob=-0.9, temperature=0.0))
    assert not looks_english(Attempt(0.0, 2.0, [_words(0.0, "it's a", 0.3)], avg_logprob=-0.5, temperature=0.0))
    assert not looks_english(Attempt(0.0, 2.0, [], avg_logprob=None, temperature=0.0))


def test_failed_phrases_are_joined_into_marked_stretches_of_three_seconds_or_more() -> None:
    invented = [_words(3.0, "I will see you in the next video", probability=0.3)]
    attempts = [
        Attempt(2.0, 4.0, invented, avg_logprob=-1.4, temperature=1.0),
        Attempt(5.5, 8.0, invented, avg_logprob=-1.2, temperature=1.0),
        Attempt(8.5, 10.0, [_words(8.6, "we are back")], avg_logprob=-0.3, temperature=0.0),
        # One unclear short phrase alone is not "another language".
        Attempt(20.0, 21.5, invented, avg_logprob=-1.2, temperature=1.0),
    ]

    assert failed_stretches(attempts) == [(2.0, 8.0)]


def test_the_speech_around_a_suspect_stretch_is_checked_again() -> None:
    speech = [(0.0, 10.0), (12.0, 30.0), (50.0, 70.0), (120.0, 130.0)]

    assert contaminated_area([(55.0, 60.0)], speech) == [(12.0, 30.0), (50.0, 70.0)]
    assert without_stretches([(12.0, 30.0), (50.0, 70.0)], [(14.0, 29.9), (50.0, 60.0)]) == [(12.0, 14.0), (60.0, 70.0)]


def test_the_area_is_replaced_by_the_english_found_again_and_a_marker() -> None:
    first_pass = [
        _words(0.0, "good evening"),
        _words(3.0, "thank you for your comment", probability=0.7),  # English, but at the wrong time
        _words(40.0, "next item"),
    ]
    english = [_words(1.0, "the next speaker is rosa"), _words(18.0, "thank you for your comment")]

    result = replace_area(first_pass, [(0.9, 8.0), (17.5, 21.0)], english, [(8.5, 17.0)])

    assert [(s.start, s.text, s.flags) for s in result] == [
        (0.0, "good evening", []),
        (1.0, "the next speaker is rosa", []),
        (8.5, NON_ENGLISH_TEXT, [NON_ENGLISH]),
        (18.0, "thank you for your comment", []),
        (40.0, "next item", []),
    ]
    assert non_english_warnings(result, "tiny.en") == [
        "Speech at 0:08-0:17 does not sound like English. The English-only model tiny.en cannot transcribe it, "
        "so it is marked [non-English speech]; transcribe the file with a multilingual Whisper model (--model) "
        "to get its words."
    ]


def _espeak(folder: Path, voice: str, text: str) -> np.ndarray:
    out = folder / f"{voice}-{abs(hash(text))}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "155", "-w", str(out), text], check=True, capture_output=True)
    with wave.open(str(out)) as wav:
        assert wav.getframerate() == 22_050 and wav.getsampwidth() == 2
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float32) / 32768


@pytest.fixture
def espeak() -> None:
    if shutil.which("espeak-ng") is None:
        reason = "needs Debian's espeak-ng to synthesise Spanish speech (apt-get install espeak-ng)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.mark.slow  # every Spanish phrase is transcribed a second time on its own: about 15 s here
def test_spanish_public_comment_is_marked_and_the_english_around_it_kept(tmp_path: Path, espeak: None) -> None:
    rate = 22_050
    pause = np.zeros(rate, dtype=np.float32)
    parts = [
        _espeak(tmp_path, "en-us", ENGLISH_BEFORE),
        _espeak(tmp_path, "es", SPANISH),
        _espeak(tmp_path, "en-us", ENGLISH_AFTER),
    ]
    spanish_start = (len(parts[0]) + rate) / rate
    spanish_end = spanish_start + len(parts[1]) / rate
    audio = np.concatenate([parts[0], pause, parts[1], pause, parts[2]]) * 0.8
    path = write_wav(tmp_path / "public_comment.wav", audio, rate=rate)

    result = transcribe_file(path)

    markers = [s for s in result.segments if NON_ENGLISH in s.flags]
    assert markers, [s.text for s in result.segments]
    covered = sum(min(s.end, spanish_end) - max(s.start, spanish_start) for s in markers)
    assert covered >= 0.8 * (spanish_end - spanish_start)
    assert all(s.text == NON_ENGLISH_TEXT and s.words == [] for s in markers)
    # No invented English inside the Spanish; the English before and after is there.
    inside = [
        s for s in result.segments if NON_ENGLISH not in s.flags and spanish_start + 1 < s.start < spanish_end - 1
    ]
    assert inside == []
    text = result.text.lower()
    assert "public comment" in text and "item six" in text.replace("6", "six")
    assert any("does not sound like English" in w for w in result.warnings)
    assert result.language == "en"
