"""Decisions listed one to a line, each with the board's tally on its line, as findings, panel
dispositions and hearing results are often printed:

    Tactics - Administrative Disapproval (3-1; Commissioner Fairbanks voting Debrief)
    A. Force: Physical force          Substantiated (Charges)          3-0
    B. Abuse of Authority: Stop       Exonerated                       2-1 (DiMarco: Unsubstantiated)
    The Board imposed a fine of $1,500. Vote: 3-0.

Each such line is a vote block of its own: the line's words say what was decided (or, where the
tally stands alone, the item above it does), the tally gives the counts, and members named beside it
as dissenting, or as voting for another finding, voted no.
"""

from __future__ import annotations

import re

from app.parsing.blocks import Block, disposition
from app.parsing.entities import find_officers
from app.parsing.lexicon import PERSON, clean_person
from app.parsing.roster import split_names, strip_title
from app.parsing.tally import parse_tally
from app.parsing.voted import find_voted_clauses

_TALLY = r"\d{1,2}[ \t]*[-\u2013][ \t]*\d{1,2}(?:[ \t]*[-\u2013][ \t]*\d{1,2}){0,2}(?![\d/-])"
# "(3-1; Commissioner X voting Debrief)", "(4-0)"; "Vote: 3-0." / "Vote 3-0"; a tally as a row's last cell.
_FORMS = [
    re.compile(rf"\((?P<tally>{_TALLY})(?P<rest>[ \t]*[;,][^()\n]{{1,120}})?\)"),
    re.compile(
        rf"\b(?i:vote)[ \t]*:?[ \t]*(?P<tally>{_TALLY})"
        r"(?P<rest>[ \t]*[,;]?[ \t]*\([^()\n]{1,120}\)|,[^.\n]{1,120})?"
    ),
    re.compile(rf"(?:[ \t]{{2,}}|\t)(?P<tally>{_TALLY})(?P<rest>[ \t]*\([^()\n]{{1,120}}\))?[ \t]*$", re.MULTILINE),
    # "Sustained. 4-1. Member Pell voted Not Sustained.", "Not Sustained. 5-0.": the tally a sentence of its own.
    re.compile(
        rf"(?<=[A-Za-z)]\.)[ \t]+(?P<tally>{_TALLY})(?:\.|(?=[ \t]*\())"
        r"(?P<rest>[ \t]*\([^()\n]{1,120}\)|[ \t]+[A-Z][^.\n]{1,120}\bvot(?:ed|ing)\b[^.\n]{0,60})?",
    ),
]
# "(DiMarco: Unsubstantiated)", "Commissioner X voting Debrief", "Comm. Tate would have found ...": against the line.
_OTHER_VIEW = re.compile(
    rf"(?P<name>{PERSON})[ \t]*(?::[ \t]*(?=[A-Z])|[ \t]+(?i:voting|voted|would\s+have|would\s+impose|preferring)\b)"
)
_MARKER = re.compile(r"^[ \t]*(?:[A-Z]|\d{1,3}|[ivx]{1,4})[.)][ \t]+|^[ \t]*[-\u2022*][ \t]+")
_GAP = re.compile(r"[ \t]{2,}|\t")
_DATE_LIKE = re.compile(r"\d{1,2}[-\u2013]\d{1,2}[-\u2013]\d{2,4}")
# "Grievance No. 23-14", "Case # 4-1" (not "Chair Okoro voted no. 2-1.")
_NUMBERED = re.compile(
    r"(?:(?<!\bvoted\s)(?<!\bvoting\s)\b(?:No|NO|Nos|NOS)\.|\b(?i:numbers?)|#|\b(?i:case|file|docket|grievance|complaint)s?)"
    r"[ \t]*$"
)


# "Count 1 - GUILTY (unanimous)", "Charge 3: Not Sustained", "Specification 2 - NOT GUILTY (2-1, X dissenting)":
# a finding on one charge, a line of its own, with or without its tally.
_CHARGE_FINDING = re.compile(
    r"^[ \t]*(?P<label>(?i:count|charge|specification|allegation)[ \t]+(?:(?i:no)\.?[ \t]*)?"
    r"(?:\d{1,2}|[IVX]{1,4})[a-z]?|(?i:complaint|case)[ \t]+(?:(?i:no)\.?[ \t]*|#[ \t]*)?[\w-]*\d[\w-]*)"
    r"[ \t]*[-\u2013\u2014:][ \t]*(?P<finding>(?i:not[ \t]+guilty|guilty"
    r"|not[ \t]+sustained|sustained|exonerated|unfounded|not[ \t]+proven|proven))"
    # "(unanimous)", "(2-1, Captain X dissenting)", ", 4-2"
    r"(?P<rest>[ \t]*\([^()\n]{1,120}\)|,[ \t]*\d{1,2}[ \t]*[-\u2013][ \t]*\d{1,2}(?:[ \t]*[-\u2013][ \t]*\d{1,2})?)?"
    r"[ \t]*\.?[ \t]*$",
    re.MULTILINE,
)


def find_tallied_lines(text: str) -> list[Block]:
    """A vote block for each line that states a decision together with its tally."""
    blocks: list[Block] = []
    for match in _CHARGE_FINDING.finditer(text):
        blocks.append(_charge_block(match))
    for pattern in _FORMS:
        for match in pattern.finditer(text):
            if _DATE_LIKE.fullmatch(match.group("tally").replace(" ", "")):
                continue
            before = text[max(0, match.start("tally") - 16) : match.start("tally")]
            if _NUMBERED.search(before):
                continue  # "Grievance No. 23-14.": a number the matter is filed under, no tally
            if re.search(r"(?i)\btied\s*$|\btie\s+vote\s+of\s*$", before):
                continue  # "The vote ... being tied 2-2, County Judge Whitcomb voted aye": the tie, then broken
            if pattern is _FORMS[2] and len(_GAP.findall(_line_before(text, match.start()).strip())) < 1:
                continue  # a last cell only counts in a row of three cells or more
            if any(b.start <= match.start("tally") < b.end for b in blocks):
                continue
            if re.search(
                r"(?i)\b(?:(?:sub)?committee(?:'s)?|public\s+members?)\s*$", _line_before(text, match.start())
            ):
                continue  # "Committee Vote: 9-0-0-0": how a committee voted before the body did
            blocks.append(_block(text, match))
    return sorted(blocks, key=lambda b: b.start)


def _charge_block(match: re.Match[str]) -> Block:
    """A finding on one charge: guilty (sustained, proven) passes, with its tally and dissents where given."""
    block = Block(start=match.start("label"), end=match.end(), disposition=True)
    rest = match.group("rest") or ""
    block.tally = parse_tally(rest) or None
    disposition(block, match.group("finding"))
    block.result = block.result or "passed"
    block.votes.extend(v for clause in find_voted_clauses(rest) for v in clause.votes)
    block.words = f"{match.group('label')} \u2013 {match.group('finding')}"
    return block


def _line_before(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1 : pos] + "  "


def _block(text: str, match: re.Match[str]) -> Block:
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start : match.start()]
    # The words of this line's decision: from the last sentence before the tally, list markers dropped.
    sentence = re.split(r"(?<=[a-z0-9)])\.[ \t]+(?=[A-Z])", before)[-1]
    words = re.sub(r"\s+", " ", _MARKER.sub("", sentence)).strip(" .;,:-\u2013")
    start = line_start + len(before) - len(before.lstrip())
    paragraph = text[text.rfind("\n\n", 0, line_start) + 1 : match.start()]
    if re.search(r"\b(?:moved|seconded)\b[^.]*\.[ \t]*$", before) or re.match(r"\s*M/S\b", paragraph):
        # "Moved by X, seconded by Y. Vote 2-1, ...", "M/S/C (A/B) to approve ... 6-0-1": the sentence before is
        # the motion's, the vote its own.
        start, words = match.start(), ""
    block = Block(start=start, end=max(match.end(), line_end), disposition=True)
    tally = parse_tally(match.group("tally"))
    block.tally = tally or None
    disposition(block, before)
    if block.result is None:
        counts = tally.counts
        block.result = "passed" if counts.get("yes", 0) > counts.get("no", 0) else "failed"
    rest = match.group("rest") or ""
    named = [v for clause in find_voted_clauses(rest) for v in clause.votes]
    many = re.search(
        r"(?P<names>[A-Z][\w'\u2019-]+(?:(?:,[ \t]*|[ \t]+and[ \t]+)[A-Z][\w'\u2019-]+)+)[ \t]+voted\b", rest
    )
    if not named and many:
        # "Members Burke and Rojas voted Exonerated": each named member held the other view.
        named = [(strip_title(n), "no") for n in split_names(many.group("names"))]
    if not named:
        for other in _OTHER_VIEW.finditer(rest):
            name = clean_person(other.group("name"))
            if name:
                named.append((strip_title(name), "no"))
    block.votes.extend(named)
    block.words = words if len(words) >= 4 and not re.fullmatch(r"(?i:vote|action|result)", words) else None
    return block


def officer_lines(lead: str) -> str:
    """The lines of `lead` (the text just above a finding) that name an officer, joined; "" if none."""
    return " ".join(line.strip() for line in lead.splitlines() if find_officers(line))
