"""Written minutes: vote blocks, narrative motions, terse lines, roll calls (inline texts)."""

from __future__ import annotations

from app.parsing import MotionRecord, PageText, Roster, parse_pages, parse_text

DEMO = (
    "5. DISCIPLINARY MATTERS\n"
    "Commissioner Alvarez moved, seconded by Commissioner Brooks, to finalize the thirty-day suspensions without pay "
    "of Sergeant Dana Whitfield and Officer Luis Ortega for contacting U.S. Border Patrol during traffic stops in "
    "violation of Department Directive 102.1 (Immigration Enforcement). The motion carried 5-2. Ayes: Alvarez, "
    "Brooks, Chen, Delgado, Foster. Noes: Grant, Hughes.\n"
)


def _parse(text: str, roster: Roster | None = None) -> list[MotionRecord]:
    return parse_pages([PageText(number=1, text=text)], document="abc123", roster=roster)


def _only(text: str, roster: Roster | None = None) -> MotionRecord:
    records = _parse(text, roster)
    assert len(records) == 1, [r.to_dict() for r in records]
    return records[0]


def test_demo_minutes_give_the_full_record() -> None:
    record = _only(DEMO)
    assert record.text.startswith("to finalize the thirty-day suspensions without pay")
    assert (record.mover, record.seconder, record.result) == ("Alvarez", "Brooks", "passed")
    assert record.counts == {"yes": 5, "no": 2, "abstain": 0, "absent": 0, "excused": 0, "recused": 0}
    assert [(v.voter, v.option) for v in record.votes][-2:] == [("Grant", "no"), ("Hughes", "no")]
    assert [(o.rank, o.name) for o in record.officers] == [("Sergeant", "Dana Whitfield"), ("Officer", "Luis Ortega")]
    assert [p.code for p in record.policies] == ["Directive 102.1"]
    assert (record.outcome.kind, record.outcome.days, record.outcome.paid) == ("suspension", 30, False)
    assert record.classification == "discipline"
    assert record.agenda_item == "5"
    assert record.source.document == "abc123" and record.source.page == 1
    assert record.evidence and record.evidence in DEMO and "carried 5-2" in record.evidence
    assert record.flags == [] and record.confidence > 0.9


def test_demo_minutes_with_roster_use_canonical_names() -> None:
    roster = Roster.from_names(["Maria Alvarez", "Tom Brooks", "Li Chen", "Ana Delgado", "Sam Foster", "Jo Grant"])
    record = _only(DEMO, roster)
    assert record.mover == "Maria Alvarez" and record.seconder == "Tom Brooks"
    assert [v.voter for v in record.votes][:2] == ["Maria Alvarez", "Tom Brooks"]
    assert record.votes[-1].voter == "Hughes"  # not on the roster: kept as written


def test_granicus_block_takes_item_title_and_derives_counts() -> None:
    text = (
        "2. APPROVAL OF THE AGENDA\nRESULT: APPROVED [UNANIMOUS]\nMOVER: Mashack\nSECONDER: Brown\n"
        "AYES: Mashack, Brown, Allen Fisk\nABSENT: Hernandez\n3. PUBLIC COMMENT\n"
    )
    record = _only(text)
    assert (record.text, record.agenda_item, record.classification) == ("APPROVAL OF THE AGENDA", "2", "minutes_agenda")
    assert (record.mover, record.seconder, record.result) == ("Mashack", "Brown", "passed")
    assert record.counts == {"yes": 3, "no": 0, "abstain": 0, "absent": 1, "excused": 0, "recused": 0}
    assert record.outcome.kind == "approved"


def test_granicus_failed_block_with_four_part_tally() -> None:
    text = (
        "RESULT: FAILED [4-2-1-1]\nMOTION BY: Allen Fisk\nSECOND: Mendez\nAYES: Sherrard, Allen Fisk, Bello,\n"
        "Mendez\nNAYS: Brown, Mashack\nABSTAIN: Garcia\nABSENT: Hernandez\n"
    )
    record = _only(text)
    assert record.result == "failed"
    assert {k: record.counts[k] for k in ("yes", "no", "abstain", "absent")} == {
        "yes": 4,
        "no": 2,
        "abstain": 1,
        "absent": 1,
    }
    assert "Mendez" in [v.voter for v in record.votes if v.option == "yes"]  # the wrapped line
    assert record.outcome.kind is None


def test_narrative_motion_then_roll_call_block_is_one_motion() -> None:
    text = (
        "MOTION: Councilmember Bacerra moved to approve the recommended action for Item No. 10, seconded by Mayor "
        "Amezcua.\nThe motion carried, 6-0- 1, by the following roll call vote:\nAYES: COUNCILMEMBER BACERRA, "
        "COUNCILMEMBER\nHERNANDEZ, MAYOR PRO TEM PHAN, COUNCILMEMBER LOPEZ,\nMAYOR AMEZCUA, COUNCILMEMBER VAZQUEZ\n"
        "NOES: NONE\nABSTAIN: NONE\nABSENT: COUNCILMEMBER PENALOZA\nStatus: 6 - 0 - 1 - Pass\n"
    )
    record = _only(text)
    assert (record.mover, record.seconder, record.agenda_item) == ("Bacerra", "Amezcua", "10")
    assert record.counts["yes"] == 6 and record.counts["absent"] == 1 and record.counts["abstain"] == 0
    assert ("Penaloza", "absent") in [(v.voter, v.option) for v in record.votes]
    assert record.flags == []


def test_it_was_moved_and_seconded_that() -> None:
    record = _only(
        "It was moved by Commissioner Lee and seconded by Commissioner Park that the "
        "Board adopt the budget. Motion carried 7-2."
    )
    assert (record.mover, record.seconder, record.result) == ("Lee", "Park", "passed")
    assert record.text.startswith("that the Board adopt the budget")
    assert (record.counts["yes"], record.counts["no"]) == (7, 2)


def test_motion_by_second_by_form() -> None:
    record = _only(
        "Motion by Commissioner Lee, second by Commissioner Park, to approve the "
        "minutes. The motion passed unanimously."
    )
    assert (record.mover, record.seconder, record.result) == ("Lee", "Park", "passed")
    assert record.counts["no"] == 0 and record.counts["yes"] is None


def test_motion_failed_for_lack_of_a_second() -> None:
    record = _only("Commissioner Grant moved to rescind Directive 4.1. The motion failed for lack of a second.")
    assert (record.mover, record.seconder, record.result) == ("Grant", None, "failed")


def test_withdrawn_and_tabled_motions() -> None:
    assert _only("Commissioner Grant moved to amend the agenda. The motion was withdrawn.").result == "withdrawn"
    assert _only("Commissioner Grant moved to adopt the policy. The motion was tabled.").result == "tabled"


def test_roll_call_with_abstention_counts_abstain() -> None:
    text = (
        "Commissioner Alvarez moved to approve the contract, seconded by Commissioner Brooks.\n"
        "Roll call: Alvarez - yes; Brooks - yes; Chen - no; Delgado - abstain.\nThe motion carried."
    )
    record = _only(text)
    assert record.counts == {"yes": 2, "no": 1, "abstain": 1, "absent": 0, "excused": 0, "recused": 0}
    assert record.result == "passed"


def test_aye_nay_lists_inline() -> None:
    record = _only("Commissioner Chen moved to adopt the report. Aye: Chen, Lee, Park, Nay: Grant. Motion carried.")
    assert (record.counts["yes"], record.counts["no"]) == (3, 1)


def test_voting_no_clause_names_dissenters() -> None:
    record = _only(
        "Commissioner Chen moved to adopt the report, seconded by Commissioner Lee. The motion carried 5-2, with "
        "Commissioners Grant and Hughes voting no."
    )
    assert [(v.voter, v.option) for v in record.votes] == [("Grant", "no"), ("Hughes", "no")]
    assert (record.counts["yes"], record.counts["no"]) == (5, 2)


def test_terse_minutes_with_motion_and_second() -> None:
    records = _parse(
        "\u2022 Minutes from 11/30/17 meeting approved \u2013 Z. Maiorca (motion), T. Feinberg (second)\n"
        "o APPROVED \u2013 2018 Meetings Calendar\n"
    )
    assert [(r.text, r.mover, r.seconder, r.result) for r in records] == [
        ("Minutes from 11/30/17 meeting approved", "Maiorca", "Feinberg", "passed"),
        ("2018 Meetings Calendar", None, None, "passed"),
    ]


def test_substitute_motion_supersedes_the_main_motion() -> None:
    text = (
        "MOTION: Councilmember Lopez moved to approve Item 28, seconded by Councilmember Hernandez.\n"
        "SUBSTITUTE MOTION: Councilmember Bacerra moved to approve Item 28 as amended, seconded by Mayor Amezcua.\n"
        "The substitute motion carried, 4-3.\n"
    )
    first, second = _parse(text)
    assert first.result == "unknown" and "superseded by a substitute motion" in first.flags
    assert (second.mover, second.result, second.counts["yes"]) == ("Bacerra", "passed", 4)


def test_tally_that_disagrees_with_names_is_flagged() -> None:
    record = _only(
        "Commissioner Lee moved to approve the budget. The motion carried 5-2. Ayes: "
        "Lee, Park, Chen. Noes: Grant, Hughes."
    )
    assert record.counts["yes"] == 5 and len([v for v in record.votes if v.option == "yes"]) == 3
    assert record.flags and record.confidence < 0.9


def test_evidence_stays_on_the_page_of_the_vote() -> None:
    pages = [
        PageText(
            1, "MOTION: Councilmember Lopez moved to approve the recommended action, seconded by Mayor Amezcua.\n"
        ),
        PageText(2, "The motion carried, 7-0.\n"),
    ]
    [record] = parse_pages(pages, document="d")
    assert record.source.page == 2
    assert record.evidence == "The motion carried, 7-0."
    assert record.mover == "Lopez"


def test_agenda_with_proposed_motions_has_no_votes() -> None:
    text = (
        "CONSENT CALENDAR\nItems listed under the Consent Calendar will be approved in one motion.\n"
        "A. Motion to Waive Full Reading\nRecommendation: Adopt a motion to waive reading in full of all ordinances.\n"
        "B. Approval of Minutes\nRecommendation: Approve the Minutes of November 15, 2022.\n"
    )
    assert [r for r in _parse(text) if r.result in ("passed", "failed")] == []


def test_disposition_lines_under_numbered_items() -> None:
    text = "1. BOSTON HOSPITALITY PARTNERS, LLC\nHas petitioned to change the manager.\nGRANTED\n2. CAFE ROMA\nDENIED\n"
    records = _parse(text)
    assert [(r.agenda_item, r.result) for r in records] == [("1", "passed"), ("2", "passed")]
    assert records[1].outcome.kind == "denied"


def test_on_motion_by_and_body_voted_unanimously() -> None:
    record = _only(
        "On motion by Commissioner Smith, seconded by Commissioner Jones, the Board voted unanimously to approve the "
        "consent agenda."
    )
    assert (record.text, record.mover, record.seconder, record.result) == (
        "to approve the consent agenda",
        "Smith",
        "Jones",
        "passed",
    )


def test_motion_label_with_moved_seconded_and_vote_fields() -> None:
    record = _only("Motion: Approve the minutes of June 5, 2023. Moved: Smith. Seconded: Jones. Vote: 5-0-1.")
    assert (record.text, record.mover, record.seconder) == ("Approve the minutes of June 5, 2023", "Smith", "Jones")
    assert (record.counts["yes"], record.counts["no"], record.counts["abstain"]) == (5, 0, 1)


def test_ms_shorthand() -> None:
    record = _only("M/S Smith/Jones to approve the agenda. Motion carried 6-0.")
    assert (record.mover, record.seconder, record.counts["yes"]) == ("Smith", "Jones", 6)


def test_moved_seconded_and_carried_unanimously_to() -> None:
    record = _only(
        "Moved by Director Smith, seconded by Director Jones, and carried unanimously to approve the Warrant List."
    )
    assert (record.text, record.mover, record.result) == ("to approve the Warrant List", "Smith", "passed")


def test_body_voted_with_tally_and_dissent() -> None:
    record = _only(
        "The Board voted 5-2 to deny the appeal of Officer Kim Ray and sustain the finding under General Order 5.1. "
        "Commissioners Grant and Hughes voted no."
    )
    assert record.text == "to deny the appeal of Officer Kim Ray and sustain the finding under General Order 5.1"
    assert (record.classification, record.outcome.kind) == ("appeal", "appeal_denied")
    assert (record.counts["yes"], record.counts["no"], record.counts["abstain"]) == (5, 2, None)
    assert [p.code for p in record.policies] == ["General Order 5.1"]
    assert record.flags == []


def test_motion_duly_made_and_seconded_without_names() -> None:
    record = _only("Upon a motion duly made and seconded, the Board unanimously approved the minutes.")
    assert (record.mover, record.seconder, record.result, record.classification) == (
        None,
        None,
        "passed",
        "minutes_agenda",
    )


def test_vote_lists_after_the_next_items_heading_start_a_new_motion() -> None:
    records = _parse(
        "F. Commissioner Lee moved to approve the minutes. The motion passed unanimously.\n"
        "G. Chair Pressley called for a vote on the motion to adopt General Order 3.02. "
        "Yes: Alvarez, Brooks. No: Chen.\n"
    )
    assert [r.text for r in records] == ["to approve the minutes", "to adopt General Order 3.02"]
    assert records[0].votes == [] and (records[1].counts["yes"], records[1].counts["no"]) == (2, 1)


def test_itemised_tallies_take_the_item_words() -> None:
    records = _parse(
        "CONSENT AGENDA  *42 Accept a grant of $94,710 for five volunteers  (Ordinance)  (Y-5) 184349  "
        "*43 Authorize a grant agreement with Janus Youth Programs  (Ordinance)  (Y-4 N-1) 184350"
    )
    assert [(r.agenda_item, r.counts["yes"], r.counts["no"]) for r in records] == [("42", 5, 0), ("43", 4, 1)]
    assert records[0].text == "Accept a grant of $94,710 for five volunteers (Ordinance)"


def test_msc_with_its_tally_after_the_words_and_lists_inside_brackets() -> None:
    text = (
        "3. APPROVAL OF MINUTES\n\n"
        "M/S/C (Okafor/Lindqvist) to approve the minutes of April 23, 2025, as corrected (p. 3, spelling\n"
        "of a speaker's name). 6-0-1 (Abstain: Reyes)\n\n"
        "4. GENERAL ORDER C-64\n\n"
        "M/S (Tran/Bell) to refer General Order C-64 back to the subcommittee.\n"
        "Motion failed 2-4 (Ayes: Tran, Bell; Noes: Okafor, Lindqvist, Reyes, Hsu; Absent: Castellanos)\n"
    )
    minutes, refer = parse_text(text)
    assert (minutes.mover, minutes.seconder, minutes.result) == ("Okafor", "Lindqvist", "passed")
    assert (minutes.counts["yes"], minutes.counts["no"], minutes.counts["abstain"]) == (6, 0, 1)
    assert [p.code for p in refer.policies] == ["General Order C-64"]
    assert (refer.result, refer.counts["yes"], refer.counts["no"]) == ("failed", 2, 4)
    assert {(v.voter, v.option) for v in refer.votes} >= {("Tran", "yes"), ("Hsu", "no"), ("Castellanos", "absent")}


def test_members_not_present_at_the_vote_and_an_action_approved_by_consensus() -> None:
    text = (
        "Motion by Gloria Pemberton, second by Annika Solberg.\n"
        "Final Resolution: Motion Carries\n"
        "Marisol Quintana: Yea\nAnnika Solberg: Yea\nGloria Pemberton: Yea\nWalter Nakashima: Not Present at Vote\n"
    )
    (record,) = parse_text(text)
    assert ("Walter Nakashima", "absent") in {(v.voter, v.option) for v in record.votes}
    listed = (
        "Respondent:        Deputy Sheriff Alana M. Corrigan, Marlow County Sheriff's Office\n"
        "Commission Action: Suspend for 12 months\n"
        "Approved by consensus.\n"
    )
    (action,) = parse_text(listed)
    assert (action.result, action.outcome.kind) == ("passed", "suspension")
