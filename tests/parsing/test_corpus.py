"""The parser on the shared corpus of real public records (read in place; PDFs copied first)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.parsing import MotionRecord, PageText, parse_pages, parse_text, parse_transcript, segments_from_json

pytestmark = pytest.mark.corpus

Pages = Callable[[str], list[PageText]]


def _evidence_on_pages(records: list[MotionRecord], pages: list[PageText]) -> None:
    texts = {p.number: p.text for p in pages}
    for record in records:
        assert record.evidence and record.evidence in texts[record.source.page]


def test_east_palo_alto_granicus_blocks(pdf_pages: Pages) -> None:
    pages = pdf_pages("east_palo_alto_planning_commission_minutes_2020-01-27.pdf")
    records = parse_pages(pages, document="epa")
    assert len(records) == 4
    assert [r.result for r in records].count("passed") == 3
    [failed] = [r for r in records if r.result == "failed"]
    assert {k: failed.counts[k] for k in ("yes", "no", "abstain", "absent")} == {
        "yes": 4,
        "no": 2,
        "abstain": 1,
        "absent": 1,
    }
    assert failed.text.startswith("to postpone the election of Chair and Vice Chair")
    assert all(r.mover and r.seconder for r in records)
    assert [(r.mover, r.seconder) for r in records] == [
        ("Mashack", "Brown"),
        ("Garcia", "Allen Fisk"),
        ("Allen Fisk", "Mendez"),
        ("Allen Fisk", "Bello"),
    ]
    assert records[0].text == "APPROVAL OF THE AGENDA" and records[1].source.page == 2
    assert all(r.flags == [] for r in records)
    _evidence_on_pages(records, pages)


def test_rancho_palos_verdes_agenda_is_a_negative_control(pdf_pages: Pages) -> None:
    records = parse_pages(pdf_pages("rancho_palos_verdes_city_council_agenda_2022-12-06.pdf"), document="rpv")
    assert [r for r in records if r.result in ("passed", "failed")] == []


def test_cuyahoga_agenda_has_no_votes(pdf_pages: Pages) -> None:
    records = parse_pages(pdf_pages("cuyahoga_county_board_of_health_agenda_2019-04-24.pdf"), document="c")
    assert [r for r in records if r.result in ("passed", "failed")] == []


def test_chicago_ssa21_terse_minutes(pdf_pages: Pages) -> None:
    pages = pdf_pages("chicago_ssa21_lincoln_square_commission_minutes_2018-01-29.pdf")
    records = parse_pages(pages, document="ssa")
    movers = [(r.mover, r.seconder) for r in records]
    assert ("Maiorca", "Feinberg") in movers and ("Munro", "Dallas") in movers and ("Munro", "Maiorca") in movers
    assert any(r.text == "2018 Meetings Calendar" and r.result == "passed" for r in records)
    assert len(records) == 5
    _evidence_on_pages(records, pages)


def test_police_board_decision_with_named_votes(pdf_pages: Pages) -> None:
    pages = pdf_pages("chicago_police_board_decision_12PB2787.pdf")
    records = parse_pages(pages, document="pb")
    assert len(records) == 4
    assert [(r.counts["yes"], r.counts["no"]) for r in records] == [(6, 2), (8, 0), (5, 3), (5, 3)]
    final = records[-1]
    assert final.outcome.kind == "reinstatement"
    assert [(o.rank, o.name, o.badge) for o in final.officers] == [("Officer", "Anthony A. Nowakowski", "15267")]
    assert all(r.classification == "discipline" for r in records)
    _evidence_on_pages(records, pages)


def test_police_board_suspension_order_voted_by_signatures(pdf_pages: Pages) -> None:
    pages = pdf_pages("chicago_police_board_decision_11PB2774.pdf")
    [record] = parse_pages(pages, document="pb")
    assert (record.outcome.kind, record.outcome.days) == ("suspension", 45)
    assert (record.counts["yes"], record.counts["no"], record.counts["recused"]) == (5, 2, 2)
    assert "Caproni" not in [v.voter for v in record.votes]  # the Executive Director attests, not votes
    assert record.officers[0].name == "Dean G. Claeson" and record.officers[0].badge == "2054"
    _evidence_on_pages([record], pages)


def test_police_board_scanned_discharge(pdf_pages: Pages) -> None:
    [record] = parse_pages(pdf_pages("chicago_police_board_decision_00PB2400.pdf"), document="pb")
    assert record.outcome.kind == "termination" and record.result == "passed"
    assert record.counts["yes"] is None  # no names or numbers stated: unknown, not guessed
    assert record.officers[0].rank == "Crossing Guard"


def test_boston_licensing_dispositions(pdf_pages: Pages) -> None:
    records = parse_pages(pdf_pages("boston_licensing_board_voting_minutes_2020-07-30.pdf"), document="b")
    assert len(records) >= 10
    assert all(r.result == "passed" for r in records)
    assert sum(r.classification == "licensing" for r in records) >= 9


def test_santa_ana_ocr_minutes(corpus: Path) -> None:
    text = (corpus / "text" / "santa_ana_city_council_minutes_2024-02-20_ocr.txt").read_text(encoding="utf-8")
    records = parse_text(text, document="sa")
    decided = [r for r in records if r.result != "unknown"]
    assert len(decided) == 12
    assert all(r.mover and r.seconder for r in records)
    substitute = [r for r in records if (r.counts["yes"], r.counts["no"]) == (4, 3)]
    assert len(substitute) == 1 and substitute[0].mover == "Bacerra"
    assert sorted(substitute[0].votes, key=lambda v: v.voter)[0].voter == "Amezcua"
    assert any("superseded" in flag for r in records for flag in r.flags)
    assert all(not r.flags for r in decided)


def test_minneapolis_captions_voice_votes(corpus: Path) -> None:
    data = json.loads(
        (corpus / "transcripts" / "minneapolis_public_health_safety_committee_2025-03-19_captions.json").read_text()
    )
    segments = segments_from_json(data)
    records = parse_transcript(segments, document="mpls")
    assert len(records) == 4
    assert all(r.result == "passed" for r in records)
    assert records[1].mover == "Payne"
    assert any("POSTPONE" in r.text.upper() for r in records)
    joined = " ".join(s.text for s in segments)
    assert all(r.evidence in joined and r.source.start < r.source.end for r in records)


def test_seattle_whisper_transcript_unanimous_consent(corpus: Path) -> None:
    data = json.loads(
        (corpus / "transcripts" / "cdp_seattle_council_special_meeting_whisper_transcript.json").read_text()
    )
    [record] = parse_transcript(segments_from_json(data), document="sea")
    assert record.result == "passed" and record.classification == "minutes_agenda"
    assert record.source.start == pytest.approx(61.2, abs=0.1)


def test_portland_minutes_and_captions(corpus: Path) -> None:
    text = (corpus / "text" / "portland_city_council_minutes_and_captions_2011-01-12.txt").read_text(encoding="utf-8")
    records = parse_text(text, document="pdx")
    moved = [r for r in records if r.mover]
    assert ("Fish", "Fritz") in [(r.mover, r.seconder) for r in moved]
    assert all(r.result == "passed" for r in records)
    # The closed-caption half: roll calls answered inline ("Fritz: Aye.  Fish: Aye."), quoted verbatim.
    spoken = [r for r in records if r.votes]
    assert len(spoken) == 8 and all(r.evidence and r.evidence in text for r in spoken)
    assert sum(len(r.votes) == 5 and all(v.option == "yes" for v in r.votes) for r in spoken) == 7
    assert ("Adams", "Fish") in [(r.mover, r.seconder) for r in spoken]
