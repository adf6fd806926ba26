"""Closed-case summaries listed per named employee (app.parsing.employees)."""

from __future__ import annotations

from app.parsing import parse_text
from app.parsing.employees import find_named_employees

CASES = """Case Number: 2025OPA-0121
Date Complaint Received: 01/22/2025     Date Closed: 06/05/2025

Named Employee #1: Officer Marisol Quintanar, #9034
Allegation(s):
  1. 8.200-POL-1. Using Force - Use of Force: When Authorized
                                                  Director's Findings: Not Sustained (Lawful and Proper)
Proposed Discipline: N/A
Imposed Discipline: N/A

Named Employee #2: Officer Trevor Akinyemi, #8457
Allegation(s): 1. 8.400-POL-1. Type I Reporting Requirements   Director's Findings: Sustained
Proposed Discipline: Suspended without pay - 5 days
Imposed Discipline: Suspended without pay - 2 days
Chief's decision: did not concur.

Case Summary:
NE#1 and NE#2 were dispatched to a 911 call (Call No. 25-0121-4402) at 0213 hours.
"""


def test_each_named_employee_is_one_decision() -> None:
    blocks = find_named_employees(CASES)
    assert len(blocks) == 2
    assert "Case Summary" not in CASES[blocks[1].start : blocks[1].end]


def test_the_discipline_imposed_wins_over_the_one_proposed_and_none_sustained_is_not_guilty() -> None:
    cleared, disciplined = parse_text(CASES)
    assert cleared.outcome.kind == "not_guilty"
    assert [(o.name, o.badge) for o in cleared.officers] == [("Marisol Quintanar", "9034")]
    assert [p.code for p in cleared.policies] == ["8.200-POL-1"]
    assert (disciplined.outcome.kind, disciplined.outcome.days) == ("suspension", 2)
    assert disciplined.result == "passed"


def test_an_entry_without_findings_is_no_decision() -> None:
    assert find_named_employees("Named Employee #1: Officer A. Example, #1\nAllegation(s): pending\n") == []
