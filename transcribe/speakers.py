"""Speaker labels where a transcript itself shows who spoke: a roll call, without a diarization model.

When the clerk calls a member by title and name ("Commissioner Walker?") and a short answer follows
("Here.", "Aye.", "No."), the answer is Walker's. Whisper often writes the call and the answer into one
segment ("Commissioner Rivera, aye."), or a whole roll into one; with word times such a segment is split
so that each answer becomes its own segment with its speaker. Everything else keeps ``speaker=None``:
nothing here guesses from voices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from transcribe.quality import normalise
from transcribe.transcript import NON_ENGLISH, Segment, Word

# Titles a clerk calls members by (normalised, one or two words).
TITLES = frozenset(
    {
        "commissioner",
        "councilmember",
        "council member",
        "councilman",
        "councilwoman",
        "councillor",
        "councilor",
        "supervisor",
        "director",
        "trustee",
        "alderman",
        "alderwoman",
        "alder",
        "member",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "vice chair",
        "president",
        "vice president",
        "mayor",
        "deputy mayor",
        "senator",
        "representative",
        "judge",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "doctor",
    }
)
# Answers to a roll call or a roll-call vote (normalised). Whisper writes a spoken "aye" as "I" or "Eye".
ANSWERS = re.compile(
    r"^(?:i vote )?(?:here|present|yes|yeah|yep|aye|ay|eye|i|no|nay|nope|abstain|abstaining|i abstain|"
    r"recuse|recused|i recuse myself|pass)(?: (?:sir|maam|madam|madame|chair|thank you|please))?$"
)
# Lower-case name particles ("de Lado", "van Buren").
_PARTICLES = frozenset({"de", "del", "della", "da", "di", "du", "la", "le", "van", "von", "st"})
_NAME = re.compile(r"^[A-Z][\w'\u2019-]*$")
# An answer must start this soon after its call ends, and be this short.
MAX_ANSWER_DELAY = 6.0
MAX_ANSWER_WORDS = 5


@dataclass(frozen=True)
class _Call:
    name: str
    end: int  # index of the first word after the call


def label_roll_call(segments: list[Segment], previous: Segment | None = None) -> list[Segment]:
    """Segments with roll-call answers labelled by the called member's surname (split out where needed).

    ``previous`` is the last segment of the chunk before, so a call at the end of one chunk labels the
    answer at the start of the next.
    """
    out: list[Segment] = []
    pending: str | None = _call_only(previous) if previous is not None else None
    pending_end = previous.end if previous is not None else 0.0
    for seg in segments:
        if NON_ENGLISH in seg.flags:
            out.append(seg)
            pending = None
            continue
        if pending and _is_answer(seg.text) and seg.start - pending_end <= MAX_ANSWER_DELAY:
            out.append(replace(seg, speaker=pending))
            pending = None
            continue
        pieces = _split_answers(seg) if seg.words else [seg]
        out.extend(pieces)
        last = pieces[-1]
        pending, pending_end = _call_only(last), last.end
    return out


def _call_only(seg: Segment) -> str | None:
    """The called name when the segment ends with a call and nothing after it (the answer comes next)."""
    tokens = [w.word for w in seg.words] if seg.words else seg.text.split()
    for start in range(len(tokens)):
        call = _call_at(tokens, start)
        if call is not None and call.end == len(tokens) and (start == 0 or _ends_sentence(tokens[start - 1])):
            return call.name
    return None


def _split_answers(seg: Segment) -> list[Segment]:
    """Split a segment with word times so each "call + answer" answer becomes its own labelled segment."""
    words = seg.words
    tokens = [w.word for w in words]
    cuts: list[tuple[int, int, str]] = []  # (answer start, answer end, speaker)
    i = 0
    while i < len(tokens):
        call = _call_at(tokens, i)
        if call is None:
            i += 1
            continue
        answer_end = _answer_end(words, call.end)
        if answer_end is None:
            i = call.end
            continue
        cuts.append((call.end, answer_end, call.name))
        i = answer_end
    if not cuts:
        return [seg]
    pieces: list[Segment] = []
    position = 0
    for start, end, name in cuts:
        if start > position:
            pieces.append(_piece(seg, words[position:start], None))
        pieces.append(_piece(seg, words[start:end], name))
        position = end
    if position < len(words):
        pieces.append(_piece(seg, words[position:], None))
    return pieces


def _call_at(tokens: list[str], i: int) -> _Call | None:
    """A call ("Commissioner Walker", "Walker?") starting at token ``i``, or None."""
    j = _title_end(tokens, i)
    titled = j is not None
    j = j if j is not None else i
    name_words: list[str] = []
    while j < len(tokens) and len(name_words) < 3:
        word = tokens[j].strip().rstrip("?,.!:;")
        if word.lower() in _PARTICLES and j + 1 < len(tokens):
            name_words.append(word)
            j += 1
            continue
        if not _NAME.match(word) or normalise(word) in TITLES or _is_answer(word):
            break
        name_words.append(word)
        j += 1
        if tokens[j - 1].rstrip().endswith(("?", ",", ".", "!")):
            break
    if not name_words or name_words[-1].lower() in _PARTICLES:
        return None
    if not titled and not tokens[j - 1].rstrip().endswith("?"):
        return None  # a bare name counts as a call only as a question ("Walker?")
    return _Call(" ".join(name_words), j)


def _title_end(tokens: list[str], i: int) -> int | None:
    for size in (2, 1):
        if i + size <= len(tokens):
            words = tokens[i : i + size]
            if any(w.rstrip().endswith(("?", ".", ",")) for w in words[:-1]):
                continue
            if normalise(" ".join(words)) in TITLES and not words[-1].rstrip().endswith(("?", ".", ",")):
                return i + size
    return None


def _answer_end(words: list[Word], start: int) -> int | None:
    """End index of a roll-call answer starting at word ``start``: it ends a sentence, a segment, or before a call."""
    for end in range(start + 1, min(len(words), start + MAX_ANSWER_WORDS) + 1):
        text = "".join(w.word for w in words[start:end])
        if not _is_answer(text):
            continue
        at_boundary = end == len(words) or _ends_sentence(words[end - 1].word) or _call_at([w.word for w in words], end)
        if at_boundary and words[start].start - words[start - 1].end <= MAX_ANSWER_DELAY:
            return end
    return None


def _is_answer(text: str) -> bool:
    norm = normalise(text)
    return bool(norm) and len(norm.split()) <= MAX_ANSWER_WORDS and bool(ANSWERS.match(norm))


def _ends_sentence(token: str) -> bool:
    return token.rstrip().endswith((".", "?", "!", ","))


def _piece(seg: Segment, words: list[Word], speaker: str | None) -> Segment:
    return replace(
        seg,
        start=words[0].start,
        end=words[-1].end,
        text="".join(w.word for w in words).strip(),
        words=list(words),
        speaker=speaker,
    )
