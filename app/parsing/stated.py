"""What a motion said when the sentence that names its mover does not say it: the paragraph set apart
just after the mover and seconder lines ("Moved by: X / Seconded by: Y / That the Board ..."), or the
one just before them ("Approve the Consent Agenda ... / Motion by X, second by Y." and a resolution's
"BE IT RESOLVED ... that ..." above "Adopted ... upon motion of X").
"""

from __future__ import annotations

import re

from app.parsing.layout import HEADING_RE

# A "Label: value" line of a vote block (Moved by: / Seconded by: / Vote: / AYES:).
_FIELD_LINE = re.compile(r"^[ \t]*[A-Za-z][\w ./&-]{0,30}(?:\(\d{1,2}\))?[ \t]*:(?!\d)", re.MULTILINE)
_TO_THAT = re.compile(r"\b(?:to|that)\b", re.IGNORECASE)
_FOLLOWING = re.compile(r"(?:That|To|THAT)\b")
_RESOLVED = re.compile(r"\bRESOLVED\b[^\n]*?(?:,\s*|\s)(?i:that)\b\s*", re.IGNORECASE)
_LABEL_ONLY = re.compile(r"^[\w &/-]{1,40}:?$")
_MAX = 700


def stated_nearby(text: str, start: int, end: int) -> str | None:
    """The motion's words set apart around a bare "moved by X" at text[start:end], or None."""
    line_end = text.find("\n", end)
    if _TO_THAT.search(text[end : len(text) if line_end == -1 else line_end]):
        return None  # "X moved to adopt ...": the sentence says what was moved
    return stated_after(text, end) or _before(text, start)


def _paragraphs(chunk: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n[ \t]*\n", chunk) if p.strip()]


def stated_after(text: str, end: int) -> str | None:
    """ "Seconded by: Y\n\nThat the Board receive this report." -> the "That ..." paragraph, or None."""
    line_end = text.find("\n", end)
    pos = len(text) if line_end == -1 else line_end + 1
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end == -1 else line_end
        line = text[pos:line_end]
        if line.strip() and not _FIELD_LINE.match(line):
            break
        pos = line_end + 1
    paragraphs = _paragraphs(text[pos : pos + _MAX])
    if not paragraphs or not _FOLLOWING.match(paragraphs[0]):
        return None
    return _clean(paragraphs[0])


def _before(text: str, start: int) -> str | None:
    """The paragraph just above the mover's line, when it states an action (not a heading or a label)."""
    blank = list(re.finditer(r"\n[ \t]*\n", text[max(0, start - _MAX) : start]))
    line_start = max(0, start - _MAX) + blank[-1].end() if blank else text.rfind("\n", 0, start) + 1
    if _TO_THAT.search(text[line_start:start]):
        return None  # the mover is named inside a sentence that says what was moved
    paragraphs = _paragraphs(text[max(0, line_start - _MAX) : line_start])
    if not paragraphs:
        return None
    paragraph = paragraphs[-1]
    if _LABEL_ONLY.match(paragraph) or HEADING_RE.match(paragraph) or _FIELD_LINE.match(paragraph):
        return None
    if len(paragraph) < 12 or paragraph.isupper():
        return None
    resolved = _RESOLVED.search(paragraph)
    if resolved:
        paragraph = paragraph[resolved.end() :]
    return _clean(paragraph)


def _clean(words: str) -> str:
    return re.sub(r"\s+", " ", words).strip().rstrip(".;:")
