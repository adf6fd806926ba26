"""Numbers as minutes and speech write them: "7", "seven", "forty-five (45)", "thirty-day"."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
# A number in words ("forty-five", "one hundred twenty"), digits, or both ("forty-five (45)").
NUMBER_WORDS = rf"(?:(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*)"
NUMBER = rf"(?:\d+|{NUMBER_WORDS})(?:\s*\(\d+\))?"
NUMBER_RE = re.compile(rf"\b{NUMBER}\b", re.IGNORECASE)


def words_to_int(words: str) -> int | None:
    """Return the value of a number written in English words, or None if it is not one."""
    tokens = [t for t in re.split(r"[\s-]+", words.strip().lower()) if t and t != "and"]
    if not tokens:
        return None
    if tokens in (["none"], ["no"], ["nil"]):
        return 0
    total = 0
    current = 0
    for word in tokens:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def to_int(text: str | None) -> int | None:
    """Read "7", "seven", "forty-five (45)" or "45-day" as an int; None when it is no number.

    Where words and digits are both given, the digits win (they are what a clerk checked).
    """
    if text is None:
        return None
    text = text.strip()
    paren = re.search(r"\((\d+)\)", text)
    if paren:
        return int(paren.group(1))
    digits = re.fullmatch(r"(\d+)(?:-day)?", text, re.IGNORECASE)
    if digits:
        return int(digits.group(1))
    text = re.sub(r"-day$", "", text, flags=re.IGNORECASE)
    return words_to_int(text)
