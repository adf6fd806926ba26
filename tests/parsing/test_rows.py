"""Tables of board actions in text, and "Motions for items 1 through 5 were made by ..."."""

from __future__ import annotations

from app.parsing import PageText, parse_pages
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
