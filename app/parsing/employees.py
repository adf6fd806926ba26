"""Findings listed per named employee, as oversight agencies publish closed cases:

    Named Employee #2: Officer Trevor Akinyemi, #8457
    Allegation(s):
      1. 8.200-POL-1. Using Force - Use of Force: When Authorized
                                        Director's Findings: Not Sustained (Lawful and Proper)
      2. 8.400-POL-1. Use of Force Reporting ...          Director's Findings: Sustained
    Proposed Discipline: Written Reprimand
    Imposed Discipline: Written Reprimand

Each named employee is one decision: the discipline imposed (over the one proposed) where there is one, else
"not sustained" when no allegation was sustained.
"""

from __future__ import annotations

import re

from app.parsing.blocks import Block

_EMPLOYEE = re.compile(
    r"^[ \t]*(?i:named\s+employee|subject\s+(?:officer|employee)|accused\s+(?:officer|employee)|involved\s+officer)"
    r"[ \t]*(?:#[ \t]*\d{1,2}|\d{1,2})?[ \t]*:[ \t]*(?P<who>\S[^\n]*)$",
    re.M,
)
# Where an employee's entry ends: the next employee, the next case, its summary, a rule line.
_ENDS = re.compile(
    r"^[ \t]*(?:(?i:named\s+employee|subject\s+(?:officer|employee)|accused\s+(?:officer|employee)|involved\s+officer"
    r"|case\s+(?:number|no\.?|summary|synopsis)|summary)\b|[_=-]{10,})",
    re.M,
)
_FINDING = re.compile(
    r"(?:^|[ \t]{2,}|\b)(?P<label>(?:[A-Z][\w'\u2019]*[ \t]+)?Findings?)[ \t]*:[ \t]*(?P<value>[^\n]+)"
)
_DISCIPLINE = re.compile(
    r"^[ \t]*(?P<label>(?P<which>Imposed|Final|Proposed|Recommended)?[ \t]*Discipline(?:[ \t]+(?P<after>Imposed))?)"
    r"[ \t]*:[ \t]*(?P<value>[^\n]+)$",
    re.M | re.I,
)
_NONE = re.compile(r"^\s*(?:n/?a\b|none\b|no\s+discipline|-+\s*$|\u2014)", re.I)
_CLEARED = re.compile(r"\b(?:not\s+sustained|exonerated|unfounded|lawful\s+and\s+proper|no\s+finding)\b", re.I)


def find_named_employees(text: str) -> list[Block]:
    """A decision for each named employee whose entry states findings."""
    blocks = []
    for match in _EMPLOYEE.finditer(text):
        ends = _ENDS.search(text, match.end())
        stop = ends.start() if ends else len(text)
        entry = text[match.start() : stop]
        findings = list(_FINDING.finditer(entry))
        if not findings:
            continue
        disciplines = list(_DISCIPLINE.finditer(entry))
        # "Imposed Discipline" / "Discipline Imposed" / "Final Discipline" over "Proposed" / "Recommended".
        imposed = [d for d in disciplines if d["after"] or (d["which"] or "").lower() in ("imposed", "final")]
        chosen = (imposed or [d for d in disciplines if not d["which"]] or disciplines or [None])[-1]
        last = max([f.end() for f in findings] + [d.end() for d in disciplines])
        block = Block(start=match.start(), end=match.start() + last, result="passed", disposition=True)
        said = " | ".join(f["value"].strip() for f in findings)
        # the allegations' own words (without their findings) name the policies
        alleged = _FINDING.sub("", entry[:last])
        alleged = " ".join(_DISCIPLINE.sub("", alleged).split())
        if chosen is not None and not _NONE.match(chosen["value"]):
            block.words = re.sub(r"\s+", " ", chosen.group(0)).strip()
            block.decided = f"{chosen['value'].strip()} | {match['who'].strip()} | {alleged}"
        else:
            block.words = re.sub(r"\s+", " ", findings[0].group(0)).strip()
            cleared = all(_CLEARED.search(f["value"]) for f in findings)
            block.decided = f"{'Not Sustained' if cleared else said} | {match['who'].strip()} | {alleged}"
        blocks.append(block)
    return blocks
