"""Fixtures for the transcribe tests: real corpus audio copied per test, and audio files made with PyAV."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import av
import numpy as np
import pytest

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
JFK = "jfk_inaugural_excerpt.flac"
SEATTLE = "seattle_city_council_briefing_clip_0.wav"


def corpus_audio(name: str) -> Path:
    """Path of ``../shared/corpus/audio/NAME``; skips the test when the corpus is absent (fails in CI)."""
    path = CORPUS / "audio" / name
    if not path.is_file():
        reason = f"needs {path} (the shared corpus is not beside this clone)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture
def audio_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a corpus audio file into this test's folder (the corpus is read-only) and return the copy."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copyfile(corpus_audio(name), target)
        return target

    return copy


@pytest.fixture(scope="module")
def seattle_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the Seattle clip shared by a module's tests (so its transcript can be computed once)."""
    target = tmp_path_factory.mktemp("seattle") / SEATTLE
    shutil.copyfile(corpus_audio(SEATTLE), target)
    return target


def write_wav(path: Path, samples: np.ndarray, rate: int = 16_000) -> Path:
    """Write mono float samples (-1..1) as 16-bit PCM WAV with PyAV."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("pcm_s16le", rate=rate, layout="mono")
        pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def encode_audio(source: Path, target: Path, codec: str = "libmp3lame", sample_format: str = "s16p") -> Path:
    """Re-encode any audio file as mono 44.1 kHz with PyAV: MP3 by default, or e.g. AAC into .m4a."""
    resampler = av.AudioResampler(format=sample_format, layout="mono", rate=44_100)
    with av.open(str(source)) as src, av.open(str(target), "w") as out:
        stream = out.add_stream(codec, rate=44_100, layout="mono")
        for frame in src.decode(audio=0):
            for converted in resampler.resample(frame):
                for packet in stream.encode(converted):
                    out.mux(packet)
        for converted in resampler.resample(None):
            for packet in stream.encode(converted):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return target


def write_video(path: Path, seconds: int = 2, fps: int = 10, sound: Path | None = None) -> Path:
    """An MP4 with one small MPEG-4 video track, and an AAC track made from ``sound`` when given."""
    with av.open(str(path), "w") as out:
        video = out.add_stream("mpeg4", rate=fps)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        audio = out.add_stream("aac", rate=44_100, layout="mono") if sound else None
        for i in range(seconds * fps):
            image = np.full((48, 64, 3), (i * 10) % 256, dtype=np.uint8)
            for packet in video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                out.mux(packet)
        for packet in video.encode(None):
            out.mux(packet)
        if audio is not None and sound is not None:
            resampler = av.AudioResampler(format="fltp", layout="mono", rate=44_100)
            with av.open(str(sound)) as src:
                for frame in src.decode(audio=0):
                    for converted in resampler.resample(frame):
                        for packet in audio.encode(converted):
                            out.mux(packet)
            for packet in audio.encode(None):
                out.mux(packet)
    return path


class Media:
    """Makes small audio and video files in a test's folder (the functions above, as a fixture)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def wav(self, name: str, samples: np.ndarray, rate: int = 16_000) -> Path:
        return write_wav(self.folder / name, samples, rate)

    def mp3(self, source: Path, name: str) -> Path:
        return encode_audio(source, self.folder / name)

    def m4a(self, source: Path, name: str) -> Path:
        """AAC in MP4, written the usual way: the index (moov atom) at the end of the file."""
        return encode_audio(source, self.folder / name, codec="aac", sample_format="fltp")

    def silent_video(self, name: str = "no_sound.mp4") -> Path:
        return write_video(self.folder / name)

    def video(self, sound: Path, name: str = "meeting.mp4", seconds: int = 11) -> Path:
        return write_video(self.folder / name, seconds=seconds, sound=sound)


@pytest.fixture
def media(tmp_path: Path) -> Media:
    """Helpers that write WAV, MP3 and sound-less MP4 files into tmp_path."""
    return Media(tmp_path)


def require_openai_whisper() -> None:
    """Skip unless the optional openai-whisper engine is installed (requirements-openai-whisper.txt)."""
    if importlib.util.find_spec("whisper") is None or importlib.util.find_spec("torch") is None:
        pytest.skip(
            "openai-whisper is not installed: it is optional (pip install torch==2.13.0, "
            "then pip install -r requirements-openai-whisper.txt)"
        )


@pytest.fixture(scope="session")
def openai_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled tiny.en converted once to an openai-whisper checkpoint (skips without openai-whisper)."""
    require_openai_whisper()
    from transcribe.convert import convert
    from transcribe.engines import resolve_model

    target = tmp_path_factory.mktemp("openai") / "tiny.en.pt"
    convert(resolve_model(None)[0], target)
    return target
