"""The generic CSV writer and spreadsheet-formula neutralisation."""

from __future__ import annotations

import csv
import io
import types

from hypothesis import given
from hypothesis import strategies as st

from app.services.exports import FORMULA_STARTS, csv_stream, neutralise


def test_formula_cells_get_a_leading_quote():
    for value in ("=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")'):
        assert neutralise(value) == "'" + value


def test_ordinary_cells_are_unchanged():
    for value in ("Dana Whitfield", "30-day suspension", "", " =not at start", "'quoted"):
        assert neutralise(value) == value
    assert neutralise(-5) == -5
    assert neutralise(None) is None


@given(st.text())
def test_no_neutralised_text_starts_like_a_formula(value):
    result = neutralise(value)
    assert not result.startswith(FORMULA_STARTS)
    assert result in (value, "'" + value)


def _is_int(cell: str) -> bool:
    return cell.lstrip("-").isdigit() and cell.lstrip("-").isascii()


@given(st.lists(st.lists(st.one_of(st.text(), st.integers(), st.none(), st.booleans()), min_size=3, max_size=3)))
def test_csv_stream_round_trips_and_never_emits_a_formula(rows):
    text = "".join(csv_stream(["a", "b", "c"], rows))
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == ["a", "b", "c"]
    assert len(parsed) == len(rows) + 1
    for cells in parsed[1:]:
        # Numbers (a negative count) are data, not formulas; every text cell is neutralised.
        assert not any(cell.startswith(FORMULA_STARTS) and not _is_int(cell) for cell in cells)


def test_csv_stream_is_lazy_and_writes_one_line_per_chunk():
    consumed = []

    def rows():
        for n in range(3):
            consumed.append(n)
            yield [n, f"row {n}"]

    stream = csv_stream(["n", "label"], rows())
    assert isinstance(stream, types.GeneratorType)
    assert next(stream) == "n,label\r\n"
    assert consumed == []
    assert next(stream) == "0,row 0\r\n"
    assert consumed == [0]


def test_csv_stream_writes_utf8_text_and_booleans():
    text = "".join(csv_stream(["name", "paid"], [["Ñuñez “Q”", False], [None, True]]))
    assert text == "name,paid\r\nÑuñez “Q”,false\r\n,true\r\n"
