"""Tables split across a page break, joined back together (pure: no PDF is read here)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from app.parsing.tables import StitchedTable, Table, stitch_tables


@dataclass
class Page:
    """The three fields stitching reads from the PDF reader's PageResult."""

    number: int
    tables: list[Table]
    table_spans: list[tuple[float, float]] = field(default_factory=list)


def _page(number: int, tables, spans=None) -> Page:
    return Page(number=number, tables=tables, table_spans=spans or [])


def test_stitch_tables_joins_a_table_continued_without_a_header():
    pages = [
        _page(1, [[["Member", "Vote"], ["Ayala", "Aye"], ["Brown", "Nay"]]], [(0.6, 0.97)]),
        _page(
            2, [[["Chen", "Aye"], ["Diaz", "Absent"]], [["Item", "Result"], ["4", "Passed"]]], [(0.05, 0.2), (0.4, 0.5)]
        ),
    ]
    stitched = stitch_tables(pages)
    assert [t.pages for t in stitched] == [[1, 2], [2]]
    assert stitched[0].rows == [
        ["Member", "Vote"],
        ["Ayala", "Aye"],
        ["Brown", "Nay"],
        ["Chen", "Aye"],
        ["Diaz", "Absent"],
    ]
    assert stitched[1] == StitchedTable(pages=[2], rows=[["Item", "Result"], ["4", "Passed"]])
    # The input pages are left as they were.
    assert pages[0].tables[0] == [["Member", "Vote"], ["Ayala", "Aye"], ["Brown", "Nay"]]


def test_stitch_tables_drops_a_repeated_header_and_spans_several_pages():
    header = ["Member", " Vote"]
    pages = [
        _page(1, [[header, ["Ayala", "Aye"]]]),
        _page(2, [[["Member", "Vote"], ["Brown", "Nay"]]]),
        _page(3, [[["Chen", "Aye"]]]),
    ]
    stitched = stitch_tables(pages)
    assert len(stitched) == 1 and stitched[0].pages == [1, 2, 3]
    assert [row[0] for row in stitched[0].rows] == ["Member", "Ayala", "Brown", "Chen"]


def test_stitch_tables_ignores_spans_that_do_not_match_the_tables():
    # One span for two tables on page 1: where its last table ends is unknown (the span, were
    # it used, would say it ends at 20% of the page), so it may continue on page 2.
    pages = [
        _page(1, [[["a", "b"]], [["c", "d"]]], [(0.1, 0.2)]),
        _page(2, [[["e", "f"]]], [(0.05, 0.2)]),
    ]
    assert [t.pages for t in stitch_tables(pages)] == [[1], [1, 2]]


def test_stitch_tables_without_tables_is_empty():
    assert stitch_tables([]) == []
    assert stitch_tables([_page(1, []), _page(2, [])]) == []


@pytest.mark.parametrize(
    "pages",
    [
        # Different column counts.
        [_page(1, [[["a", "b"], ["1", "2"]]]), _page(2, [[["x", "y", "z"]]])],
        # One-column boxes (separate vote blocks).
        [_page(1, [[["RESULT: APPROVED"], ["MOTION BY: Brown"]]]), _page(2, [[["RESULT: FAILED"]]])],
        # Not adjacent pages.
        [_page(1, [[["a", "b"]]]), _page(3, [[["c", "d"]]])],
        # The first table ends mid-page, or the second starts mid-page.
        [_page(1, [[["a", "b"]]], [(0.1, 0.5)]), _page(2, [[["c", "d"]]], [(0.05, 0.2)])],
        [_page(1, [[["a", "b"]]], [(0.5, 0.95)]), _page(2, [[["c", "d"]]], [(0.5, 0.7)])],
        # A page without tables in between.
        [_page(1, [[["a", "b"]]]), _page(2, []), _page(3, [[["c", "d"]]])],
        # Not the first table on the next page.
        [_page(1, [[["a", "b"]]]), _page(2, [[["x"]], [["c", "d"]]])],
    ],
)
def test_stitch_tables_keeps_separate_tables_apart(pages):
    assert len(stitch_tables(pages)) == sum(len(p.tables) for p in pages)


def test_pdf_reader_still_exports_stitch_tables():
    from app.services import pdf_reader

    assert pdf_reader.stitch_tables is stitch_tables
    assert pdf_reader.StitchedTable is StitchedTable
