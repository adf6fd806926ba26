"""Minutes in British, Canadian and Australian forms: "RESOLVED - That ...", "proposed by", an amendment LOST
with its counts, "Moved Cr X / Seconded Cr Y", "CARRIED 5/2", "For:" / "Against:" divisions with plural titles,
a bare CARRIED under a "Moved by:" field block, and the main motion put after an amendment."""

from __future__ import annotations

from app.parsing import parse_text


def _votes(record: object) -> set[tuple[str, str]]:
    return {(v.voter, v.option) for v in record.votes}  # type: ignore[attr-defined]


def test_a_resolution_line_is_the_decision_and_the_proposer_before_it_moved_it() -> None:
    text = (
        "12/30  EXCLUSION OF THE PRESS AND PUBLIC\n\n"
        "It was proposed by Councillor Quayle and seconded by Councillor Fenwick, and\n\n"
        "RESOLVED \u2013 That the press and public be excluded from the meeting for the following item.\n\n"
        "12/31  MINUTES\n\n"
        "RESOLVED \u2013 That the minutes of the meeting held on 3 May be confirmed. (Unanimous)\n"
    )
    excluded, minutes = parse_text(text)
    assert (excluded.result, excluded.mover, excluded.seconder) == ("passed", "Quayle", "Fenwick")
    assert excluded.text.startswith("the press and public be excluded")
    assert (minutes.result, minutes.mover, minutes.counts["no"]) == ("passed", None, 0)
    assert minutes.text.startswith("the minutes of the meeting held on 3 May")


def test_an_amendment_lost_with_its_counts_then_the_substantive_motion_takes_the_recorded_vote() -> None:
    text = (
        "It was proposed by Councillor Penhallow and seconded by Councillor Blakemore that the Panel supports "
        "the proposed precept.\n\n"
        "An amendment was proposed by Councillor Mahmood and seconded by Councillor Sandhu, to add a rural "
        "policing allocation.\n\n"
        "On being put to the vote the amendment was LOST (3 for, 7 against, 1 abstention).\n\n"
        "A recorded vote was then taken on the substantive motion as follows:\n\n"
        "For (2):       Councillors Blakemore and Penhallow\n"
        "Against (1):   Councillor Mahmood\n\n"
        "RESOLVED \u2013 That the Panel supports the proposed precept.\n"
    )
    main, amendment = parse_text(text)
    assert (amendment.result, amendment.mover, amendment.seconder) == ("failed", "Mahmood", "Sandhu")
    assert (amendment.counts["yes"], amendment.counts["no"], amendment.counts["abstain"]) == (3, 7, 1)
    assert (main.result, main.mover, main.seconder) == ("passed", "Penhallow", "Blakemore")
    assert _votes(main) == {("Blakemore", "yes"), ("Penhallow", "yes"), ("Mahmood", "no")}


def test_moved_and_seconded_with_a_title_and_no_by_and_a_tally_after_carried() -> None:
    text = (
        "Resolution 2024/115\n"
        "Moved Cr Trebilcock / Seconded Cr Ashdown\n"
        "That Council approve the reallocation of $385,000 to the road reseal program.\n"
        "CARRIED 6/1\n\n"
        "Moved Cr Nguyen / Seconded Cr Kilbride\n"
        "That Council approve the feedlot application.\n\n"
        "Following debate the motion was put.\n"
        "LOST\n"
    )
    carried, lost = parse_text(text)
    assert (carried.result, carried.mover, carried.seconder) == ("passed", "Trebilcock", "Ashdown")
    assert (carried.counts["yes"], carried.counts["no"]) == (6, 1)
    assert carried.text.startswith("That Council approve the reallocation")
    assert (lost.result, lost.mover, lost.seconder) == ("failed", "Nguyen", "Kilbride")


def test_a_division_with_plural_titles_gives_each_councillors_vote() -> None:
    text = (
        "MOVED: Cr Kilbride          SECONDED: Cr Nguyen\n"
        "That Council establish a Community Safety Advisory Committee.\n\n"
        "DIVISION:\n"
        "For:       Crs Pettigrew, Munro, Kilbride and Nguyen\n"
        "Against:   Crs O'Halloran and Ashdown\n\n"
        "CARRIED\n"
    )
    (record,) = parse_text(text)
    assert record.result == "passed"
    assert (record.counts["yes"], record.counts["no"]) == (4, 2)
    assert ("Pettigrew", "yes") in _votes(record) and ("O'Halloran", "no") in _votes(record)


def test_a_bare_carried_under_a_field_block_settles_the_motion_and_the_main_motion_after_its_amendment() -> None:
    text = (
        "7.   REVISED BOARD POLICY LE-027\n\n"
        "Moved by: Mayor Lussier\n"
        "Seconded by: Member Ostrowski\n\n"
        "THAT the Board approve revised Board Policy LE-027.\n\n"
        "Councillor Haddadi moved the following amendment:\n\n"
        "Moved by: Councillor Haddadi\n"
        "Seconded by: Councillor Dunleavy\n\n"
        "THAT the motion be amended by adding a reporting clause.\n\n"
        "The amendment was put and was\n\n"
        "DEFEATED\n\n"
        "The main motion was then put and was\n\n"
        "CARRIED\n"
    )
    records = parse_text(text)
    main = next(r for r in records if r.mover == "Lussier")
    amendment = next(r for r in records if r.mover == "Haddadi")
    assert main.text.startswith("THAT the Board approve revised Board Policy LE-027")
    assert (main.result, main.seconder) == ("passed", "Ostrowski")
    assert (amendment.result, amendment.seconder) == ("failed", "Dunleavy")


def test_a_division_lists_who_voted_for_the_motion_and_for_the_amendment() -> None:
    text = (
        "6. PUBLIC COUNTER SERVICE REVIEW\n\n"
        "Councillor Drummond, seconded by Councillor McCallum, moved that the Committee note the report.\n\n"
        "As an amendment, Councillor Soutar, seconded by Councillor Kinnear, moved that the Committee (i) note\n"
        "the report; and (ii) request that the Chief Constable pause the proposed closures.\n\n"
        "On a division, there voted for the motion 3 and for the amendment 2, and the motion was accordingly\n"
        "carried.\n\n"
        "For the motion:     Councillors Baird, Drummond\n"
        "                    and McCallum.\n\n"
        "For the amendment:  Councillors Kinnear and Soutar.\n\n"
        "Decision\n\nThe Committee agreed in terms of the motion.\n"
    )
    motion, amendment = parse_text(text)
    assert motion.result == "passed" and amendment.result == "failed"
    assert {(v.voter, v.option) for v in motion.votes} == {
        ("Baird", "yes"),
        ("Drummond", "yes"),
        ("McCallum", "yes"),
        ("Kinnear", "no"),
        ("Soutar", "no"),
    }
    assert {(v.voter, v.option) for v in amendment.votes} == {
        ("Kinnear", "yes"),
        ("Soutar", "yes"),
        ("Baird", "no"),
        ("Drummond", "no"),
        ("McCallum", "no"),
    }
    # the motion's quote is where it was made, not the amendment moved after it
    assert "amendment" not in (motion.evidence or "")


def test_a_motion_set_out_as_a_list_after_a_blank_line_keeps_its_items() -> None:
    text = (
        "5. FIRE SERVICE CONSULTATION\n\n"
        "Councillor Rattray, seconded by Councillor Pirie, moved that the Committee:\n\n"
        "     (i)   note the report; and\n"
        "     (ii)  agree that the Convener oppose the removal of the second appliance.\n\n"
        "The motion was carried.\n"
    )
    (motion,) = parse_text(text)
    assert "oppose the removal of the second appliance" in motion.text
    assert (motion.mover, motion.seconder, motion.result) == ("Rattray", "Pirie", "passed")


def test_what_a_committee_agreed_is_the_decisions_text_and_continuing_it_defers() -> None:
    text = (
        "3. MINUTE OF PREVIOUS MEETING\n\n"
        "The minute of the meeting of 10 December 2024 was submitted and approved as a correct record.\n\n"
        "4. PERFORMANCE REPORT\n\nDecision\n\nThe Committee agreed:\n\n"
        "(i)   to note the report; and\n"
        "(ii)  to request that the Local Police Commander provide a briefing note to all members.\n\n"
        "9. FIREWORK CONTROL ZONES\n\nDecision\n\n"
        "The Committee agreed to continue consideration of the report to its next meeting.\n"
    )
    minute, briefing, fireworks = parse_text(text)
    assert minute.result == "passed" and "correct record" in (minute.evidence or "")
    assert "request that the Local Police Commander provide a briefing note" in briefing.text
    assert briefing.result == "passed"
    assert fireworks.result == "tabled" and fireworks.text.startswith("to continue consideration")


def test_an_amendment_put_and_declared_lost_and_a_motion_left_to_lie_on_the_table() -> None:
    text = (
        "Amendment\nMoved:      Cr Henare\nSeconded:   Cr Fairweather\n"
        "That clause (b) be amended so that the ban applies only at night.\n"
        "The amendment was put and declared LOST.\n\n"
        "Cr Henare moved the following Notice of Motion, seconded by Cr Mills:\n\n"
        "That the Council writes to the Commissioner of Police requesting longer counter hours.\n\n"
        "Following discussion, and by leave of the meeting, the motion was left to lie on the table until the\n"
        "Ordinary Council Meeting on 26 June 2025.\n"
    )
    amendment, notice = parse_text(text)
    assert (amendment.mover, amendment.result) == ("Henare", "failed")
    assert (notice.mover, notice.seconder, notice.result) == ("Henare", "Mills", "tabled")
