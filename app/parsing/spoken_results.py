"""Results said aloud at a meeting ("the motion carries seven to two", "the ayes have it", "hearing none, the
minutes are approved", "I'll withdraw my motion") and how one settles the motion it is said of."""

from __future__ import annotations

import re

from app.parsing.assemble import Draft
from app.parsing.numbers import NUMBER_WORDS, to_int
from app.parsing.spoken_votes import VOICE_NO
from app.parsing.tally import Tally, parse_tally
from app.parsing.turns import Unit
from app.parsing.voted import find_voted_clauses

RESULT = re.compile(
    r"\bI(?:['\u2019]LL|\s+WILL)?\s+(?P<v10>WITHDRAW)\s+(?:MY|THE|THAT)\s+MOTION\b"
    r"|\bTHE\s+MOTION\s+TO\s+\w+(?:\s+\w+){0,3}?\s+(?:IS\s+)?(?P<v11>(?<=IS\s)(?:WITHDRAWN|TABLED|APPROVED|ADOPTED"
    r"|DEFEATED)|FAILS|FAILED|CARRIES|CARRIED|PASSES|PASSED)\b"
    r"|\bTHAT\s+(?P<v9>PASSES|CARRIES|FAILS)\b|\b(?:THE\s+)?(?:(?:MAIN|SUBSTITUTE|AMENDED|ORIGINAL)\s+)?(?:MO)?TION\s+(?:AS\s+AMENDED\s+)?(?P<v1>CARRIES|CARRIED"
    r"|PASSES|PASSED|PREVAILS|FAILS|FAILED|IS\s+(?:ADOPTED|APPROVED|CARRIED|DEFEATED|WITHDRAWN|TABLED)|DIES)\b"
    r"|\b(?:THAT|THE|THIS)\s+(?:ITEM|ORDINANCE|RESOLUTION|REPORT|(?:FRIENDLY\s+)?AMENDMENT|SUBSTITUTE|MOTION)\s+"
    r"(?P<v2>CARRIES|PASSES|FAILS|IS\s+(?:ADOPTED|APPROVED|DEFEATED|ACCEPTED|TABLED|WITHDRAWN|(?:NOT\s+)?AGREED\s+TO))\b"
    r"|\bTHE\s+(?P<v3>AYES|NOES|NAYS)\s+HAVE\s+IT\b"
    # the previous question carried: "that's more than two-thirds, debate is closed", "the question is called"
    r"|\bDEBATE\s+IS\s+(?P<v12>CLOSED)\b|\bTHE\s+(?:PREVIOUS\s+)?QUESTION\s+IS\s+(?P<v13>CALLED|ORDERED)\b"
    r"|\b(?:HEARING|SEEING)\s+(?:NO|NONE)(?:\s+OBJECTIONS?)?[,.]?\s+(?P<subject>[\w ]{0,60}?)\s*(?:IS|ARE|HAS\s+BEEN"
    r"|HAVE\s+BEEN)\s+(?P<v4>ADOPTED|APPROVED|ACCEPTED|SO\s+ORDERED)\b"
    r"|\b(?P<subject2>(?:ITEMS?\s+)?\d{1,3}(?:\s+(?:THROUGH|THRU|TO|AND)\s+\d{1,3})?|IT|THAT|SUBSTITUTION)\s+(?:IS|ARE"
    r"|HAS\s+BEEN|HAVE\s+BEEN)\s+(?P<v5>APPROVED|ADOPTED|ACCEPTED)\b",
    re.IGNORECASE,
)
# Said while a vote is open: "consent agenda is approved", "the substitution has been accepted", "so approved".
PASSIVE = re.compile(
    r"\b(?P<subject3>[A-Za-z][\w' -]{1,60}?)\s+(?:IS|ARE|HAS\s+BEEN|HAVE\s+BEEN|WAS)\s+(?P<v6>APPROVED|ADOPTED|ACCEPTED"
    r"|PASSED|DEFEATED)\b|\bSO\s+(?P<v7>APPROVED|ORDERED|ADOPTED)\b",
    re.IGNORECASE,
)
ADJOURNED = re.compile(
    r"\b(?:WE\s+ARE|WE['\u2019]RE|WE\s+STAND|(?:THE|THIS)\s+MEETING\s+IS)\s+(?:NOW\s+)?ADJOURNED\b", re.I
)
HEARING_NONE = re.compile(r"\b(?:HEARING|SEEING)\s+(?P<v8>NONE|NO\s+(?:OBJECTIONS?|OPPOSITION|NAYS?))\b", re.IGNORECASE)
_FAILED_WORDS = ("FAIL", "DEFEATED", "DIES", "NOES", "NAYS", "NOT AGREED")
_HANDS = re.compile(rf"\b(?:that['\u2019]s|that\s+is|we\s+have)\s+all\s+(?P<n>{NUMBER_WORDS}|\d{{1,2}})\b\W*$", re.I)


def apply_result(draft: Draft, match: re.Match[str], body: str, unit: Unit, before: str = "") -> None:
    """Settle `draft` with a result said in `body`: its verdict, the tally and any members named with it."""
    groups = match.groupdict()
    keys = ("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v9", "v11", "v12", "v13")
    verb = next((groups[k] for k in keys if groups.get(k)), "").upper()
    verb = "WITHDRAWN" if groups.get("v10") else verb
    verb = "" if groups.get("v8") else verb
    if any(word in verb for word in _FAILED_WORDS):
        result = "failed"
    elif "WITHDRAWN" in verb:
        result = "withdrawn"
    elif "TABLED" in verb:
        result = "tabled"
    else:
        result = "passed"
    draft.set_result(result, unit.start)
    tally = parse_tally(body[match.end() : match.end() + 80]) or parse_tally(body)
    if re.search(r"\bHEARING\s+(?:NO|NONE)|\bSEEING\s+(?:NO|NONE)", body, re.IGNORECASE):
        tally = tally or Tally(unanimous=True, counts={"no": 0})
    hands = _HANDS.search(before)
    if tally and tally.unanimous and tally.counts.get("yes") is None and hands:
        # "All in favor, raise your hand. That's all five. Motion passes unanimously."
        tally.counts["yes"] = to_int(hands.group("n")) or tally.counts.get("yes")
    for clause in find_voted_clauses(body[match.end() :]):
        for name, option in clause.votes:
            draft.add_vote(name, option)  # "motion carries four to one with Commissioner Nguyen opposed"
    if tally:
        draft.tally = tally
        if tally.counts.get("yes") is not None:
            draft.flags = [f for f in draft.flags if f != VOICE_NO]
    draft.end = max(draft.end, unit.end)
