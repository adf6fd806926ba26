"""Forms met on the tenth batch of held-out boards: panels listed after a decision, tallies with the label first,
committee votes that are not the board's, resolutions voted below their RESOLVED clause, "All Members voting
aye", a signature block's "APPROVED:", and a vote said to be on the original motion."""

from __future__ import annotations

from app.parsing import parse_text
from app.parsing.panels import find_panel_lists
from app.parsing.tally import parse_tally


def _votes(record: object) -> set[tuple[str, str]]:
    return {(v.voter, v.option) for v in record.votes}  # type: ignore[attr-defined]


def test_a_panel_listed_after_a_decision_voted_for_it_except_those_bracketed() -> None:
    (block,) = find_panel_lists(
        "(Halvorsen, Chair; Ebbesen, Marchetti, Quaye and Tolliver, Commissioners) [Marchetti and Quaye,\ndissenting]"
    )
    assert block.tally is not None and block.tally.counts == {"yes": 3, "no": 2}
    assert ("Marchetti", "no") in block.votes and ("Halvorsen", "yes") in block.votes
    (recused,) = find_panel_lists("(Halvorsen, Chair; Marchetti and Tolliver, Commissioners) [Ebbesen, recused]")
    assert recused.tally is not None and recused.tally.counts == {"yes": 3, "recused": 1}
    assert find_panel_lists("(see the Appendix, Commissioners)") == []


def test_a_digest_of_decisions_reads_each_case_with_its_panel() -> None:
    text = (
        "Ortega v. Department of Correction, D-24-118\n"
        "The Appellant was suspended for five days for leaving his post.\n"
        "Decision: The appeal is DENIED.\n"
        "(Halvorsen, Chair; Ebbesen, Marchetti and Tolliver, Commissioners) on March 6, 2025.\n\n"
        "Fennimore v. City of Port Amesbury, D-24-131\n"
        "The City suspended the Appellant for twenty days.\n"
        "Decision: ALLOWED in part; the 20-day suspension is reduced to 10 days.\n"
        "(Halvorsen, Chair; Ebbesen, Marchetti and Tolliver, Commissioners) [Tolliver, dissenting]\n"
    )
    ortega, fennimore = parse_text(text)
    assert ortega.text == "Ortega v. Department of Correction, D-24-118"
    assert (ortega.counts["yes"], ortega.outcome.kind) == (4, "appeal_denied")
    assert (fennimore.counts["yes"], fennimore.counts["no"]) == (3, 1)
    assert ("Tolliver", "no") in _votes(fennimore)


def test_tallies_with_the_label_before_the_number() -> None:
    assert parse_tally("Yeas 7 \u2013 Nays 1 \u2013 Abstain 1").counts == {"yes": 7, "no": 1, "abstain": 1}
    assert parse_tally("Ayes: 5, Nays: 2").counts == {"yes": 5, "no": 2}
    assert parse_tally("Ordinance No. 2025-09").counts == {}


def test_committee_votes_are_not_the_boards_and_a_resolution_is_read_from_its_resolved_clause() -> None:
    text = (
        "ITEM 1\n\n"
        "WHEREAS, speeding on the avenue has risen; now\n\n"
        "THEREFORE BE IT RESOLVED that Community Board 14 requests that the Precinct prioritize enforcement.\n\n"
        "Committee Vote: 9-0-0-0; Public Member Vote: 2-0-0-0\n\n"
        "Floor amendment: Board Member Hector Villafane moved to amend the resolution by striking the clause;\n"
        "seconded by Board Member Ana Reyes.\n"
        "  Amendment VOTE: 9 In Favor, 24 Opposed, 2 Abstained. AMENDMENT FAILS.\n\n"
        "VOTE: 32 In Favor, 2 Opposed, 1 Abstained. RESOLUTION ADOPTED.\n"
    )
    amendment, resolution = parse_text(text)
    assert (amendment.mover, amendment.result, amendment.counts["no"]) == ("Villafane", "failed", 24)
    assert resolution.text.startswith("Community Board 14 requests that the Precinct prioritize")
    assert (resolution.result, resolution.counts["yes"], resolution.counts["no"]) == ("passed", 32, 2)


def test_all_members_voting_aye_and_a_signature_blocks_approved_line() -> None:
    text = (
        "10. ADJOURNMENT. Member Feeney moved to adjourn; seconded by Member Acuna. All Members\n"
        "voting aye, the Board adjourned at 4:17 p.m.\n\n"
        "APPROVED:\n\n________________________________\nHarlan Pesek, Chair\n"
    )
    (record,) = parse_text(text)
    assert (record.mover, record.result) == ("Feeney", "passed")


def test_a_vote_said_to_be_on_the_original_motion_settles_it_not_the_failed_motion_to_table() -> None:
    text = (
        "Motion by Council Member Whitfield, second by Council Member Vrana to approve the purchase of body-worn\n"
        "cameras.\n"
        "Motion by Mayor Pro Tem Hruska, second by Council Member Quiroga to table the item. Motion failed 3-4.\n"
        "Discussion continued on the original motion.\n"
        "Vote on the original motion: Motion passed 5-2 (Mayor Pro Tem Hruska and Council Member Quiroga voting nay).\n"
    )
    purchase, table = parse_text(text)
    assert (purchase.mover, purchase.result, purchase.counts["yes"], purchase.counts["no"]) == (
        "Whitfield",
        "passed",
        5,
        2,
    )
    assert (table.mover, table.result) == ("Hruska", "failed")


def test_a_csv_discipline_log_is_one_decision_per_row() -> None:
    text = (
        "case_no,date,officer_rank,officer_name,badge,allegation,policy,finding,penalty,vote,dissent\n"
        'SLPC-2024-0117,2025-01-14,Officer,"Alvarado, Teresa M.",4471,"Unnecessary force, takedown",'
        "DGO 5.01,Sustained,10-day suspension,4-1,Comm. Ibarra\n"
        'SLPC-2024-0123,2025-01-14,Sergeant,"Nakashima, Derek",1902,Failure to supervise,DGO 5.01,'
        "Not Sustained,None,5-0,\n"
    )
    force, supervise = parse_text(text)
    assert (force.text, force.result, force.counts["yes"], force.counts["no"]) == (
        "Unnecessary force, takedown",
        "passed",
        4,
        1,
    )
    assert _votes(force) == {("Ibarra", "no")}
    assert (force.outcome.kind, force.outcome.days) == ("suspension", 10)
    assert [(o.name, o.badge) for o in force.officers] == [("Teresa M. Alvarado", "4471")]
    assert (supervise.outcome.kind, supervise.counts["yes"]) == ("not_guilty", 5)


def test_irish_minutes_agreed_on_a_proposal_named_members_with_accents_and_a_counted_division() -> None:
    text = (
        "MIN 13/2025 - CONFIRMATION OF MINUTES\n\n"
        "On the proposal of Cllr \u00d3 S\u00failleabh\u00e1in, seconded by Cllr Kinsella, it was agreed that\n"
        "the minutes of the Monthly Meeting held on 10th March 2025 be confirmed and signed.\n\n"
        "MIN 18/2025 - PART 8 SCHEME\n\n"
        "Proposed by Cllr Dunphy\nSeconded by Cllr Hanrahan\n\n"
        "That the Council proceed with the proposed development.\n\n"
        "On a show of hands, the result was as follows:\n\nFor: 18, Against: 9, Abstain: 2\n\n"
        "The Cathaoirleach declared the motion carried.\n"
    )
    minutes, scheme = parse_text(text)
    assert (minutes.mover, minutes.seconder, minutes.result) == ("S\u00failleabh\u00e1in", "Kinsella", "passed")
    assert (scheme.mover, scheme.seconder, scheme.result) == ("Dunphy", "Hanrahan", "passed")
    assert (scheme.counts["yes"], scheme.counts["no"], scheme.counts["abstain"]) == (18, 9, 2)


def test_a_roll_call_on_a_named_motion_leaves_out_an_advisory_vote() -> None:
    text = (
        "Motion #25-047: Moved by Director Okafor; seconded by Director Alvarez, to approve the agreement.\n"
        "Roll call vote on Motion #25-047: Director Alvarez\u2014Yes, Director Brown\u2014No, Director\n"
        "Okafor\u2014Yes, Student Representative Cho\u2014Yes (advisory)\n"
        "Motion carried 2-1.\n"
    )
    (record,) = parse_text(text)
    assert _votes(record) == {("Alvarez", "yes"), ("Brown", "no"), ("Okafor", "yes")}
    assert (record.result, record.counts["yes"], record.counts["no"]) == ("passed", 2, 1)


def test_a_final_order_in_ordered_that_paragraphs_and_a_finding_the_minority_would_have_reversed() -> None:
    text = (
        "DECISION AND RECOMMENDATION OF THE HEARING BOARD\n\nIn the Matter of Corporal Travis L. Haskell, "
        "Respondent\n\nCHARGE 1: General Order 5-101, Response to Resistance\n\n"
        "FINDING:  Guilty (Vote 2-1; Member Pryor would find Not Guilty)\n\n"
        "The Board, by a vote of two to one, recommends a loss of ten (10) days of annual leave.\n\n"
        "FINAL ORDER\n\n"
        "ORDERED, that the findings of the Hearing Board are ADOPTED; and it is further\n\n"
        "ORDERED, that Corporal Travis L. Haskell is SUSPENDED without pay for five (5) working days.\n"
    )
    records = parse_text(text)
    finding = next(r for r in records if r.text.startswith("CHARGE 1"))
    assert finding.outcome.kind != "not_guilty" and _votes(finding) == {("Pryor", "no")}
    order = next(r for r in records if "ADOPTED" in r.text)
    assert (order.outcome.kind, order.outcome.days) == ("suspension", 5)


def test_members_named_beside_a_count_in_the_result() -> None:
    text = (
        "COMMISSIONER AKANA MOVED TO AMEND THE MOTION TO ADD TWO POSITIONS, SECONDED BY VICE CHAIR\n"
        "FURUKAWA. MOTION TO\n"
        "AMEND CARRIED (4 AYES, 2 NOES\n(COMMISSIONERS TAKESHITA AND MEDEIROS), 1 EXCUSED).\n\n"
        "COMMISSIONER FURUKAWA MOVED TO ADOPT THE EVALUATION, SECONDED BY COMMISSIONER AKANA. MOTION CARRIED\n"
        "(5 AYES, 1 NO (COMMISSIONER MEDEIROS), 1 EXCUSED).\n"
    )
    amend, evaluation = parse_text(text)
    assert _votes(amend) == {("Takeshita", "no"), ("Medeiros", "no")}
    assert (evaluation.counts["yes"], evaluation.counts["no"]) == (5, 1)
    assert _votes(evaluation) == {("Medeiros", "no")}


def test_a_scottish_division_between_a_motion_and_its_amendment() -> None:
    text = (
        "5. LOCAL POLICE PLAN\n\n"
        "Councillor Lindsay, seconded by Councillor Drummond, moved that the Committee approve the plan.\n\n"
        "As an amendment, Councillor Rattray, seconded by Councillor Pirie, moved that the Committee defer\n"
        "the plan.\n\n"
        "On a division, there voted for the motion 6 and for the amendment 5, and the motion was accordingly\n"
        "carried.\n\n"
        "The Committee agreed in terms of the motion.\n"
    )
    motion, amendment = parse_text(text)
    assert (motion.mover, motion.seconder, motion.result) == ("Lindsay", "Drummond", "passed")
    assert (motion.counts["yes"], motion.counts["no"]) == (6, 5)
    assert (amendment.mover, amendment.seconder, amendment.result) == ("Rattray", "Pirie", "failed")
    assert (amendment.counts["yes"], amendment.counts["no"]) == (5, 6)


def test_legistar_action_details_counts_before_names_and_dates_are_no_tallies() -> None:
    text = (
        "File #:        25-0418            Version: 1         Name:    SRO Interlocal\n"
        "Type:          Resolution                            Status:  Adopted\n"
        "On agenda:     4/22/2025                             Final action: 4/22/2025\n\n"
        "Action Details - 4/22/2025 - Board of Commissioners\n"
        "Action text: A motion was made by Commissioner Halvorsen, seconded by Vice Chair Ramaswamy, that\n"
        "this Resolution be Adopted. The motion carried by the following vote:\n"
        "Aye: 3 Chair Okafor, Vice Chair Ramaswamy and Commissioner Halvorsen\n"
        "Nay: 1 Commissioner Ferro\n"
    )
    records = parse_text(text)
    adopted = next(r for r in records if r.mover == "Halvorsen")
    assert (adopted.result, adopted.counts["yes"], adopted.counts["no"]) == ("passed", 3, 1)
    assert ("Ferro", "no") in _votes(adopted) and ("Okafor", "yes") in _votes(adopted)
    assert all(r.counts["no"] != 22 for r in records)  # "4/22/2025" is a date
    assert parse_tally("4/22/2025").counts == {}


def test_a_board_that_voted_in_words_and_figures() -> None:
    text = (
        "Upon motion by Board Member Truitt, seconded by Board Member Delvecchio, the Board voted four (4) to one (1)\n"
        "to deny Appellant's motion to continue, Vice Chair Whitfield voting no.\n"
    )
    (record,) = parse_text(text)
    assert record.text.startswith("to deny Appellant's motion to continue")
    assert (record.result, record.counts["yes"], record.counts["no"]) == ("passed", 4, 1)
    assert _votes(record) == {("Whitfield", "no")}
