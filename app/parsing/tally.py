"""Vote arithmetic: read stated tallies ("7-0", "FAILED [4-2-1-1]", "seven to two", "(Y-5)"), derive
counts from named votes, and say where the two disagree. Pure functions, no text searching beyond
the snippet they are given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.parsing.lexicon import option_for
from app.parsing.numbers import NUMBER_WORDS, to_int
from app.parsing.records import VOTE_OPTIONS, VoteRecord

_DASH = r"\s*(?:-|\u2013|—|\u2012|―|/|to)\s*"
_DIGIT_TALLY = re.compile(
    rf"(?<![\d,.$])(\d{{1,2}}){_DASH}(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?(?:{_DASH}(\d{{1,2}}))?(?![\d%])"
)
_WORD_TALLY = re.compile(
    rf"\b({NUMBER_WORDS}|\d{{1,2}})\s*(?:\(\d+\)\s*)?(?:votes?\s+)?(?:in\s+favou?r\s+|ayes?\s+|yes\s+)?"
    rf"(?:to|against|-)\s+({NUMBER_WORDS}|\d{{1,2}}|nothing|none|zip)\b",
    re.IGNORECASE,
)
# Spoken tallies in words, each count apart: "four, zero, one", "five to nothing to one", "four-oh".
_SMALL = (
    r"(?:zero|oh|nothing|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)"
)
_WORD_SEQUENCE = re.compile(rf"\b({_SMALL})((?:\s*(?:,|-|\u2013|\bto\b)\s*(?:{_SMALL})\b){{1,3}})", re.IGNORECASE)
_ZERO_WORDS = {"oh": 0, "nothing": 0, "none": 0, "zip": 0}
_YN_TALLY = re.compile(
    r"\bY(?:eas?)?\s*[-\u2013:]\s*(\d{1,2})(?:\s*,?\s*N(?:ays?)?\s*[-\u2013:]\s*(\d{1,2}))?", re.IGNORECASE
)
_LABELLED = re.compile(
    rf"(\d{{1,2}}|\b{NUMBER_WORDS})\s+(ayes?|yeas?|yes|in\s+favou?r|for(?=\s*[,;)]|\s+and\b)|nays?|noes|no|opposed|against|abstentions?|abstain(?:ed|ing)?"
    r"|absent|excused|recus(?:ed|als?))\b",
    re.IGNORECASE,
)
# The label first: "Yeas 7 - Nays 1 - Abstain 1", "Ayes: 5, Nays: 2", "Yes 4, No 1".
_LABEL_FIRST = re.compile(
    r"\b(ayes?|yeas?|yes|nays?|noes|no|for|against|abstentions?|abstain(?:ed|ing)?|absent|excused|recus(?:ed|als?))"
    r"[ \t]*[:=]?[ \t]*(\d{1,2})\b(?![-\u2013/]\d)",
    re.IGNORECASE,
)
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b|\bwithout\s+(?:objection|dissent)\b|\bno\s+(?:objection|dissent)", re.I)


@dataclass
class Tally:
    """What a record states about the count: numbers per option, or only that it was unanimous."""

    counts: dict[str, int] = field(default_factory=dict)
    unanimous: bool = False
    # "6-0-1" says 1 of something: abstained in some boards' minutes, absent in others.
    ambiguous_third: bool = False
    text: str = ""

    def __bool__(self) -> bool:
        return bool(self.counts) or self.unanimous


def parse_tally(snippet: str) -> Tally:
    """Read the tally a short result phrase states. Returns an empty Tally when it states none."""
    tally = Tally()
    if not snippet:
        return tally
    labelled: dict[str, int] = {}
    for number, word in _LABELLED.findall(snippet):
        option, value = option_for(word), to_int(number)
        if option and value is not None:
            labelled[option] = labelled.get(option, 0) + value
    if not labelled:
        first = [(option_for(word), int(number)) for word, number in _LABEL_FIRST.findall(snippet)]
        if len(first) >= 2 and {"yes", "no"} & {option for option, _ in first}:
            for option, value in first:
                if option:
                    labelled[option] = labelled.get(option, 0) + value
    main = _main_tally(snippet, tally)
    says_yes_no = bool({"yes", "no"} & set(labelled))
    if says_yes_no and (len(labelled) >= 2 or not main):
        tally.counts = labelled  # "5 ayes, 2 noes, 1 abstention"
        tally.ambiguous_third = False
    else:
        # "carries four to one with one abstention": the main form, and the extras it does not state.
        tally.counts = {**{k: v for k, v in labelled.items() if k not in ("yes", "no")}, **main}
    if _UNANIMOUS.search(snippet):
        tally.unanimous = True
        tally.counts.setdefault("no", 0)
    return tally


def _main_tally(snippet: str, tally: Tally) -> dict[str, int]:
    """ "Y-5, N-1", "7-0", "4-2-1-1", "seven to two" as counts (sets `text` and `ambiguous_third` on tally)."""
    yn = _YN_TALLY.search(snippet)
    if yn:
        tally.text = yn.group(0)
        return {"yes": int(yn.group(1)), "no": int(yn.group(2) or 0)}
    numbers, text = read_sequence(snippet)
    if numbers:
        tally.text = text
        counts = dict(zip(("yes", "no"), numbers[:2], strict=True))
        if len(numbers) == 3:
            counts["abstain"] = numbers[2]
            tally.ambiguous_third = True
        elif len(numbers) == 4:
            counts["abstain"] = numbers[2]
            counts["absent"] = numbers[3]
        return counts
    return {}


def read_sequence(snippet: str) -> tuple[list[int], str]:
    """The tally written as a run of counts - digits ("7-0", "4-2-1-1", "5/0") or words ("seven to two",
    "four, zero, one", "five to nothing to one") - as numbers in order, with the text read. Digits win over
    words; ([], "") when there is none."""
    match = _DIGIT_TALLY.search(snippet)
    if match and (match.group(0).count("/") >= 2 or re.match(r"/\d", snippet[match.end() :])):
        match = None  # "4/22/25", "4/22/2025": a date, not a tally
    if match:
        return [int(g) for g in match.groups() if g is not None], match.group(0)
    found: list[tuple[list[int], str]] = []
    match = _WORD_TALLY.search(snippet)
    if match:
        yes, no = to_int(match.group(1)), _ZERO_WORDS.get(match.group(2).lower(), to_int(match.group(2)))
        if yes is not None and no is not None and yes < 100 and no < 100:
            found.append(([yes, no], match.group(0)))
    for words in _WORD_SEQUENCE.finditer(snippet):
        parts = re.split(r"\s*(?:,|-|\u2013|\bto\b)\s*", words.group(0).strip())
        numbers = [_ZERO_WORDS.get(p.lower(), to_int(p)) for p in parts if p]
        # "one, two" lists things; a comma-run of counts has three ("four, zero, one").
        if None in numbers or ("," in words.group(0) and len(numbers) < 3):
            continue
        found.append(([n for n in numbers if n is not None], words.group(0)))
        break
    if not found:
        return [], ""
    return max(found, key=lambda f: len(f[0]))


def named_counts(votes: list[VoteRecord]) -> dict[str, int]:
    """Count named votes per option (every option present, zero where nobody voted so)."""
    counts = dict.fromkeys(VOTE_OPTIONS, 0)
    for vote in votes:
        if vote.option in counts:
            counts[vote.option] += 1
    return counts


def reconcile(tally: Tally | None, votes: list[VoteRecord]) -> tuple[dict[str, int | None], list[str]]:
    """Counts for the record and flags: the stated tally wins, named votes fill the rest.

    Where the tally and the names disagree both are kept (tally in counts, names in votes) and a
    flag says so, for a clerk to look at.
    """
    counts: dict[str, int | None] = dict.fromkeys(VOTE_OPTIONS)
    flags: list[str] = []
    named = named_counts(votes) if votes else None
    # Names of only some voters ("Grant and Hughes voted no") say nothing of the others: those stay unknown.
    complete = bool(named and named["yes"] > 0)
    if named:
        counts.update(named if complete else {k: (v or None) for k, v in named.items()})
    if not tally or not tally.counts:
        return counts, flags
    stated = dict(tally.counts)
    if tally.ambiguous_third and named and named["abstain"] != stated["abstain"]:
        if named["absent"] + named["excused"] == stated["abstain"] or named["recused"] == stated["abstain"]:
            option = "absent" if named["absent"] + named["excused"] == stated["abstain"] else "recused"
            third = stated.pop("abstain")
            if option == "absent" and named["excused"] and not named["absent"]:
                option = "excused"
            stated[option] = third
    for option, value in stated.items():
        counts[option] = value
        if named is not None and named[option] != value and (complete or named[option]):
            if option == "absent" and named["absent"] + named["excused"] == value:
                continue
            flags.append(f"stated tally {option} {value} but {named[option]} named")
    return counts, flags


def result_from_counts(counts: dict[str, int | None]) -> str | None:
    """Passed/failed read from a tally when the record states no result (a simple majority of votes cast)."""
    yes, no = counts.get("yes"), counts.get("no")
    if yes is None or no is None or yes == no == 0:
        return None
    return "passed" if yes > no else "failed"
