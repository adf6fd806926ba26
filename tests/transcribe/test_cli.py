"""``python -m transcribe`` in a subprocess, as a clerk or a script would run it."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

if TYPE_CHECKING:
    from tests.transcribe.conftest import Media

ROOT = Path(__file__).resolve().parents[2]
JFK = "jfk_inaugural_excerpt.flac"


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI from the project root, offline, with stderr not a terminal (so no progress)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "transcribe", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.corpus
@pytest.mark.parametrize("fmt", ["vtt", "srt", "json"])
def test_cli_prints_the_transcript_in_each_format(audio_copy: Callable[[str], Path], fmt: str) -> None:
    done = run_cli(audio_copy(JFK), "--format", fmt)

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress when stderr is not a terminal, and no warnings for a clean file
    out = done.stdout
    if fmt == "vtt":
        assert out.startswith("WEBVTT\n\n")
        assert re.search(r"^00:00:\d\d\.\d{3} --> 00:00:\d\d\.\d{3}$", out, re.MULTILINE)
    elif fmt == "srt":
        assert out.startswith("1\n00:00:")
        assert re.search(r"^00:00:\d\d,\d{3} --> 00:00:\d\d,\d{3}$", out, re.MULTILINE)
    else:
        data = json.loads(out)
        assert data["model"] == "tiny.en" and data["engine"] == "faster-whisper"
        keys = {"start", "end", "text", "confidence", "no_speech_prob", "speaker", "words", "flags"}
        assert data["segments"] and all(keys <= s.keys() for s in data["segments"])
    assert "ask not what your country can do for you" in out.lower().replace(",", "")


def test_cli_reports_a_pdf_renamed_mp3_in_one_line_and_fails(tmp_path: Path) -> None:
    fake = tmp_path / "agenda.mp3"
    fake.write_bytes(b"%PDF-1.5\n" + b"x" * 1000)

    done = run_cli(fake)

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == "error: agenda.mp3 is a PDF document, not audio or video. Upload it as a document instead.\n"


def test_cli_reports_a_missing_file(tmp_path: Path) -> None:
    done = run_cli(tmp_path / "nowhere.wav")

    assert done.returncode == 1
    assert "nowhere.wav does not exist" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(importlib.util.find_spec("whisper") is not None, reason="openai-whisper is installed here")
def test_cli_openai_whisper_engine_says_the_package_is_missing(media: Media) -> None:
    wav = media.wav("tone.wav", np.zeros(16_000, dtype=np.float32))

    done = run_cli(wav, "--engine", "openai-whisper")

    assert done.returncode == 1
    assert done.stderr.startswith("error: The openai-whisper engine needs the `whisper` package, which is not")
    assert done.stderr.count("\n") == 1


def test_cli_openai_whisper_engine_without_a_checkpoint_says_how_to_make_one(media: Media) -> None:
    wav = media.wav("tone.wav", np.zeros(16_000, dtype=np.float32))

    done = run_cli(wav, "--engine", "openai-whisper")

    assert done.returncode == 1
    assert done.stderr.startswith("error: The openai-whisper engine needs") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_convert_command_help_names_its_arguments() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "transcribe.convert", "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0 and "CT2_MODEL_DIR" in done.stdout and "OUT.pt" in done.stdout


def test_cli_refuses_a_beam_size_below_one(media: Media) -> None:
    done = run_cli(media.wav("tone.wav", np.zeros(16_000, dtype=np.float32)), "--beam-size", "0")

    assert done.returncode == 2 and "--beam-size: must be 1 or more, not 0" in done.stderr
