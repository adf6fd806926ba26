from __future__ import annotations

from app.parsing.entities import find_officers, find_policies


def _officers(text: str) -> list[tuple[str | None, str, str | None]]:
    return [(o.rank, o.name, o.badge) for o in find_officers(text)]


def test_officers_with_rank_and_name() -> None:
    text = "the suspensions of Sergeant Dana Whitfield and Officer Luis Ortega for contacting Border Patrol"
    assert _officers(text) == [("Sergeant", "Dana Whitfield", None), ("Officer", "Luis Ortega", None)]


def test_police_officer_with_star_number_gives_badge() -> None:
    assert _officers("Police Officer John Smith, Star No. 12345, is suspended") == [("Officer", "John Smith", "12345")]


def test_upper_case_caption_names_are_title_cased() -> None:
    assert _officers("IN THE MATTER OF SERGEANT DEAN G. CLAESON, STAR No. 2054") == [
        ("Sergeant", "Dean G. Claeson", "2054")
    ]


def test_later_surname_mention_is_the_same_officer() -> None:
    text = "Sergeant Dean G. Claeson punched him. Sergeant Claeson denied it."
    assert _officers(text) == [("Sergeant", "Dean G. Claeson", None)]


def test_hearing_officer_is_not_a_police_officer() -> None:
    assert _officers("Hearing Officer Walker made an oral report") == []


def test_abbreviated_ranks_are_expanded() -> None:
    assert _officers("Sgt. Maria Lopez and Det. Sam Cho") == [
        ("Sergeant", "Maria Lopez", None),
        ("Detective", "Sam Cho", None),
    ]


def _codes(text: str) -> list[str]:
    return [p.code for p in find_policies(text)]


def test_policy_codes_in_one_form() -> None:
    assert _codes("in violation of Department Directive 102.1 (Immigration Enforcement)") == ["Directive 102.1"]
    assert _codes("General Order 3.02 and G.O. 3.02") == ["General Order 3.02"]
    assert _codes("Special Order S08-01") == ["Special Order S08-01"]
    assert _codes("Section 4-12 of the code") == ["Section 4-12"]


def test_policy_title_from_parentheses() -> None:
    policies = find_policies("Directive 102.1 (Immigration Enforcement)")
    assert policies[0].title == "Immigration Enforcement"


def test_rules_listed_together_are_each_a_policy() -> None:
    assert _codes("guilty of violating Rules 1 and 2") == ["Rule 1", "Rule 2"]
    assert _codes("not guilty of violating Rule 1, Rule 2, and Rule 6") == ["Rule 1", "Rule 2", "Rule 6"]


def test_lettered_policy_series_board_policies_and_sops_are_cited() -> None:
    codes = [p.code for p in find_policies("adopt General Order C-64 and revised Board Policy LE-027 under SOP 460")]
    assert codes == ["General Order C-64", "Board Policy LE-027", "SOP 460"]
    assert [p.code for p in find_policies("amend DGO K-03 (Use of Force)")] == ["General Order K-03"]


def test_a_police_manuals_own_numbering_is_a_policy() -> None:
    codes = [p.code for p in find_policies("1. 5.001-POL-10. Standards and Duties - Professionalism; 8.200-POL-2")]
    assert codes == ["5.001-POL-10", "8.200-POL-2"]


def test_a_rank_as_written_is_kept_as_the_records_rank() -> None:
    from app.parsing.entities import rank_as_kept

    assert [rank_as_kept(r) for r in ("Police Officer", "Sgt.", "Lieutenant")] == ["Officer", "Sergeant", "Lieutenant"]
