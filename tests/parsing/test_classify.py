from __future__ import annotations

import pytest

from app.parsing.classify import classify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("to finalize the thirty-day suspensions without pay of Sergeant Dana Whitfield", "discipline"),
        ("to deny the appeal of the finding in complaint 22-104", "appeal"),
        ("to adopt revisions to General Order 3.02 on use of force", "policy"),
        ("to approve the minutes of the March 3 meeting", "minutes_agenda"),
        ("APPROVAL OF THE AGENDA", "minutes_agenda"),
        ("to appoint Jane Roe as Executive Director", "hiring"),
        ("to approve a contract with Axon for body cameras in the amount of $250,000", "budget_contract"),
        ("to adopt a resolution honoring retiring Chief Ray", "resolution"),
        ("to grant the entertainment license to The Barrel Room", "licensing"),
        ("to thank the staff", "other"),
    ],
)
def test_classification_from_motion_words(text: str, expected: str) -> None:
    assert classify(text) == expected


def test_agenda_title_tips_a_vague_motion() -> None:
    assert classify("to approve the recommended action", "Disciplinary charges against Officer Ray") == "discipline"
