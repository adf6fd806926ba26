"""Resolutions offered on a motion and voted below their text, as parish police juries and county boards
publish their proceedings: "On motion of Mrs. X, seconded by Mr. Y, the following resolution was offered:",
"YEAS: Mr. A, Mrs. B ...", "The resolution was declared adopted", "and unanimously carried", and the
original motion taken up again after a substitute fails."""

from __future__ import annotations

from app.parsing import parse_text
from app.parsing.spans import record_spans

OFFERED = """    Whereupon, on motion of Mrs. Guidry, seconded by Mr. Romero, the following
resolution was offered:

                    RESOLUTION NO. 2025-R-059
    WHEREAS, the parties have agreed to settle all claims for $185,000.00; and
    NOW, THEREFORE, BE IT RESOLVED by the Bayou Teche Parish Police
Jury, in regular session convened, that the settlement offered on behalf of Deputy
Travis J. Mouton (Badge No. 227) is hereby accepted.
    This resolution having been submitted to a vote, the vote
thereon was as follows:
YEAS: Mr. Broussard, Mrs. Guidry, Mr. Batiste, Mrs. Landry,
      Mr. Chenier, Mrs. Hebert, Mr. Romero, Mr. Arceneaux
NAYS: None
ABSENT: None
ABSTAINING: Mr. Thibodeaux
    The resolution was declared adopted on this the 14th day of
October, 2025.

    On motion of Mrs. Hebert, seconded by Mr. Batiste, and carried,
the following resolution was adopted:

                    RESOLUTION NO. 2025-R-061
    BE IT RESOLVED by the Police Jury that Mr. Jules P. Olivier be and he is hereby
reappointed to the Fire Protection District board.
    The resolution was declared adopted on this the 14th day of
October, 2025.
"""


def test_a_resolution_offered_on_a_motion_is_voted_by_the_lists_below_its_text() -> None:
    settlement, reappointment = parse_text(OFFERED)
    assert (settlement.mover, settlement.seconder, settlement.result) == ("Guidry", "Romero", "passed")
    assert settlement.text.startswith("the settlement offered on behalf of Deputy")
    assert (settlement.counts["yes"], settlement.counts["abstain"]) == (8, 1)
    assert ("Landry", "yes") in {(v.voter, v.option) for v in settlement.votes}  # "Mrs." goes on the list
    assert (reappointment.mover, reappointment.result) == ("Hebert", "passed")
    assert "reappointed" in reappointment.text


def test_and_unanimously_carried_said_between_the_seconder_and_what_was_done() -> None:
    (minutes,) = parse_text(
        "On motion of Mrs. Guidry, seconded by Mr. Batiste, and\nunanimously carried, the minutes of the "
        "regular meeting of September 9, 2025 were approved as published.\n"
    )
    assert (minutes.mover, minutes.result, minutes.counts["no"]) == ("Guidry", "passed", 0)


def test_the_original_motion_taken_up_again_after_its_substitute_failed() -> None:
    text = (
        "Mr. Batiste moved, seconded by Mrs. Landry, to adopt a resolution requesting the Sheriff to adopt\n"
        "Policy 4.12.\n\n"
        "    Mr. Thibodeaux offered a substitute motion, seconded by Mr. Broussard, to refer the proposed\n"
        "resolution back to committee. Upon roll call the vote on the substitute motion was as follows:\n"
        "YEAS: Mr. Broussard, Mr. Thibodeaux\nNAYS: Mrs. Guidry, Mr. Batiste, Mrs. Landry\n"
        "    The substitute motion failed. The question then recurring on the original motion of Mr. Batiste,\n"
        "seconded by Mrs. Landry, the resolution was put to a vote:\n"
        "YEAS: Mrs. Guidry, Mr. Batiste, Mrs. Landry\nNAYS: Mr. Broussard, Mr. Thibodeaux\n"
        "    The resolution was declared adopted.\n"
    )
    original, substitute = parse_text(text)
    assert (original.mover, original.result, original.counts["yes"]) == ("Batiste", "passed", 3)
    assert (substitute.mover, substitute.result, substitute.counts["yes"]) == ("Thibodeaux", "failed", 2)


def test_a_number_or_docket_at_the_start_of_a_wrapped_line_opens_no_record() -> None:
    text = (
        "Upon roll call the following were present: Mrs. Hebert, District\n8. Absent: Mr. Romero, District 9.\n"
        "The suit is Savoy v. Melancon, et al.,\nDocket No. C-2023-01187, Division B.\n"
        "The contribution from the Self-Insurance Fund (Fund\n610) is hereby approved.\n"
        "Kendra Savoy appealed; see the matter of Prejean v. Parish,\nDocket No. C-2025-00412.\n"
    )
    assert record_spans(text) == []


NOMINAL = """     On motion of Councilor Cabahug, duly seconded by Councilor Olivarez, there
     being no objection, the body approved the amendment to Section 6.

     Councilor Macaraeg moved that the proposed ordinance be recommitted to the Committee
     on Women, Children and Family Relations. The motion was seconded by Councilor Estrella.
     The motion to recommit was lost, four (4) members voting in favor.

     Thereafter, Councilor Buenaventura moved for the approval of Proposed Ordinance
     No. 2025-014 on third and final reading, duly seconded by Councilor Agbayani.
     Councilor Dimaculangan objected; the Chair called for nominal voting:

          In favor:    Hon. Ma. Teresa L. Buenaventura
                       Hon. Lorna V. Agbayani
                       Hon. Arnel F. Quiambao                      -  3

          Against:     Hon. Ernesto P. Dimaculangan                -  1

     The motion was carried 3-1.
"""


def test_a_council_that_approves_as_a_body_and_votes_nominally_one_name_to_a_line() -> None:
    amendment, recommit, third = parse_text(NOMINAL)
    assert (amendment.mover, amendment.seconder, amendment.result) == ("Cabahug", "Olivarez", "passed")
    assert (recommit.mover, recommit.result) == ("Macaraeg", "failed")
    assert (third.mover, third.result, third.counts["yes"], third.counts["no"]) == ("Buenaventura", "passed", 3, 1)
    assert ("Arnel F. Quiambao", "yes") in {(v.voter, v.option) for v in third.votes}


def test_a_tie_broken_by_the_presiding_officer() -> None:
    (settlement,) = parse_text(
        "     Motion by Commissioner Pct. 3 Ruiz, seconded by Commissioner Pct. 1 Hale,\n"
        "to approve settlement of the claim of Norma J. Villarreal in the amount of $18,750.00.\n"
        "Commissioners Hale and Ruiz voting aye; Commissioners Castillo-Briggs and\n"
        "Dobbs voting nay. The vote of the Commissioners being tied 2-2, County Judge\n"
        "Whitcomb voted aye to break the tie. Motion carried 3-2.\n"
    )
    assert (settlement.result, settlement.counts["yes"], settlement.counts["no"]) == ("passed", 3, 2)
    assert ("Whitcomb", "yes") in {(v.voter, v.option) for v in settlement.votes}
