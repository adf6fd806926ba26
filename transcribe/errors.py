"""Errors a clerk can act on: each message says what is wrong with the file or setup and what to do."""

from __future__ import annotations


class AudioError(Exception):
    """Base class: the file or the speech-to-text setup cannot produce a transcript.

    ``str(error)`` is a complete sentence meant for the clerk who uploaded the file.
    """


class EmptyFileError(AudioError):
    """The file has zero bytes (an interrupted upload or copy)."""


class NotAudioError(AudioError):
    """The bytes are not audio or video (for example a PDF renamed to .mp3)."""


class NoAudioStreamError(AudioError):
    """A video file with no audio track: there is nothing to transcribe."""


class ModelMissingError(AudioError):
    """The speech-to-text model is missing or is not a CTranslate2 Whisper model."""


class EngineUnavailableError(ModelMissingError):
    """The selected speech-to-text engine is not installed or not supported yet."""


class DecodeError(AudioError):
    """The file is audio or video but too damaged or incomplete to decode (for example a cut-off M4A)."""
