"""Decisions laid out as an ORDER section or as findings per charge, each a motion of its own:

    III. ORDER
    The Hearing Officer's Decision is REVERSED, and the 10-day suspension ... is REINSTATED.
    Commissioners A, B and C voted to reverse. Commissioner D voted to affirm. Commissioner E recused herself.
    SO ORDERED this 12th day of February, 2025.

    Charge 2: Violation of ... (Integrity)
       Commissioner Ortiz: Guilty    Commissioner Brandt: Not Guilty    Commissioner Okoye: Guilty
    Charge 2 is therefore proven by a vote of 2-1.

Members who voted with the order's own verb (REVERSED / "voted to reverse") voted yes, the others no;
a member's finding of guilty (sustained, proven) is a yes on the charge, not guilty a no.
"""

from __future__ import annotations

import re

from app.parsing.assemble import Draft
from app.parsing.entities import find_officers
from app.parsing.roster import split_names, strip_title
from app.parsing.tally import parse_tally

_ORDER_HEAD = re.compile(r"^[ \t]*(?:[IVX]{1,5}\.|\d{1,2}\.)?[ \t]*(?:FINAL\s+)?ORDERS?[ \t]*:?[ \t]*$", re.MULTILINE)
_SO_ORDERED = re.compile(r"^[ \t]*(?:IT\s+IS\s+)?SO\s+ORDERED\b", re.MULTILINE | re.IGNORECASE)
_VERBS = {
    "revers": "reverse",
    "affirm": "affirm",
    "uph": "uphold",
    "sustain": "sustain",
    "modif": "modify",
    "vacat": "vacate",
    "remand": "remand",
    "grant": "grant",
    "den": "deny",
    "dismiss": "dismiss",
}
_DECIDED = re.compile(
    r"\b(?:is|are|be|hereby)\s+(?P<passive>REVERSED|AFFIRMED|UPHELD|SUSTAINED|MODIFIED|VACATED|REMANDED|GRANTED|DENIED"
    r"|DISMISSED)\b|\b(?:Commission|Board|Panel)\s+(?:hereby\s+)?(?P<active>REVERSES|AFFIRMS|UPHOLDS|SUSTAINS|MODIFIES"
    r"|VACATES|REMANDS|GRANTS|DENIES|DISMISSES)\b",
    re.IGNORECASE,
)
_MEMBER = r"(?:Commissioners?|Members?|Board\s+Members?|Trustees?|Chair(?:man|woman|person)?|President|Vice\s+\w+)"
_VOTED = re.compile(
    rf"\b{_MEMBER}\s+(?P<names>[A-Z][^.;:]{{2,160}}?)\s+(?:each\s+)?voted\s+to\s+(?P<verb>[a-z]+)",
)
_RECUSED = re.compile(
    rf"\b{_MEMBER}\s+(?P<names>[A-Z][^.;:]{{2,120}}?)\s+(?:recused|did\s+not\s+participate|abstained|was\s+absent)",
)
_CHARGE = re.compile(
    r"^[ \t]*(?P<head>(?:Charge|Count|Specification|Allegation)\s+(?:No\.\s*)?[\dIVX]{1,4}[ \t]*[:.\-\u2013][^\n]*)",
    re.MULTILINE,
)
_FINDING = re.compile(
    rf"{_MEMBER}\s+(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)\s*[:\-\u2013]\s*"
    r"(?P<finding>not\s+guilty|guilty|not\s+sustained|sustained|not\s+proven|proven|unfounded|exonerated)\b",
    re.IGNORECASE,
)


def _verb(word: str) -> str | None:
    word = word.lower()
    return next((verb for stem, verb in _VERBS.items() if word.startswith(stem)), None)


def find_orders(text: str) -> list[Draft]:
    """Each "ORDER ... SO ORDERED" section that states the decision in a verb ("is REVERSED", "AFFIRMS")."""
    drafts: list[Draft] = []
    for head in _ORDER_HEAD.finditer(text):
        closing = _SO_ORDERED.search(text, head.end())
        end = closing.end() if closing else min(len(text), head.end() + 1500)
        body = text[head.end() : closing.start() if closing else end]
        decided = _DECIDED.search(body)
        if not decided:
            continue
        verb = _verb(decided.group("passive") or decided.group("active"))
        start = head.end() + len(body) - len(body.lstrip())
        draft = Draft(start=start, end=end, text=re.sub(r"\s+", " ", body).strip())
        draft.evidence_start = start
        draft.set_result("passed", start)
        for match in _VOTED.finditer(body):
            option = "yes" if _verb(match.group("verb")) == verb else "no"
            for name in split_names(match.group("names")):
                draft.add_vote(strip_title(name), option)
        for match in _RECUSED.finditer(body):
            said = match.group(0).lower()
            option = "recused" if "recus" in said or "participate" in said else "abstain"
            option = "absent" if "absent" in said else option
            for name in split_names(match.group("names")):
                draft.add_vote(strip_title(name), option)
        tally = parse_tally(body)
        if tally:
            draft.tally = tally
        # The caption above the order names the appellant: "CORPORAL DEREK HOLLOWAY, Badge No. 02119".
        floor = drafts[-1].end if drafts else 0
        caption = text[floor : head.start()]
        officers = find_officers(_titlecase(caption))
        if officers:
            officer = officers[0]
            badge = f", Badge No. {officer.badge}" if officer.badge else ""
            draft.background = f"{officer.rank or ''} {officer.name}{badge}".strip()
            draft.entity_text = draft.background
        drafts.append(draft)
    return drafts


def _titlecase(text: str) -> str:
    """Captions in capitals ("CORPORAL DEREK HOLLOWAY") as the officer reader expects them."""
    return re.sub(r"\b([A-Z])([A-Z'\u2019]+)\b", lambda m: m.group(1) + m.group(2).lower(), text)


def find_charge_findings(text: str) -> list[Draft]:
    """Each charge followed by every member's finding on it."""
    drafts: list[Draft] = []
    heads = list(_CHARGE.finditer(text))
    for index, head in enumerate(heads):
        limit = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        findings = list(_FINDING.finditer(text, head.end(), limit))
        if not findings:
            continue
        end = findings[-1].end()
        draft = Draft(start=head.start(), end=end, text=re.sub(r"\s+", " ", head.group("head")).strip())
        draft.evidence_start = head.start()
        for match in findings:
            option = "no" if re.match(r"not|unfounded|exonerated", match.group("finding"), re.IGNORECASE) else "yes"
            draft.add_vote(strip_title(match.group("name")), option)
        # "Charge 2 is therefore proven by a vote of 2-1.": the stated tally, right after the findings.
        after = text[end:limit]
        said = re.match(r"\s*(?P<s>[^\n]*?\bvote\s+of\s+[^\n.]*\.?)", after)
        if said:
            draft.tally = parse_tally(said.group("s"))
            draft.end = end + said.end()
        yes = sum(1 for _, option in draft.votes if option == "yes")
        draft.set_result("passed" if yes * 2 > len(draft.votes) else "failed", head.start())
        drafts.append(draft)
    return drafts
