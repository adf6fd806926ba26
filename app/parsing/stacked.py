"""Tables pasted one cell to a line, as a browser copies a web page's table into plain text:

    Docket
    Licensee / Address
    Matter
    Board Action
    Vote
    25-102
    Gallo's Market Inc., 388 Cranmore Ave.
    Sale of alcohol to a minor during police compliance check (Mar. 14, 2025)
    Violation found - 3-day suspension (to be served June 5-7, 2025)
    4-1 (Okafor)

The header is a run of short column names naming an action and a vote column. Each row opens with a value
shaped like the first row's first cell ("25-102"); its last line is the vote ("4-1 (Okafor)", "—"), the line
(or wrapped lines) before it the action, and the one before that the matter. An empty action (a blank line
before the vote) is no decision. Members named beside the tally, as many as voted against, voted no.
"""

from __future__ import annotations

import re

from app.parsing.blocks import Block
from app.parsing.grid import block_from_cells
from app.parsing.layout import lines_at
from app.parsing.roster import split_names, strip_title

_ACTION = re.compile(r"(?i)^(?:board\s+|commission\s+)?(?:action|disposition|decision|finding|result|outcome)s?$")
_VOTE = re.compile(r"(?i)^(?:vote|tally)s?$")
_NAME = re.compile(r"^[A-Z][\w /&.'()#-]{0,30}$")
_TALLY_CELL = re.compile(
    r"^\d{1,2}\s*[-\u2013]\s*\d{1,2}(?:\s*[-\u2013]\s*\d{1,2})*[*\u2020\u2021]?(?:\s*\((?P<names>[^()]*)\))?$"
)
_NO_VOTE = re.compile(r"^(?:\u2014|\u2013|-|--|n/?a)$", re.IGNORECASE)
# A cell wrapped onto the next line: the line ends open (";", ",", "(" unclosed) or the next starts in lower case.
_OPEN_END = re.compile(r"[;,(\u2013-]$")


def find_stacked_tables(text: str) -> list[Block]:
    """A decision for each row (with an action) of every one-cell-per-line table in `text`."""
    lines = lines_at(text)
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        width = _header(lines, index)
        if not width:
            index += 1
            continue
        names = [lines[index + k][1].strip() for k in range(width)]
        index += width
        body = _table_lines(lines, index)
        blocks += _rows(body, names)
        index += max(1, len(body))
    return blocks


def _header(lines: list[tuple[int, str]], index: int) -> int:
    """How many column names start at `index` (0 when none): 3 to 8 short names with an action and a vote."""
    width = 0
    while index + width < len(lines) and width < 8 and _NAME.match(lines[index + width][1].strip()):
        width += 1
    names = [lines[index + k][1].strip() for k in range(width)]
    for size in range(width, 2, -1):
        cut = names[:size]
        if any(_ACTION.match(n) for n in cut) and _VOTE.match(cut[-1]):
            return size
    return 0


def _table_lines(lines: list[tuple[int, str]], index: int) -> list[tuple[int, str]]:
    """The table's lines after its header, up to its first footnote or the next table's header (a row ends at its
    vote, so prose after the last row is no part of it)."""
    body: list[tuple[int, str]] = []
    for offset, line in lines[index:]:
        stripped = line.strip()
        if re.match(r"^[*\u2020\u2021]\s", stripped) or (body and _header([(offset, line)], 0)):
            break
        body.append((offset, line))
    return body


def _rows(body: list[tuple[int, str]], names: list[str]) -> list[Block]:
    first = next((line.strip() for _, line in body if line.strip()), "")
    shape = _shape(first)
    if not shape:
        return []
    starts = [i for i, (_, line) in enumerate(body) if re.fullmatch(shape, line.strip())]
    blocks = []
    for n, begin in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(body)
        row = body[begin:end]
        # the first vote-shaped cell after the key and at least two cells (a row is 3 to 8 cells, some wrapped)
        vote_at = next((i for i, (_, line) in enumerate(row) if i >= 2 and _vote_cell(line.strip())), None)
        if vote_at is None or vote_at > 2 * len(names):
            continue  # past the table's last row: prose
        block = _row(row[: vote_at + 1], names)
        if block is not None:
            blocks.append(block)
    return blocks


def _shape(cell: str) -> str | None:
    """A pattern for values shaped like the first row's key ("25-101" -> digits-dash-digits, "A-25-04")."""
    if not re.fullmatch(r"[A-Z]{0,3}-?\d[\d-]{1,12}[A-Z]?", cell):
        return None
    return re.sub(r"\d+", lambda m: rf"\d{{{len(m.group())}}}", re.sub(r"[A-Z]+", "[A-Z]+", cell))


def _vote_cell(cell: str) -> bool:
    return bool(_TALLY_CELL.match(cell) or _NO_VOTE.match(cell))


def _row(row: list[tuple[int, str]], names: list[str]) -> Block | None:
    vote = row[-1][1].strip()
    cells = [line.strip() for _, line in row[1:-1]]
    if not cells or not cells[-1]:
        return None  # a blank line where the action goes: nothing decided
    action = [cells.pop()]
    while cells and cells[-1] and (_OPEN_END.search(cells[-1]) or action[0][:1].islower()):
        action.insert(0, cells.pop())  # the action cell wrapped over two lines
    matter = next((c for c in reversed(cells) if c), "")
    role = {"finding": " ".join(action), "vote": "" if _NO_VOTE.match(vote) else vote, "subject": matter}
    block = block_from_cells(row[0][0], row[-1][0] + len(row[-1][1]), role)
    tally = _TALLY_CELL.match(vote)
    against = split_names(tally["names"]) if tally and tally["names"] else []
    counts = block.tally.counts if block.tally else {}
    if against and len(against) == counts.get("no"):
        block.votes.extend((strip_title(name), "no") for name in against)
    return block
