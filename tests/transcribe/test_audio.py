"""Probing and streaming decoding with PyAV (no model involved)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import av
import numpy as np
import pytest

from transcribe import DecodeError, EmptyFileError, NoAudioStreamError, NotAudioError, probe
from transcribe.audio import SAMPLE_RATE, DecodeReport, clock, decode_blocks

if TYPE_CHECKING:
    from tests.transcribe.conftest import Media


def _decode(path: Path, start: float = 0.0) -> tuple[float, np.ndarray, DecodeReport]:
    report = DecodeReport()
    blocks = list(decode_blocks(path, start=start, report=report))
    position = blocks[0][0]
    for block_start, block in blocks:  # blocks must be contiguous
        assert block_start == pytest.approx(position, abs=1e-6)
        assert block.dtype == np.float32 and block.ndim == 1
        position += len(block) / SAMPLE_RATE
    return blocks[0][0], np.concatenate([b for _, b in blocks]), report


@pytest.mark.corpus
def test_probe_reads_duration_and_codec_of_real_audio(audio_copy: Callable[[str], Path]) -> None:
    info = probe(audio_copy("jfk_inaugural_excerpt.flac"))

    assert info.has_audio and not info.has_video
    assert info.codec == "flac"
    assert info.duration == pytest.approx(11.0, abs=0.01)
    assert info.sample_rate == 44_100 and info.channels == 2


def test_probe_rejects_a_zero_byte_file(tmp_path: Path) -> None:
    empty = tmp_path / "hearing.wav"
    empty.touch()

    with pytest.raises(EmptyFileError, match=r"hearing.wav is empty \(0 bytes\)"):
        probe(empty)


def test_probe_rejects_a_pdf_renamed_mp3_by_its_content(tmp_path: Path) -> None:
    fake = tmp_path / "minutes.mp3"
    fake.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")

    with pytest.raises(NotAudioError, match=r"minutes\.mp3 is a PDF document"):
        probe(fake)


def test_probe_rejects_random_bytes_that_ffmpeg_would_open_as_mp3(tmp_path: Path) -> None:
    # FFmpeg opens any bytes named .mp3 as MP3 and then decodes nothing: probe must decode to be sure.
    noise = tmp_path / "recording.mp3"
    noise.write_bytes(np.random.default_rng(3).integers(0, 256, 50_000, dtype=np.uint8).tobytes())

    with pytest.raises(NotAudioError, match=r"recording\.mp3 is not an audio"):
        probe(noise)


def test_probe_rejects_a_video_with_no_audio_track(media: Media) -> None:
    video = media.silent_video()

    with pytest.raises(NoAudioStreamError, match="no sound track"):
        probe(video)
    info = probe(video, require_audio=False)
    assert info.has_video and not info.has_audio and info.duration == pytest.approx(2.0, abs=0.2)


@pytest.mark.corpus
def test_probe_says_a_cut_off_m4a_is_an_incomplete_recording(audio_copy: Callable[[str], Path], media: Media) -> None:
    whole = media.m4a(audio_copy("jfk_inaugural_excerpt.flac"), "hearing.m4a")
    cut = whole.with_name("hearing_cut.m4a")
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])

    assert probe(whole).codec == "aac"
    with pytest.raises(DecodeError, match=r"hearing_cut\.m4a is an MP4/M4A recording, but it is damaged or incomplete"):
        probe(cut)


@pytest.mark.corpus
def test_decoding_gives_16khz_mono_float32_of_the_whole_file(audio_copy: Callable[[str], Path]) -> None:
    start, samples, report = _decode(audio_copy("jfk_inaugural_excerpt.flac"))

    assert start == 0.0
    assert len(samples) == pytest.approx(11.0 * SAMPLE_RATE, abs=10)
    assert 0.05 < float(np.abs(samples).max()) < 1.5  # resampling may overshoot full scale a little
    assert report.end_time == pytest.approx(11.0, abs=0.001)
    assert report.warnings() == []


def test_decoding_from_a_start_time_skips_earlier_audio(media: Media) -> None:
    # A ramp whose value encodes time: the first sample after skipping shows where decoding really began.
    seconds = 20
    ramp = np.linspace(-0.9, 0.9, seconds * SAMPLE_RATE, dtype=np.float32)
    path = media.wav("ramp.wav", ramp)

    start, samples, _ = _decode(path, start=12.5)

    assert start == pytest.approx(12.5, abs=1e-3)
    assert len(samples) == pytest.approx(7.5 * SAMPLE_RATE, abs=2)
    assert samples[0] == pytest.approx(ramp[int(12.5 * SAMPLE_RATE)], abs=1e-3)


def test_a_hole_in_the_timestamps_is_filled_with_silence_and_reported(tmp_path: Path) -> None:
    # Seconds 0-4 and 8-9 of a tone in Matroska: seconds 5-7 are lost, as after a damaged stretch.
    path = tmp_path / "gap.mka"
    tone = (0.3 * np.sin(np.arange(SAMPLE_RATE) / 3) * 32767).astype(np.int16).reshape(1, -1)
    with av.open(str(path), "w") as out:
        stream = out.add_stream("pcm_s16le", rate=SAMPLE_RATE, layout="mono")
        for second in [0, 1, 2, 3, 4, 8, 9]:
            frame = av.AudioFrame.from_ndarray(tone, format="s16", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = SAMPLE_RATE, second * SAMPLE_RATE, Fraction(1, SAMPLE_RATE)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)

    _, samples, report = _decode(path)

    assert len(samples) == 10 * SAMPLE_RATE  # times after the hole stay true
    assert float(np.abs(samples[5 * SAMPLE_RATE : 8 * SAMPLE_RATE]).max()) == 0.0
    assert float(np.abs(samples[8 * SAMPLE_RATE + 100 : 9 * SAMPLE_RATE]).max()) > 0.2
    assert report.warnings() == ["Some audio at 0:05 was damaged and could not be decoded; it was skipped."]


def test_decode_report_words_damaged_stretches_for_the_clerk() -> None:
    report = DecodeReport(skipped=[65.2, 65.4, 3725.0], stopped_at=4000.0, stop_reason="Invalid data")

    assert report.warnings() == [
        "Some audio at 1:05 was damaged and could not be decoded; it was skipped.",
        "Some audio at 1:02:05 was damaged and could not be decoded; it was skipped.",
        "Decoding stopped at 1:06:40 because the file is damaged (Invalid data).",
    ]


def test_clock_formats_minutes_and_hours() -> None:
    assert [clock(0), clock(12.7), clock(600), clock(3 * 3600 + 5)] == ["0:00", "0:12", "10:00", "3:00:05"]
