"""Labelled vote fields in written minutes, read as grammar rather than by position:

    RESULT: APPROVED [UNANIMOUS]          Granicus / iQM2 / Legistar blocks
    MOVER: X   or  MOTION BY: X   SECONDER: / SECOND: Y
    AYES: A, B, (wrapping lines)  NAYS: / NOES: C   ABSTAIN: D   ABSENT: E   RECUSED: F
    Status: 7 - 0 - Pass  /  Vote: 5-2
    Ayes: A, B. Noes: C.                  the same lists inline in a paragraph
    Roll call: Alvarez - yes; Brooks - no; Chen - abstain

Fields next to each other form one Block; the minutes reader attaches blocks to motions. Votes said in a clause
("... with Commissioners Grant and Hughes voting no") are read by `voted`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.parsing.lexicon import LIST_LABEL, PERSON, TITLE, clean_person, option_for
from app.parsing.namelists import counted_names
from app.parsing.roster import split_names, strip_title
from app.parsing.tally import Tally, parse_tally

_OTHER_LABEL = (
    r"(?i:result|final\s+action|action\s+taken|(?<![A-Za-z] )action"
    r"|disposition|decision|ruling|determination|findings?|(?:board|commission|council)\s+action"
    r"|(?:board|commission|panel|committee)\s+(?:recommendation(?:\s+to\s+the\s+[a-z]+)?|findings?)"
    r"|mover|motion\s+by|moved\s+by|moved|motion\s+made\s+by"
    # "Motion: Park / Second: Rashid", "Motion: Okoro; Second: Tate": a bare name after "Motion:" is the mover.
    # "Motion to accept the report: Feld; second: Quist", "Motion: Member Ito.  Second: Member Solis."
    r"|motion(?:\s+to\s+[^:\n]{1,150}?)?(?=[ \t]*:[ \t]*"
    r"(?:(?:vice\s+)?(?:chair|member|commissioner|trustee|councilmember)[ \t]+)?"
    r"(?-i:[A-Z])[\w'\u2019-]+[ \t]*(?:[;/,.]|$|[ \t]{2}))"
    r"|seconder|seconded\s+by|seconded|second\s+by|second|status"
    r"|(?:final\s+|roll\s+call\s+|amendment\s+|(?:full\s+)?board\s+)?vote)"
)
_FIELD_RE = re.compile(
    rf"(?P<pre>^|(?<=[.;,:()\]\-\u2013—/])|(?<=\s\s))[ \t]*(?P<label>{_OTHER_LABEL}|{LIST_LABEL})[ \t]*"
    r"(?:\((?P<n>\d+)\))?[ \t]*(?::(?!\d)|(?<=[Vv]ote)(?=[ \t]+\d{1,2}[-\u2013]\d))",
    re.MULTILINE,
)
_RESULT_WORDS = {
    "approved": "passed",
    "adopted": "passed",
    "passed": "passed",
    "pass": "passed",  # nosec B105  # a vote word, not a password
    "carried": "passed",
    "accepted": "passed",
    "granted": "passed",
    "ratified": "passed",
    "confirmed": "passed",
    "failed": "failed",
    "fail": "failed",
    "denied": "failed",
    "defeated": "failed",
    "lost": "failed",
    "rejected": "failed",
    "withdrawn": "withdrawn",
    "tabled": "tabled",
    "postponed": "tabled",
    "continued": "tabled",
}
# A wrapped line of a name list: capitalised names separated by commas ("MEMBER PENALOZA, VICE CHAIR PHAN").
_NAMES_LINE = re.compile(
    r"^\s*[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*\s*,(?:\s*(?:and\s+)?[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*\s*,?)*\s*$"
)
# "In favor:    Hon. Ma. Teresa L. Buenaventura\n              Hon. Jose Miguel R. Sarmiento ...  -  8"
_ONE_NAME_LINE = re.compile(
    rf"^[ \t]*(?:[A-Za-z ]{{2,12}}:[ \t]+)?(?:Hon\.|{TITLE})[ \t]+[A-Z][\w.'\u2019 -]{{2,60}}?"
    r"(?:[ \t]*\([^()\n]{1,40}\))?(?:[ \t]+-[ \t]+\d{1,2})?[ \t]*$"
)
_CONTINUES = re.compile(rf"(?:,|\band|&|{TITLE}|\bpro|\bpro\s+tem)\s*$", re.IGNORECASE)


@dataclass
class Field:
    label: str
    value: str
    start: int
    end: int
    raw_label: str = ""  # the label as written ("Motion to accept the report")


@dataclass
class Block:
    """Adjacent vote fields: a result, who moved and seconded, tallies and named votes."""

    start: int
    end: int
    result: str | None = None
    tally: Tally | None = None
    mover: str | None = None
    seconder: str | None = None
    votes: list[tuple[str, str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # every name as written in the lists
    outcome: str | None = None  # "denied": a disposition that decided against the item
    decided: str = ""  # the words of a disposition ("Violation - 1-Day Suspension"), to read the outcome from
    relative: bool = False  # votes said as positions on the item ("voted to grant"), not on the motion
    disposition: bool = False  # a "Decision:"/"Finding:" field: a decision of its own, never part of another
    words: str | None = None  # what the decision is about, where the block says it (a table row's matter)
    item: str | None = None  # its agenda item, where the block says it
    row: bool = False  # one row of a table of items (members as columns): joins its item's motion
    history: bool = False  # a row of a file's action history ("Date  Ver.  Action By  Action  Result")

    @property
    def is_vote(self) -> bool:
        return bool(self.result or self.mover or self.tally or any(o in ("yes", "no") for _, o in self.votes))


def result_word(text: str) -> str | None:
    """ "APPROVED AS AMENDED", "Pass", "FAILED" -> passed/failed/withdrawn/tabled, or None."""
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _RESULT_WORDS:
            return _RESULT_WORDS[word]
    return None


# "Ayes - Trustees Ames, Feld, Obi and Salgado (4)": a vote list with a dash, at the start of a line.
# Also inside a sentence after a colon or a full stop: "Roll call: Ayes - Haslett, Moreau. Nays - Shah, Okonkwo."
# and with a count first: "Yea - 3 (Lam, Petrakis, Fitch); Nay - 1 (Nunez)".
_DASH_FIELD = re.compile(
    # (and a council journal's "Yeas -- Aldermen Abernathy, Okonkwo, ... -- 35.")
    rf"(?:^|(?<=[:.;])[ \t]+)[ \t]*(?P<label>{LIST_LABEL})[ \t]*(?:--|[-\u2013\u2014])[ \t]+"
    r"(?=[A-Z(]|\d{1,2}[ \t]*\()",
    re.MULTILINE,
)


_COUNT_AFTER = re.compile(r"(?<=[A-Za-z.)])[ \t]*(?:--|\u2014|[ \t]-)[ \t]*\d{1,3}[ \t]*\.?[ \t]*$")


def find_fields(text: str) -> list[Field]:
    """Every labelled field with its value: to the next label, the sentence end, or the line end."""
    matches = sorted([*_FIELD_RE.finditer(text), *_DASH_FIELD.finditer(text)], key=lambda m: m.start())
    fields: list[Field] = []
    for index, match in enumerate(matches):
        value_start = match.end()
        limit = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        # 600 characters of words (a list printed one name to an indented line runs longer on the page)
        squeezed = len(re.sub(r"\s+", " ", text[value_start : value_start + 1000]))
        limit = min(limit, value_start + (1000 if squeezed <= 600 else 600))
        value_end = _value_end(text, value_start, limit)
        label = re.sub(r"\s+", " ", match.group("label").lower())
        value = text[value_start:value_end]
        value = _COUNT_AFTER.sub("", value)  # "Holloway -- 35.": the count after the names
        number = match.groupdict().get("n")
        if number and not value.strip():
            value = number
        raw = re.sub(r"\s+", " ", match.group("label"))
        fields.append(Field(label=label, value=value, start=match.start("label"), end=value_end, raw_label=raw))
    return fields


def _value_end(text: str, start: int, limit: int) -> int:
    pos = start
    first = text.find("\n", start, limit)
    following = text[first + 1 : text.find("\n", first + 1) if text.find("\n", first + 1) != -1 else limit]
    if first != -1 and not text[start:first].strip() and re.match(r"[A-Z][a-z]+[;,)]", following.strip()):
        pos = first + 1  # "(Recused:\nOkonkwo; Absent: Brandt)": the label ends its line, the names open the next
    while pos < limit:
        newline = text.find("\n", pos, limit)
        line_end = limit if newline == -1 else newline
        line = text[pos:line_end]
        # (a title's full stop goes on: "Mr. Broussard, Mrs. Guidry", "Hon. Reyes")
        stop = re.search(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bMrs)(?<!\bHon)(?<!\bMessrs)\.(?=\s+[A-Z(])", line)
        if stop:
            return pos + stop.start()
        if newline == -1:
            return limit
        following = text[newline + 1 : text.find("\n", newline + 1) if text.find("\n", newline + 1) != -1 else limit]
        joined = (
            _CONTINUES.search(line)
            or re.match(r"\s*(?:and\b|&)", following)
            or _NAMES_LINE.match(following)
            or (_ONE_NAME_LINE.match(line) and _ONE_NAME_LINE.match(following))  # a list one name to a line
        )
        if not joined or not following.strip() or _FIELD_RE.match(following):
            return line_end
        pos = newline + 1
    return limit


def blocks_from_fields(text: str, fields: list[Field]) -> list[Block]:
    """Group fields separated only by whitespace or punctuation into blocks."""
    groups: list[list[Field]] = []
    # "Committee Vote: 9-0-0-0; Public Member Vote: 2-0-0-0": how a committee voted before the body did.
    fields = [f for f in fields if not re.fullmatch(r"(?:sub)?committee(?:'s)? vote|public members? vote", f.label)]
    # "Type:  Resolution    Status:  Adopted" in a legislation header: the file's status, not a vote.
    fields = [
        f for f in fields if not (f.label == "status" and text[text.rfind("\n", 0, f.start) + 1 : f.start].strip())
    ]
    for fld in fields:
        # A second disposition ("Finding: SUSTAINED" then "Board recommendation: ...") is another decision.
        again = _decides(fld) and any(_decides(f) for f in groups[-1]) if groups else False
        gap = text[groups[-1][-1].end : fld.start] if groups else ""
        # After a blank line, "Motion to X: Name" or "Moved by: Name" starts the next motion.
        mover_next = "\n" in gap.replace("\n", "", 1) and (
            fld.label.startswith("motion") or fld.label.startswith("move")
        )
        # "FOR: Cllrs A, B and C. (10)" then "AGAINST: ...": a count after a list stays in the block
        if groups and not again and not mover_next and re.fullmatch(r"[\s.;,]*(?:\(\d{1,2}\)[\s.;,]*)?", gap):
            groups[-1].append(fld)
        else:
            groups.append([fld])
    blocks = []
    for group in groups:
        block = Block(start=group[0].start, end=group[-1].end)
        stated: dict[str, int] = {}
        for fld in group:
            _apply(block, fld, stated)
        if stated:
            block.tally = Tally(counts={**stated, **(block.tally.counts if block.tally else {})})
        if block.disposition and not block.mover:
            _movers_after(text, block)
        counts = block.tally.counts if block.tally else {}
        if block.outcome == "denied" and counts.get("yes", 0) < counts.get("no", 0):
            # "ACTION: Denied. Motion to approve: X ... Vote: 2-3": the vote was on approving, and it failed.
            block.result, block.outcome = "failed", None
        if block.is_vote:
            blocks.append(block)
    return blocks


# What a board decided, written as a disposition ("Decision: Violation - 1-Day Suspension", "Denied (2-1)").
_DISPOSITIONS = re.compile(
    r"\b(?P<against>denied|disapproved|declined|rejected|refused|revoked|revocation)\b"
    r"|\b(?:continued|tabled|postponed|deferred|held\s+over|withdrawn)\b"
    r"|\b(?:granted|approved|adopted|accepted|violation|no\s+violation|suspension|suspended|warning|fine|sustained"
    r"|not\s+sustained|exonerated|unfounded|dismissed|upheld|affirmed|reversed|placed\s+on\s+file|concurs?|concurred)\b",
    re.IGNORECASE,
)


def disposition(block: Block, value: str) -> None:
    """A disposition ("Violation - 1-Day Suspension", "Denied", "Continued") as the block's result and outcome."""
    match = _DISPOSITIONS.search(value)
    if not match:
        return
    word = match.group(0).lower()
    if word in ("continued", "tabled", "postponed", "deferred", "withdrawn") or word.startswith("held"):
        block.result = block.result or ("withdrawn" if word == "withdrawn" else "tabled")
        return
    block.result = block.result or "passed"
    # "Guilty (Vote 2-1; Member Pryor would find Not Guilty)": the outcome is the finding, not the minority's view
    block.decided = re.sub(r"\([^()]*\bwould\b[^()]*\)", "", value)
    if match.group("against") and word in ("denied", "disapproved", "declined", "rejected", "refused"):
        block.outcome = "denied"


def _decides(fld: Field) -> bool:
    label = fld.label
    return label in ("decision", "ruling", "determination") or "finding" in label or "recommendation" in label


def _apply(block: Block, fld: Field, stated: dict[str, int]) -> None:
    label, value = fld.label, fld.value.strip()
    if _decides(fld) or label == "action" or label.endswith(" action"):
        block.disposition = True
        disposition(block, value)
        tally = parse_tally(value)
        if tally:
            block.tally = tally
            if block.result is None and re.match(r"\s*(?:not\s+)?guilty\s*\(\s*\d{1,2}\s*[-\u2013]\s*\d", value, re.I):
                # "Board Finding: GUILTY (3-0) as to Charge 1": the board's own vote on a charge
                block.result, block.decided = "passed", value
        return
    if label in ("result", "final action", "action taken", "disposition", "status") or (
        label.endswith("vote") and option_for(label) is None
    ):
        block.result = block.result or result_word(value)
        tally = parse_tally(value)
        if tally:
            block.tally = tally
            _minority(block, tally, value)
        # "Vote: 5 in favor (Brooks, Nyberg, ...), 1 opposed (Till), 1 abstention (Redd)": names per option.
        block.votes.extend(counted_names(value))
        return
    movers = ("mover", "motion", "motion by", "moved by", "moved", "motion made by")
    if label in movers or label.startswith("motion to "):
        # "Motion: Member Castellano; second, Vice Chair Amankwah": both in one field.
        both = re.match(
            r"(?P<mover>[^;]+);[ \t]*(?i:second(?:ed)?(?:[ \t]+by)?)[ \t]*[,:]?[ \t]*(?P<seconder>.+)$", value
        )
        if both:
            value = both.group("mover")
            block.seconder = block.seconder or _one_name(both.group("seconder"))
        block.mover = _one_name(value)
        words = fld.raw_label[len("motion ") :].strip()
        if len(words.split()) >= 3:
            block.words = block.words or words  # what was moved, where the label says it
        return
    if label.startswith("second"):
        block.seconder = _one_name(value)
        return
    option = option_for(label)
    if option is None:
        return
    number = re.fullmatch(r"\(?(\d{1,2})\)?[.,;]?", value)  # "For: 18, Against: 9, Abstain: 2"
    if number:
        stated[option] = int(number.group(1))
        return
    count = re.search(r"\((\d{1,2})\)\s*\.?$", value)
    lead = re.match(r"(\d{1,2})[ \t]*\(([^()]*)\)", value)  # "Yea - 3 (Lam, Petrakis, Fitch)"
    counted = re.match(
        r"(\d{1,2})[ \t]+(?=[A-Z])(.+)$", value, re.S
    )  # "Aye: 5 Chair Okafor, Vice Chair ..." (Legistar)
    if lead:
        stated[option], value = int(lead.group(1)), lead.group(2)
    elif counted:
        stated[option], value = int(counted.group(1)), counted.group(2)
    elif count:
        stated[option] = int(count.group(1))
    for raw in split_names(re.sub(r"\(\d+\)", "", value)):
        name = strip_title(raw)
        if name and len(name) < 60 and not re.search(r"\d", name):
            block.votes.append((name, option))
            block.names.append(name)


# "ACTION: APPROVED. (Commissioner X moved; Vice President Y seconded.) 4-0.": who moved a disposition.
_MOVED_AFTER = re.compile(
    rf"[ \t.]*\(?[ \t]*(?P<mover>{PERSON})[ \t]+moved[ \t]*[;,][ \t]*(?:and[ \t]+)?(?P<seconder>{PERSON})[ \t]+seconded"
    r"\.?\)?[ \t]*(?:(?:Vote[ \t]*:?[ \t]*)?(?P<tally>\d{1,2}[ \t]*-[ \t]*\d{1,2}(?:[ \t]*-[ \t]*\d{1,2})*)\.?)?"
)


def _movers_after(text: str, block: Block) -> None:
    gap = text.find("\n\n", block.end)
    limit = min(len(text), block.end + 200, gap if gap != -1 else len(text))
    match = _MOVED_AFTER.search(text, block.start, limit)
    if not match:
        return
    block.mover = strip_title(clean_person(match.group("mover")) or "") or None
    block.seconder = strip_title(clean_person(match.group("seconder")) or "") or None
    if match.group("tally") and not block.tally:
        block.tally = parse_tally(match.group("tally"))
    block.end = max(block.end, match.end())


def _minority(block: Block, tally: Tally, value: str) -> None:
    """ "Vote: 4-1 (Wozniak)": names alone in brackets after a split tally are the minority's votes."""
    named = re.fullmatch(
        r"[^()]*\d\s*\((?P<names>[A-Z][\w'\u2019 .,-]{1,80}|[A-Z][\w' ]+(?:and|&)[\w' ]+)\)\W*", value.strip()
    )
    yes, no = tally.counts.get("yes"), tally.counts.get("no")
    if not named or yes is None or not no or yes == no:
        return
    names = [strip_title(n) for n in split_names(named.group("names"))]
    if len(names) == min(yes, no) and all(re.fullmatch(r"[A-Z][\w'\u2019.-]+", n or "") for n in names):
        block.votes.extend((name, "no" if yes > no else "yes") for name in names)


def _one_name(value: str) -> str | None:
    names = split_names(value.strip(" \t/;,"))
    if not names:
        return None
    name = strip_title(names[0])
    return name if name and len(name) < 60 else None
