"""Roll-call tables: one member per row with a vote (or a mark under the option), and members as columns with
one row per item; read by written minutes."""

from __future__ import annotations

from app.parsing import parse_text
from app.parsing.rolltables import find_roll_tables


def _votes(block: object) -> list[tuple[str, str]]:
    return list(block.votes)  # type: ignore[attr-defined]


def test_one_member_per_row_with_dotted_leaders_tabs_and_bars() -> None:
    text = (
        "Recorded vote\n"
        "Commissioner Ibarra ........ Aye\n"
        "Vice Chair Lund\tNay\n"
        "| Dr. Okafor | Abstain |\n"
        "Tremblay  Absent\n"
        "\nThe chair thanked staff.\n"
    )
    (block,) = find_roll_tables(text)
    assert _votes(block) == [("Ibarra", "yes"), ("Lund", "no"), ("Okafor", "abstain"), ("Tremblay", "absent")]
    assert block.start == 0  # the heading above the rows belongs to the table


def test_a_single_name_and_vote_line_is_no_table() -> None:
    assert find_roll_tables("Mayor Diaz  Aye\nThe motion carried.\n") == []
    assert find_roll_tables("Approved the minutes  Yes\nReceived the report  No\n") == []


def test_marks_under_option_columns() -> None:
    text = (
        "Member        Aye   Nay   Abstain   Absent\n"
        "Ferreira      X\n"
        "Holm                X\n"
        "Nakagawa                  X\n"
    )
    (block,) = find_roll_tables(text)
    assert _votes(block) == [("Ferreira", "yes"), ("Holm", "no"), ("Nakagawa", "abstain")]


def test_members_as_columns_one_row_per_item_with_a_result_column() -> None:
    text = (
        "Item                         Ferreira  Holm  Nakagawa  Result\n"
        "4. Purchase of radios        Y         Y     N         Carried\n"
        "5. Adopt Policy 310          Y         A     Y         Carried\n"
        "6 Towing contract            N         N     Y         Failed\n"
    )
    rows = find_roll_tables(text)
    assert [(b.item, b.words, b.result) for b in rows] == [
        ("4", "Purchase of radios", "passed"),
        ("5", "Adopt Policy 310", "passed"),
        ("6", "Towing contract", "failed"),
    ]
    assert _votes(rows[1]) == [("Ferreira", "yes"), ("Holm", "abstain"), ("Nakagawa", "yes")]


def test_members_as_columns_with_single_spaces_as_a_text_layer_gives_them() -> None:
    text = "Motion Ames Birch Cole Dunn\nApprove minutes Aye Aye Aye Nay\nAccept audit Aye Nay Nay Nay\n"
    first, second = find_roll_tables(text)
    assert first.words == "Approve minutes" and _votes(second)[0] == ("Ames", "yes")
    assert [o for _, o in _votes(second)] == ["yes", "no", "no", "no"]


def test_minutes_take_a_member_table_as_the_motion_s_votes() -> None:
    text = (
        "7. RADIO CONTRACT\n"
        "Commissioner Holm moved to award the radio contract to Northline, seconded by Commissioner Ferreira.\n"
        "ROLL CALL VOTE\n"
        "Ferreira ......... Yes\n"
        "Holm ............. Yes\n"
        "Nakagawa ......... No\n"
        "The motion carried 2-1.\n"
    )
    (record,) = parse_text(text)
    assert (record.result, record.mover, record.seconder) == ("passed", "Holm", "Ferreira")
    assert {(v.voter, v.option) for v in record.votes} == {("Ferreira", "yes"), ("Holm", "yes"), ("Nakagawa", "no")}


def test_minutes_read_each_row_of_an_item_table_as_its_own_vote() -> None:
    text = (
        "SUMMARY OF VOTES\n\n"
        "Item                      Ames   Birch   Cole   Result\n"
        "3. Approve minutes        Y      Y       Y      Carried\n"
        "4. Camera policy          Y      N       N      Failed\n"
    )
    first, second = parse_text(text)
    assert (first.text, first.result, second.result) == ("Approve minutes", "passed", "failed")
    assert {(v.voter, v.option) for v in second.votes} == {("Ames", "yes"), ("Birch", "no"), ("Cole", "no")}
