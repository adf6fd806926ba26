from __future__ import annotations

from app.parsing.outcomes import find_outcome


def test_suspension_days_and_unpaid_from_compound_words() -> None:
    outcome = find_outcome("to finalize the thirty-day suspensions without pay of Sergeant Dana Whitfield", "passed")
    assert (outcome.kind, outcome.days, outcome.paid) == ("suspension", 30, False)
    assert outcome.text == "thirty-day suspensions without pay"


def test_suspension_for_a_period_of_words_and_digits() -> None:
    outcome = find_outcome(
        "is suspended from his position, and from the services of the City, for a period of forty-five (45) days",
        "passed",
    )
    assert (outcome.kind, outcome.days, outcome.paid) == ("suspension", 45, None)


def test_suspension_in_weeks() -> None:
    assert find_outcome("One week suspension", "passed").days == 7


def test_termination_separation_and_discharge() -> None:
    assert find_outcome("is hereby separated and discharged from her position", "passed").kind == "termination"
    assert find_outcome("vote to discharge him from the Chicago Police Department", "passed").kind == "termination"


def test_motion_to_dismiss_charges_is_not_termination() -> None:
    assert find_outcome("denies the Respondent's motion to dismiss all charges", "passed").kind == "denied"


def test_reprimand_and_reinstatement() -> None:
    assert find_outcome("issue a written reprimand to Officer Ray", "passed").kind == "reprimand"
    assert find_outcome("restored to duty with back pay", "passed").kind == "reinstatement"
    assert find_outcome("cause exists for restoring the Respondent to his position", "passed").kind == "reinstatement"


def test_appeals_granted_and_denied() -> None:
    assert find_outcome("to deny the appeal of Officer Ray", "passed").kind == "appeal_denied"
    assert find_outcome("the appeal is granted", "passed").kind == "appeal_granted"


def test_ordinary_motion_is_approved_only_when_passed() -> None:
    assert find_outcome("to approve the minutes", "passed").kind == "approved"
    assert find_outcome("to approve the minutes", "unknown").kind is None
    assert find_outcome("to finalize the thirty-day suspension", "failed").kind is None


def test_suspension_days_after_the_word_in_a_table_cell() -> None:
    for cell, days in (("Suspension 30 days", 30), ("Suspended without pay - 3 days", 3), ("Suspension: 5 days", 5)):
        outcome = find_outcome(cell, "passed")
        assert (outcome.kind, outcome.days) == ("suspension", days), cell


def test_working_days_with_an_apostrophe_and_a_rehearing_denied() -> None:
    outcome = find_outcome("adopted, except that the penalty is modified to a 15 working days' suspension", "passed")
    assert (outcome.kind, outcome.days) == ("suspension", 15)
    assert find_outcome("It is hereby ORDERED that the Petition for Rehearing is DENIED.", "passed").kind == (
        "appeal_denied"
    )
