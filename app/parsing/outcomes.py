"""What a motion decided, normalised: suspension (days, paid), termination, reprimand, reinstatement,
appeal granted/denied, or the plain "approved"/"denied" of ordinary business."""

from __future__ import annotations

import re

from app.parsing.numbers import NUMBER, to_int
from app.parsing.records import OutcomeRecord

_DAYS = (
    rf"(?P<days>{NUMBER})[\s-]*(?:\(\d+\)[\s-]*)?(?:calendar[\s-]+|working[\s-]+)?(?P<unit>day|week|month)s?['\u2019]?"
)
_SUSPENSION_RES = [
    # "thirty-day suspensions without pay", "a 30 day suspension", "forty-five (45) day suspension"
    re.compile(rf"\b{_DAYS}\s+(?:unpaid\s+|paid\s+)?suspensions?\b", re.IGNORECASE),
    # "suspended ... for a period of forty-five (45) days", "suspension of thirty (30) days"
    re.compile(
        rf"\bsuspen(?:ded|sion|d)\b[^.;]{{0,260}}?\b(?:for|of)\s+(?:a\s+period\s+of\s+)?(?:up\s+to\s+)?{_DAYS}\b",
        re.IGNORECASE,
    ),
    # a table's cell or a list's entry: "Suspension 30 days", "Suspended without pay - 3 days", "Suspension: 5 days"
    re.compile(
        rf"\bsuspen(?:ded|sion)(?:\s+without\s+pay|\s+with\s+pay)?\s*[-:\u2013\u2014]?\s*{_DAYS}\b", re.IGNORECASE
    ),
]
_BARE_SUSPENSION = re.compile(r"\bsuspen(?:ded|sions?|d)\b", re.IGNORECASE)
_UNPAID = re.compile(r"\bwithout\s+pay\b|\bunpaid\b|\bno\s+pay\b|\bloss\s+of\s+pay\b", re.IGNORECASE)
_PAID = re.compile(r"\bwith\s+(?:full\s+)?pay\b|\bpaid\s+(?:administrative\s+)?(?:suspension|leave)\b", re.IGNORECASE)
_TERMINATION = re.compile(
    r"\b(?:discharg(?:e|ed|ing)\s+(?:of\s+)?(?:the\s+)?(?:respondent|him|her|officer|sergeant|from)"
    r"|(?:separated|discharged)\s+(?:and\s+discharged\s+)?from|separation\s+of\s+the\s+respondent"
    r"|\b(?:is|be|are)\s+(?:and\s+)?(?:(?:is|are)\s+)?(?:hereby\s+)?(?:separated\s+and\s+)?discharged\b"
    r"|\bseparat(?:e|ed|ing|ion\s+of)\b[^.;]{0,80}?\bfrom\s+(?:the\s+)?(?:department|service|employment|force|agency)"
    r"|terminat(?:e|ed|ion|ing)\s+(?:of\s+)?(?:the\s+)?(?:employment|respondent|officer|sergeant|him|her)"
    r"|terminat(?:ion|ed)\b(?=[^.]{0,80}\b(?:officer|sergeant|detective|employment))"
    r"|\bdismiss(?:ed|al)\s+from\s+(?:the\s+)?(?:department|service|force|employment|position)"
    # "uphold the termination", "affirms the decision upholding the dismissal", "sustain the order of discharge"
    r"|\b(?:uph[eo]ld\w*|sustain\w*|affirm\w*|confirm\w*)\s+(?:the\s+)?(?:[\w']+\s+){0,3}?"
    r"(?:termination|dismissal|discharge)\b"
    # "the discharge of Police Officer X is SUSTAINED", "that the discharge be sustained"
    r"|\b(?:termination|dismissal|discharge)\b(?:[^.;]|(?<=\b[A-Z])\.){0,80}?\b(?:is|be|was)\s+(?:hereby\s+)?(?:sustained|upheld|affirmed)\b)",
    re.IGNORECASE,
)
_REPRIMAND = re.compile(r"\b(?:written\s+|oral\s+|verbal\s+)?reprimand(?:ed|s)?\b", re.IGNORECASE)
_REINSTATE = re.compile(
    r"\breinstat(?:e|ed|ement|ing)\b|\brestor(?:e|ed|ing)\s+(?:the\s+respondent\s+|him\s+|her\s+)?to\s+"
    r"(?:duty|(?:his|her|their)\s+position)|\breturned\s+to\s+(?:full\s+)?duty\b",
    re.IGNORECASE,
)
_APPEAL_GRANTED = re.compile(
    r"\b(?:grant(?:s|ed|ing)?|sustain(?:s|ed)?|uph[eo]ld(?:s)?)\s+(?:the\s+)?(?:\w+\s+){0,3}appeal"
    r"|\bappeal\s+(?:of\s+(?:[^.;]|(?<=\b[A-Z])\.){3,60}?\s+)?(?:(?:is|was|be)\s+)?(?:hereby\s+)?(?:granted|sustained|upheld)\b(?!\s+in\s+part)",
    re.IGNORECASE,
)
_APPEAL_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed)?|dismiss(?:es|ed)?)\s+(?:the\s+)?(?:\w+\s+){0,3}appeal"
    r"|\bappeal\s+(?:of\s+(?:[^.;]|(?<=\b[A-Z])\.){3,60}?\s+)?(?:(?:is|was|be)\s+)?(?:hereby\s+)?(?:denied|rejected|dismissed)\b"
    # a petition to undo the decision: "the Petition for Rehearing is DENIED"
    r"|\bpetition\s+for\s+(?:rehearing|reconsideration|review)\s+(?:(?:is|was|be)\s+)?(?:hereby\s+)?denied\b",
    re.IGNORECASE,
)
_NOT_GUILTY = re.compile(
    # a licensing board's "No violation" / "No violation found" clears the licensee the same way
    r"\bnot\s+guilty\b|\bexonerat(?:e|ed)\b|\bnot\s+sustained\b|\bunfounded\b|(?:^|(?<=[|;:]))[ \t]*no\s+violation\b",
    re.IGNORECASE,
)
_DENY = re.compile(r"^\s*(?:to\s+)?(?:den(?:y|ies|ied)|reject(?:s|ed)?|refuse)\b|\bden(?:y|ies)\s+the\b", re.I)


def _suspension(text: str) -> OutcomeRecord | None:
    for pattern in _SUSPENSION_RES:
        match = pattern.search(text)
        if match:
            number = to_int(match.group("days"))
            unit = match.group("unit").lower()
            days = None if number is None else number * {"day": 1, "week": 7, "month": 30}[unit]
            if unit == "month":
                days = None  # months are not a fixed number of days; keep the words in text
            pay = re.match(r"\s*,?\s*(?:with(?:out)?\s+(?:full\s+)?pay|unpaid|paid)\b", text[match.end() :], re.I)
            words = match.group(0) + (pay.group(0) if pay else "")
            return OutcomeRecord(kind="suspension", days=days, paid=_paid(text), text=re.sub(r"\s+", " ", words))
    match = _BARE_SUSPENSION.search(text)
    if match and not re.search(r"\bsuspen(?:sion\s+of|d(?:ed|s|ing)?)\s+(?:the\s+)?rules\b", text, re.IGNORECASE):
        return OutcomeRecord(kind="suspension", days=None, paid=_paid(text), text=match.group(0))
    return None


def _paid(text: str) -> bool | None:
    if _UNPAID.search(text):
        return False
    if _PAID.search(text):
        return True
    return None


_MINORITY_VIEW = re.compile(r"\bwould\s+(?:have\s+)?(?:found|find)\b[^.;)]*", re.IGNORECASE)


def find_outcome(text: str, result: str = "unknown") -> OutcomeRecord:
    """The outcome a motion's text describes; for ordinary business "approved"/"denied" when it passed.

    A failed, withdrawn or tabled motion decided nothing, so its outcome is empty.
    """
    if result in ("failed", "withdrawn", "tabled"):
        return OutcomeRecord()
    # "Guilty (Vote 2-1; Member Pryor would find Not Guilty)": what the minority would have decided is no outcome.
    text = _MINORITY_VIEW.sub("", text)
    for kind, pattern in (("appeal_denied", _APPEAL_DENIED), ("appeal_granted", _APPEAL_GRANTED)):
        match = pattern.search(text)
        if match:
            return OutcomeRecord(kind=kind, text=match.group(0))
    match = _REINSTATE.search(text)
    after = match and re.search(
        r"\b(?:upon|on|after|following|at\s+the\s+end\s+of)\s+(?:the\s+)?(?:completion|expiration|end|conclusion|service)\b"
        r"[^.]{0,60}$|\bthereafter\W*$",
        text[max(0, match.start() - 90) : match.start()],
        re.IGNORECASE,
    )
    # "the 10-day suspension imposed by the Agency is REINSTATED": the penalty is restored, not the officer.
    penalty = match and re.search(
        r"\b(?:suspension|penalty|discipline|termination|dismissal|discharge|reprimand)\b[^.;]{0,80}$",
        text[max(0, match.start() - 100) : match.start()],
        re.IGNORECASE,
    )
    if match and penalty:
        match = None
    if match and not (after and _suspension(text)):
        return OutcomeRecord(kind="reinstatement", text=match.group(0))
    match = _TERMINATION.search(text)
    if match:
        return OutcomeRecord(kind="termination", text=match.group(0))
    suspension = _suspension(text)
    if suspension:
        return suspension
    match = _REPRIMAND.search(text)
    if match:
        return OutcomeRecord(kind="reprimand", text=match.group(0))
    match = _NOT_GUILTY.search(text)
    if match:
        return OutcomeRecord(kind="not_guilty", text=match.group(0))
    if result == "passed":
        if _DENY.search(text):
            return OutcomeRecord(kind="denied")
        return OutcomeRecord(kind="approved")
    return OutcomeRecord()
