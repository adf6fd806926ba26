"""Police board decisions: named votes per finding, the final order, signatures and dissents."""

from __future__ import annotations

from app.parsing import PageText, parse_pages, parse_text

DECISION = [
    PageText(
        1,
        "BEFORE THE POLICE BOARD OF THE CITY OF CHICAGO\nIN THE MATTER OF CHARGES FILED AGAINST )\n"
        "POLICE OFFICER JOHN Q. SMITH, ) No. 19 PB 1234\nSTAR No. 12345, DEPARTMENT OF POLICE, )\n"
        "FINDINGS AND DECISION\nThe Superintendent charged the Respondent with violating Rule 2 and Rule 8.\n",
    ),
    PageText(
        2,
        "POLICE BOARD DECISION\nThe Board hereby adopts the findings set forth herein by the following votes:\n"
        "By a vote of 6 (Ballate, Conlon, Fry, McKeever, Miller, Rodriguez) in favor to 2 opposed (Carney, Foreman), "
        "the Board finds the Respondent guilty of violating Rule 2 and Rule 8.\n"
        "NOW THEREFORE, IT IS HEREBY ORDERED that the Respondent, Police Officer John Q. Smith, Star No. 12345, "
        "be and hereby is suspended from his position for a period of forty-five (45) days.\n"
        "DATED AT CHICAGO, THIS 21st DAY OF JUNE, 2019.\n/s/ Melissa Ballate\n/s/ Rita Fry\n"
        "Attested by:\n/s/ Max Caproni\nExecutive Director\n",
    ),
    PageText(3, "DISSENT\nWe dissent from the decision.\n/s/ Demetrius Carney\n/s/ Ghian Foreman\n"),
]


def test_each_vote_of_the_board_is_a_motion_with_named_votes() -> None:
    records = parse_pages(DECISION, document="d")
    finding, _order = records
    assert finding.text.startswith("finds the Respondent guilty")
    assert (finding.counts["yes"], finding.counts["no"]) == (6, 2)
    assert [v.voter for v in finding.votes if v.option == "no"] == ["Carney", "Foreman"]
    assert finding.classification == "discipline" and finding.source.page == 2
    assert [o.name for o in finding.officers] == ["John Q. Smith"]


def test_final_order_is_voted_by_signatures_not_the_executive_director() -> None:
    order = parse_pages(DECISION, document="d")[-1]
    assert order.outcome.kind == "suspension" and order.outcome.days == 45
    assert [(v.voter, v.option) for v in order.votes] == [
        ("Ballate", "yes"),
        ("Fry", "yes"),
        ("Carney", "no"),
        ("Foreman", "no"),
    ]
    assert "Caproni" not in [v.voter for v in order.votes]
    assert order.officers[0].badge == "12345"
    assert {p.code for p in order.policies} >= {"Rule 2", "Rule 8"}
    assert order.evidence and order.evidence.startswith("IT IS HEREBY ORDERED")


def test_order_merges_with_the_vote_that_decided_it() -> None:
    pages = [
        PageText(1, "IN THE MATTER OF CHARGES FILED AGAINST POLICE OFFICER ANN LEE, STAR No. 1\nRespondent.\n"),
        PageText(
            2,
            "As a result of the foregoing, the Police Board, by a vote of 5 (Ballate, "
            "Fry, McKeever, Miller, Rodriguez) "
            "in favor to 3 opposed (Carney, Conlon, Foreman), hereby determines that cause exists for restoring the "
            "Respondent to his position as a police officer.\nIT IS HEREBY ORDERED that the Respondent be restored to "
            "his position as a police officer.\n",
        ),
    ]
    [record] = parse_pages(pages, document="d")
    assert record.outcome.kind == "reinstatement" and record.counts["yes"] == 5


MERIT = [
    PageText(
        1,
        "BEFORE THE SHERIFF'S MERIT COMMISSION\nIn the Matter of: DEPUTY SHERIFF RAMON CASTILLO, Badge No. 3391, "
        "Respondent.\nFINDINGS, DECISION AND ORDER\nThe Sheriff charged the Respondent under Rule 3.4 and Rule 5.1.\n"
        "1. The Commission, by a vote of four (4) to one (1), with Commissioner Alvarado dissenting,\n"
        "finds that the Respondent violated Rule 3.4 as charged.\n"
        "2. The Commission unanimously finds that the Sheriff did not prove the charge under Rule 5.1.\n",
    ),
    PageText(
        2,
        "DECISION\nThe Commission, by a vote of three (3) to two (2), Commissioners Alvarado and Whitcombe voting no, "
        "rejects the Sheriff's request for termination.\n\nIT IS THEREFORE ORDERED that Deputy Sheriff Ramon Castillo "
        "be and is hereby suspended without pay for a period of thirty (30) calendar days, and that upon completion "
        "of the suspension he be restored to duty.\n/s/ Helen Marchetti\n/s/ George Alvarado\n"
        "Attest: /s/ Colleen Ruiz, Secretary to the Commission\n",
    ),
]


def test_dissenters_named_after_the_tally_vote_no() -> None:
    finding, unanimous, penalty = parse_pages(MERIT, document="m")
    assert finding.text.startswith("finds that the Respondent violated Rule 3.4")
    assert [(v.voter, v.option) for v in finding.votes] == [("Alvarado", "no")]
    assert unanimous.counts["no"] == 0 and unanimous.result == "passed"
    assert [(v.voter, v.option) for v in penalty.votes] == [("Alvarado", "no"), ("Whitcombe", "no")]


def test_order_after_a_vote_on_the_penalty_is_that_vote_and_restored_after_suspension_is_a_suspension() -> None:
    penalty = parse_pages(MERIT, document="m")[-1]
    assert (penalty.counts["yes"], penalty.counts["no"]) == (3, 2)
    assert (penalty.outcome.kind, penalty.outcome.days, penalty.outcome.paid) == ("suspension", 30, False)
    assert [(o.rank, o.name, o.badge) for o in penalty.officers] == [("Deputy Sheriff", "Ramon Castillo", "3391")]


def test_board_orders_that_and_all_members_concurring() -> None:
    pages = [
        PageText(1, "IN RE: CHARGES AGAINST POLICE OFFICER MAYA LINDEN, BADGE NO. 882\nDECISION AND ORDER\n"
                    "The Respondent was charged under Section 2.14.\n"),
        PageText(2, "The Board, all members concurring, finds that the Respondent violated Section 2.14.\n\nORDER\n"
                    "Accordingly, the Board orders that Police Officer Maya Linden be discharged.\n"),
    ]  # fmt: skip
    finding, order = parse_pages(pages, document="t")
    assert finding.result == "passed" and finding.counts["no"] == 0
    assert order.outcome.kind == "termination" and order.officers[0].badge == "882"


def test_the_minority_named_after_a_split_vote_and_a_dissent_at_the_end_of_the_finding() -> None:
    text = (
        "FIRE AND POLICE COMMISSION\nDECISION AND ORDER\n\nIn the Matter of the Appeal of Police Officer Jared Lowe, "
        "Appellant.\n\nFINDINGS OF FACT\n\n"
        "The Commission finds, by a vote of 4 to 1, that the seventh standard has been met, Commissioner Ostrowski "
        "dissenting.\n\n"
        "By unanimous vote (5-0), the Commission finds that the fifth standard has been met.\n\n"
        "By a vote of 3 to 2, the Commission determines that the good of the service requires that the discharge be "
        "sustained. Commissioners Brennan-Cole and Ostrowski would have modified the penalty to a sixty (60) day "
        "suspension.\n\n"
        "IT IS ORDERED that the discharge of Police Officer Jared T. Lowe is SUSTAINED.\n"
    )
    records = parse_text(text)
    seventh = next(r for r in records if "seventh" in r.text)
    assert seventh.text == "that the seventh standard has been met"
    assert [(v.voter, v.option) for v in seventh.votes] == [("Ostrowski", "no")]
    fifth = next(r for r in records if "fifth" in r.text)
    assert (fifth.counts["yes"], fifth.counts["no"]) == (5, 0)
    penalty = next(r for r in records if "good of the service" in r.text)
    assert {(v.voter, v.option) for v in penalty.votes} == {("Brennan-Cole", "no"), ("Ostrowski", "no")}
    assert penalty.outcome.kind == "termination"
