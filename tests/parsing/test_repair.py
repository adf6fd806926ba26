"""OCR repair and page joins: run-together words split, running headers dropped, quotes still verbatim."""

from __future__ import annotations

from app.parsing import PageText, parse_pages
from app.parsing.layout import Doc
from app.parsing.repair import drop_page_lines, repair


def test_run_together_words_are_split_and_map_back() -> None:
    raw = "Commissioner Ramirezmoved to approve,seconded by Commissioner Nguyen. Themotion carried,5-0."
    text, origin = repair(raw)
    assert text == "Commissioner Ramirez moved to approve, seconded by Commissioner Nguyen. The motion carried, 5-0."
    assert len(origin) == len(text) + 1
    assert raw[origin[0] : origin[len(text)]] == raw
    assert all(raw[origin[i]] == char for i, char in enumerate(text) if char != " ")


def test_words_that_only_look_glued_are_left_alone() -> None:
    for raw in ("The item was removed from the agenda.", "Items 1,086 and 2,000", "Mayor Pro Tem Phan"):
        assert repair(raw)[0] == raw


def test_ocr_minutes_parse_and_quote_the_original_text() -> None:
    raw = (
        "MOTION: Commissioner Okoyemoved to appoint Daniel Reyes as Police Auditor,seconded by Commissioner "
        "Ramirez. The motion carried,4-0-1, by the following roll call vote:\n"
        "AYES: COMMISSIONERS RAMIREZ, NGUYEN, OKOYE, PRESIDENT HADDAD\nNOES: NONE\n"
        "ABSTAIN: PRESIDENT PRO TERN ASHBY\nABSENT: NONE\n"
    )
    [record] = parse_pages([PageText(1, raw)], document="d")
    assert (record.mover, record.seconder, record.result) == ("Okoye", "Ramirez", "passed")
    assert (record.counts["yes"], record.counts["abstain"]) == (4, 1)
    assert ("Ashby", "abstain") in [(v.voter, v.option) for v in record.votes]
    assert record.evidence and record.evidence in raw


def test_running_header_lines_are_dropped_from_the_edges_of_a_page() -> None:
    page = "Minutes   September 17, 2025   Page 2\n  Rahman\nNAYS: Lorenzo\n"
    text, origin = drop_page_lines(page)
    assert text == "  Rahman\nNAYS: Lorenzo\n"
    assert page[origin[0] :].startswith("  Rahman")


def test_a_vote_list_running_over_a_page_break_is_one_list() -> None:
    pages = [
        PageText(
            1, "3.1 Directive 14.2 review\nRESULT: ADOPTED [4 TO 2]\nMOVER: Achebe\nAYES: Solberg, Achebe, Whitfield,"
        ),
        PageText(2, "Oversight Commission Minutes Page 2\n   Rahman\nNAYS: Lorenzo, Estrada\n\n3.2 Next item\n"),
    ]
    [record] = parse_pages(pages, document="d")
    assert [v.voter for v in record.votes if v.option == "yes"] == ["Solberg", "Achebe", "Whitfield", "Rahman"]
    assert (record.counts["yes"], record.counts["no"]) == (4, 2) and record.flags == []
    assert record.source.page == 2 and record.evidence in pages[1].text


def test_doc_quotes_are_cut_from_the_source_as_read() -> None:
    doc = Doc.from_pages([PageText(1, "Themotion carried,5-0.")])
    assert doc.text == "The motion carried, 5-0."
    assert doc.verbatim(0, len(doc.text)) == "Themotion carried,5-0."


def test_markdown_minutes_lose_their_marks_and_keep_their_offsets() -> None:
    from app.parsing.repair import plain_markdown

    text = (
        "# Board meeting\n\n## 4. Pursuit policy\n\n"
        "- **Motion:** Recommend that the department revise General Order 410.\n"
        "- **Moved:** @Priya Nair  **Seconded:** @Tom Becker\n"
        "- **Vote:** 5-1\n- **Result:** Passed\n"
    )
    plain, origin = plain_markdown(text)
    assert "Moved: Priya Nair  Seconded: Tom Becker" in plain
    assert plain.count("**") == 0 and "\nMotion: Recommend" in plain
    at = plain.index("Priya")
    assert text[origin[at] : origin[at] + 5] == "Priya"
    assert plain_markdown("Plain minutes. **Not** markdown.")[0] == "Plain minutes. **Not** markdown."


def test_markdown_minutes_read_as_minutes() -> None:
    from app.parsing import parse_text

    (motion,) = parse_text(
        "# Board meeting\n\n## 4. Pursuit policy\n\n"
        "- **Motion:** Recommend that the department revise General Order 410.\n"
        "- **Moved:** @Priya Nair  **Seconded:** @Tom Becker\n"
        "- **Vote:** 5-1\n- **Result:** Passed\n"
    )
    assert (motion.mover, motion.seconder, motion.result, motion.counts["yes"]) == ("Nair", "Becker", "passed", 5)
    assert "**" in (motion.evidence or "")  # the quote is the source as written
