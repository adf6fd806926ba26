"""Decisions laid out as a table in text: a header row naming an action (or disposition, decision,
finding) column, then one row per item, columns kept apart by runs of spaces, tabs or bars:

    Item  Licensee / Matter                      Board Action            Vote
    2     Lucky Star Liquors, 400 Ocean Ave.     Denied                  3-2 (Chen and Ruiz dissenting)

and the sentence some boards add under such a table:

    Motions for items 1 through 5 were made by Member Stiles and seconded by Member Foy.
"""

from __future__ import annotations

import re

from app.parsing.assemble import Draft
from app.parsing.blocks import Block, disposition, result_word
from app.parsing.grid import PRIOR_DISCIPLINE
from app.parsing.lexicon import PERSON, clean_person
from app.parsing.roster import strip_title
from app.parsing.tally import parse_tally
from app.parsing.voted import find_voted_clauses

_SPLIT = re.compile(r"\s*\|\s*|\t+\s*| {2,}")
_ACTION = re.compile(
    r"^(?:board\s+|commission\s+|council\s+)?(?:action|disposition|decision|result|finding|outcome)s?$", re.I
)
_VOTE = re.compile(r"^(?:vote|tally|roll\s+call)s?(?:\s*\([^()]*\))?$", re.I)  # "Vote (Y-N-Abs)"
_ACTED_BY = re.compile(r"^action\s+by$", re.I)  # Legistar's file history: "Date  Ver.  Action By  Action  Result"
_ITEM = re.compile(r"^(?:item|no\.?|#|case)$", re.I)
_RANGE = re.compile(
    rf"\b(?i:motions?)\s+(?i:for|on)\s+(?i:items?)\s+(?P<low>\d{{1,3}})\s+(?i:through|thru|to|-)\s+(?P<high>\d{{1,3}})\s+"
    rf"(?i:were|was)\s+(?i:made|moved)\s+(?i:by)\s+(?P<mover>{PERSON})\s+(?i:and\s+)?(?i:seconded\s+by)\s+(?P<seconder>{PERSON})"
)


def _cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each cell of a line."""
    cells, pos = [], 0
    for part in _SPLIT.split(line):
        found = line.find(part, pos) if part else -1
        if part.strip() and found >= 0:
            cells.append((found, part.strip()))
            pos = found + len(part)
    return cells


def find_table_rows(text: str) -> list[Block]:
    """A vote block for every row of every action table in `text`."""
    blocks: list[Block] = []
    lines = text.splitlines(keepends=True)
    offset = 0
    header: list[tuple[int, str]] | None = None
    rows = 0
    for line in lines:
        cells = _cells(line.rstrip("\n"))
        if line.count("\t") >= 4:
            header = None  # a tab-separated table of 5 columns or more: grid.py reads it by its delimiters
        elif len(cells) >= 3 and any(_ACTION.match(name) for _, name in cells):
            # (not the officer's prior discipline, listed for the penalty: decisions of earlier years)
            header = None if PRIOR_DISCIPLINE.search(text[max(0, offset - 400) : offset]) else cells
            rows = 0
        elif header is not None and len(cells) >= 2:
            block = _row(header, cells, offset, offset + len(line.rstrip("\n")))
            if block is not None:
                block.history = any(_ACTED_BY.match(name) for _, name in header)
                blocks.append(block)
                rows += 1
        elif header is not None and (line.strip() or rows):
            header = None  # the table ends at prose, or at a blank line after its rows
        offset += len(line)
    return blocks


def narrated_elsewhere(rows: list[Block], starts: list[int]) -> list[Block]:
    """The history rows whose actions the same file's record goes on to tell as motions ("Action Details ...
    A motion was made by ..."): each such table only summarises them. A history with no motion told after
    it (before the next history table) stands for its votes itself."""
    history = sorted((b for b in rows if b.history), key=lambda b: b.start)
    told: list[Block] = []
    table: list[Block] = []
    for index, row in enumerate(history):
        table.append(row)
        following = history[index + 1] if index + 1 < len(history) else None
        if following is not None and following.start - row.end < 200:
            continue  # the same table goes on
        limit = following.start if following is not None else None
        if any(row.end < s and (limit is None or s < limit) for s in starts):
            told.extend(table)
        table = []
    return told


def _row(header: list[tuple[int, str]], cells: list[tuple[int, str]], start: int, end: int) -> Block | None:
    columns: dict[str, str] = {}
    for column, value in cells:
        # A cell belongs to the header column that starts nearest at or before it.
        owner = max((h for h in header if h[0] <= column + 1), default=header[0], key=lambda h: h[0])
        columns[owner[1]] = f"{columns.get(owner[1], '')} {value}".strip()
    action = next((v for k, v in columns.items() if _ACTION.match(k)), "")
    vote = next((v for k, v in columns.items() if _VOTE.match(k)), "")
    if any(_VOTE.match(name) for _, name in header) and not vote and re.match(r"\s*withdrawn\b", action, re.I):
        return None  # withdrawn by the side that brought it, with no vote: no decision of the board
    block = Block(start=start, end=end, disposition=True)
    disposition(block, action)
    verdict = next((v for k, v in columns.items() if k.lower() == "result"), "")
    if block.result is not None and result_word(verdict) in ("passed", "failed"):
        block.result = result_word(verdict)  # "adopted ... Fail": the Result column says how the vote went
    if block.result is None:
        return None
    tally = parse_tally(vote)
    block.tally = tally or None
    for clause in find_voted_clauses(vote):
        block.votes.extend(clause.votes)
    item = next((v for k, v in columns.items() if _ITEM.match(k)), None)
    rest = [v for k, v in columns.items() if not (_ACTION.match(k) or _VOTE.match(k) or _ITEM.match(k))]
    block.words = max(rest, key=len) if rest else action
    block.item = item.rstrip(".") if item and re.fullmatch(r"[\w.-]{1,8}", item) else None
    return block


def apply_range_movers(text: str, drafts: list[Draft]) -> None:
    """ "Motions for items 1 through 5 were made by X and seconded by Y": give those items' motions their mover."""
    for match in _RANGE.finditer(text):
        low, high = int(match.group("low")), int(match.group("high"))
        mover, seconder = clean_person(match.group("mover")), clean_person(match.group("seconder"))
        for draft in drafts:
            item = draft.agenda_item or ""
            if item.isdigit() and low <= int(item) <= high:
                draft.mover = draft.mover or (strip_title(mover) if mover else None)
                draft.seconder = draft.seconder or (strip_title(seconder) if seconder else None)
