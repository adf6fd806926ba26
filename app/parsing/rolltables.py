"""Roll calls laid out as tables, as a PDF's text layer gives them (cells kept apart by spaces, tabs, bars
or dotted leaders):

    one member per row, with a vote column          members as columns, one row per item
    Member              Vote                        Item                    Abdi  Moreau  Shah  Result
    Commissioner Abdi   Aye                         4. Approve contract     Y     Y       N     Carried
    Moreau ............ No                          5. Adopt policy 210     Y     A       Y     Carried

and one member per row with a mark under the option's column ("Abdi    X" under "Aye  Nay  Abstain"); also roll
calls written out after a header ("Roll call: Alvarez - yes; Brooks - no"). Pure: text in, vote blocks out.
"""

from __future__ import annotations

import re

from app.parsing.blocks import Block, result_word
from app.parsing.layout import lines_at
from app.parsing.lexicon import NOT_NAME, PERSON, TITLE, clean_person, option_for
from app.parsing.roster import strip_title

_VOTE_TOKEN = {
    "y": "yes", "yes": "yes", "aye": "yes", "yea": "yes", "n": "no", "no": "no", "nay": "no",
    "a": "abstain", "abs": "abstain", "abstain": "abstain", "abstained": "abstain", "ab": "absent",
    "absent": "absent", "excused": "absent", "r": "recused", "rec": "recused", "recused": "recused",
    "-": "absent", "\u2014": "absent", "nv": "absent", "n/v": "absent", "not present": "absent",
    "not present at vote": "absent", "not present at the vote": "absent",
}  # fmt: skip
_NAME_CELL = re.compile(rf"^(?:{TITLE}\s+)?(?:[A-Z][A-Za-z'\u2019.-]+)(?:\s+[A-Z][A-Za-z'\u2019.-]+){{0,2}}$")
_SURNAME = re.compile(r"^[A-Z][a-z'\u2019-]+(?:[A-Z][a-z]+)?$")
_MEMBER_ROW = re.compile(
    rf"^\s*\|?\s*(?P<name>(?:{TITLE}\s+)?[A-Z][A-Za-z'\u2019.-]+(?:\s+[A-Z][A-Za-z'\u2019.-]+){{0,3}})"
    r"\s*(?:\.{2,}|_{2,}|:|\||\t|\s)\s*(?P<vote>yes|no|aye|nay|yea|abstain(?:ed)?|absent|excused|recused"
    r"|not\s+present(?:\s+at\s+(?:the\s+)?vote)?)\s*\|?\s*$",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*\|\s*|\t+\s*| {2,}")
_LABEL_HEAD = re.compile(r"^(?:agenda\s+)?(?:item|items|motion|matter|no\.?|#|action|description|subject)?$", re.I)
_RESULT_HEAD = re.compile(r"^(?:result|outcome|action|disposition|vote)$", re.I)
_OPTION_HEAD = re.compile(r"^(?:yes|no|aye|nay|yea|ayes|nays|noes|abstain(?:ed)?|absent|excused|recused)$", re.I)
_ROLL_HEAD = re.compile(r"^\s*(?:roll[\s-]*call(?:\s+vote)?|recorded\s+vote|vote|member|name)\b[^\n]{0,40}$", re.I)


def _cells(line: str) -> list[tuple[int, str]]:
    """(column, text) of each cell of a line split at wide gaps, tabs or bars."""
    cells, pos = [], 0
    for part in _SPLIT.split(line):
        found = line.find(part, pos) if part.strip() else -1
        if found >= 0:
            cells.append((found, part.strip()))
            pos = found + len(part)
    return cells


def find_roll_tables(text: str) -> list[Block]:
    """Vote blocks for every roll-call table in `text`: one per table of members, one per row of items."""
    lines = lines_at(text)
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        found = _member_rows(text, lines, index) or _marked_rows(lines, index) or _item_rows(lines, index)
        if found is None:
            index += 1
            continue
        new, index = found
        blocks.extend(new)
    return blocks


def _member_name(raw: str) -> str | None:
    """The member a table row names ("Council Member Mehta" -> "Mehta"), or None for other words."""
    name = strip_title(raw.strip())
    if not name or any(w.lower().strip(".,") in NOT_NAME for w in name.split()):
        return None
    return name


def _member_rows(text: str, lines: list[tuple[int, str]], index: int) -> tuple[list[Block], int] | None:
    """Two or more lines in a row each a member and a vote ("Abdi ..... Aye", "Commissioner Shah   No")."""
    votes: list[tuple[str, str]] = []
    end = index
    while end < len(lines):
        match = _MEMBER_ROW.match(lines[end][1])
        name = _member_name(match.group("name")) if match else None
        option = option_for(match.group("vote")) if match else None
        if not (name and option):
            break
        votes.append((name, option))
        end += 1
    if len(votes) < 2:
        return None
    start = lines[index][0]
    above = index - 1
    if above >= 0 and _ROLL_HEAD.match(lines[above][1]) and not _MEMBER_ROW.match(lines[above][1]):
        start = lines[above][0]  # "Member      Vote" / "ROLL CALL VOTE" above the rows
    block = Block(start=start, end=lines[end - 1][0] + len(lines[end - 1][1]))
    block.votes, block.names = votes, [n for n, _ in votes]
    return [block], end


def _marked_rows(lines: list[tuple[int, str]], index: int) -> tuple[list[Block], int] | None:
    """A header of options ("Member  Aye  Nay  Abstain  Absent"), then "Name   X" rows: the mark's column."""
    header = _cells(lines[index][1])
    options = [(col, option_for(word)) for col, word in header if _OPTION_HEAD.match(word)]
    if len(options) < 2 or len(options) < len(header) - 1:
        return None
    votes: list[tuple[str, str]] = []
    end = index + 1
    while end < len(lines):
        cells = _cells(lines[end][1])
        if len(cells) != 2 or not re.fullmatch(r"[xX\u2713\u2714*]", cells[1][1]):
            break
        name = _member_name(cells[0][1]) if _NAME_CELL.match(cells[0][1]) else None
        if name is None:
            break
        column = cells[1][0]
        option = min(options, key=lambda o: abs(o[0] - column))[1]
        if option:
            votes.append((name, option))
        end += 1
    if len(votes) < 2:
        return None
    block = Block(start=lines[index][0], end=lines[end - 1][0] + len(lines[end - 1][1]))
    block.votes, block.names = votes, [n for n, _ in votes]
    return [block], end


def _item_header(line: str) -> tuple[list[str], bool] | None:
    """Members named across a header line ("Item  Abdi  Moreau  Shah  Result"): their surnames, and whether a
    result column closes the line."""
    cells = [c for _, c in _cells(line)]
    tokens = cells if len(cells) >= 4 else line.split()
    has_result = bool(tokens) and bool(_RESULT_HEAD.match(tokens[-1]))
    if has_result:
        tokens = tokens[:-1]
    names: list[str] = []
    for token in reversed(tokens):
        if _SURNAME.match(token) and token.lower() not in NOT_NAME and not _LABEL_HEAD.match(token):
            names.insert(0, token)
        else:
            break
    label = tokens[: len(tokens) - len(names)]
    if len(names) < 3 or len(label) > 2 or not all(_LABEL_HEAD.match(t) for t in label):
        return None
    return names, has_result


def _item_rows(lines: list[tuple[int, str]], index: int) -> tuple[list[Block], int] | None:
    """Members as columns and one row per item: a block per row with each member's vote."""
    head = _item_header(lines[index][1])
    if head is None:
        return None
    names, has_result = head
    blocks: list[Block] = []
    end = index + 1
    while end < len(lines):
        offset, line = lines[end]
        if not line.strip():
            if blocks:
                break
            end += 1
            continue
        tokens = line.split()
        result = None
        if has_result and tokens and result_word(tokens[-1]):
            result = result_word(tokens[-1])
            tokens = tokens[:-1]
        marks = tokens[-len(names) :] if len(tokens) > len(names) else []
        options = [_VOTE_TOKEN.get(m.lower().strip(".,")) for m in marks]
        if not marks or not all(options):
            break
        label = line[: _label_end(line, len(tokens) - len(names))].strip(" |\t")
        block = Block(start=offset, end=offset + len(line), result=result, row=True)
        block.votes = [(name, option) for name, option in zip(names, options, strict=True) if option]
        block.names = list(names)
        number = re.match(r"(?:item\s*)?#?(\d{1,3}[A-Za-z]?)(?:[.)]?\s+|[.)]?$)", label, re.I)
        block.item = number.group(1) if number else None
        block.words = (label[number.end() :] if number else label) or None
        blocks.append(block)
        end += 1
    return (blocks, end) if blocks else None


def _label_end(line: str, words: int) -> int:
    """Where the first `words` whitespace-separated words of `line` end."""
    matches = list(re.finditer(r"\S+", line))
    return matches[words - 1].end() if words > 0 and len(matches) >= words else 0


# Roll calls written as a list after a header: "Roll call: Alvarez - yes; Brooks - no".
_ROLL_HEADER = re.compile(
    r"\broll[\s-]*call(?:\s+vote)?(?:\s+(?:was\s+)?(?:taken|as\s+follows))?\s*[:\-\u2013—]"
    r"|\broll[\s-]*call(?:\s+vote)?\s+on\s+[^:\n]{2,60}:"  # "Roll call vote on Motion #25-047:"
    r"|\broll\s+was\s+called\s*[:\-\u2013—]|\bcalled\s+the\s+roll\s*[:\-\u2013—]|(?:^|\n)[ \t]*vote\s*:"
    r"|(?m:^)[ \t]*roll[\s-]*call(?:\s+vote)?[ \t]*(?m:$)",  # a heading line above a table of names and votes
    re.I,
)
_ROLL_ITEM = re.compile(
    rf"\s*(?:(?:,|;|\band\b|\n)\s*)?(?P<name>{PERSON})\s*(?:[-\u2013—:=,]\s*|\.{{2,}}\s*|\s+)(?:(?i:voted|votes)\s+)?"
    r"(?P<vote>(?i:yes|no|aye|nay|yea|abstain(?:ed|s)?|absent|excused|recused|not\s+voting"
    r"|not\s+present(?:\s+at\s+(?:the\s+)?vote)?))\b"
)


def find_roll_calls(text: str) -> list[Block]:
    """ "Roll call: Alvarez - yes; Brooks - no" lists (a header, then name/vote pairs until they stop)."""
    blocks = []
    for header in _ROLL_HEADER.finditer(text):
        pos = header.end()
        block = Block(start=header.start(), end=pos)
        while True:
            item = _ROLL_ITEM.match(text, pos)
            if not item:
                break
            name = clean_person(item.group("name"))
            option = option_for(item.group("vote"))
            advisory = re.match(r"[ \t]*\((?i:advisory|non-?voting|not\s+counted)\)", text[item.end() :])
            if advisory:  # "Student Representative Cho—Yes (advisory)": not a member's vote
                pos = block.end = item.end() + advisory.end()
                continue
            if name and option:
                block.votes.append((strip_title(name), option))
                block.names.append(strip_title(name))
            pos = block.end = item.end()
        if block.votes:
            blocks.append(block)
    return blocks
