"""Split a list of decisions or dispositions into its records: one span of text per item, case, docket,
licence or respondent, so each record's result, vote, mover and outcome are read from its own lines only.

A record starts at a line that numbers or names it ("1.", "Item 4", "Case No. 24-118", "Docket 2025-07",
"License #4471", "In the Matter of ...", "Respondent: ..."), or, in lists with none of those, at an all-caps
heading or a paragraph that states a disposition. The commonest kind of start that occurs at least twice
(the earliest, where kinds tie) is the one the document is split by; a case number inside an item does not
split that item. Pure: text in, spans out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from app.parsing.layout import lines_at

# Kinds of record start, most specific first; each matched at the start of a line.
_HEADS: list[tuple[str, re.Pattern[str]]] = [
    ("matter", re.compile(r"^\s*(?:IN\s+THE\s+MATTER\s+OF|In\s+the\s+Matter\s+of|In\s+re:?)\s+\S")),
    (
        "case",
        re.compile(
            r"^\s*(?:[A-Z]{2,6}\s+)?(?i:case|complaint|file|matter|log)\s*(?i:no\.?|number|#)\s*:?\s*#?[\w-]*\d"
        ),
    ),
    ("docket", re.compile(r"^\s*(?i:docket)\s*(?:(?i:no\.?|number|#)\s*)?:?\s*#?[\w-]*\d")),
    ("license", re.compile(r"^\s*(?i:licen[cs]e|permit|certificate)\s*(?:(?i:no\.?|number|#)\s*)?:?\s*#?[\w-]*\d")),
    ("respondent", re.compile(r"^\s*(?i:respondent|licensee|applicant|appellant)\s*:\s*\S")),
    # A case caption on a line of its own: "Ortega v. Department of Correction, D-24-118"
    (
        "caption",
        re.compile(r"^\s*[A-Z][\w.'\u2019-]+(?:[ \t][A-Z][\w.'\u2019-]+){0,3}[ \t]+v(?:s)?\.[ \t]+[A-Z][^\n]{3,90}$"),
    ),
    ("item", re.compile(r"^\s*(?i:agenda\s+)?(?i:item)\s*(?:(?i:no\.?)\s*|#\s*)?\d{1,3}[A-Za-z]?\b")),
    ("numbered", re.compile(r"^\s*\(?\d{1,3}[.)]\s+\S")),
    # a bulleted list of cases, as a bulletin prints it: "• Officer Dominic Varga (#2278), Patrol Division - ..."
    ("bullet", re.compile(r"^\s*[\u2022\u25aa\u25cf\u2023\u25e6]\s+\S")),
]
_CAPS = re.compile(r"^\s*[A-Z][A-Z0-9 .,'&()/#:-]{3,80}$")
_NOT_RECORD_CAPS = re.compile(
    r"\b(?:ROLL|VOTE|AYES?|NAYS?|NOES|MOTION|RESULT|PRESENT|ABSENT|ATTEST|ADJOURN\w*|MINUTES|AGENDA|ORDER|DECISION"
    r"|FINDINGS?|DISSENT\w*|CALL\s+TO\s+ORDER|PUBLIC\s+COMMENT|MEMBERS)\b"
)
_DISPOSITION_LINE = re.compile(
    r"^\s*(?:(?:board|commission|council|panel|committee)(?:['\u2019]s)?\s+)?(?:action|disposition|decision|finding"
    r"|ruling|penalty|determination)s?\s*[:\-\u2013]"
    r"|^\s*(?:granted|denied|approved|sustained|not\s+sustained|dismissed|revoked|suspended|continued|withdrawn"
    r"|exonerated|unfounded|guilty|not\s+guilty)\b",
    re.IGNORECASE | re.MULTILINE,
)


# Under a heading, a motion or a decision said in prose ("X moved to affirm ... The motion passed 4-1").
_DECIDED = re.compile(
    r"\b(?:moved|seconded|motion\s+(?:carried|passed|failed)|approved|denied|granted|dismissed|revoked|affirmed|reversed)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """One record's text: [start, end) in the document, the line that opened it, and how it was found."""

    start: int
    end: int
    label: str
    kind: str


def _kind(line: str) -> str | None:
    for kind, pattern in _HEADS:
        if pattern.match(line):
            return kind
    return None


def _number(line: str) -> int | None:
    match = re.search(r"\d{1,3}", line)
    return int(match.group()) if match else None


def _in_sequence(kind: str, line: str, earlier: list[str]) -> bool:
    """Numbered items count up: a "1." after "4." starts a list inside item 4, not a record."""
    if kind not in ("numbered", "item") or not earlier:
        return True
    number, last = _number(line), _number(earlier[-1])
    return number is None or last is None or number > last


def record_spans(text: str) -> list[Span]:
    """The records of a list of decisions or dispositions, in order; [] when `text` is not split into any.

    Text before the first record (the board, the date, who was present) is in no span.
    """
    lines = lines_at(text)
    heads: dict[str, list[int]] = {}
    for index, (_, line) in enumerate(lines):
        kind = _kind(line)
        if kind is not None and _wrapped(lines, index, kind):
            continue
        if kind is not None and _in_sequence(kind, line, [lines[i][1] for i in heads.get(kind, [])]):
            heads.setdefault(kind, []).append(index)
    repeated = [(kind, found) for kind, found in heads.items() if len(found) >= 2]
    if repeated:
        # The kind that opens records is the one seen first among those that repeat; a tie in count is
        # not needed: a case number under each "Item n" comes after its item line.
        kind, starts = min(repeated, key=lambda kv: kv[1][0])
        return _spans(text, lines, starts, kind)
    caps = [i for i, (_, line) in enumerate(lines) if _record_caps(lines, i)]
    if len(caps) >= 2 and sum(_decides(text, lines, caps, n) for n in range(len(caps))) >= 2:
        return _spans(text, lines, caps, "heading")
    return _paragraphs(text, lines)


def _wrapped(lines: list[tuple[int, str]], index: int, kind: str) -> bool:
    """Whether a line that looks like a record's start only goes on a sentence wrapped from the line above: a
    number after a word ("... Mrs. Darlene Hebert, District\n8. Absent: ...", "(Fund\n610) is hereby approved"),
    or any start after a clause left open ("Savoy v. Melancon, et al.,\nDocket No. C-2023-01187")."""
    above = lines[index - 1][1].rstrip() if index > 0 else ""
    if len(above.strip()) < 40 or _CAPS.match(above):
        return False
    return bool(re.search(r"[,(]$" if kind != "numbered" else r"[A-Za-z,(]$", above))


def _record_caps(lines: list[tuple[int, str]], index: int) -> bool:
    """An all-caps line that names a record (not a section such as "ROLL CALL" or "ORDER"), after a blank line."""
    line = lines[index][1]
    if not _CAPS.match(line) or _NOT_RECORD_CAPS.search(line) or len(re.findall(r"[A-Z]{2,}", line)) < 2:
        return False
    above = next((text for _, text in reversed(lines[:index]) if text.strip()), "")
    if above.rstrip().endswith(":"):
        return False  # "... the following resolution was offered:\n\n  RESOLUTION NO. 2025-R-058": introduced above
    return index > 0 and not lines[index - 1][1].strip()


def _decides(text: str, lines: list[tuple[int, str]], starts: list[int], n: int) -> bool:
    begin = lines[starts[n]][0]
    end = lines[starts[n + 1]][0] if n + 1 < len(starts) else len(text)
    return bool(_DISPOSITION_LINE.search(text, begin, end) or _DECIDED.search(text, begin, end))


def _spans(text: str, lines: list[tuple[int, str]], starts: list[int], kind: str) -> list[Span]:
    spans = []
    for n, index in enumerate(starts):
        begin = lines[index][0]
        end = lines[starts[n + 1]][0] if n + 1 < len(starts) else len(text)
        spans.append(Span(start=begin, end=end, label=lines[index][1].strip(), kind=kind))
    return spans


def _paragraphs(text: str, lines: list[tuple[int, str]]) -> list[Span]:
    """Blank-line blocks: each block that states a disposition opens a record; blocks after it without one
    (a vote, a note) stay with it. Fewer than two such blocks: no split."""
    blocks: list[tuple[int, int]] = []
    begin: int | None = None
    for offset, line in lines:
        if line.strip() and begin is None:
            begin = offset
        elif not line.strip() and begin is not None:
            blocks.append((begin, offset))
            begin = None
    if begin is not None:
        blocks.append((begin, len(text)))
    opening = [b for b in blocks if _DISPOSITION_LINE.search(text, b[0], b[1])]
    if len(opening) < 2:
        return []
    spans: list[Span] = []
    for n, (begin, _) in enumerate(opening):
        end = opening[n + 1][0] if n + 1 < len(opening) else len(text)
        label = text[begin : text.find("\n", begin) if "\n" in text[begin:end] else end].strip()
        spans.append(Span(start=begin, end=end, label=label, kind="paragraph"))
    return spans


class Records:
    """Which record a position in the text belongs to, for readers that must not carry a vote across records."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._starts = [s.start for s in spans]

    def at(self, pos: int) -> Span | None:
        """The record holding `pos`, or None before the first record (or when there are none)."""
        index = bisect.bisect_right(self._starts, pos) - 1
        if index < 0 or pos >= self.spans[index].end:
            return None
        return self.spans[index]

    def same(self, a: int, b: int) -> bool:
        """Whether positions `a` and `b` lie in one record (always, where the text has no records)."""
        if not self.spans:
            return True
        return self.at(a) == self.at(b)

    def floor(self, pos: int, default: int) -> int:
        """Where reading back from `pos` must stop: its record's start, or `default` if that is later."""
        span = self.at(pos)
        return max(default, span.start) if span is not None else default
