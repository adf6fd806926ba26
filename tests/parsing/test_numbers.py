from __future__ import annotations

import pytest

from app.parsing.numbers import to_int, words_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("forty-five", 45),
        ("forty five", 45),
        ("one hundred twenty", 120),
        ("one hundred and five", 105),
        ("none", 0),
    ],
)
def test_words_to_int_reads_english_numbers(text: str, value: int) -> None:
    assert words_to_int(text) == value


def test_words_to_int_is_none_for_other_words() -> None:
    assert words_to_int("several") is None


def test_to_int_prefers_digits_in_parentheses() -> None:
    assert to_int("forty-five (45)") == 45
    assert to_int("thirty (31)") == 31


def test_to_int_reads_day_compounds_and_digits() -> None:
    assert to_int("30-day") == 30
    assert to_int("thirty-day") == 30
    assert to_int("12") == 12
    assert to_int(None) is None
