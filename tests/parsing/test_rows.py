"""Tables of board actions in text, and "Motions for items 1 through 5 were made by ..."."""

from __future__ import annotations

from app.parsing import PageText, parse_pages, parse_text
from app.parsing.rows import find_table_rows

TABLE = (
    "Item  Licensee / Matter                          Board Action                Vote\n"
    "1     Blue Moon Tavern, 12 Main St.              Approved (new license)      5-0\n"
    "2     Lucky Star Liquors, 400 Ocean Ave.         Denied                      3-2 (Chen and Ruiz dissenting)\n"
    "3     Harbor Lights Bar - violation 01/10/25     3-day suspension            4-1 (Okoro dissenting)\n"
    "4     Vine Street Market - transfer              Continued to April 2        -\n"
    "\n"
    "Motions for items 1 through 4 were made by Member Stiles and seconded by Member Foy.\n"
)


def test_each_row_is_a_decision_with_its_tally() -> None:
    rows = find_table_rows(TABLE)
    assert [(r.item, r.result) for r in rows] == [("1", "passed"), ("2", "passed"), ("3", "passed"), ("4", "tabled")]
    assert rows[1].outcome == "denied" and rows[1].tally and rows[1].tally.counts == {"yes": 3, "no": 2}


def test_rows_become_motions_with_dissenters_outcomes_and_the_shared_mover() -> None:
    records = parse_pages([PageText(1, TABLE)], document="d")
    assert [r.text for r in records][:2] == ["Blue Moon Tavern, 12 Main St", "Lucky Star Liquors, 400 Ocean Ave"]
    denied, suspended = records[1], records[2]
    assert denied.outcome.kind == "denied" and [(v.voter, v.option) for v in denied.votes] == [
        ("Chen", "no"),
        ("Ruiz", "no"),
    ]
    assert (suspended.outcome.kind, suspended.outcome.days) == ("suspension", 3)
    assert all((r.mover, r.seconder) == ("Stiles", "Foy") for r in records)
    assert records[3].result == "tabled"


def test_a_table_without_an_action_column_is_no_decision() -> None:
    assert find_table_rows("Name        Title         Status\nAna Ruiz    Commissioner  Present\n") == []


_LEGISTAR = (
    "File #:        25-0431            Version: 2         Name:    ALPR Purchase\n"
    "Title:         A RESOLUTION AUTHORIZING THE PURCHASE OF A LICENSE PLATE READER SYSTEM\n\n"
    "Date        Ver.  Action By                            Action                       Result\n"
    "4/22/2025   2     Board of Commissioners               adopted                      Fail\n"
    "4/9/2025    1     Clerk of the Board                   scheduled for Board\n\n"
    "Action Details - 4/22/2025 - Board of Commissioners\n"
    "Action text: A motion was made by Commissioner Halvorsen, seconded by Commissioner Varga, that\n"
    "this Resolution be Adopted. The motion failed by the following vote:\n"
    "Aye: 3 Chair Okafor, Commissioner Varga and Commissioner Halvorsen\n\n"
    "Lakewood County                           Page 2                       Printed on 4/24/2025\n"
    "\f\n"
    "Nay: 3 Vice Chair Ramaswamy, Commissioner Tsosie and Commissioner Ferro\n"
    "Absent: 1 Commissioner Bellweather\n"
)


def test_a_file_history_told_again_as_motions_is_no_motion_of_its_own() -> None:
    (motion,) = parse_text(_LEGISTAR)
    assert (motion.mover, motion.seconder, motion.result) == ("Halvorsen", "Varga", "failed")
    # the Nay list goes on over the page break
    assert (motion.counts["yes"], motion.counts["no"], motion.counts["absent"]) == (3, 3, 1)
    assert ("Ferro", "no") in {(v.voter, v.option) for v in motion.votes}


def test_a_file_history_with_no_motion_told_stands_for_its_votes() -> None:
    history = _LEGISTAR.split("Action Details")[0]
    (row,) = parse_text(history)
    assert row.result == "failed"
