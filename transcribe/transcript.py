"""The shapes a transcription produces: plain dataclasses, no database, no Flask.

Times are absolute seconds from the start of the file, so a player can seek to them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Segment flags (strings, so they serialise as-is into JSON and the database).
LOW_CONFIDENCE = "low_confidence"
NO_SPEECH = "no_speech"
REPETITION_COLLAPSED = "repetition_collapsed"
# Speech an English-only model could not read as English; the segment's text is a marker, not words.
NON_ENGLISH = "non_english"


# slots: a three-hour transcript holds about 100,000 words; without a __dict__ each costs half the memory.
@dataclass(slots=True)
class Word:
    """One recognised word with its time span and the model's probability for it."""

    start: float
    end: float
    word: str
    probability: float


@dataclass(slots=True)
class Segment:
    """A stretch of speech, roughly a sentence.

    ``confidence`` is exp(avg_logprob) clamped to 0..1 (None when the engine gives no score);
    ``flags`` holds markers such as ``low_confidence``, ``no_speech``, ``repetition_collapsed``,
    ``non_english``; ``speaker`` is a surname when a roll call shows who answered, else None.
    """

    start: float
    end: float
    text: str
    confidence: float | None
    no_speech_prob: float | None
    speaker: str | None = None
    words: list[Word] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class Chunk:
    """A finished piece of the file (about ``chunk_seconds`` long) with its segments.

    ``index`` counts chunks within one ``transcribe_file`` call; a resumed job should key what it
    commits by ``start``/``end`` times, which are absolute. ``elapsed`` is the wall time spent so far
    in this call and ``eta`` the estimated seconds still to go (None until it can be estimated).
    """

    index: int
    start: float
    end: float
    segments: list[Segment]
    elapsed: float = 0.0
    eta: float | None = None


@dataclass
class TranscriptResult:
    """The whole transcript of one file.

    ``duration`` is what the container claims (None when unknown); ``decoded_duration`` is the
    absolute time where decodable audio ended. ``warnings`` are sentences for the clerk.
    """

    segments: list[Segment]
    language: str | None
    duration: float | None
    decoded_duration: float
    engine: str
    model: str
    warnings: list[str]

    @property
    def text(self) -> str:
        """The transcript as one string, segments separated by spaces."""
        return " ".join(s.text for s in self.segments if s.text).strip()
