"""Forms of decisions, dispositions and votes read by the written, decision and spoken readers."""

from __future__ import annotations

from app.parsing import TimedText, parse_text, parse_transcript
from app.parsing.outcomes import find_outcome

CIVIL_SERVICE = """CIVIL SERVICE COMMISSION
DECISION AND ORDER
IN THE MATTER OF THE APPEAL OF:
CORPORAL ANN REED, Badge No. 0211,
Appellant,

III. ORDER

The Hearing Officer's Decision is REVERSED, and the 5-day suspension imposed by the Agency is
REINSTATED.

Commissioners Ray Cole and Jo Park voted to reverse. Commissioner Lee Ames voted to affirm the Hearing
Officer. Commissioner Tim Roe recused himself.

SO ORDERED this 3rd day of March, 2025.
"""


def test_civil_service_order_votes_by_the_verb_each_member_voted_for() -> None:
    (record,) = parse_text(CIVIL_SERVICE)
    assert record.result == "passed"
    votes = {(v.voter.split()[-1], v.option) for v in record.votes}
    assert votes == {("Cole", "yes"), ("Park", "yes"), ("Ames", "no"), ("Roe", "recused")}
    assert (record.outcome.kind, record.outcome.days) == ("suspension", 5)
    assert [(o.rank, o.name, o.badge) for o in record.officers] == [("Corporal", "Ann Reed", "0211")]


CHARGES = """BOARD OF FIRE AND POLICE COMMISSIONERS
In the Matter of Charges against Police Officer Al Ruiz (PAYROLL #7120)
FINDINGS OF FACT, CONCLUSIONS OF LAW AND DISPOSITION

Charge 1: Violation of Core Value 1.00 (Competence)

   Commissioner Ortiz: Guilty    Commissioner Brandt: Not Guilty    Commissioner Okoye: Guilty

Charge 1 is therefore proven by a vote of 2-1.

Charge 2: Violation of Core Value 3.00 (Integrity)

   Commissioner Ortiz: Not Guilty    Commissioner Brandt: Not Guilty    Commissioner Okoye: Guilty
"""


def test_each_commissioners_finding_per_charge_is_a_vote_on_that_charge() -> None:
    first, second = parse_text(CHARGES)
    assert first.text.startswith("Charge 1") and first.result == "passed"
    assert (first.counts["yes"], first.counts["no"]) == (2, 1)
    assert {(v.voter, v.option) for v in first.votes} == {("Ortiz", "yes"), ("Brandt", "no"), ("Okoye", "yes")}
    assert second.result == "failed"


def test_outcomes_upheld_termination_restored_penalty_and_appeal_of_named_officer() -> None:
    assert find_outcome("moved to uphold the termination of Deputy Brandt", "passed").kind == "termination"
    assert find_outcome("AFFIRMS the decision upholding the dismissal of Appellant", "passed").kind == "termination"
    restored = find_outcome("the 10-day suspension imposed by the Agency is REINSTATED", "passed")
    assert (restored.kind, restored.days) == ("suspension", 10)
    assert find_outcome("the appeal of Officer Marcus Bell is denied", "passed").kind == "appeal_denied"
    assert find_outcome("Officer Bell is reinstated with back pay", "passed").kind == "reinstatement"


ACTIONS = """ZBA-25-031   Applicant: Northgate Holdings LLC
             Request: Special permit to operate a drive-through restaurant.
             ACTION: Approved with conditions (hours limited).
             Motion: Park / Second: Rashid   Vote: 4-1 (Wozniak)

ZBA-25-036   Applicant: Grove Street Partners
             Request: Variance to allow a fourth story.
             ACTION: Continued to September 16, 2025 at the applicant's request.

ZBA-25-037   Applicant: Patrick Lowe
             Request: Variance to allow a 7 ft. fence.
             ACTION: Withdrawn by applicant.

ZBA-25-038   Applicant: Shoreline Fuel Inc.
             Request: Special permit for a sign.
             ACTION: Denied. Motion to approve: Wozniak / Second: Benoit   Vote: 2-3
"""


def test_action_lines_with_conditions_continued_withdrawn_and_a_failed_approval() -> None:
    records = parse_text(ACTIONS)
    assert [r.result for r in records] == ["passed", "tabled", "withdrawn", "failed"]
    approved = records[0]
    assert approved.text == "Special permit to operate a drive-through restaurant"
    assert (approved.mover, approved.seconder) == ("Park", "Rashid")
    assert [(v.voter, v.option) for v in approved.votes] == [("Wozniak", "no")]
    assert (records[3].mover, records[3].counts["no"]) == ("Wozniak", 3)


def test_disapproved_with_a_member_voting_to_approve() -> None:
    text = (
        "2. Tico's Grill Corp.\n   On-Premises Liquor License\n"
        "   Board action: DISAPPROVED 2-1. Commissioner Hafner voted to approve.\n"
    )
    (record,) = parse_text(text)
    assert (record.result, record.outcome.kind) == ("passed", "denied")
    assert [(v.voter, v.option) for v in record.votes] == [("Hafner", "no")]


def test_action_with_movers_in_brackets_and_a_tally_after_them() -> None:
    text = (
        "A. DEPARTMENT'S REPORT relative to the acceptance of a donation of two vehicles.\n\n"
        "   ACTION: APPROVED. (Commissioner Batista moved; Vice President Hale seconded.) 4-0.\n"
    )
    (record,) = parse_text(text)
    assert (record.result, record.mover, record.seconder, record.counts["yes"]) == ("passed", "Batista", "Hale", 4)


def test_slashed_mover_and_seconder_with_unanimous() -> None:
    (record,) = parse_text("11. Adjourn: Stubbs/Pike, unanimous. 11:42 a.m.\n")
    assert (record.text, record.result, record.mover, record.seconder) == ("Adjourn", "passed", "Stubbs", "Pike")


def test_finding_then_tally_as_a_sentence_and_members_who_voted_otherwise() -> None:
    text = (
        "CRB No. 2025-0058\nComplainant alleged discourtesy by Sergeant Ivan Petrov (Sequence #2815).\n"
        "   Allegation 1 (Discourtesy - Petrov): Sustained. 3-2. Members Burke and Rojas voted Exonerated.\n"
    )
    (record,) = parse_text(text)
    assert (record.result, record.counts["yes"], record.counts["no"]) == ("passed", 3, 2)
    assert {(v.voter, v.option) for v in record.votes} == {("Burke", "no"), ("Rojas", "no")}
    assert [(o.name, o.badge) for o in record.officers] == [("Ivan Petrov", "2815")]


def test_supported_is_a_second_and_no_second_received_fails() -> None:
    text = (
        "Commissioner Ramos made a motion to approve the minutes. Commissioner Banks supported. The motion carried.\n\n"
        "Co-Chair Nyberg moved to increase the engagement budget. The motion did not receive a second.\n"
    )
    first, second = parse_text(text)
    assert (first.mover, first.seconder, first.result) == ("Ramos", "Banks", "passed")
    assert (second.mover, second.result) == ("Nyberg", "failed")


def test_vote_lists_counted_with_names_in_brackets() -> None:
    text = (
        "Commissioner Ochoa moved to send the letter. Seconded by Commissioner Ito.\n"
        "Vote: 2 in favor (Brooks, Ochoa), 1 opposed (Till), 1 abstention (Redd).\nThe motion passed.\n"
    )
    (record,) = parse_text(text)
    assert {(v.voter, v.option) for v in record.votes} == {
        ("Brooks", "yes"),
        ("Ochoa", "yes"),
        ("Till", "no"),
        ("Redd", "abstain"),
    }


def test_council_voted_after_a_clause_and_the_order_that_carries_it_out() -> None:
    text = (
        "IN THE MATTER OF: DEPUTY SHERIFF CODY MAYNARD, Respondent.\nFINAL ORDER OF REVOCATION\n\n"
        "The Council, having reviewed the record, voted 7-1 to adopt the Proposed Decision of the Administrative\n"
        "Law Judge. Council Member Brian Oakes voted against the motion.\n\n"
        "IT IS THEREFORE ORDERED that certificate number 20-3318 issued to Cody Maynard is REVOKED.\n"
    )
    (record,) = parse_text(text)
    assert (record.result, record.counts["yes"], record.counts["no"]) == ("passed", 7, 1)
    assert record.text.startswith("to adopt the Proposed Decision")


def test_a_preface_adopted_by_a_vote_as_shown_is_no_motion() -> None:
    assert parse_text("Each finding below was adopted by a vote of the Committee as shown.\n") == []


def test_meeting_adjourned_settles_an_open_motion_to_adjourn_only() -> None:
    text = (
        "A motion to adjourn was made by Commissioner Cho and supported by Vice Chair Banks. "
        "The meeting was adjourned at 5:12 p.m.\n"
    )
    (record,) = parse_text(text)
    assert (record.result, record.mover, record.seconder) == ("passed", "Cho", "Banks")
    assert parse_text("The meeting was adjourned at 9:05 p.m.\n") == []


def test_lower_case_captions_name_the_mover_and_seconder() -> None:
    lines = [
        "i move we deny the appeal",
        "moved by commissioner alvarez seconded by",
        "commissioner brooks all those in favor",
        "aye",
        "motion carries four to one with commissioner nguyen opposed",
    ]
    segments = [TimedText(start=float(i * 3), end=float(i * 3 + 3), text=t) for i, t in enumerate(lines)]
    (record,) = parse_transcript(segments)
    assert record.mover == "Alvarez"
    assert (record.counts["yes"], record.counts["no"]) == (4, 1)


MOTION_LOG = """MOTION #2025-041 — Member Alvarez / Member Chen — To approve the minutes of
March 3, 2025 as corrected. VOTE: 6-0-1 (Abstain: Member Ross). PASSED.

MOTION #2025-044 (substitute) — Member Chen / Member Alvarez — To request a staffing
analysis. VOTE: 5-2 (No: Brandt, Ross). PASSED.

MOTION #2025-045 — Member Ross / no second — To request that the Board suspend payments.
DIED FOR LACK OF SECOND.

MOTION #2025-047 — Member Brandt / Member Okonkwo — To request an independent
medical review. TABLED to May meeting by consensus.

MOTION #2025-049 — Member Alvarez / Member Villanueva — To concur in the finding.
VOTE: 5-0 (Recused:
Okonkwo; Absent: Brandt). PASSED.

Coordinator Foster reported on data requested under Motion #2025-039 from the February
meeting. That motion, adopted February 3, 2025, asked for every placement.
"""


def test_a_numbered_motion_log_with_mover_and_seconder_between_dashes() -> None:
    minutes, substitute, lapsed, tabled, concur = parse_text(MOTION_LOG)
    assert (minutes.mover, minutes.seconder, minutes.result) == ("Alvarez", "Chen", "passed")
    assert (substitute.mover, substitute.seconder, substitute.counts["no"]) == ("Chen", "Alvarez", 2)
    assert (lapsed.mover, lapsed.seconder, lapsed.result) == ("Ross", None, "failed")
    assert (tabled.mover, tabled.result) == ("Brandt", "tabled")
    # a label at the end of its line, its names on the next
    assert {(v.voter, v.option) for v in concur.votes} == {("Okonkwo", "recused"), ("Brandt", "absent")}


def test_forms_that_reading_new_layouts_must_not_break() -> None:
    # a spaced tally keeps both its numbers; a result said with its date is this meeting's
    (spaced,) = parse_text("Motion to approve the minutes. Moved: Lee. Second: Park.\nVote: 5 - 0\n")
    assert (spaced.counts["yes"], spaced.counts["no"]) == (5, 0)
    (dated,) = parse_text(
        "MOTION: Commissioner Lee moved to approve the budget.\n"
        "The motion carried on January 14, 2025 by a vote of 5-0.\n"
    )
    assert (dated.result, dated.counts["yes"]) == ("passed", 5)
    # a capitalised word in a report is no vote, and "Debate is closed" with no motion open is none
    assert parse_text("The request was DENIED by staff last year and the applicant reapplied.\n") == []
    assert parse_transcript([TimedText(0.0, 3.0, "Debate is closed.")], document="d") == []


def test_a_recorded_vote_retakes_a_voice_vote_with_its_own_tally() -> None:
    segments = [
        TimedText(0.0, 4.0, "I move that we adopt the pursuit policy.", speaker="Commissioner Lee"),
        TimedText(4.0, 6.0, "Second.", speaker="Commissioner Park"),
        TimedText(6.0, 10.0, "All in favor? Aye. Hearing none opposed, the motion carries.", speaker="Chair Ito"),
        TimedText(10.0, 12.0, "I request a recorded vote.", speaker="Commissioner Park"),
        TimedText(12.0, 13.0, "Commissioner Lee?", speaker="Clerk"),
        TimedText(13.0, 14.0, "Yes.", speaker="Commissioner Lee"),
        TimedText(14.0, 15.0, "Commissioner Park?", speaker="Clerk"),
        TimedText(15.0, 16.0, "No.", speaker="Commissioner Park"),
        TimedText(16.0, 17.0, "Chair Ito?", speaker="Clerk"),
        TimedText(17.0, 18.0, "Yes.", speaker="Chair Ito"),
        TimedText(18.0, 20.0, "The motion carries two to one.", speaker="Clerk"),
    ]
    (motion,) = parse_transcript(segments, document="d")
    assert (motion.result, motion.counts["yes"], motion.counts["no"]) == ("passed", 2, 1)
    assert not any("stated tally" in f for f in motion.flags)
