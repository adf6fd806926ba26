"""Undo the run-together words OCR leaves in minutes ("Ramirezmoved", "Themotion carried,5-0",
"Items 2through 6", "secondedby Commissioner") by inserting spaces, and only spaces, so that every
character of the repaired text still maps back to the original and quotes stay verbatim."""

from __future__ import annotations

import re

# Each pattern marks where a space goes: between its two groups.
_SPLITS = [
    # A capitalised name glued to the verb that follows it: "Ramirezmoved", "OKOYEMOVED" (not "Removed").
    re.compile(r"\b([A-Z][a-z]{2,}|[A-Z]{3,})(moved|seconded|abstained|voted|MOVED|SECONDED)\b"),
    # An article glued to the noun: "Themotion", "themotion carried".
    re.compile(r"\b([Tt]he|[Ss]aid|[Tt]his|THE)(motion|substitute|minutes|MOTION)\b"),
    # A verb glued to its preposition: "movedto approve", "secondedby".
    re.compile(r"\b(moved|seconded|approved|motion)(to|by)\b"),
    # "byCommissioner Kaplan"
    re.compile(r"\b(by|to)(?=[A-Z][a-z]{2,})()"),
    # "Items 2through 6", "6were approved"
    re.compile(r"(\d)(through|thru|were|was|and)\b"),
    # A comma with no space after it between words or before a tally: "RAMIREZ,NGUYEN", "carried,5-0".
    re.compile(r"(?<=[A-Za-z])(,)(?=[A-Za-z0-9])()|(?<=\d)(,)(?=[A-Za-z])()"),
]


def repair(text: str) -> tuple[str, list[int]]:
    """The repaired text and, for each of its characters (and its end), the offset in `text` it stands for.

    An inserted space stands for the character that follows it.
    """
    inserts: set[int] = set()
    for pattern in _SPLITS:
        for match in pattern.finditer(text):
            groups = [i for i in range(1, (pattern.groups or 0) + 1) if match.group(i) is not None]
            if groups:
                inserts.add(match.end(groups[0]))
    if not inserts:
        return text, list(range(len(text) + 1))
    parts: list[str] = []
    origin: list[int] = []
    previous = 0
    for cut in sorted(inserts):
        parts.append(text[previous:cut])
        origin.extend(range(previous, cut))
        parts.append(" ")
        origin.append(cut)
        previous = cut
    parts.append(text[previous:])
    origin.extend(range(previous, len(text) + 1))
    return "".join(parts), origin


_PAGE_LINE = re.compile(
    r"\bpage\s+\d+(?:\s+of\s+\d+)?\b|^\s*-?\s*\d{1,3}\s*-?\s*$|^\s*\d+\s+of\s+\d+\s*$", re.IGNORECASE
)


def drop_page_lines(text: str, edge: int = 2) -> tuple[str, list[int]]:
    """The page without its running header or footer lines ("Minutes ... Page 2", "- 3 -") among its first
    and last `edge` lines, and for each character kept (and the end) its offset in `text`."""
    lines = text.splitlines(keepends=True)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(filled[:edge] + filled[-edge:])
    kept: list[str] = []
    origin: list[int] = []
    offset = 0
    for index, line in enumerate(lines):
        if not (index in edges and _PAGE_LINE.search(line)):
            kept.append(line)
            origin.extend(range(offset, offset + len(line)))
        offset += len(line)
    origin.append(len(text))
    return "".join(kept), origin


# Markdown minutes ("- **Moved:** @Martin Kowal  **Seconded:** @Rafael Diaz"): the emphasis marks, the @ of a
# mention and the bullet or quote mark that opens a line go, so the labels and names read as in any minutes;
# everything else stays where it was.
_MARKDOWN_SIGNS = re.compile(r"^#{1,4} \S|\*\*[A-Z][^*\n]{0,40}:\*\*", re.MULTILINE)
_MARKUP = re.compile(r"\*\*|__|(?<![\w.])@(?=[A-Z])|^[ \t]*(?:[-*+]|>)[ \t]+(?=\S)", re.MULTILINE)


def plain_markdown(text: str) -> tuple[str, list[int]]:
    """The text without Markdown's emphasis marks and mention signs, and for each character kept (and the end)
    its offset in `text`; text that is not Markdown comes back as it was."""
    if len(_MARKDOWN_SIGNS.findall(text)) < 3:
        return text, list(range(len(text) + 1))
    kept: list[str] = []
    origin: list[int] = []
    previous = 0
    for match in _MARKUP.finditer(text):
        kept.append(text[previous : match.start()])
        origin.extend(range(previous, match.start()))
        previous = match.end()
    kept.append(text[previous:])
    origin.extend(range(previous, len(text) + 1))
    return "".join(kept), origin
