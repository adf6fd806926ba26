"""A written document as one string with page boundaries, and the sentence and heading helpers the
readers share. Offsets are into `Doc.text`; quotes are cut back to one page so they stay verbatim."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from app.parsing.records import PageText
from app.parsing.repair import drop_page_lines, plain_markdown, repair

PAGE_SEPARATOR = "\n\n"
_ABBREVIATIONS = {
    "no", "nos", "mr", "mrs", "ms", "dr", "st", "inc", "vs", "co", "jr", "sr", "comm", "commr", "sgt", "lt", "capt",
    "det", "cmdr", "cpl", "ofc", "approx", "dept", "u.s", "e.g", "i.e", "etc", "g.o", "s.o", "p.o", "sec", "art",
    "ave", "blvd", "hon", "lnc", "corp", "gen", "gov", "rev", "est", "vol", "fig", "para", "cf", "ord", "res",
}  # fmt: skip
# An agenda heading: "2. APPROVAL OF THE AGENDA", "29.Approve an ...", "B. Approval of Minutes", "VII. NEW BUSINESS".
HEADING_RE = re.compile(
    r"^[ \t]*(?:(?i:item)\s+(?:(?i:no)\.\s*)?)?(?P<number>\d{1,3}(?:\.\d{1,2})?|[A-Z]|[IVX]{1,5}|S-\d{1,3}|\*\d{1,3})"
    r"(?:[.)]\s*|\s+(?=[A-Z]))(?P<title>[A-Z\"“][^\n]{2,600})$",
    re.MULTILINE,
)


_CONTINUED = re.compile(r"(?:,|&|\band)[ \t]*\n?[ \t]*$")


@dataclass
class Doc:
    """Pages joined into one text; `pages` holds (start offset, end offset, page number).

    `text` is repaired for OCR run-togethers (spaces inserted); `source` is the text as read and
    `origin` maps each offset of `text` to one of `source`, so quotes are cut from `source`.
    """

    text: str
    pages: list[tuple[int, int, int]] = field(default_factory=list)
    source: str | None = None
    origin: list[int] | None = None

    @classmethod
    def from_pages(cls, pages: list[PageText]) -> Doc:
        parts: list[str] = []
        originals: list[str] = []
        origin: list[int] = []
        spans: list[tuple[int, int, int]] = []
        offset = source_offset = 0
        for index, page in enumerate(pages):
            raw = page.text or ""
            trimmed, trim_origin = drop_page_lines(raw) if len(pages) > 1 else (raw, list(range(len(raw) + 1)))
            plain, plain_origin = plain_markdown(trimmed)
            trim_origin = [trim_origin[o] for o in plain_origin]
            text, page_origin = repair(plain)
            if index:
                separator = PAGE_SEPARATOR
                if _CONTINUED.search(parts[-1]):
                    # A list running over the page break ("AYES: Solberg, Achebe,") goes on: a line break, no gap.
                    lead = len(text) - len(text.lstrip("\n"))
                    text, page_origin = text[lead:], page_origin[lead:]
                    separator = "" if parts[-1].endswith("\n") else "\n"
                parts.append(separator)
                origin.extend([source_offset - 1] * len(separator))
                offset += len(separator)
            spans.append((offset, offset + len(text), page.number))
            parts.append(text)
            originals.append(raw)
            origin.extend(source_offset + trim_origin[o] for o in page_origin[:-1])
            offset += len(text)
            source_offset += len(raw) + len(PAGE_SEPARATOR)
        source = PAGE_SEPARATOR.join(originals)
        origin.append(len(source))
        return cls(text="".join(parts), pages=spans, source=source, origin=origin)

    @classmethod
    def from_text(cls, text: str) -> Doc:
        return cls(text=text, pages=[(0, len(text), 1)])

    def page_index(self, pos: int) -> int:
        starts = [start for start, _, _ in self.pages]
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def page_number(self, pos: int) -> int | None:
        if not self.pages:
            return None
        return self.pages[self.page_index(pos)][2]

    def quote(self, start: int, end: int, limit: int = 1200) -> tuple[int | None, str]:
        """A verbatim quote of [start, end) kept within the page that holds `end` (where the vote is).

        Over `limit` characters the quote keeps its end (the vote) and starts at a line boundary.
        """
        if not self.pages:
            return None, self.text[start:end].strip()
        index = self.page_index(max(start, end - 1))
        page_start, page_end, number = self.pages[index]
        start = max(start, page_start)
        end = min(end, page_end)
        if end - start > limit:
            cut = self.text.find("\n", end - limit, end)
            start = cut + 1 if cut != -1 else end - limit
        return number, self.verbatim(start, end).strip()

    def verbatim(self, start: int, end: int) -> str:
        """text[start:end] as the source has it (without the spaces the OCR repair inserted)."""
        if self.source is None or self.origin is None:
            return self.text[start:end]
        return self.source[self.origin[start] : self.origin[end]]


def lines_at(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of `text`, line ends dropped."""
    out, offset = [], 0
    for line in text.splitlines(keepends=True):
        out.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return out


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Offset where the sentence holding `pos` begins (after the previous full stop or blank line)."""
    index = pos
    while index > floor:
        char = text[index - 1]
        if char in ".!?" and index < len(text) and text[index].isspace() and _ends_sentence(text, index - 1):
            break
        if char == "\n" and index >= 2 and text[index - 2] == "\n":
            break
        index -= 1
    while index < pos and text[index].isspace():
        index += 1
    return index


def sentence_end(text: str, pos: int, ceiling: int | None = None) -> int:
    """Offset just after the full stop that ends the sentence holding `pos` (or a blank line)."""
    ceiling = len(text) if ceiling is None else min(ceiling, len(text))
    index = pos
    while index < ceiling:
        char = text[index]
        if char in ".!?" and (index + 1 >= len(text) or text[index + 1].isspace()) and _ends_sentence(text, index):
            return index + 1
        if char == "\n" and index + 1 < len(text) and text[index + 1] == "\n" and not _list_goes_on(text, index):
            return index
        index += 1
    return ceiling


# "moved that the Committee:\n\n  (i) note the report; and\n\n  (ii) agree that ...": a list the sentence runs on into.
_LIST_LEAD = re.compile(r"(?::|;|;\s*(?:and|or))[ \t]*$")
_LIST_ITEM = re.compile(r"\s*\n[ \t]*\((?:[ivx]{1,4}|[a-h])\)[ \t]")


def _list_goes_on(text: str, blank: int) -> bool:
    """Whether the blank line at `blank` falls between a lead-in (":" or "; and") and the next item of a list."""
    line_start = text.rfind("\n", 0, blank) + 1
    return bool(_LIST_LEAD.search(text[line_start:blank]) and _LIST_ITEM.match(text, blank))


def _ends_sentence(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends a sentence (not "No.", "U.S.", "Z." in "Z. Maiorca")."""
    if text[dot] != ".":
        return True
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in '(["“':
        word_start -= 1
    word = text[word_start:dot].lower().strip("\"'“”\u2019")
    if word in ("no", "nos"):
        # "Item No. 10" runs on; a spoken "No." ends its sentence.
        return not re.match(r"\s*[\d#(]", text[dot + 1 : dot + 4])
    if word in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha():
        return False
    return True


def last_heading(text: str, floor: int, pos: int, numbered: bool = False) -> re.Match[str] | None:
    """The last agenda heading between `floor` and `pos`, preferring an upper-case (top-level) one.

    `numbered` keeps only headings whose number is followed by "." or ")" (not "1 FRANKLIN ST").
    """
    headings = list(HEADING_RE.finditer(text, floor, pos))
    if numbered:
        headings = [h for h in headings if text[h.end("number") : h.end("number") + 1] in ".)"]
    if not headings:
        return None
    upper = [h for h in headings if _is_upper(h.group("title"))]
    if not upper:
        return headings[-1]
    # "5. NEW BUSINESS" then "5.1 Body-worn camera policy": the sub-item is the motion's item.
    prefix = upper[-1].group("number") + "."
    subs = [h for h in headings if h.start() > upper[-1].start() and h.group("number").startswith(prefix)]
    return subs[-1] if subs else upper[-1]


def _is_upper(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def squash(text: str) -> str:
    """One line, single spaces: how a motion's text is stored."""
    return re.sub(r"\s+", " ", text).strip()
