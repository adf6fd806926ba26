"""Motions told in sentences, as clerks write them:

    Commissioner X moved, seconded by Commissioner Y, to approve ...
    It was moved by X and seconded by Y that ...        Motion by X, second by Y, to ...
    MOTION: Councilmember X moved to approve ..., seconded by Y.    SUBSTITUTE MOTION: ...
    Motion to accept the substitute ordinance: Moved by X and seconded by Y.
    The motion carried, 7-0, ...   Motion carried 7-2.   The motion passed unanimously.
    The motion failed for lack of a second.   The minutes were approved as presented.
    Minutes approved - X (motion), Y (second)       APPROVED - 2018 Meetings Calendar   (terse)

Each finder returns events with offsets; the minutes reader puts them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.parsing.layout import last_heading, sentence_end
from app.parsing.lexicon import PERSON, clean_person
from app.parsing.numbers import NUMBER_WORDS
from app.parsing.tally import Tally, parse_tally


@dataclass
class Start:
    """A motion being made: who moved (and seconded, when said in the same breath) and its words."""

    start: int
    end: int
    mover: str | None
    seconder: str | None
    text: str | None
    substitute: bool = False


@dataclass
class Result:
    start: int
    end: int
    result: str
    tally: Tally
    passive_subject: str | None = None  # "The minutes" in "The minutes were approved as presented."
    itemised: bool = False  # a bare tally after an agenda item ("*42 Accept a grant ... (Y-5)")


_MOVER_BEFORE = re.compile(
    rf"(?P<mover>{PERSON})\s+(?:then\s+|subsequently\s+|also\s+)?(?i:moved|moves|made\s+(?:a|the)\s+motion"
    rf"|makes\s+a\s+motion|offered\s+(?:a|the)\s+motion|put\s+forward\s+a\s+motion)\b"
)
_MOVER_AFTER = re.compile(
    rf"(?i:\b(?:it\s+was\s+)?moved|\bmotion(?:\s+was)?(?:\s+made)?|\bupon\s+(?:a\s+)?motion|\bon\s+(?:a\s+)?motion"
    rf"|\ba\s+motion\s+was\s+made)\s+(?i:by|of|from)\s+(?P<mover>{PERSON})"
    r"|(?i:\bupon\s+(?:a\s+)?motion|\bon\s+(?:a\s+)?motion|\ba\s+motion\s+(?:was\s+)?)\s+(?i:duly\s+)?(?i:made\s+and"
    r"\s+seconded)(?P<nobody>)"
)
_MS = re.compile(rf"(?i:\bM/S|\bmoved/seconded)\s*:?\s*(?P<mover>{PERSON})\s*/\s*(?P<seconder>{PERSON})")
_SECONDER = [
    re.compile(rf"(?i:\bsecond(?:ed)?\s+(?:by|from)|\bwith\s+a\s+second\s+(?:by|from))\s+(?P<seconder>{PERSON})"),
    re.compile(rf"(?P<seconder>{PERSON})\s+(?i:seconded|seconds|provided\s+(?:a|the)\s+second|gave\s+the\s+second)\b"),
]
_LEAD = re.compile(
    r"(?:^|\n|(?<=[.:;]\s))[ \t]*(?P<sub>(?i:substitute|amended|main|original|alternate)\s+)?(?i:motion)\s*:"
    r"|(?:^|\n|(?<=\s\s)|(?<=[.)]\s))[ \t]*(?P<text>(?i:motion)\s+to\s+[^:\n]{3,160}):",
)
_TO_THAT = re.compile(r"\b(?:to|that)\b", re.IGNORECASE)

_VERBS = {
    "carried": "passed", "carries": "passed", "passed": "passed", "passes": "passed", "prevailed": "passed",
    "prevails": "passed", "adopted": "passed", "approved": "passed", "was approved": "passed",
    "was adopted": "passed", "failed": "failed", "fails": "failed", "lost": "failed", "defeated": "failed",
    "was defeated": "failed", "died": "failed", "dies": "failed", "withdrawn": "withdrawn",
    "was withdrawn": "withdrawn", "tabled": "tabled", "was tabled": "tabled",
}  # fmt: skip
_RESULT_RE = re.compile(
    r"\b(?:(?i:the|said|set|this|that|which|and)\s+)?(?:(?i:substitute|main|original|amended|foregoing|above)\s+)?"
    r"(?i:motion)(?:\s+(?i:as\s+amended))?\s*,?\s+(?:(?i:was|has|then)\s+)?(?P<verb>(?i:carried|carries|passed|passes"
    r"|prevailed|prevails|adopted|approved|failed|fails|lost|defeated|died|dies|withdrawn|tabled)"
    r"|(?i:was\s+(?:defeated|withdrawn|tabled|approved|adopted)))\b(?P<tail>[^\n.;:]{0,90}(?:\n[^\n.;:]{0,60})?)"
    r"|(?:^|(?<=[.\n]))[ \t]*(?P<verb2>(?i:carried|passed|approved|adopted|failed|defeated))\b"
    r"(?P<tail2>[ \t]*(?i:unanimously|\(?\d{1,2}\s*[-\u2013—]\s*\d{1,2}).{0,60})"
)
_AND_CARRIED = re.compile(
    r"(?:,\s*|\band\s+)(?:was\s+)?(?P<verb>(?i:carried|passed|failed|adopted|approved))\s+(?P<tail>(?i:unanimously"
    r"|by\s+(?:a\s+)?(?:unanimous\s+|voice\s+|roll\s+call\s+)?vote(?:\s+of)?(?:\s+\d{1,2}\s*[-\u2013\u2014]\s*\d{1,2})?"
    r"|\d{1,2}\s*[-\u2013\u2014]\s*\d{1,2}(?:\s*[-\u2013\u2014]\s*\d{1,2})*))"
)
_BODY_DECIDED = re.compile(
    r"\b(?:the[ \t]+)?(?i:board|commission|council|committee|panel)[ \t]+(?P<how>(?i:unanimously)[ \t]+)?"
    r"(?P<verb>(?i:approved|adopted|accepted|ratified|denied|rejected))\s+(?P<object>(?i:the|a|an|all|its|item|items"
    r"|resolution|ordinance|minutes|agenda|consent)\b[^.\n]{2,250})"
)
_LACK_OF_SECOND = re.compile(r"\b(?:failed|died|dies|fails)\s+(?:for\s+)?(?:lack|want)\s+of\s+(?:a\s+)?second", re.I)
_PASSIVE = re.compile(
    r"(?P<subject>\b(?i:the\s+)?[A-Za-z][\w ,/&'-]{2,80}?)\s+(?i:was|were)\s+(?P<how>(?i:unanimously\s+)?)"
    r"(?P<verb>(?i:approved|adopted|accepted|ratified|denied|rejected))\b(?P<tail>[^\n.;]{0,80})"
)
_PASSIVE_OK = re.compile(
    r"unanimous|\d{1,2}\s*[-\u2013—]\s*\d{1,2}|\bas\s+(?:presented|submitted|amended|corrected|written|distributed|read)"
    r"|(?:voice|roll\s+call)\s+vote|by\s+a\s+vote|without\s+objection",
    re.IGNORECASE,
)
# "The Board voted 5-2 to sustain ...", "the Commission voted unanimously to approve ...".
_BODY_VOTED = re.compile(
    r"\b(?:the[ \t]+)?(?:[A-Z][\w.]*[ \t]+){0,3}(?i:board|commission|council|committee|panel|members|body)\s+"
    r"(?:(?i:then|also|subsequently)\s+)?(?i:voted)\s+(?P<how>(?i:unanimously)|\d{1,2}\s*(?:-|\u2013|\u2014|to)\s*"
    r"\d{1,2}(?:\s*(?:-|\u2013|\u2014)\s*\d{1,2})*|" + NUMBER_WORDS + r"\s+to\s+" + NUMBER_WORDS + r")?\s*,?\s*"
    r"(?P<text>(?i:to|in\s+favou?r\s+of|against)\s+[^.\n]{3,300}(?:\n[^.\n]{1,200})?)",
)
_STATUS_TALLY = re.compile(r"\((?P<tally>Y\s*-\s*\d{1,2}(?:\s*,?\s*N\s*-\s*\d{1,2})?)\)")


def find_starts(text: str) -> list[Start]:
    """Every place a motion is made, merged where several cues describe the same one."""
    cues: list[tuple[int, int, str | None, str | None]] = []
    for pattern in (_MOVER_BEFORE, _MOVER_AFTER, _MS):
        for match in pattern.finditer(text):
            mover = clean_person(match.group("mover")) if match.group("mover") else None
            seconder = clean_person(match.group("seconder")) if "seconder" in match.groupdict() else None
            if mover or pattern is _MOVER_AFTER:
                begin = match.start()
                if pattern is _MOVER_BEFORE and mover:
                    begin += max(0, match.group(0).find(mover.split()[0]))
                cues.append((begin, match.end(), mover, seconder))
    cues.sort()
    starts: list[Start] = []
    for start, end, mover, seconder in cues:
        if starts and start < starts[-1].end + 5:
            continue
        starts.append(Start(start=start, end=end, mover=mover, seconder=seconder, text=None))
    for lead in _LEAD.finditer(text):
        limit = min(160, sentence_end(text, lead.end()) - lead.end())
        following = next((s for s in starts if 0 <= s.start - lead.end() < limit), None)
        if following is None:
            if not lead.group("text") and text[lead.end() : lead.end() + 300].strip():
                # "MOTION: Approve the minutes. Moved: Smith ..." - the words follow the label.
                words_end = sentence_end(text, lead.end())
                begin = lead.start() + (len(lead.group(0)) - len(lead.group(0).lstrip()))
                words = text[lead.end() : words_end].strip().rstrip(".")
                if words and not _MOVER_BEFORE.match(words):
                    starts.append(Start(start=begin, end=words_end, mover=None, seconder=None, text=words))
                continue
            if lead.group("text"):
                starts.append(Start(start=lead.start(), end=lead.end(), mover=None, seconder=None, text=None))
                following = starts[-1]
            else:
                continue
        following.start = min(following.start, lead.start() + (len(lead.group(0)) - len(lead.group(0).lstrip())))
        following.substitute = following.substitute or bool(
            lead.group("sub") and "substitute" in lead.group("sub").lower()
        )
        if lead.group("text"):
            following.text = lead.group("text")
    starts.sort(key=lambda s: s.start)
    return starts


def find_seconder(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """The first seconder named in text[start:end], with the span of the words that name them."""
    best: tuple[str | None, int, int] = (None, -1, -1)
    for pattern in _SECONDER:
        match = pattern.search(text, start, end)
        if match and (best[1] == -1 or match.start() < best[1]):
            name = clean_person(match.group("seconder"))
            if name:
                best = (name, match.start(), match.end())
    return best


def motion_words(text: str, start: int, end: int) -> str | None:
    """The motion's own words from text[start:end]: from its first "to"/"that", seconder clauses removed."""
    region = text[start:end]
    for pattern in _SECONDER:
        region = pattern.sub(" ", region)
    region = re.sub(r"\s+", " ", region).strip(" ,;:.-\u2013—")
    region = re.sub(r"^(?:and|,)\s+", "", region)
    match = _TO_THAT.search(region)
    if match and match.start() < 60:
        region = region[match.start() :]
    return region or None


def find_results(text: str) -> list[Result]:
    """Every statement of how a vote went."""
    results: list[Result] = []
    for match in _LACK_OF_SECOND.finditer(text):
        results.append(Result(match.start(), match.end(), "failed", Tally()))
    for match in _RESULT_RE.finditer(text):
        if any(r.start <= match.start() < r.end + 12 for r in results):
            continue
        verb = (match.group("verb") or match.group("verb2")).lower()
        verb = re.sub(r"\s+", " ", verb)
        tail = match.group("tail") if match.group("verb") else match.group("tail2")
        tail = tail or ""
        cut = re.search(r"\bby\s+the\s+following\b|\bwith\s+(?:\w+\s+){0,3}(?:voting|abstaining|absent)", tail, re.I)
        tally_text = tail[: cut.start()] if cut else tail
        end = match.end() if not cut else match.start() + len(match.group(0)) - len(tail) + cut.start()
        end = end + 1 if text[end : end + 1] == "." else end
        results.append(Result(match.start(), end, _VERBS.get(verb, "passed"), parse_tally(tally_text)))
    for match in _PASSIVE.finditer(text):
        tail = match.group("tail") or ""
        if not _PASSIVE_OK.search((match.group("how") or "") + tail):
            continue
        if re.search(r"\bmotion\b", match.group("subject"), re.I) or any(
            r.start <= match.end() and match.start() <= r.end for r in results
        ):
            continue
        verb = match.group("verb").lower()
        result = "passed" if verb in ("approved", "adopted", "accepted", "ratified") else "failed"
        tally = parse_tally((match.group("how") or "") + tail)
        subject = match.group("subject").strip()
        subject_start = match.start("subject")
        end = match.end() + 1 if text[match.end() : match.end() + 1] == "." else match.end()
        results.append(Result(subject_start, end, result, tally, passive_subject=subject))
    for match in _AND_CARRIED.finditer(text):
        if any(r.start <= match.start() < r.end for r in results):
            continue
        verb = match.group("verb").lower()
        results.append(Result(match.start(), match.end(), _VERBS.get(verb, "passed"), parse_tally(match.group("tail"))))
    for match in _BODY_DECIDED.finditer(text):
        if any(r.start <= match.start() < r.end for r in results):
            continue
        verb = match.group("verb").lower()
        stop = min(sentence_end(text, match.start("object")), match.start("object") + 300)
        words = f"{verb} " + re.sub(r"\s+", " ", text[match.start("object") : stop]).rstrip(".")
        tally = parse_tally(match.group("how") or "")
        results.append(Result(match.start(), stop, "passed", tally, passive_subject=words))
    for match in _BODY_VOTED.finditer(text):
        if any(r.start <= match.start() < r.end for r in results):
            continue
        tally = parse_tally(match.group("how") or "")
        stop = min(sentence_end(text, match.start("text")), match.start("text") + 400)
        words = text[match.start("text") : stop].rstrip(".")
        verdict = "failed" if words.lower().startswith("against") else "passed"
        if tally.counts.get("yes") is not None and tally.counts.get("yes", 0) < tally.counts.get("no", 0):
            verdict = "failed"
        results.append(Result(match.start(), stop, verdict, tally, passive_subject=re.sub(r"\s+", " ", words)))
    for match in _STATUS_TALLY.finditer(text):
        tally = parse_tally(match.group("tally"))
        if tally.counts:
            verdict = "passed" if tally.counts.get("yes", 0) > tally.counts.get("no", 0) else "failed"
            results.append(Result(match.start(), match.end(), verdict, tally, itemised=True))
    results.sort(key=lambda r: r.start)
    return results


_TERSE = re.compile(
    rf"(?P<mover>{PERSON})\s*\((?i:motion|moved|mover|m|1st)\)\s*[,;]?\s*(?:(?P<seconder>{PERSON})\s*"
    r"\((?i:second(?:ed)?|seconder|s|2nd)\))?"
)
_DISPOSITION_FIRST = re.compile(
    r"^[^\w\n]*(?:o\s+)?(?P<verb>APPROVED|ADOPTED|DENIED|PASSED|FAILED|TABLED|GRANTED|CARRIED|REJECTED)\s*[\u2013—:-]\s*"
    r"(?P<item>[^\n]{3,200})$",
    re.MULTILINE,
)
_DONE = re.compile(
    r"\b(?P<verb>approved|adopted|passed|accepted|ratified|granted|called\s+to\s+order|adjourned|elected|appointed"
    r"|denied|rejected|failed|defeated|tabled|withdrawn)\b",
    re.IGNORECASE,
)


_DISPOSITION_LINE = re.compile(
    r"^[ \t]*(?P<verb>GRANTED|APPROVED|DENIED|PASSED|ADOPTED|CARRIED|FAILED|REJECTED|CONFIRMED|ACCEPTED|TABLED"
    r"|WITHDRAWN)(?:[ \t]*[-\u2013—:][ \t]*(?P<qual>[^\n]{1,80}))?[ \t]*$",
    re.MULTILINE,
)


@dataclass
class Terse:
    start: int
    end: int
    text: str
    mover: str | None
    seconder: str | None
    result: str | None
    agenda_item: str | None = None
    outcome: str | None = None  # "denied": the board decided against the item (a passed decision to deny)


def find_terse(text: str) -> list[Terse]:
    """One-line records: "Minutes approved - Z. Maiorca (motion), T. Feinberg (second)",
    "APPROVED - Revised 2018 budget - B. Munro (motion), ..." and "APPROVED - 2018 Meetings Calendar"."""
    found: list[Terse] = []
    for match in _TERSE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        item = text[line_start : match.start()]
        item = re.sub(r"^[^\w]*(?:o\s+)?", "", item).strip(" \u2013—-:,")
        verb = None
        first = _DISPOSITION_FIRST.match(text[line_start:line_end])
        if first:
            verb = first.group("verb")
            item = re.sub(rf"^\W*(?:o\s+)?{verb}\s*[\u2013—:-]\s*", "", item).strip(" \u2013—-:,")
        else:
            done = list(_DONE.finditer(item))
            verb = done[-1].group("verb") if done else None
        found.append(
            Terse(
                start=line_start
                + (len(text[line_start : match.start()]) - len(text[line_start : match.start()].lstrip())),
                end=match.end(),
                text=item,
                mover=clean_person(match.group("mover")),
                seconder=clean_person(match.group("seconder")) if match.group("seconder") else None,
                result=_done_result(verb),
            )
        )
    floor = 0
    for match in _DISPOSITION_LINE.finditer(text):
        if any(t.start <= match.start("verb") <= t.end for t in found):
            continue
        heading = last_heading(text, floor, match.start(), numbered=True)
        floor = match.end()
        if heading is None:
            continue
        item = text[heading.start("title") : match.start()].strip()
        verb = match.group("verb")
        terse = Terse(heading.start(), match.end(), item, None, None, _done_result(verb), heading.group("number"))
        terse.outcome = "denied" if verb == "DENIED" else None
        found.append(terse)
    for match in _DISPOSITION_FIRST.finditer(text):
        if any(t.start <= match.start("verb") <= t.end for t in found):
            continue
        item = match.group("item").strip()
        start = match.start("verb")
        terse = Terse(start, match.end(), item, None, None, _done_result(match.group("verb")))
        terse.outcome = "denied" if match.group("verb") == "DENIED" else None
        found.append(terse)
    found.sort(key=lambda t: t.start)
    return found


def _done_result(verb: str | None) -> str | None:
    if not verb:
        return None
    verb = verb.lower()
    if verb in ("rejected", "failed", "defeated"):
        return "failed"
    if verb in ("tabled", "withdrawn"):
        return verb
    return "passed"
