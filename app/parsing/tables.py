"""Tables split across a page break, joined back into the tables the document has.

Pure functions: nothing is read or parsed here. The pages come from the PDF reader
(`app.services.pdf_reader.PageResult`), or anything with the same three fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

STITCH_BOTTOM, STITCH_TOP = 0.7, 0.3  # a table runs off a page below 70% and resumes above 30%

Table = list[list[str | None]]


class PageTables(Protocol):
    """What stitching needs from a page: its number, its tables, and where they are on it."""

    @property
    def number(self) -> int: ...  # 1-based

    @property
    def tables(self) -> Sequence[Table]: ...

    # Each table's top and bottom as fractions of the page height (same order as `tables`);
    # ignored unless there is one per table.
    @property
    def table_spans(self) -> Sequence[tuple[float, float]]: ...


@dataclass
class StitchedTable:
    """A table as the document has it: rows from one page, or from several when it runs on."""

    pages: list[int]
    rows: Table


def stitch_tables(pages: Sequence[PageTables]) -> list[StitchedTable]:
    """The document's tables, with a table that runs on to the next page joined into one.

    A table continues when it is the last table on its page and the next page's first table
    has the same number of columns (two or more: one-column "tables" are boxed paragraphs such
    as separate vote blocks), and, where positions are known, the first reaches the bottom of
    its page and the second starts at the top of the next. A header row repeated on the new
    page is dropped. The pages are left as they were.
    """
    stitched: list[StitchedTable] = []
    carry: tuple[StitchedTable, int, float | None] | None = None  # table ending the previous page
    for page in pages:
        spans = list(page.table_spans) if len(page.table_spans) == len(page.tables) else []
        for index, table_rows in enumerate(page.tables):
            rows = [list(row) for row in table_rows]
            top = spans[index][0] if spans else None
            if index == 0 and carry is not None and _continues(carry, page.number, rows, top):
                table = carry[0]
                if rows and table.rows and _same_row(rows[0], table.rows[0]):
                    rows = rows[1:]
                table.rows.extend(rows)
                table.pages.append(page.number)
            else:
                stitched.append(StitchedTable(pages=[page.number], rows=rows))
        carry = (stitched[-1], page.number, spans[-1][1] if spans else None) if page.tables else None
    return stitched


def _continues(carry: tuple[StitchedTable, int, float | None], number: int, rows: Table, top: float | None) -> bool:
    table, last_page, bottom = carry
    if number != last_page + 1 or not rows or not table.rows:
        return False
    width = _width(rows)
    if width < 2 or width != _width(table.rows):
        return False
    if bottom is not None and bottom < STITCH_BOTTOM:
        return False
    return top is None or top <= STITCH_TOP


def _width(rows: Table) -> int:
    return max((len(row) for row in rows), default=0)


def _same_row(a: list[str | None], b: list[str | None]) -> bool:
    def norm(row: list[str | None]) -> list[str]:
        return [" ".join((cell or "").split()) for cell in row]

    return norm(a) == norm(b)
