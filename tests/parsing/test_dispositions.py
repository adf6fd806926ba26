"""Dispositions and findings written as fields: "Decision: Violation - 1-Day Suspension", "Finding:
SUSTAINED (6-1, Member Diaz voting not sustained)", "Commissioner Ortiz voted to reject"."""

from __future__ import annotations

from app.parsing import MotionRecord, PageText, parse_pages


def _parse(text: str) -> list[MotionRecord]:
    return parse_pages([PageText(1, text)], document="d")


def test_decision_field_with_a_suspension_and_a_member_voting_to_reject() -> None:
    [record] = _parse(
        "1. The Anchor Tap, Inc., 14 Wharf Street\n"
        "   Decision: Violation - 1-Day Suspension (to be served April 21). Commissioner Ortiz voted to reject.\n"
    )
    assert (record.result, record.outcome.kind, record.outcome.days) == ("passed", "suspension", 1)
    assert [(v.voter, v.option) for v in record.votes] == [("Ortiz", "no")]


def test_denied_disposition_flips_a_vote_to_grant() -> None:
    [record] = _parse(
        "6. Night Owl Entertainment, LLC\n   Decision: Denied (2-1). Commissioner Baines voted to grant.\n"
    )
    assert (record.result, record.outcome.kind) == ("passed", "denied")
    assert (record.counts["yes"], record.counts["no"]) == (2, 1)
    assert [(v.voter, v.option) for v in record.votes] == [("Baines", "no")]


def test_two_findings_in_a_row_are_two_decisions() -> None:
    first, second = _parse(
        "Case 24-117  Complainant v. Deputy Kyle Pruitt (ID 40218)\n"
        "  Allegation 1: Unnecessary force      Finding: SUSTAINED (6-1, Member Diaz voting not sustained)\n"
        "  Board recommendation to the Sheriff: 10-day suspension without pay (5-2, Members Beck and Lum voting "
        "for a written reprimand)\n"
    )
    assert [(v.voter, v.option) for v in first.votes] == [("Diaz", "no")]
    assert [(o.name, o.badge) for o in first.officers] == [("Kyle Pruitt", "40218")]
    assert (second.outcome.kind, second.outcome.days, second.counts["no"]) == ("suspension", 10, 2)
    assert [(v.voter, v.option) for v in second.votes] == [("Beck", "no"), ("Lum", "no")]


def test_continued_is_tabled_and_so_voted_is_a_result() -> None:
    tabled, adopted = _parse(
        "7. Riverside Market, Inc.\n   Decision: Continued to May 7, 2025 at the request of the applicant.\n\n"
        "Motion by Commissioner Baines, seconded by Chair Nolan, to adopt the decisions above. So voted, 3-0.\n"
    )
    assert tabled.result == "tabled"
    assert (adopted.mover, adopted.seconder, adopted.result, adopted.counts["yes"]) == ("Baines", "Nolan", "passed", 3)
