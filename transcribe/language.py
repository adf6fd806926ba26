"""Finding passages an English-only model cannot read as English, so they are marked instead of invented.

tiny.en has no language detector: given Spanish it either stays silent for the rest of its 30-second
window (English said after the Spanish in that window is lost too) or writes fluent, invented English
("Thank you for watching!"). What it does show, measured on espeak-ng Spanish and French against
English from the corpus and the demo meeting (bench/transcribe.py and tests/transcribe/test_language.py):

* in the first pass, speech the voice detector heard but no word covers for seconds on end, or
  a stretch whose words the model itself gives low probability;
* when such a stretch is transcribed again phrase by phrase, English comes back at temperature 0 with
  an average log-probability above about -0.8 and mean word probabilities of 0.6-0.95, while the other
  languages needed the temperature fallback or stayed below -0.85 and 0.55.

So the engine transcribes the speech around a suspect stretch again phrase by phrase (split at short
pauses); phrases that do not come back as English become one ``[non-English speech]`` segment flagged
``non_english``, and the rest of that speech is transcribed again without them, so the English beside
a foreign passage keeps its words and times. All functions here are pure; the engine does the decoding.

Limits: this is a heuristic. Speech too unclear for the model (cross-talk, a far microphone) can be
marked as non-English, and a short foreign phrase inside English speech can pass unmarked. A
multilingual model (``--model``) detects the language properly and transcribes it instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from transcribe.audio import clock
from transcribe.quality import normalise
from transcribe.transcript import NON_ENGLISH, Segment

NON_ENGLISH_TEXT = "[non-English speech]"
# A stretch of speech this long with no recognised word in it is suspect (English measured: at most 1.3 s).
UNCOVERED_SECONDS = 2.5
# A speech region at least this long whose words are this sparse or this unlikely is suspect.
MIN_SUSPECT_SECONDS = 2.0
MIN_WORDS_PER_SECOND = 0.8
MIN_MEAN_WORD_PROBABILITY = 0.45
# So many words in a row this unlikely are suspect (English measured: at most 4 in a row below 0.4).
UNLIKELY_WORD = 0.4
UNLIKELY_RUN = 5
# The same word this many times in a row is the model stuck (" a a a a"), not speech it understood.
SAME_WORD_RUN = 4
# What a phrase transcribed again on its own must reach to count as English: no temperature fallback, and
# either both scores fair or the words clearly likely (an unfamiliar name lowers the average log-probability).
ENGLISH_MIN_LOGPROB = -0.8
ENGLISH_MIN_WORD_PROBABILITY = 0.55
ENGLISH_LIKELY_WORDS = (-1.0, 0.7)  # (average log-probability at least, mean word probability at least)
# Less than this much speech that failed to come back as English is not marked (see failed_stretches).
MIN_MARKED_SECONDS = 3.0
# Speech this close to a suspect stretch may share its 30-second window, and is transcribed again too.
CONTAMINATION_SECONDS = 30.0
MIN_PIECE_SECONDS = 0.3
# Checking again costs one model window per phrase: when a chunk's suspect speech is above this share
# and this long, the chunk is not English at all and its suspect stretches are marked without checking.
MAX_RETRY_SHARE = 0.8
MAX_RETRY_SECONDS = 120.0
# Marked stretches closer than this are joined into one.
JOIN_SECONDS = 2.0


@dataclass(frozen=True)
class Attempt:
    """One stretch of audio transcribed on its own: its segments and the decoder's scores for them."""

    start: float
    end: float
    segments: list[Segment]
    avg_logprob: float | None
    temperature: float


def suspect_stretches(segments: list[Segment], speech: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Stretches of detected speech (absolute seconds) that the first pass did not turn into likely English words."""
    words = sorted((w.start, w.end, w.probability) for s in segments for w in s.words)
    found: list[tuple[float, float]] = _same_word_runs(segments)
    for start, end in speech:
        inside = [w for w in words if start <= (w[0] + w[1]) / 2 <= end]
        length = end - start
        if length >= MIN_SUSPECT_SECONDS:
            sparse = len(inside) / length < MIN_WORDS_PER_SECOND
            unlikely = bool(inside) and sum(w[2] for w in inside) / len(inside) < MIN_MEAN_WORD_PROBABILITY
            if sparse or unlikely:
                found.append((start, end))
                continue
        edges = [start, *(t for w in inside for t in (w[0], w[1])), end]
        for gap_start, gap_end in zip(edges[0::2], edges[1::2], strict=True):
            if gap_end - gap_start >= UNCOVERED_SECONDS:
                found.append((gap_start, gap_end))
        found.extend(_unlikely_runs(inside))
    return _merged(found)


def _unlikely_runs(words: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    runs: list[tuple[float, float]] = []
    run: list[tuple[float, float, float]] = []
    for word in [*words, (0.0, 0.0, 1.0)]:  # a likely sentinel ends the last run
        if word[2] < UNLIKELY_WORD:
            run.append(word)
            continue
        if len(run) >= UNLIKELY_RUN:
            runs.append((run[0][0], run[-1][1]))
        run = []
    return runs


def _same_word_runs(segments: list[Segment]) -> list[tuple[float, float]]:
    words = sorted((w for s in segments for w in s.words), key=lambda w: w.start)
    runs: list[tuple[float, float]] = []
    i = 0
    while i < len(words):
        key = normalise(words[i].word)
        j = i + 1
        while j < len(words) and key and normalise(words[j].word) == key:
            j += 1
        if j - i >= SAME_WORD_RUN:
            runs.append((words[i].start, words[j - 1].end))
        i = j
    return runs


def _merged(stretches: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for start, end in sorted(stretches):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def looks_english(attempt: Attempt) -> bool:
    """Whether a stretch transcribed on its own came back as confident English (see the module notes)."""
    probabilities = [w.probability for s in attempt.segments for w in s.words]
    if not probabilities or attempt.avg_logprob is None:
        return False
    if attempt.temperature != 0.0:
        return False
    mean = sum(probabilities) / len(probabilities)
    fair = attempt.avg_logprob >= ENGLISH_MIN_LOGPROB and mean >= ENGLISH_MIN_WORD_PROBABILITY
    likely = attempt.avg_logprob >= ENGLISH_LIKELY_WORDS[0] and mean >= ENGLISH_LIKELY_WORDS[1]
    return fair or likely


def contaminated_area(
    stretches: list[tuple[float, float]], speech: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The speech regions within CONTAMINATION_SECONDS of a suspect stretch: the speech to check again.

    Foreign speech spoils the model's whole 30-second window, not only its own stretch: English beside
    it can be dropped or given the wrong times. So all speech near a suspect stretch is transcribed again.
    """
    area = [
        (a, b)
        for a, b in speech
        if any(a < end + CONTAMINATION_SECONDS and b > start - CONTAMINATION_SECONDS for start, end in stretches)
    ]
    return area


def failed_stretches(attempts: list[Attempt]) -> list[tuple[float, float]]:
    """Stretches to mark: failed attempts joined across gaps of JOIN_SECONDS, at least MIN_MARKED_SECONDS failed.

    Less than that is too little to call another language: Whisper is unsure of short, unclear English
    phrases on their own too.
    """
    groups: list[tuple[float, float, float]] = []  # start, end, seconds that failed
    for attempt in sorted(attempts, key=lambda a: a.start):
        if looks_english(attempt):
            continue
        length = attempt.end - attempt.start
        if groups and attempt.start - groups[-1][1] <= JOIN_SECONDS:
            start, _, failed = groups[-1]
            groups[-1] = (start, attempt.end, failed + length)
        else:
            groups.append((attempt.start, attempt.end, length))
    return [(start, end) for start, end, failed in groups if failed >= MIN_MARKED_SECONDS]


def without_stretches(spans: list[tuple[float, float]], cut: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """``spans`` with the parts inside ``cut`` removed (pieces shorter than MIN_PIECE_SECONDS dropped)."""
    out: list[tuple[float, float]] = []
    for start, end in spans:
        pieces = [(start, end)]
        for a, b in cut:
            pieces = [p for lo, hi in pieces for p in ((lo, min(hi, a)), (max(lo, b), hi)) if p[1] > p[0]]
        out.extend(p for p in pieces if p[1] - p[0] >= MIN_PIECE_SECONDS)
    return out


def replace_area(
    segments: list[Segment],
    area: list[tuple[float, float]],
    english: list[Segment],
    marked: list[tuple[float, float]],
) -> list[Segment]:
    """The first pass with everything in ``area`` replaced by ``english`` and a marker for each ``marked`` stretch."""
    result = segments
    for start, end in area:
        result = _without(result, start, end)
    result = [*result, *english, *(marker(start, end) for start, end in marked)]
    return join_markers(sorted(result, key=lambda s: (s.start, s.end)))


def mark_stretches(segments: list[Segment], stretches: list[tuple[float, float]]) -> list[Segment]:
    """Mark each stretch as non-English without checking again (for chunks that are not English at all)."""
    return replace_area(segments, stretches, [], stretches)


def marker(start: float, end: float) -> Segment:
    """The segment that stands for speech the English-only model could not read as English."""
    return Segment(
        start=round(start, 3),
        end=round(end, 3),
        text=NON_ENGLISH_TEXT,
        confidence=None,
        no_speech_prob=None,
        flags=[NON_ENGLISH],
    )


def join_markers(segments: list[Segment]) -> list[Segment]:
    """Join non-English markers that follow each other within JOIN_SECONDS (segments sorted by time)."""
    out: list[Segment] = []
    for seg in segments:
        previous = out[-1] if out else None
        if (
            previous is not None
            and NON_ENGLISH in seg.flags
            and NON_ENGLISH in previous.flags
            and seg.start - previous.end <= JOIN_SECONDS
        ):
            out[-1] = replace(previous, end=max(previous.end, seg.end))
        else:
            out.append(seg)
    return out


def non_english_warnings(segments: list[Segment], model_name: str) -> list[str]:
    """One sentence for the clerk per marked passage."""
    return [
        f"Speech at {clock(s.start)}-{clock(s.end)} does not sound like English. The English-only model "
        f"{model_name} cannot transcribe it, so it is marked {NON_ENGLISH_TEXT}; transcribe the file with a "
        "multilingual Whisper model (--model) to get its words."
        for s in segments
        if NON_ENGLISH in s.flags
    ]


def _without(segments: list[Segment], start: float, end: float) -> list[Segment]:
    """The segments with every word whose middle lies in ``[start, end]`` removed (text rebuilt from the rest)."""
    out: list[Segment] = []
    for seg in segments:
        if seg.end <= start or seg.start >= end:
            out.append(seg)
            continue
        if not seg.words:
            middle = (seg.start + seg.end) / 2
            if not start <= middle <= end:
                out.append(seg)
            continue
        kept = [w for w in seg.words if not start <= (w.start + w.end) / 2 <= end]
        if len(kept) == len(seg.words):
            out.append(seg)
        elif kept:
            text = "".join(w.word for w in kept).strip()
            out.append(replace(seg, start=kept[0].start, end=kept[-1].end, text=text, words=kept))
    return out
