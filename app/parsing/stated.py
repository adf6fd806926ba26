"""What a motion said when the sentence that names its mover does not say it: the paragraph set apart
just after the mover and seconder lines ("Moved by: X / Seconded by: Y / That the Board ..."), or the
one just before them ("Approve the Consent Agenda ... / Motion by X, second by Y." and a resolution's
"BE IT RESOLVED ... that ..." above "Adopted ... upon motion of X").
"""

from __future__ import annotations

import re

from app.parsing.layout import HEADING_RE, sentence_end

# A "Label: value" line of a vote block (Moved by: / Seconded by: / Vote: / AYES:).
_FIELD_LINE = re.compile(r"^[ \t]*[A-Za-z][\w ./&-]{0,30}(?:\(\d{1,2}\))?[ \t]*:(?!\d)", re.MULTILINE)
_TO_THAT = re.compile(r"\b(?:to|that)\b", re.IGNORECASE)
_FOLLOWING = re.compile(r"[\"\u201c']?(?:That|To|THAT)\b")
_RESOLVED = re.compile(r"\bRESOLVED\b[^\n]*?(?:,\s*|\s)(?i:that)\b\s*", re.IGNORECASE)
_LABEL_ONLY = re.compile(r"^[\w &/-]{1,40}:?$")
_MAX = 700


_RESOLVED_CLAUSE = re.compile(
    # "BE IT RESOLVED by the Bayou Teche Parish Police Jury, in regular session convened, that ..."
    r"^[ \t]*(?:(?:NOW,?\s+)?THEREFORE,?\s+)?(?:BE\s+IT\s+)?RESOLVED(?:\s+by\s+the\s+[^.;:]{3,160}?)?,?\s+(?i:that)\s+"
    r"(?P<clause>[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*)",
    re.MULTILINE,
)


def resolved_before(text: str, floor: int, pos: int) -> tuple[int, str] | None:
    """The first "(THEREFORE) BE IT RESOLVED that ..." clause in text[floor:pos], and where it ends: what a
    resolution voted on below it says it resolves; None when there is none."""
    found = _RESOLVED_CLAUSE.search(text, floor, pos)
    if not found:
        return None
    # the clause is its sentence: "... is hereby accepted. This resolution having been submitted to a vote, ..."
    stop = sentence_end(text, found.start("clause"), found.end())
    return found.end(), _clean(text[found.start("clause") : stop])


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


# Text that says nothing of what was moved: ") 4-0", "Okoro; Second: Tate", "No. 39902: DENIED".
# (an ordinal is no seconder: "removal of the second appliance", "a second reading")
_SAYS_NOTHING = re.compile(r"^\W|(?<!\bthe\s)(?<!\ba\s)(?<!\bits\s)\bsecond(?:ed)?\b\s*:?", re.IGNORECASE)


def weak_text(words: str | None) -> bool:
    """Whether a motion's text is only residue of its vote line, not what was moved."""
    words = (words or "").strip()
    residue = ("denied", "approved", "carried", "vote", "unanimous", "unanimously")
    real = [w for w in re.findall(r"[A-Za-z]{3,}", words) if w.lower() not in residue]
    return not real or bool(_SAYS_NOTHING.search(words))


def item_title(text: str, pos: int, reach: int = 1500) -> str | None:
    """The title of the numbered item `pos` lies in ("C. Request for rehearing of ..., Serial No. 39902"),
    its wrapped lines joined, without a disposition at its end; None when no item heading is near."""
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end == -1 else line_end
    headings = [h for h in HEADING_RE.finditer(text, max(0, pos - reach), line_end) if h.start() <= pos]
    headings = [h for h in headings if text[h.end("number") : h.end("number") + 1] in ".)"]
    if not headings:
        return None
    heading = headings[-1]
    gap = re.search(r"\n[ \t]*\n", text[heading.start("title") : pos + 1])
    end = heading.start("title") + gap.start() if gap else pos
    title = re.sub(r"\s+", " ", text[heading.start("title") : max(end, heading.end("title"))]).strip()
    title = re.sub(r"\s*\[[^\]]*\]|\s*:\s*[A-Z]{4,}\b.*$", "", title).strip(" .:")
    return title or None


# The line above a disposition that says what it disposes of: "Request: Special permit to ...",
# "Allegation 1 - Physical abuse (Directive 10.2): IAD finding: Not Sustained.", "Charge 2: ...".
_LEAD_LINE = re.compile(
    r"^[ \t]*(?:[\w-]+[ \t]+)?(?:(?:Request|Application|Proposal|Petition|Matter|Subject)[ \t]*:[ \t]*"
    r"(?P<value>[^\n]{4,200})"
    r"|(?P<head>(?:Allegation|Charge|Count|Specification|Finding)\s+(?:No\.\s*)?[\dA-Z]{1,3}\b[^\n:]{0,160}))",
    re.MULTILINE,
)


def lead_line(text: str, pos: int, reach: int = 600) -> str | None:
    """What the disposition at `pos` disposes of, from a labelled line above it in the same paragraph."""
    floor = max(0, pos - reach)
    gap = text.rfind("\n\n", floor, pos)
    floor = gap + 1 if gap != -1 else floor
    found = list(_LEAD_LINE.finditer(text, floor, pos))
    if not found:
        return None
    match = found[-1]
    words = match.group("value") or match.group("head")
    return re.sub(r"\s+", " ", words).strip(" .:;") or None


def sentence_before(text: str, pos: int) -> tuple[int, str] | None:
    """The sentence just before `pos` in its paragraph ("The Committee recommends a 10-day suspension for
    P/O Kessler." before "Moved by X, seconded by Y."), with where it starts; None if there is none."""
    floor = text.rfind("\n\n", 0, pos) + 1
    chunk = text[floor:pos].rstrip()
    if not chunk.endswith("."):
        return None
    stops = [m.end() for m in re.finditer(r"(?<=[a-z0-9)])[.:][ \t\n]+(?=[A-Z])", chunk[:-1])]
    begin = stops[-1] if stops else 0
    words = re.sub(r"\s+", " ", chunk[begin:]).strip(" .")
    if len(words.split()) < 4 or re.search(r"\b(?:moved|seconded|vote)\b", words, re.I):
        return None
    return floor + begin, words
