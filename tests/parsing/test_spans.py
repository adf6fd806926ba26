"""The record segmenter: lists of decisions split into one span per item, case, docket, licence or respondent,
and the written reader keeping each record's vote, mover and outcome to itself."""

from __future__ import annotations

from app.parsing import parse_text
from app.parsing.spans import Records, record_spans


def _labels(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.label) for s in record_spans(text)]


def test_case_numbers_split_records_and_a_respondent_line_inside_does_not() -> None:
    text = (
        "HEARING PANEL RESULTS\n\n"
        "Case No. 2031-A\nRespondent: Ofc. Lena Park\nSustained. 3-0.\n\n"
        "Case No. 2032-B\nRespondent: Sgt. Omar Beck\nNot sustained. 2-1.\n"
    )
    assert _labels(text) == [("case", "Case No. 2031-A"), ("case", "Case No. 2032-B")]
    first, second = record_spans(text)
    assert text[first.start : first.end].endswith("3-0.\n\n") and second.end == len(text)


def test_numbered_items_count_up_and_a_nested_list_stays_inside_its_item() -> None:
    text = (
        "1. Minutes\nApproved.\n"
        "2. Vehicle purchase\nThat the Board:\n1. buy two vans; and\n2. sell one sedan.\nCarried.\n"
        "3. Adjournment\n"
    )
    assert [label for _, label in _labels(text)] == ["1. Minutes", "2. Vehicle purchase", "3. Adjournment"]


def test_dockets_licences_and_matters_are_record_starts() -> None:
    assert [k for k, _ in _labels("Docket 25-7 Acme\nGranted.\nDocket 25-9 Birch\nDenied.\n")] == ["docket"] * 2
    licences = "License #4471 - Blue Moon\nSuspended 3 days.\nLicense #5120 - Red Cup\nWarning.\n"
    assert [k for k, _ in _labels(licences)] == ["license"] * 2
    matters = "In the Matter of J. Ruiz\nRevoked.\n\nIn the Matter of K. Oduya\nDismissed.\n"
    assert [k for k, _ in _labels(matters)] == ["matter"] * 2


def test_the_first_repeated_kind_opens_records_and_a_later_kind_stays_inside() -> None:
    text = "Item 1 - Corner Deli\nLicense No. 8812\nDenied.\nItem 2 - Lakeside Inn\nLicense No. 9023\nGranted.\n"
    assert [k for k, _ in _labels(text)] == ["item", "item"]


def test_capital_headings_split_a_list_only_where_they_decide_something() -> None:
    text = "CITY LICENSING BOARD\n\nTHE GREEN DOOR LLC\nDisposition: Granted\n\nHARBOR FUEL INC\nDisposition: Denied\n"
    assert _labels(text) == [("heading", "THE GREEN DOOR LLC"), ("heading", "HARBOR FUEL INC")]
    minutes = "ROLL CALL\nAll present.\n\nPUBLIC COMMENT\nNone.\n"
    assert record_spans(minutes) == []


def test_paragraphs_with_a_disposition_are_records_when_nothing_numbers_them() -> None:
    text = (
        "Sunset Cafe, 14 Elm St.\nAction: Approved\nVote 4-0\n\n"
        "Note: the applicant thanked the Board.\n\n"
        "Mill Creek Tavern, 2 Dock Rd.\nAction: Denied\n"
    )
    spans = record_spans(text)
    assert [s.label for s in spans] == ["Sunset Cafe, 14 Elm St.", "Mill Creek Tavern, 2 Dock Rd."]
    assert "thanked" in text[spans[0].start : spans[0].end]  # a block with no disposition stays with its record
    assert record_spans("Mayor Ito called the meeting to order.\n\nThe motion carried.\n") == []


def test_records_lookup() -> None:
    text = "Preamble\nCase No. 1\nGranted.\nCase No. 2\nDenied.\n"
    records = Records(record_spans(text))
    one, two = text.index("Granted"), text.index("Denied")
    assert records.at(0) is None and records.same(one, text.index("Case No. 1"))
    assert not records.same(one, two)
    assert records.floor(two, 0) == text.index("Case No. 2")
    assert Records([]).same(0, 500)


def test_each_record_keeps_its_own_vote_mover_and_outcome() -> None:
    text = (
        "BOARD OF TAXI REVIEW - DECISIONS\n\n"
        "Case No. 88-140 - Driver Amal Ross\n"
        "Decision: Suspended for 10 days.\n"
        "Moved by Member Quinn, seconded by Member Ortega.\n\n"
        "Case No. 88-141 - Driver Tom Salas\n"
        "Decision: Dismissed.\n"
        "(Quinn, Ortega; Member Vale dissenting)\n"
    )
    first, second = parse_text(text)
    assert (first.mover, first.seconder) == ("Quinn", "Ortega")
    assert (first.outcome.kind, first.outcome.days) == ("suspension", 10)
    assert first.votes == []
    assert second.mover is None and [(v.voter, v.option) for v in second.votes] == [("Vale", "no")]
    assert "88-141" in (second.evidence or "") and "88-140" not in (second.evidence or "")


def test_a_bulleted_list_of_cases_is_split_at_its_bullets() -> None:
    text = (
        "JULY 2024\n\n"
        "\u2022 Officer Dominic Varga (#2278), Patrol Division - Discourtesy\n"
        "  (Rule 4.3) - SUSTAINED - Two-day suspension without pay. Commission vote 4-1.\n\n"
        "\u2022 Officer Kira Beaumont (#4203), Patrol Division - Discourtesy\n"
        "  (Rule 4.3) - SUSTAINED - Written reprimand. Commission vote 4-0.\n"
    )
    spans = record_spans(text)
    assert [s.kind for s in spans] == ["bullet", "bullet"]
    assert "Beaumont" not in text[spans[0].start : spans[0].end]
