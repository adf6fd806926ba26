"""The export path: the generic CSV writer, formula neutralisation, motion rows, records and corrections."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import types

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st

from app.extensions import db
from app.models import Motion
from app.services import export_lists, public_queries, review
from app.services.exports import (
    EXPORT_COLUMNS,
    FORMULA_STARTS,
    VOTE_EXPORT_COLUMNS,
    csv_stream,
    export_csv,
    export_record,
    export_records,
    neutralise,
)
from tests.public.conftest import Seeded, make_meeting


def test_formula_cells_get_a_leading_quote():
    for value in ("=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")'):
        assert neutralise(value) == "'" + value


def test_ordinary_cells_are_unchanged():
    for value in ("Dana Whitfield", "30-day suspension", "", " =not at start", "'quoted"):
        assert neutralise(value) == value
    assert neutralise(-5) == -5
    assert neutralise(None) is None


@given(st.text())
def test_no_neutralised_text_starts_like_a_formula(value):
    result = neutralise(value)
    assert not result.startswith(FORMULA_STARTS)
    assert result in (value, "'" + value)


def _is_int(cell: str) -> bool:
    return cell.lstrip("-").isdigit() and cell.lstrip("-").isascii()


@given(st.lists(st.lists(st.one_of(st.text(), st.integers(), st.none(), st.booleans()), min_size=3, max_size=3)))
def test_csv_stream_round_trips_and_never_emits_a_formula(rows):
    text = "".join(csv_stream(["a", "b", "c"], rows))
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == ["a", "b", "c"]
    assert len(parsed) == len(rows) + 1
    for cells in parsed[1:]:
        # Numbers (a negative count) are data, not formulas; every text cell is neutralised.
        assert not any(cell.startswith(FORMULA_STARTS) and not _is_int(cell) for cell in cells)


def test_csv_stream_is_lazy_and_writes_one_line_per_chunk():
    consumed = []

    def rows():
        for n in range(3):
            consumed.append(n)
            yield [n, f"row {n}"]

    stream = csv_stream(["n", "label"], rows())
    assert isinstance(stream, types.GeneratorType)
    assert next(stream) == "n,label\r\n"
    assert consumed == []
    assert next(stream) == "0,row 0\r\n"
    assert consumed == [0]


def test_csv_stream_writes_utf8_text_and_booleans():
    text = "".join(csv_stream(["name", "paid"], [["Ñuñez “Q”", False], [None, True]]))
    assert text == "name,paid\r\nÑuñez “Q”,false\r\n,true\r\n"


# ---------------------------------------------------------------- motion rows, records and corrections


@pytest.fixture
def published(app: Flask) -> Seeded:
    with app.app_context():
        return make_meeting(app)


@pytest.fixture
def draft(app: Flask) -> Seeded:
    with app.app_context():
        return make_meeting(
            app, status="draft", date=dt.date(2024, 4, 4), officer_name="Quillon Drafthorne", tag=" (d)"
        )


def correct_motion(app: Flask, motion_id: int, reason: str, **changes) -> None:
    """Correct a published motion the way a clerk does (a MotionRevision with the reason)."""
    with app.test_request_context():
        motion = review.get_motion(motion_id)
        edit = dataclasses.replace(review.MotionEdit.of(motion), **changes)
        review.update_motion(motion, edit, expected_version=motion.version, user=None, reason=reason)
        db.session.commit()


def test_export_record_lists_corrections_made_after_publication(app, published):
    correct_motion(app, published.motion_id, "the minutes misstated the number of days", outcome_days=20)
    with app.test_request_context():
        motion = public_queries.published_motion(published.motion_id)
        record = export_record(motion)
        batch = {r["id"]: r for r in export_records(public_queries.meeting_motions(motion.meeting))}
    (fix,) = record["corrections"]
    assert fix["reason"] == "the minutes misstated the number of days"
    assert fix["text"].startswith("Corrected on ") and fix["text"].endswith(
        " because the minutes misstated the number of days"
    )
    assert "outcome" in fix["fields"] and "version" not in fix["fields"]
    assert fix["version"] == motion.version and fix["at"].endswith("Z")
    assert record["outcome"]["days"] == 20
    assert batch[published.motion_id]["corrections"] == record["corrections"]
    assert batch[published.audio_motion_id]["corrections"] == []


def test_export_csv_rows_end_in_permalink_and_cite_and_neutralise_formulas(app, published):
    with app.app_context():
        db.session.get(Motion, published.motion_id).mover = "@Lindqvist"
        db.session.commit()
    with app.test_request_context():
        motions = public_queries.meeting_motions(public_queries.published_meeting(published.meeting_id))
        per_motion = list(csv.reader(io.StringIO("".join(export_csv(motions)), newline="")))
        per_vote = list(csv.reader(io.StringIO("".join(export_csv(motions, rows="votes")), newline="")))
    assert tuple(per_motion[0]) == EXPORT_COLUMNS and tuple(per_vote[0]) == VOTE_EXPORT_COLUMNS
    assert per_motion[0][-2:] == ["permalink", "cite"]
    first = dict(zip(per_motion[0], per_motion[1], strict=True))
    assert first["mover"] == "'@Lindqvist"
    assert first["permalink"] == f"http://localhost/motions/{published.motion_id}"
    assert first["cite"].endswith(f"(minutes, p. 1). Boardwatch, {first['permalink']}.")
    assert len(per_vote) == 1 + 3 + 1  # three named votes, and one row for the motion without any


def test_iter_published_walks_every_batch_in_page_order(app, published, draft):
    with app.app_context():
        older = make_meeting(app, date=dt.date(2023, 5, 4), tag=" older")
        same_day = make_meeting(app, tag=" same day")
    with app.test_request_context():
        everything = export_lists.with_outcome("")
        whole = [m.id for m in export_lists.iter_published(everything)]
        one_by_one = [m.id for m in export_lists.iter_published(everything, batch=1)]
        by_three = [m.id for m in export_lists.iter_published(everything, batch=3)]
        officer = [m.id for m in export_lists.iter_published(export_lists.about_officer(published.officer_id), batch=1)]
        no_outcome = list(export_lists.iter_published(export_lists.with_outcome(export_lists.NO_OUTCOME)))
    newest_first = [
        same_day.motion_id,
        same_day.audio_motion_id,
        published.motion_id,
        published.audio_motion_id,
        older.motion_id,
        older.audio_motion_id,
    ]
    assert whole == one_by_one == by_three == newest_first  # drafts never appear
    assert officer == [same_day.motion_id, published.motion_id, older.motion_id]
    assert no_outcome == []  # every seeded motion states an outcome
