"""transcribe_file with the real bundled tiny.en model on real and damaged audio."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from transcribe import (
    Chunk,
    EmptyFileError,
    NoAudioStreamError,
    NotAudioError,
    TranscriptResult,
    probe,
    transcribe_file,
)
from transcribe.metrics import word_error_rate

if TYPE_CHECKING:
    from tests.transcribe.conftest import Media

JFK_REFERENCE = (
    "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."
)
SEATTLE = "seattle_city_council_briefing_clip_0.wav"
SEATTLE_SECONDS = 31.0

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def seattle_result(seattle_copy: Path) -> TranscriptResult:
    """The Seattle clip transcribed once with default settings, shared by this module's tests."""
    return transcribe_file(seattle_copy)


def test_jfk_excerpt_transcribes_within_ten_percent_word_error_rate(audio_copy: Callable[[str], Path]) -> None:
    result = transcribe_file(audio_copy("jfk_inaugural_excerpt.flac"))

    assert word_error_rate(JFK_REFERENCE, result.text) <= 0.10, result.text
    assert result.engine == "faster-whisper"
    assert result.model == "tiny.en"
    assert result.language == "en"
    assert result.duration == pytest.approx(11.0, abs=0.05)
    assert result.decoded_duration == pytest.approx(11.0, abs=0.05)
    assert result.warnings == []


def test_video_with_a_sound_track_is_transcribed_from_its_audio(
    audio_copy: Callable[[str], Path], media: Media
) -> None:
    video = media.video(sound=audio_copy("jfk_inaugural_excerpt.flac"))
    info = probe(video)
    assert info.has_video and info.has_audio and info.codec == "aac"

    result = transcribe_file(video)

    assert word_error_rate(JFK_REFERENCE, result.text) <= 0.10, result.text
    assert result.warnings == []


def test_council_clip_gives_increasing_timestamped_segments_within_the_clip(seattle_result: TranscriptResult) -> None:
    segments = seattle_result.segments

    assert len(segments) >= 3
    assert all(s.text.strip() for s in segments)
    assert all(0.0 <= s.start < s.end <= SEATTLE_SECONDS + 0.01 for s in segments)
    assert [s.start for s in segments] == sorted(s.start for s in segments)
    assert all(a.end <= b.start + 0.01 for a, b in itertools.pairwise(segments))
    assert all(s.confidence is not None and 0.0 <= s.confidence <= 1.0 for s in segments)
    assert all(s.speaker is None for s in segments)
    words = [w for s in segments for w in s.words]
    assert words and all(s.start - 0.01 <= w.start <= w.end <= s.end + 0.01 for s in segments for w in s.words)
    assert "council" in seattle_result.text.lower()


def test_small_chunks_report_increasing_progress_and_absolute_times(seattle_copy: Path) -> None:
    calls: list[tuple[Chunk, float]] = []

    result = transcribe_file(seattle_copy, chunk_seconds=10.0, on_chunk=lambda chunk, done: calls.append((chunk, done)))

    assert len(calls) >= 3
    chunks = [c for c, _ in calls]
    progress = [p for _, p in calls]
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert progress == sorted(progress) and progress[-1] == 1.0 and progress[0] < 1.0
    assert chunks[0].start == 0.0 and chunks[-1].end == pytest.approx(SEATTLE_SECONDS, abs=0.05)
    for before, after in itertools.pairwise(chunks):
        assert after.start == pytest.approx(before.end, abs=0.002)  # contiguous: nothing lost between chunks
        assert after.end - after.start <= 10.0 + 0.01
    for chunk in chunks:
        assert all(chunk.start - 0.01 <= s.start <= s.end <= chunk.end + 0.01 for s in chunk.segments)
    # Later chunks carry absolute times, not times from the start of their chunk.
    assert max(s.start for s in chunks[-1].segments) > 20.0
    assert result.segments == [s for c in chunks for s in c.segments]
    # Each chunk says how long the work took so far and how long the rest should take.
    elapsed = [c.elapsed for c in chunks]
    assert elapsed == sorted(elapsed) and elapsed[0] > 0
    assert all(c.eta is not None and c.eta > 0 for c in chunks[:-1]) and chunks[-1].eta == 0.0


def test_resume_from_skips_audio_before_that_time(seattle_copy: Path, seattle_result: TranscriptResult) -> None:
    calls: list[Chunk] = []

    result = transcribe_file(seattle_copy, resume_from=15.0, on_chunk=lambda chunk, _: calls.append(chunk))

    assert calls[0].start == pytest.approx(15.0, abs=0.01)
    assert result.segments and all(s.start >= 15.0 for s in result.segments)
    assert result.decoded_duration == pytest.approx(SEATTLE_SECONDS, abs=0.05)
    assert result.warnings == []
    # The opening words ("Good morning ...") are before 15 s and are not transcribed again.
    assert "good morning" in seattle_result.text.lower()
    assert "good morning" not in result.text.lower()
    assert "afternoon" in result.text.lower()


def test_a_roll_call_answer_is_labelled_with_the_called_member(audio_copy: Callable[[str], Path]) -> None:
    # The clerk calls the roll: "... councilmember Juarez? Here. Councilmember Lewis? ..."
    result = transcribe_file(audio_copy("seattle_city_council_briefing_clip_1.wav"))

    labelled = [(s.speaker, s.text) for s in result.segments if s.speaker]
    assert ("Juarez", "here") in [(speaker, text.lower().strip(" .")) for speaker, text in labelled], labelled
    assert all(s.speaker is None for s in result.segments if len(s.text.split()) > 5)


def test_resume_past_the_end_gives_an_empty_transcript_without_warnings(seattle_copy: Path) -> None:
    result = transcribe_file(seattle_copy, resume_from=60.0)

    assert result.segments == []
    assert result.warnings == []


def test_pure_silence_gives_no_invented_words(media: Media) -> None:
    silence = media.wav("silence.wav", np.zeros(16_000 * 8, dtype=np.float32))

    result = transcribe_file(silence)

    assert result.segments == []
    assert result.text == ""
    assert result.decoded_duration == pytest.approx(8.0, abs=0.01)


def test_truncated_mp3_decodes_what_it_can_and_warns(audio_copy: Callable[[str], Path], media: Media) -> None:
    whole = media.mp3(audio_copy("jfk_inaugural_excerpt.flac"), "jfk.mp3")
    cut = whole.with_name("jfk_cut.mp3")
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) // 2])

    result = transcribe_file(cut)

    assert result.duration == pytest.approx(11.0, abs=0.1)
    assert 4.0 < result.decoded_duration < 7.0
    assert "Only 0:05 of 0:11 could be decoded; the file may be truncated." in result.warnings
    assert "fellow americans" in result.text.lower()


def test_damaged_frames_are_skipped_with_a_warning_giving_the_time(
    audio_copy: Callable[[str], Path], media: Media
) -> None:
    mp3 = media.mp3(audio_copy("jfk_inaugural_excerpt.flac"), "jfk.mp3")
    data = bytearray(mp3.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 3000] = bytes(np.random.default_rng(7).integers(0, 256, 3000, dtype=np.uint8))
    mp3.write_bytes(bytes(data))

    result = transcribe_file(mp3)

    assert any(w.startswith("Some audio at 0:05 was damaged") for w in result.warnings), result.warnings
    assert "your country" in result.text.lower()


def test_zero_byte_file_is_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "meeting.mp3"
    empty.touch()

    with pytest.raises(EmptyFileError, match=r"meeting\.mp3 is empty"):
        transcribe_file(empty)


def test_pdf_renamed_mp3_is_not_audio(tmp_path: Path) -> None:
    fake = tmp_path / "agenda.mp3"
    fake.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"0" * 4000 + b"\n%%EOF\n")

    with pytest.raises(NotAudioError, match="PDF"):
        transcribe_file(fake)


def test_video_without_audio_track_is_rejected(media: Media) -> None:
    with pytest.raises(NoAudioStreamError, match="no sound track"):
        transcribe_file(media.silent_video())
