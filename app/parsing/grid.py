"""Tables of findings: fixed-width, as disposition reports print them (a header line, a rule of dashes under
each column, then one row per allegation or matter, its cells wrapped onto the lines below), and CSV, as open-data
portals export a discipline log (a header row, then one row per case).

    Case #    Officer(s)                Allegation                  Board Finding   Vote    Recommended Discipline
    --------  ------------------------  --------------------------  --------------  ------  ----------------------
    25-031    Ofc. Tyler Ramsden #4417  Excessive force - takedown  Sustained       6-1     10-day suspension
                                        during handcuffing

Each row is a decision of its own (a vote block with its words): what it is about (the allegation or matter),
the finding as its disposition, the vote cell as its tally, and the officer and discipline cells as the text
its outcome and officers are read from. A table needs a finding or a vote column to be read here; roll-call
tables (members and their votes) are read by `rolltables`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from app.parsing.blocks import Block, disposition
from app.parsing.layout import lines_at
from app.parsing.roster import split_names, strip_title
from app.parsing.tally import parse_tally

_RULE = re.compile(r"^[ \t]*-{3,}(?:[ \t]+-{3,}){2,}[ \t]*$", re.MULTILINE)
_ROLES = {
    "finding": re.compile(r"(?i)finding|disposition|determination|decision|ruling|action|result"),
    "vote": re.compile(r"(?i)\bvotes?\b|\btally\b"),
    "subject": re.compile(r"(?i)allegation|charge|matter|subject|description|violation|issue|item"),
    "officer": re.compile(r"(?i)officer|member\(s\)|employee|respondent|licensee"),
    "discipline": re.compile(r"(?i)discipline|penalty|sanction|recommend"),
}


@dataclass
class _Column:
    start: int
    end: int
    role: str | None


def find_finding_tables(text: str) -> list[Block]:
    """A block for each row of every fixed-width table of findings in `text`."""
    blocks: list[Block] = []
    for rule in _RULE.finditer(text):
        columns = _columns(text, rule)
        roles = {c.role for c in columns}
        if not ({"finding", "vote"} & roles):
            continue
        if PRIOR_DISCIPLINE.search(text[max(0, rule.start() - 400) : rule.start()]):
            continue  # the officer's prior discipline, listed for the penalty: decisions of earlier years
        blocks.extend(_rows(text, rule.end() + 1, columns))
    return blocks


PRIOR_DISCIPLINE = re.compile(r"(?i)\bprior\s+(?:discipline|disciplinary)\b|\bdisciplinary\s+(?:history|record)\b")


def _columns(text: str, rule: re.Match[str]) -> list[_Column]:
    """The columns under the rule's dash runs, each named by the header words above it."""
    header_end = rule.start() - 1
    header_start = text.rfind("\n", 0, max(0, header_end)) + 1
    header = text[header_start:header_end] if header_end > header_start else ""
    runs = [(m.start(), m.end()) for m in re.finditer(r"-{3,}", rule.group(0))]
    columns = []
    for index, (start, end) in enumerate(runs):
        stop = runs[index + 1][0] if index + 1 < len(runs) else None
        name = header[start:stop].strip()
        role = next((r for r, pattern in _ROLES.items() if pattern.search(name)), None)
        taken = {c.role for c in columns}
        columns.append(_Column(start, end, role if role not in taken else None))
    return columns


def _cells(line: str, columns: list[_Column]) -> list[str]:
    cells = []
    for index, column in enumerate(columns):
        stop = columns[index + 1].start if index + 1 < len(columns) else len(line)
        cells.append(line[column.start : stop].strip())
    return cells


def _rows(text: str, pos: int, columns: list[_Column]) -> list[Block]:
    """The table's rows from `pos` down to the first blank line or a line that no longer fits its columns."""
    role_at = {c.role: i for i, c in enumerate(columns) if c.role}
    keys = [role_at[r] for r in ("finding", "vote") if r in role_at]
    rows: list[tuple[int, int, list[str]]] = []
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end == -1 else line_end
        line = text[pos:line_end]
        if not line.strip() or len(line) < columns[0].start:
            break
        cells = _cells(line, columns)
        if any(cells[k] for k in keys) or not rows:
            rows.append((pos, line_end, cells))
        else:  # a wrapped cell: the row above goes on
            start, _, above = rows[-1]
            rows[-1] = (start, line_end, [f"{a} {c}".strip() for a, c in zip(above, cells, strict=True)])
        pos = line_end + 1
    return [
        block_from_cells(start, end, {role: cells[at] for role, at in role_at.items()})
        for start, end, cells in rows
        if any(cells[k] for k in keys)
    ]


def block_from_cells(start: int, end: int, cells: dict[str, str]) -> Block:
    """One row's decision from its cells by role (finding, vote, subject, officer, discipline)."""

    def cell(role: str) -> str:
        return cells.get(role, "")

    block = Block(start=start, end=end, disposition=True)
    finding, vote = cell("finding"), cell("vote")
    if finding:
        disposition(block, finding)
    block.tally = parse_tally(vote) or None
    if block.result is None:
        counts = block.tally.counts if block.tally else {}
        block.result = "failed" if counts.get("no", 0) > counts.get("yes", 0) else "passed"
    # The outcome and officers are read from the decided text: the finding, its discipline, whom it concerns.
    block.decided = " | ".join(filter(None, [finding, cell("discipline"), cell("officer")]))
    if re.fullmatch(r"(?i)termination|discharge|dismissal|separation", cell("discipline")):
        block.outcome = "termination"  # the cell's one word: no sentence around it to read the outcome from
    block.words = cell("subject") or finding or None
    return block


# CSV headers: the column's role by its name ("officer_rank", "Board Finding", "dissent").
_CSV_ROLES = [
    ("rank", re.compile(r"(?i)\brank\b")),
    ("badge", re.compile(r"(?i)\b(?:badge|star|serial|shield)\b")),
    ("dissent", re.compile(r"(?i)dissent|minority")),
    ("vote", re.compile(r"(?i)\bvotes?\b|\btally\b")),
    ("finding", re.compile(r"(?i)finding|disposition|determination|decision|ruling|result")),
    ("discipline", re.compile(r"(?i)discipline|penalty|sanction")),
    ("policy", re.compile(r"(?i)\bpolicy\b|\brules?\b|general\s+order|directive")),
    ("officer", re.compile(r"(?i)officer|employee|respondent|member\s+name|\bname\b")),
    ("subject", re.compile(r"(?i)allegation|charge|matter|subject|description|violation")),
]


def find_csv_findings(text: str) -> list[Block]:
    """A block for each row of a CSV (or tab-separated) table of findings (a header naming a finding or a vote
    column); a quoted cell may hold a line break, as spreadsheets write it."""
    blocks: list[Block] = []
    lines = lines_at(text)
    index = 0
    while index < len(lines):
        delimiter = "\t" if lines[index][1].count("\t") >= 3 else ","
        header = _csv_row(lines[index][1], delimiter)
        roles = _csv_roles(header) if header and len(header) >= 5 else {}
        index += 1
        if not ({"finding", "vote"} & set(roles)):
            continue
        while index < len(lines) and lines[index][1].strip():
            offset, line = lines[index]
            first, joined = index, line
            while joined.count('"') % 2 and index < min(first + 5, len(lines) - 1) and lines[index + 1][1].strip():
                index += 1  # a quoted cell goes on over a line break
                joined = f"{joined}\n{lines[index][1]}"
            row = _csv_row(joined, delimiter)
            if (row is None or not header or len(row) != len(header)) and index > first:
                index, row = first, _csv_row(line, delimiter, quoted=False)  # a stray quote ('5'10" tall')
            line = joined if index > first else line
            if row and header and len(row) == len(header) and not _withdrawn_unvoted(row, roles):
                blocks.append(_csv_block(offset, offset + len(line), row, roles))
            index += 1
    return blocks


def _withdrawn_unvoted(row: list[str], roles: dict[str, int]) -> bool:
    """A case the prosecuting side withdrew ("Withdrawn by Superintendent") with no vote: no decision of the board."""
    finding = row[roles["finding"]] if "finding" in roles else ""
    return "vote" in roles and not row[roles["vote"]].strip() and bool(re.match(r"\s*withdrawn\b", finding, re.I))


def _csv_row(line: str, delimiter: str = ",", quoted: bool = True) -> list[str] | None:
    if line.count(delimiter) < 3:
        return None
    quoting = csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
    try:
        return next(csv.reader([line.strip(" \r\n")], delimiter=delimiter, quoting=quoting), None)
    except csv.Error:
        return None  # a stray quote ('5\'10" misreported'): the row is no table row


def _csv_roles(header: list[str]) -> dict[str, int]:
    if not all(re.fullmatch(r"[A-Za-z][\w #()/.-]{0,40}", cell.strip()) for cell in header):
        return {}
    roles: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = cell.replace("_", " ")
        role = next((r for r, pattern in _CSV_ROLES if pattern.search(name) and r not in roles), None)
        if role:
            roles[role] = position
    return roles


def _csv_block(start: int, end: int, row: list[str], roles: dict[str, int]) -> Block:
    def cell(role: str) -> str:
        return row[roles[role]].strip() if role in roles else ""

    name = cell("officer")
    last, comma, first = name.partition(", ")
    name = f"{first} {last}" if comma else name  # "Alvarado, Teresa M." -> "Teresa M. Alvarado"
    badge = f" #{cell('badge')}" if cell("badge") else ""
    officer = f"{cell('rank')} {name}{badge}".strip()
    cells = {role: cell(role) for role in ("finding", "vote", "subject", "discipline")}
    block = block_from_cells(start, end, {**cells, "officer": officer})
    block.decided = " | ".join(filter(None, [block.decided, cell("policy")]))
    dissent = [
        strip_title(n) for n in split_names(re.sub(r"\b(?:Comm|Commr|Cmsr)\.\s*", "Commissioner ", cell("dissent")))
    ]
    block.votes.extend((n, "no") for n in dissent if n)
    return block
