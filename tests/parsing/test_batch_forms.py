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
