"""How a vote went, as clerks write it:

    The motion carried, 7-0, ...   Motion carried 7-2.   The motion passed unanimously.   CARRIED 5/2
    The motion failed for lack of a second.   The minutes were approved as presented.
    M/S/C (Pak/Haddock) 5-0 ...   The original motion carried 3-2.   RESOLVED - That ...
    On a Y-5 roll call, the balance of the Consent Agenda was adopted.   All Members voting aye, ...
    The Board of Rights, by majority vote, directs ...   The Council, ..., voted 7-1 to adopt ...

`find_results` returns each statement with its offsets and tally; the minutes reader joins it to the motion it
settles (`written`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.parsing.layout import sentence_end
from app.parsing.namelists import counted_names, read_names
from app.parsing.numbers import NUMBER_WORDS
from app.parsing.tally import Tally, parse_tally


@dataclass
class Result:
    start: int
    end: int
    result: str
    tally: Tally
    passive_subject: str | None = None  # "The minutes" in "The minutes were approved as presented."
    itemised: bool = False  # a bare tally after an agenda item ("*42 Accept a grant ... (Y-5)")
    refers: str | None = None  # "original"/"main": the result of a motion a substitute had set aside
    attach_only: bool = False  # "The meeting was adjourned at 5:12": settles an open motion to adjourn, is none itself
    votes: list[tuple[str, str]] = field(default_factory=list)  # "(5 AYES, 1 NO (COMMISSIONER MEDEIROS))"


# "M/S/C (Pak/Haddock) 5-0 to approve": moved, seconded and carried (F: failed) in one abbreviation.
_MSC = re.compile(
    r"\bM/S/(?P<c>[CF])\b(?:\s*\([^)\n]{3,60}\))?(?P<tail>[ \t]*(?:\(?\d{1,2}\s*[-\u2013]\s*\d{1,2}"
    r"(?:\s*[-\u2013]\s*\d{1,2})?\)?|(?i:unanimously)))?"
)
_WITHDREW = re.compile(r"\bwithdr[ae]w\s+(?:(?:the|his|her|their)\s+)?motion\b", re.IGNORECASE)

_VERBS = {
    "carried": "passed", "carries": "passed", "passed": "passed", "passes": "passed", "prevailed": "passed",
    "prevails": "passed", "adopted": "passed", "approved": "passed", "was approved": "passed",
    "was adopted": "passed", "failed": "failed", "fails": "failed", "lost": "failed", "defeated": "failed",
    "was defeated": "failed", "was lost": "failed", "died": "failed", "dies": "failed", "withdrawn": "withdrawn",
    "was withdrawn": "withdrawn", "tabled": "tabled", "was tabled": "tabled",
}  # fmt: skip
_RESULT_RE = re.compile(
    r"\b(?:(?i:the|said|set|this|that|which|and)\s+)?(?:(?i:substitute|main|original|amended|foregoing|above)\s+)?"
    r"(?i:motion|amendment|resolution)(?:\s+(?i:as\s+amended))?\s*,?\s+(?:(?i:was|has|then)\s+)?"
    # "The amendment was put and declared LOST." (New Zealand and Australian minutes)
    r"(?:(?i:accordingly|therefore|duly|put\s+and)\s+)?(?:(?i:declared|deemed)\s+)?(?P<verb>(?i:carried|carries|passed"
    r"|passes|prevailed|prevails|adopted|approved|failed|fails|lost|defeated|died|dies|withdrawn|tabled)"
    # "the motion was left to lie on the table until ...": deferred, as the Commonwealth says it
    r"|(?i:was\s+(?:defeated|withdrawn|tabled|approved|adopted|(?:left\s+to\s+lie|laid|ordered\s+to\s+lie)\s+on\s+the"
    r"\s+table)))\b(?P<tail>[^\n.;:]{0,90}(?:\n[^\n.;:]{0,60})?)"
    r"|(?:^|(?<=[.\n]))[ \t]*(?P<verb2>(?i:carried|passed|approved|adopted|failed|defeated))\b"
    r"(?P<tail2>[ \t]*(?:\n[ \t]*)?"
    r"(?i:unanimously|\(?\d{1,2}\s*[-\u2013—]\s*\d{1,2}|by\s+(?:voice|roll[\s-]+call)\s+vote|by\s+(?:general\s+)?consen(?:sus|t)"
    r"|without\s+objection).{0,60})"
    # "Approved by voice vote, all ayes." / "... to adjourn at 8:41 p.m. Carried.": a sentence of its own.
    r"|(?:^|(?<=[.\n]))[ \t]*(?P<verb3>Carried|Passed|Approved|Adopted|Failed|Defeated)"
    r"(?P<tail3>(?=\.[ \t]*(?:\n|$)))"
)
# "The original motion to impose a written reprimand carried 6-1": the motion named by its words.
_NAMED_RESULT = re.compile(
    r"\b(?i:the\s+)?(?P<which>(?i:substitute|main|original|amended)\s+)?(?i:motion)\s+(?i:to|that)\s+[^.;\n]{3,160}?"
    r"\s+(?P<verb>(?i:carried|passed|failed|prevailed|was\s+(?:approved|adopted|defeated|lost)))\b"
    r"(?P<tail>[^\n.;:]{0,90})"
)
_AND_CARRIED = re.compile(
    r"(?:,\s*|\band\s+)(?:was\s+)?(?P<verb>(?i:carried|passed|failed|adopted|approved))\s+(?P<tail>(?i:unanimously"
    r"|by\s+(?:a\s+)?(?:unanimous\s+|voice\s+|roll\s+call\s+)?vote(?:\s+of)?(?:\s+\d{1,2}\s*[-\u2013\u2014]\s*\d{1,2})?"
    r"|\d{1,2}\s*[-\u2013\u2014]\s*\d{1,2}(?:\s*[-\u2013\u2014]\s*\d{1,2})*))"
)
_ON_A_DATE = re.compile(r"(?i)\s+(?:jan|feb|ma[ry]|apr|ju[nl]|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4},")
# "... DIED FOR LACK OF SECOND." / "TABLED to May meeting by consensus": a deferral said as the log's result word.
_TABLED_WORD = re.compile(
    r"(?:^|(?<=[.\n]))[ \t]*(?:TABLED|Tabled|DEFERRED|Deferred|POSTPONED|Postponed)\b"
    r"(?=[ \t]+(?:to|until|by|indefinitely|pending)\b|[ \t]*[.;])"
)
# "On motion of Mrs. Guidry, seconded by Mr. Batiste, and unanimously carried, the minutes ... were approved"
_CARRIED_ASIDE = re.compile(r",\s*and\s+(?P<how>(?i:unanimously|duly)\s+)?(?P<verb>(?i:carried|failed))(?=\s*[,;.])")
_BODY_DECIDED = re.compile(
    # (and "there being no objection, the body approved the amendment to Section 6")
    r"\b(?:the[ \t]+)?(?i:board|commission|council|committee|panel|body)[ \t]+(?P<how>(?i:unanimously)[ \t]+)?"
    r"(?P<verb>(?i:approved|adopted|accepted|ratified|denied|rejected))\s+(?P<object>(?i:the|a|an|all|its|item|items"
    r"|resolution|ordinance|minutes|agenda|consent)\b(?:[^.\n]|\n(?![ \t]*\n)){2,250})"
)
_SO_VOTED = re.compile(
    r"\b(?i:so\s+voted|so\s+ordered)\b[,:]?"
    r"(?P<tail>[ \t]*(?:\(?\d{1,2}\s*[-\u2013\u2014]\s*\d{1,2}\)?|(?i:unanimously)))?"
)
# "All Members voting aye, the Board adjourned at 4:17 p.m."
_ALL_VOTING_AYE = re.compile(
    r"\b(?i:all\s+(?:members|commissioners|trustees|councilmembers|council\s+members|directors)(?:\s+present)?"
    r"\s+voting\s+(?:aye|yes|yea|in\s+favou?r))\b"
)
_ADJOURNED = re.compile(r"\b(?i:the\s+)?(?i:meeting|session)\s+(?i:was\s+)?(?i:adjourned)\b")
# Minutes that record a voice vote as "All in favor." / "All ayes." (a sentence of its own).
_ALL_IN_FAVOR = re.compile(
    r"(?:^|(?<=[.;]\s)|(?<=\n))[ \t]*(?i:all\s+(?:were\s+)?in\s+favou?r|all\s+ayes)\s*[.;]?[ \t]*$", re.M
)
# A result alone on its line, as eScribe-style minutes print it: "Carried", "Lost", "Carried (4 to 0)".
_BARE_RESULT = re.compile(
    r"^[ \t]*(?P<verb>Carried|CARRIED|Lost|LOST|Defeated|DEFEATED|Failed|FAILED|Passed|PASSED)"
    # "CARRIED UNANIMOUSLY", "CARRIED 5/2", "Carried (4-1)"
    r"(?:[ \t]+(?P<how>(?i:unanimously))|[ \t]*\((?P<tally>[^()\n]{1,30})\)"
    r"|[ \t]+(?P<count>\d{1,2}[ \t]*[/\u2013-][ \t]*\d{1,2}(?:[ \t]*[/\u2013-][ \t]*\d{1,2})?))?[ \t]*\.?[ \t]*$",
    re.MULTILINE,
)
# "RESOLVED - That the minutes ... be confirmed." (British and Commonwealth minutes): what the body decided,
# set out on its own line; a motion proposed just before it is the one it settles.
_RESOLVED_LINE = re.compile(
    # (not "RESOLVED, that ...": the text of an American resolution, adopted by the vote told around it)
    r"^[ \t]*(?:RESOLVED|Resolved)[ \t]*[\u2013\u2014:-]?[ \t]*(?:\(\w+\)[ \t]*)?(?P<clause>(?:That|THAT|that)\b[^\n]*"
    r"(?:\n(?![ \t]*\n)[^\n]*)*)",
    re.MULTILINE,
)
# "On the proposal of Cllr X, seconded by Cllr Y, it was agreed that ...": agreed, without a count.
_AGREED = re.compile(
    r"\b(?i:(?:it|(?P<which>the\s+(?:substantive|main|original)\s+motion)[^.\n]{0,40}?)\s+was\s+"
    r"(?:unanimously\s+|further\s+)?agreed(?:\s+unanimously)?)\b"
    # "The Committee agreed in terms of the motion." / "The Committee agreed: (i) to note ..."
    r"|\b(?i:the\s+(?:committee|panel|board|council|sub-?committee))\s+(?i:unanimously\s+)?(?i:agreed)\b(?!\s+(?:that\s+)?with)"
)
_LACK_OF_SECOND = re.compile(
    r"\b(?:failed|died|dies|fails)\s+(?:for\s+)?(?:lack|want)\s+of\s+(?:a\s+)?second"
    r"|\b(?:did\s+not|failed\s+to)\s+(?:receive|get|obtain)\s+a\s+second|\bwas\s+not\s+seconded"
    r"|\bno\s+second\s+was\s+(?:made|offered|received|heard)"
    r"|(?:^|(?<=[.;]\s))no\s+second\s*[.;,]\s*(?:the\s+)?motion\s+(?:was\s+)?(?:not\s+considered|dies|died|fails|failed|lapsed|lapses)",
    re.I,
)
_PASSIVE = re.compile(
    r"(?P<subject>\b(?i:the\s+)?[A-Za-z][\w ,/&'-]{2,80}?)\s+(?i:was|were)\s+"
    # "The minute of the meeting ... was submitted and approved as a correct record."
    r"(?:(?i:submitted|read|considered|presented|circulated)\s+and\s+)?(?P<how>(?i:unanimously\s+)?)"
    r"(?P<verb>(?i:approved|adopted|accepted|ratified|denied|rejected)|Passed|Deferred)\b(?P<tail>[^\n.;]{0,80})"
)
# A council journal records its actions with the verb capitalised: "... the said proposed order ... was Passed by
# yeas and nays as follows:", "... report was Adopted by a viva voce vote.", "... was Deferred and ... published."
_JOURNAL_VOTE = re.compile(r"\bby\s+yeas\s+and\s+nays\b|\bviva\s+voce\b", re.IGNORECASE)
_PASSIVE_OK = re.compile(
    r"unanimous|\d{1,2}\s*[-\u2013—]\s*\d{1,2}|\bas\s+(?:presented|submitted|amended|corrected|written|distributed|read)"
    r"|\bas\s+a\s+(?:correct|true)\s+record"
    r"|(?:voice|roll\s+call)\s+vote|by\s+a\s+vote|without\s+objection",
    re.IGNORECASE,
)
_VOTE_FIRST = re.compile(
    r"(?P<how>(?:roll\s+call|vote\s+of\s+\d{1,2}\s*[-\u2013]\s*\d{1,2}|unanimous\w*|vote))[^.;,]{0,6},\s*"
    r"(?:[\w ]{0,30}?\bof\s+)?$",
    re.IGNORECASE,
)
# "The Board voted 5-2 to sustain ...", "the Commission voted unanimously to approve ...".
_BODY_VOTED = re.compile(
    r"\b(?:the[ \t]+)?(?:[A-Z][\w.]*[ \t]+){0,3}(?i:board|commission|council|committee|panel|members|body)\s*"
    # "The Council, having reviewed the record, ..., voted 7-1 to adopt ...": a clause between body and vote.
    r"(?:,[^.;]{3,200}?,\s*|\s)(?:(?i:then|also|subsequently)\s+)?(?i:voted)\s+(?P<how>(?i:unanimously)|\d{1,2}\s*(?:-|\u2013|\u2014|to)\s*"
    r"\d{1,2}(?:\s*(?:-|\u2013|\u2014)\s*\d{1,2})*"
    # "voted five (5) to zero (0)"
    r"|" + NUMBER_WORDS + r"(?:\s*\(\d{1,2}\))?\s+to\s+" + NUMBER_WORDS + r"(?:\s*\(\d{1,2}\))?)?"
    r"(?:\s*\([^()\n]{3,80}\))?\s*,?\s*"
    r"(?P<text>(?i:to|in\s+favou?r\s+of|against)\s+[^.\n]{3,300}(?:\n[^.\n]{1,200})?)",
)
# "The Board of Rights, by majority vote, directs a suspension of twenty-two (22) days.": the body decides, saying
# how it voted between commas, with a verb of its own.
_BODY_BY_VOTE = re.compile(
    r"\b(?:the[ \t]+)?(?:[A-Z][\w.]*[ \t]+){0,3}(?i:board|commission|council|committee|panel)"
    r"(?:[ \t]+of[ \t]+[A-Z]\w+)?\s*,\s*(?P<how>(?i:by\s+(?:a\s+)?(?:majority|unanimous)\s+(?:vote|decision)"
    r"|by\s+a\s+vote\s+of\s+[^,.\n]{3,40}|unanimously))\s*,\s*(?P<text>(?i:directs|orders|imposes|finds|sustains|upholds|affirms|denies|grants|adopts"
    r"|approves|suspends|terminates|discharges|reverses|modifies|dismisses|revokes)\s+[^.\n]{3,300}(?:\n[^.\n]{1,200})?)",
)
_STATUS_TALLY = re.compile(
    r"\((?P<tally>Y\s*-\s*\d{1,2}(?:\s*,?\s*N\s*-\s*\d{1,2})?)\)(?:\s+(?:CONFIRMED|ACCEPTED|ADOPTED|APPROVED|PASSED)"
    r"(?:\s+AS\s+AMENDED)?\b)?"
)


def _refers(words: str) -> str | None:
    found = re.match(r"\W*(?:the\s+)?(original|main|substantive)\s+motion", words, re.IGNORECASE)
    return ("main" if found.group(1).lower() == "substantive" else found.group(1).lower()) if found else None


# "On a division, there voted for the motion 6 and for the amendment 5": motion and amendment put against each other.
_DIVISION = re.compile(
    r"\b(?i:there\s+voted\s+for\s+the\s+motion)\s+(?P<motion>\d{1,3})\s+(?i:and\s+for\s+the\s+amendment)\s+"
    r"(?P<amendment>\d{1,3})"
)


# "For the motion:  Councillors Baird, ... and Ogilvie." / "For the amendment:  Councillors ...": who voted how.
_DIVIDED = re.compile(r"^[ \t]*(?i:for\s+the\s+(?P<side>motion|amendment))(?:[ \t]*\(\d{1,3}\))?[ \t]*:", re.M)


def _division_lists(text: str, start: int) -> dict[str, list[str]]:
    """The names listed for the motion and for the amendment in the paragraphs just after a division."""
    sides: dict[str, list[str]] = {}
    for found in _DIVIDED.finditer(text, start, min(len(text), start + 1200)):
        stop = text.find("\n\n", found.end())
        sides.setdefault(found["side"].lower(), read_names(text[found.end() : len(text) if stop < 0 else stop]))
    return sides


def _divisions(text: str) -> list[Result]:
    """The amendment's result, then the motion's (the one the amendment had set aside), from each division."""
    results = []
    for match in _DIVISION.finditer(text):
        motion, amendment = int(match["motion"]), int(match["amendment"])
        end = sentence_end(text, match.end())
        amended = "passed" if amendment > motion else "failed"
        sides = _division_lists(text, end)
        results.append(
            Result(match.start(), match.start() + 1, amended, Tally(counts={"yes": amendment, "no": motion}))
        )
        main = Result(match.start() + 1, end, "passed" if motion > amendment else "failed", Tally())
        main.tally.counts = {"yes": motion, "no": amendment}
        main.refers = "main"
        if len(sides.get("motion", [])) == motion and len(sides.get("amendment", [])) == amendment:
            for result, (yes, no) in ((results[-1], ("amendment", "motion")), (main, ("motion", "amendment"))):
                result.votes = [(n, "yes") for n in sides[yes]] + [(n, "no") for n in sides[no]]
        results.append(main)
    return results


# "The Committee agreed: (i) to note the report; and (ii) to request ...", "The Committee agreed to continue ...".
_AGREED_TERMS = re.compile(r"[ \t]*(?::\s*(?:\((?:[ivx]{1,4}|[a-z])\)\s*)?|\s+)(?=to\s+[a-z])", re.I)
_DEFERS = re.compile(r"to\s+(?:continue|defer|postpone)\s+(?:consideration|the\s+(?:item|matter|report))", re.I)


def _agreed_terms(text: str, result: Result, after: int) -> None:
    """What a body agreed to, where it says so after the word: the decision's own words (and "to continue ..."
    consideration to a later meeting is a deferral)."""
    found = _AGREED_TERMS.match(text, after)
    if result.refers or not found:
        return
    stop = sentence_end(text, found.end())
    words = re.sub(r"\s+", " ", text[found.end() : stop]).rstrip(" .")
    if len(words) < 8:
        return
    result.passive_subject, result.end = words, max(result.end, stop)
    if _DEFERS.match(words):
        result.result = "tabled"


def find_results(text: str) -> list[Result]:
    """Every statement of how a vote went."""
    results: list[Result] = _divisions(text)
    for match in _LACK_OF_SECOND.finditer(text):
        results.append(Result(match.start(), match.end(), "failed", Tally()))
    for match in _MSC.finditer(text):
        verdict = "passed" if match.group("c") == "C" else "failed"
        results.append(Result(match.start(), match.end(), verdict, parse_tally(match.group("tail") or "")))
    for match in _WITHDREW.finditer(text):
        results.append(Result(match.start(), match.end(), "withdrawn", Tally()))
    for match in _ADJOURNED.finditer(text):
        results.append(Result(match.start(), match.end(), "passed", Tally(), attach_only=True))
    for match in [*_ALL_IN_FAVOR.finditer(text), *_ALL_VOTING_AYE.finditer(text)]:
        results.append(Result(match.start(), match.end(), "passed", Tally(unanimous=True, counts={"no": 0})))
    for match in _AGREED.finditer(text):
        tally = Tally(unanimous=True, counts={"no": 0}) if "unanimously" in match.group(0).lower() else Tally()
        results.append(Result(match.start(), match.end(), "passed", tally))
        results[-1].refers = _refers(match.group("which") or "")
        # "The Committee agreed in terms of the motion.": settles the motion just put, is none itself
        results[-1].attach_only = bool(re.match(r"\s+in\s+terms\s+of\s+the\s+motion", text[match.end() :], re.I))
        _agreed_terms(text, results[-1], match.end())
    for match in _RESOLVED_LINE.finditer(text):
        clause = match.group("clause")
        said = re.search(r"\((?P<how>[^()\n]{3,60})\)\s*\.?\s*$", clause)
        tally = parse_tally(said.group("how")) if said else Tally()
        subject = re.sub(r"\s+", " ", clause[: said.start()] if said else clause).strip()
        subject = re.sub(r"^(?i:that)\s+", "", subject).rstrip(" .")
        results.append(Result(match.start(), match.end(), "passed", tally, passive_subject=subject))
    for match in _BARE_RESULT.finditer(text):
        verdict = _VERBS.get(match.group("verb").lower(), "passed")
        tally = parse_tally(match.group(0)[len(match.group("verb")) :])
        results.append(Result(match.start(), match.end(), verdict, tally))
        # "The main motion was then put and was\n\nCARRIED": the result of the motion an amendment set aside.
        said = re.search(
            r"\b(?:the\s+)?(?:main|original|substantive)\s+motion\b[^.]*$",
            text[max(0, match.start() - 150) : match.start()],
            re.I,
        )
        results[-1].refers = _refers(said.group(0)) if said else None
    for match in _SO_VOTED.finditer(text):
        results.append(Result(match.start(), match.end(), "passed", parse_tally(match.group("tail") or "")))
    for match in _RESULT_RE.finditer(text):
        if any(r.start <= match.start() < r.end + 12 for r in results):
            continue
        verb = (match.group("verb") or match.group("verb2") or match.group("verb3")).lower()
        verb = "tabled" if verb.endswith("table") else re.sub(r"\s+", " ", verb)
        if match.group("verb") and _ON_A_DATE.match(text, match.end("verb")) and "," in match.group(0):
            continue  # "That motion, adopted February 3, 2025, asked for ...": a motion of an earlier meeting
        tail = match.group("tail") if match.group("verb") else (match.group("tail2") or match.group("tail3") or "")
        tail = tail or ""
        cut = re.search(r"\bby\s+the\s+following\b|\bwith\s+(?:\w+\s+){0,3}(?:voting|abstaining|absent)", tail, re.I)
        tally_text = tail[: cut.start()] if cut else tail
        end = match.end() if not cut else match.start() + len(match.group(0)) - len(tail) + cut.start()
        end = end + 1 if text[end : end + 1] == "." else end
        results.append(Result(match.start(), end, _VERBS.get(verb, "passed"), parse_tally(tally_text)))
        results[-1].votes = counted_names(tally_text)
        # "Vote on the original motion: Motion passed 5-2": the motion named just before, on its line.
        line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        said = re.search(r"\b(?:the\s+)?(?:main|original|substantive)\s+motion\b[^.]*$", line, re.IGNORECASE)
        results[-1].refers = _refers(match.group(0)) or (_refers(said.group(0)) if said else None)
    for match in _NAMED_RESULT.finditer(text):
        if any(r.start <= match.end("verb") <= r.end for r in results):
            continue
        verb = re.sub(r"\s+", " ", match.group("verb").lower())
        tail = match.group("tail")
        cut = re.search(r"\bby\s+the\s+following\b|,?\s*(?:with\s+)?(?:\w+\s+){1,4}(?:voting|dissenting|abstain)", tail)
        tail = tail[: cut.start()] if cut else tail
        result = Result(match.start(), match.end("verb") + len(tail), _VERBS.get(verb, "passed"), parse_tally(tail))
        result.refers = _refers(match.group(0)) or "named"
        # "MOTION TO AMEND CARRIED (4 AYES, 2 NOES\n(COMMISSIONERS TAKESHITA AND MEDEIROS), 1 EXCUSED)."
        result.votes = counted_names(
            text[match.end("verb") : sentence_end(text, match.end("verb"), match.end("verb") + 240)]
        )
        results.append(result)
    for match in _PASSIVE.finditer(text):
        tail = match.group("tail") or ""
        subject = match.group("subject")
        # "... and on a Y-5 roll call, the balance of the Consent Agenda was adopted": the vote said first.
        before = text[max(0, match.start() - 100) : match.start()].rsplit(".", 1)[-1]
        lead = _VOTE_FIRST.search(before)
        if lead:
            tail = f"{before[-60:]} {tail}"
        journal = bool(_JOURNAL_VOTE.search(tail)) or match.group("verb") in ("Passed", "Deferred")
        if not _PASSIVE_OK.search((match.group("how") or "") + tail) and not lead and not journal:
            continue
        preface = re.search(r"\bas\s+(?:shown|follows|listed|indicated)\b|\bbelow\b", f"{subject} {tail}", re.I)
        if preface and not _JOURNAL_VOTE.search(tail):
            continue  # "Each finding below was adopted by a vote of the Committee as shown.": a preface
        if re.search(r"\bmotion\b", match.group("subject"), re.I) or any(
            r.start <= match.end() and match.start() <= r.end for r in results
        ):
            continue
        verb = match.group("verb").lower()
        result = "passed" if verb in ("approved", "adopted", "accepted", "ratified", "passed") else "failed"
        result = "tabled" if verb == "deferred" else result
        tally = parse_tally((match.group("how") or "") + tail)
        subject_start = match.start("subject") + len(match.group("subject")) - len(subject)
        subject = subject.strip()
        end = match.end() + 1 if text[match.end() : match.end() + 1] == "." else match.end()
        results.append(Result(subject_start, end, result, tally, passive_subject=subject))
    for match in _AND_CARRIED.finditer(text):
        if any(r.start <= match.start() < r.end for r in results):
            continue
        verb = match.group("verb").lower()
        results.append(Result(match.start(), match.end(), _VERBS.get(verb, "passed"), parse_tally(match.group("tail"))))
    for match in _TABLED_WORD.finditer(text):
        if not any(r.start <= match.start() < r.end for r in results):
            results.append(Result(match.start(), sentence_end(text, match.end()), "tabled", Tally()))
    for match in _CARRIED_ASIDE.finditer(text):
        if any(r.start <= match.start() < r.end for r in results):
            continue
        tally = (
            Tally(unanimous=True, counts={"no": 0})
            if (match.group("how") or "").lower().startswith("unan")
            else Tally()
        )
        results.append(Result(match.start(), match.end(), _VERBS[match.group("verb").lower()], tally))
    for match in _BODY_DECIDED.finditer(text):
        if any(r.start <= match.start() < r.end for r in results):
            continue
        verb = match.group("verb").lower()
        stop = min(sentence_end(text, match.start("object")), match.start("object") + 300)
        words = f"{verb} " + re.sub(r"\s+", " ", text[match.start("object") : stop]).rstrip(".")
        # "... the Board adopted the recommended penalty, 4-1 (Commissioner Stroud dissenting).": the tally after.
        after = re.search(r",\s*(\d{1,2}\s*[-\u2013]\s*\d{1,2}(?:\s*[-\u2013]\s*\d{1,2})*)\s*(?:\([^()]*\))?$", words)
        if after:
            words = words[: after.start()]
        tally = parse_tally(match.group("how") or (after.group(1) if after else ""))
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
    for match in _BODY_BY_VOTE.finditer(text):
        if any(r.start <= match.start("text") < r.end for r in results):
            continue
        stop = min(sentence_end(text, match.start("text")), match.start("text") + 400)
        words = re.sub(r"\s+", " ", text[match.start("text") : stop].rstrip("."))
        results.append(Result(match.start(), stop, "passed", parse_tally(match.group("how")), passive_subject=words))
    for match in _STATUS_TALLY.finditer(text):
        tally = parse_tally(match.group("tally"))
        if tally.counts:
            verdict = "passed" if tally.counts.get("yes", 0) > tally.counts.get("no", 0) else "failed"
            results.append(Result(match.start(), match.end(), verdict, tally, itemised=True))
    results.sort(key=lambda r: r.start)
    return results
