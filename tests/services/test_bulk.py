"""Bulk dumps (SQLite and zipped CSVs of published records), export rows with permalink and citation."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from flask import Flask

from app.extensions import db
from app.models import Meeting, Motion
from app.services import bulk, bulk_tables, citations, exports, public_queries
from app.services.citations import permalink, public_url
from app.services.exports import FORMULA_STARTS
from tests.public.conftest import make_meeting
from tests.services.test_exports import correct_motion

DRAFT_WORDS = ("Drafthorne", "Rule 99", "secret draft reasons")


@pytest.fixture
def records(app: Flask):
    """A published meeting and a draft one (the draft names its own officer and policy)."""
    with app.app_context():
        published = make_meeting(app)
        draft = make_meeting(
            app,
            status="draft",
            date=dt.date(2024, 4, 4),
            motion_text="to terminate Officer Quillon Drafthorne for secret draft reasons",
            officer_name="Quillon Drafthorne",
            policy_code="Rule 99",
            tag=" (draft)",
        )
        return published, draft


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_rebuild_writes_published_records_only(app, records):
    published, _draft = records
    with app.app_context():
        manifest = bulk.rebuild()
    folder = Path(app.config["EXPORTS_FOLDER"])
    sqlite_path = folder / bulk.SQLITE_NAME
    assert manifest["counts"]["meetings"] == 1 and manifest["counts"]["motions"] == 2
    assert manifest["counts"]["votes"] == 3 and manifest["counts"]["officers"] == 1
    assert _rows(sqlite_path, "SELECT id, date, title FROM meetings") == [
        (published.meeting_id, "2024-03-07", "Regular meeting")
    ]
    by_id = {
        row[0]: row[1:]
        for row in _rows(sqlite_path, "SELECT id, yes, no, outcome_days, outcome_paid, permalink, cite FROM motions")
    }
    motion = by_id[published.motion_id]
    assert motion[:4] == (2, 1, 30, 0)
    assert motion[4] == f"http://localhost/motions/{published.motion_id}"
    assert motion[5].endswith(f"motion {published.motion_id} (minutes, p. 1). Boardwatch, {motion[4]}.")
    assert _rows(sqlite_path, "SELECT code FROM policies") == [("Directive 102.1",)]
    assert _rows(sqlite_path, "PRAGMA foreign_key_check") == []
    dump = sqlite_path.read_bytes()
    for word in DRAFT_WORDS:
        assert word.encode() not in dump
    on_disk = json.loads((folder / bulk.MANIFEST_NAME).read_text())
    assert on_disk["files"][bulk.SQLITE_NAME]["size"] == sqlite_path.stat().st_size
    assert not list(folder.glob(".build-*"))  # nothing half-built is left behind


def test_zip_has_one_csv_per_table_matching_the_sqlite_file(app, records):
    with app.app_context():
        manifest = bulk.rebuild()
    folder = Path(app.config["EXPORTS_FOLDER"])
    with zipfile.ZipFile(folder / bulk.ZIP_NAME) as archive:
        assert sorted(archive.namelist()) == sorted(f"{t}.csv" for t in bulk.TABLES)
        for table in bulk.TABLES:
            rows = list(csv.reader(io.StringIO(archive.read(f"{table}.csv").decode("utf-8"), newline="")))
            assert rows[0] == bulk.table_columns(table)
            assert len(rows) - 1 == manifest["counts"][table], table
        motions_csv = archive.read("motions.csv").decode()
    for word in DRAFT_WORDS:
        assert word not in motions_csv


def test_formula_cells_are_neutralised_in_the_zip(app, records):
    published, _ = records
    with app.app_context():
        db.session.get(Motion, published.motion_id).text = '=HYPERLINK("http://evil.example","click")'
        db.session.commit()
        bulk.rebuild()
    with zipfile.ZipFile(Path(app.config["EXPORTS_FOLDER"]) / bulk.ZIP_NAME) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("motions.csv").decode(), newline="")))
    texts = [row["text"] for row in rows]
    assert '\'=HYPERLINK("http://evil.example","click")' in texts
    assert not any(
        cell.startswith(FORMULA_STARTS) for row in rows for cell in row.values() if not cell.lstrip("-").isdigit()
    )


def test_a_build_killed_midway_leaves_nothing_behind_after_the_next(app, records):
    folder = Path(app.config["EXPORTS_FOLDER"])
    (folder / ".build-killed").mkdir(parents=True)
    (folder / ".build-killed" / bulk.SQLITE_NAME).write_bytes(b"half a file")
    with app.app_context():
        bulk.rebuild()
    assert not list(folder.glob(".build-*"))
    assert (folder / bulk.SQLITE_NAME).read_bytes().startswith(b"SQLite format 3")


def test_ensure_current_rebuilds_only_when_published_records_change(app, records):
    with app.app_context():
        first = bulk.ensure_current()
        assert bulk.ensure_current()["built_at"] == first["built_at"]
        draft = db.session.scalars(db.select(Meeting).where(Meeting.status == "draft")).one()
        draft.status = "published"
        draft.published_at = dt.datetime(2024, 4, 5, 12, 0)
        db.session.commit()
        second = bulk.ensure_current()
    assert second["counts"]["meetings"] == 2 and second["fingerprint"] != first["fingerprint"]


def test_hook_logs_a_failed_build_and_keeps_the_old_files(app, records, tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(bulk.log, "disabled", False)  # alembic's fileConfig (run by the test setup) turns it off
    with app.app_context():
        bulk.rebuild_bulk_exports()
        old = (Path(app.config["EXPORTS_FOLDER"]) / bulk.SQLITE_NAME).read_bytes()
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where the exports folder should be")
        app.config["EXPORTS_FOLDER"] = str(blocker)
        bulk.rebuild_bulk_exports()  # must not raise: the change it follows is already saved
    assert "rebuilding the bulk downloads failed" in caplog.text
    assert old.startswith(b"SQLite format 3")


def test_permalinks_use_public_base_url_outside_requests(app, records):
    app.config["PUBLIC_BASE_URL"] = "https://boardwatch.example.org/"
    with app.app_context():
        bulk.rebuild()
    (link,) = _rows(Path(app.config["EXPORTS_FOLDER"]) / bulk.SQLITE_NAME, "SELECT url FROM meetings")
    assert link[0].startswith("https://boardwatch.example.org/meetings/")


def test_rebuild_downloads_command(app, records, runner):
    result = runner.invoke(args=["rebuild-downloads", "--base-url", "https://records.example.gov/"])
    assert result.exit_code == 0, result.output
    assert "1 meetings, 2 motions, 3 votes" in result.output
    (link,) = _rows(Path(app.config["EXPORTS_FOLDER"]) / bulk.SQLITE_NAME, "SELECT permalink FROM motions LIMIT 1")
    assert link[0].startswith("https://records.example.gov/motions/")


def test_export_csv_one_row_per_motion_or_per_vote(app, records):
    published, _ = records
    with app.test_request_context():
        motions = public_queries.meeting_motions(public_queries.published_meeting(published.meeting_id))
        per_motion = list(csv.DictReader(io.StringIO("".join(bulk.export_csv(motions)), newline="")))
        per_vote = list(csv.DictReader(io.StringIO("".join(bulk.export_csv(motions, rows="votes")), newline="")))
    assert [int(r["id"]) for r in per_motion] == [published.motion_id, published.audio_motion_id]
    assert all(r["permalink"] == r["url"] and r["cite"].endswith(r["permalink"] + ".") for r in per_motion)
    # Three named votes on the discipline motion; the minutes motion has none and keeps one row.
    assert [(r["id"], r["voter"], r["vote"]) for r in per_vote] == [
        (str(published.motion_id), "Lindqvist", "yes"),
        (str(published.motion_id), "Fairweather", "yes"),
        (str(published.motion_id), "Okonkwo-Reyes", "no"),
        (str(published.audio_motion_id), "", ""),
    ]
    assert "(recording at 1:01:51)" in per_vote[-1]["cite"]


def test_export_record_adds_permalink_and_cite_to_the_contract(app, records):
    published, _ = records
    with app.test_request_context():
        record = bulk.export_record(public_queries.published_motion(published.motion_id))
    assert record["permalink"] == f"http://localhost/motions/{published.motion_id}"
    assert record["cite"].startswith(
        "Harbor City Board of Police Commissioners, \u201cRegular meeting,\u201d March 7, 2024"
    )
    assert record["counts"]["yes"] == 2 and record["review"] == "machine"


def test_dump_has_corrections_and_meeting_citations(app, records):
    published, _draft = records
    correct_motion(app, published.motion_id, "the vote was 2-1, not 3-0")
    with app.app_context():
        manifest = bulk.rebuild()
    path = Path(app.config["EXPORTS_FOLDER"]) / bulk.SQLITE_NAME
    assert manifest["counts"]["corrections"] == 1
    ((motion_id, version, at, reason),) = _rows(path, "SELECT motion_id, version, at, reason FROM corrections")
    assert (motion_id, reason) == (published.motion_id, "the vote was 2-1, not 3-0")
    assert version >= 2 and dt.datetime.fromisoformat(at)
    ((url, cite),) = _rows(path, "SELECT url, cite FROM meetings")
    assert (
        cite
        == f"Harbor City Board of Police Commissioners, \u201cRegular meeting,\u201d March 7, 2024. Boardwatch, {url}."
    )


def test_public_url_prefers_public_base_url_even_inside_a_request(app):
    with app.test_request_context(base_url="http://10.0.0.5:8000/"):
        assert permalink(7) == "http://10.0.0.5:8000/motions/7"
        app.config["PUBLIC_BASE_URL"] = "https://records.example.gov/boardwatch/"
        assert permalink(7) == "https://records.example.gov/boardwatch/motions/7"
        assert public_url("public.search", q="a b") == "https://records.example.gov/boardwatch/search?q=a+b"
        app.config["PUBLIC_BASE_URL"] = "records.example.gov"
        assert permalink(7) == "https://records.example.gov/motions/7"
    with app.app_context():
        app.config["PUBLIC_BASE_URL"] = None
        assert permalink(7) == "http://localhost/motions/7"


def test_bulk_module_keeps_its_old_names(app):
    assert bulk.export_csv is exports.export_csv and bulk.export_record is exports.export_record
    assert bulk.permalink is citations.permalink and bulk.cite is citations.cite
    assert bulk.TABLES is bulk_tables.TABLES and bulk.table_columns is bulk_tables.table_columns
