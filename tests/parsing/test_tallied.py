"""Decisions listed one to a line with the tally on the line (app.parsing.tallied), and the motion's
words stated apart from its mover's line (app.parsing.stated)."""

from __future__ import annotations

from app.parsing import MotionRecord, PageText, parse_pages, parse_text
from app.parsing.stated import stated_after, stated_nearby
from app.parsing.tallied import find_tallied_lines


def _parse(text: str) -> list[MotionRecord]:
    return parse_pages([PageText(1, text)], document="d")


def test_findings_one_to_a_line_with_a_tally_in_parentheses() -> None:
    records = _parse(
        "B. Categorical Use of Force Incident 044-24 (Sergeant Wendy Ames, Serial No. 33210)\n"
        "      Tactics - Debrief (4-0)\n"
        "      Lethal Use of Force - Out of Policy, Administrative Disapproval (3-1; President Quon dissenting)\n"
    )
    assert [r.text for r in records] == [
        "Tactics - Debrief",
        "Lethal Use of Force - Out of Policy, Administrative Disapproval",
    ]
    assert [(r.result, r.counts["yes"], r.counts["no"]) for r in records] == [("passed", 4, 0), ("passed", 3, 1)]
    assert [(o.name, o.rank, o.badge) for o in records[0].officers] == [("Wendy Ames", "Sergeant", "33210")]
    assert [(v.voter, v.option) for v in records[1].votes] == [("Quon", "no")]


def test_table_row_with_the_tally_as_its_last_cell_and_a_member_of_another_view() -> None:
    records = _parse(
        "Subject officer: PO Victor Salas, Tax #951238, 73rd Precinct\n"
        "  A. Force: Physical force          Substantiated (Charges)        3-0\n"
        "  B. Abuse of Authority: Stop       Exonerated                     2-1 (DiMarco: Unsubstantiated)\n"
    )
    assert len(records) == 2
    assert [(o.name, o.rank, o.badge) for o in records[0].officers] == [("Victor Salas", "Officer", "951238")]
    assert (records[1].counts["yes"], records[1].counts["no"]) == (2, 1)
    assert [(v.voter, v.option) for v in records[1].votes] == [("DiMarco", "no")]


def test_a_vote_after_the_decision_sentence_takes_the_item_as_its_words() -> None:
    [record] = _parse(
        "1. Violation hearing - Sunrise Liquors Inc., t/a Sunrise Liquors\n"
        "   The licensee pled responsible. The Board imposed a fine of $1,500. Vote: 3-0.\n"
    )
    assert (record.result, record.counts["yes"], record.counts["no"]) == ("passed", 3, 0)
    assert "Sunrise Liquors" in (record.evidence or "")


def test_dates_and_page_ranges_are_no_tallies() -> None:
    assert find_tallied_lines("Hearing held 10-12-2024 in Room 3.\nSee pages  4-5\n") == []


def test_motion_words_in_the_paragraph_after_mover_and_seconder_fields() -> None:
    text = "Moved by: D. Sharma\nSeconded by: K. Adeyemi\n\nThat the minutes of February 20 be confirmed.\n\nCarried\n"
    assert stated_after(text, text.index("Sharma")) == "That the minutes of February 20 be confirmed"
    [record] = _parse("2. Confirmation of the Minutes\n\n" + text)
    assert (record.text, record.result) == ("That the minutes of February 20 be confirmed", "passed")
    assert (record.mover.split()[-1], record.seconder.split()[-1]) == ("Sharma", "Adeyemi")


def test_a_bare_result_line_closes_the_motion_above_it() -> None:
    first, second = _parse(
        "Moved by: L. Grant\nSeconded by: P. Berube\n\nThat the Board receive this report.\n\nCarried\n\n"
        "Moved by: P. Berube\nSeconded by: D. Sharma\n\nThat the report be deferred.\n\nLost\n"
    )
    assert (first.mover.split()[-1], first.result) == ("Grant", "passed")
    assert (second.mover.split()[-1], second.result) == ("Berube", "failed")


def test_motion_words_in_the_paragraph_before_a_bare_mover_line() -> None:
    text = (
        "Motion & Voting\n\nAdopt Resolution No. 25-14, establishing a Campus Safety Advisory Committee.\n\n"
        "Motion by Monica Liu, second by Sharon Beck.\nFinal Resolution: Motion Carries\n"
        "Yea: Teresa Gomez, Monica Liu\nAbstain: Allen Wright\nNot Present at Vote: Sharon Beck\n"
    )
    assert stated_nearby(text, text.index("Motion by"), text.index("Final")) == (
        "Adopt Resolution No. 25-14, establishing a Campus Safety Advisory Committee"
    )
    [record] = _parse(text)
    assert record.text.startswith("Adopt Resolution No. 25-14")
    assert ("Sharon Beck", "absent") in [(v.voter, v.option) for v in record.votes]


def test_a_resolution_adopted_upon_motion_reads_its_resolved_clause() -> None:
    text = (
        "NOW, THEREFORE, BE IT RESOLVED BY THE BOARD, that the appeal of Officer Marcus Bell is denied.\n\n"
        "Adopted by the Board on February 4, 2025, upon motion of Commissioner Dalton, seconded by\n"
        "Commissioner Greer, by the following vote:\n"
    )
    start = text.index("upon motion")
    assert stated_nearby(text, start, start + 20) == "the appeal of Officer Marcus Bell is denied"


def test_a_mover_sentence_keeps_its_own_words() -> None:
    text = "Intro paragraph that says nothing.\n\nCommissioner Ruiz moved to adopt Resolution 19.\n"
    start = text.index("Commissioner")
    assert stated_nearby(text, start, start + 23) is None


def test_recorded_vote_for_against_conflict_lists() -> None:
    [record] = _parse(
        "Moved by: K. Adeyemi\nSeconded by: L. Grant\n\nThat the Board approve the contract.\n\n"
        "For (2): A. Morrow and K. Adeyemi\nAgainst (0):\nConflict (1): P. Berube\n\nCarried (2 to 0)\n"
    )
    assert (record.result, record.counts["yes"], record.counts["no"], record.counts["recused"]) == ("passed", 2, 0, 1)
    assert ("P. Berube", "recused") in [(v.voter, v.option) for v in record.votes]


def test_a_finding_on_each_count_is_a_decision_with_or_without_its_tally() -> None:
    text = (
        "Count 1 \u2013 GUILTY (unanimous)\n\n"
        "The accused admitted the strike.\n\n"
        "Count 2 \u2013 NOT GUILTY (2-1, Captain Ferraro dissenting)\n\n"
        "The majority finds the recordings unclear.\n\n"
        "Captain Ferraro dissents. In her view the recording shows a deliberate strike.\n\n"
        "Count 3 \u2013 GUILTY\n\n"
        "PENALTY: The Board of Rights, by majority vote, directs a suspension of twenty-two (22) days.\n\n"
        "Hearing Examiner Okafor dissents as to penalty only.\n"
    )
    one, two, three, penalty = parse_text(text)
    assert (one.text, one.result, one.counts["no"]) == ("Count 1 \u2013 GUILTY", "passed", 0)
    assert (two.result, two.counts["yes"], two.counts["no"], two.outcome.kind) == ("passed", 2, 1, "not_guilty")
    assert [(v.voter, v.option) for v in two.votes] == [("Ferraro", "no")]  # her dissent explained is no new vote
    assert (three.text, three.result) == ("Count 3 \u2013 GUILTY", "passed")
    assert penalty.text == "directs a suspension of twenty-two (22) days"
    assert (penalty.result, penalty.outcome.kind, penalty.outcome.days) == ("passed", "suspension", 22)
    assert [(v.voter, v.option) for v in penalty.votes] == [("Okafor", "no")]


def test_a_number_a_matter_is_filed_under_is_no_tally() -> None:
    text = "Grievance No. 23-14. The City argues that Officer Kowalczyk used force.\nCase No. 4-1. Reviewed.\n"
    assert find_tallied_lines(text) == []


def test_a_tally_after_voted_no_is_still_a_tally() -> None:
    (block,) = find_tallied_lines("Denied. Commissioner Tate moved to deny.\n   Chair Okoro voted no. 2-1.\n")
    assert block.tally is not None and block.tally.counts["yes"] == 2
