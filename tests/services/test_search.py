"""The search service: safe MATCH queries, indexing, published-only results, escaped snippets."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import Meeting, Motion
from app.services import search
from app.services.search import fts_match_query, highlight, query_terms, text_snippet
from tests.public.conftest import make_meeting

FTS_TABLE = "CREATE VIRTUAL TABLE t USING fts5(names, content, tokenize='porter unicode61 remove_diacritics 2')"


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(FTS_TABLE)
    conn.execute("INSERT INTO t VALUES (?, ?)", ("Sergeant Kellan O'Brien", "use-of-force review, 5-2, Rule 300.4"))
    return conn


@pytest.mark.parametrize(
    ("raw", "terms"),
    [
        ("use-of-force", ["use of force"]),
        ("5-2", ["5 2"]),
        ("300.4", ["300 4"]),
        ("O'Brien", ["O Brien"]),
        ('"', []),
        ("AND", ["AND"]),
        ("-x", ["x"]),
        ("*x", ["x"]),
        ("", []),
        ("Whitfield  suspension", ["Whitfield", "suspension"]),
    ],
)
def test_query_terms_keep_words_and_drop_syntax(raw, terms):
    assert query_terms(raw) == terms


@pytest.mark.parametrize(
    ("raw", "matches"),
    [("use-of-force", 1), ("5-2", 1), ("300.4", 1), ("O'Brien", 1), ("AND", 0), ("-x", 0), ("*x", 0), ("review", 1)],
)
def test_everyday_queries_match_as_people_mean_them(fts, raw, matches):
    query = fts_match_query(raw)
    assert fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchone()[0] == matches


def test_empty_and_punctuation_only_text_builds_no_query():
    for raw in ("", "   ", '"', "''", "-", "*", "()", "^"):
        assert fts_match_query(raw) is None


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_built_queries_never_error_in_fts5(fts, raw):
    query = fts_match_query(raw)
    if query is not None:
        fts.execute("SELECT bm25(t) FROM t WHERE t MATCH ? ORDER BY rank", (query,)).fetchall()
        fts.execute("SELECT snippet(t, -1, '[', ']', '…', 10) FROM t WHERE t MATCH ?", (query,)).fetchall()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(['"', "'", "-", "*", "^", ":", "(", ")", "AND", "OR", "NOT", "NEAR", "x", " ", "+"])))
def test_built_queries_never_error_on_fts5_syntax_soup(fts, parts):
    query = fts_match_query("".join(parts))
    if query is not None:
        fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchall()


def test_highlight_escapes_before_marking():
    marked = highlight(f"<b>{search.MARK_START}O'Brien{search.MARK_END}</b> & co")
    assert str(marked) == "&lt;b&gt;<mark>O&#39;Brien</mark>&lt;/b&gt; &amp; co"


def test_highlight_drops_unbalanced_markers():
    assert str(highlight(f"a {search.MARK_START}b")) == "a b"


def test_python_snippet_escapes_and_marks(app):
    snippet = text_snippet("Motion <script>alert(1)</script> to suspend Whitfield", "whitfield script")
    assert "<script>" not in str(snippet)
    assert "&lt;<mark>script</mark>&gt;" in str(snippet)
    assert "<mark>Whitfield</mark>" in str(snippet)


def _doc_count(meeting_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(search.search_doc).where(search.search_doc.c.meeting_id == meeting_id)
    )


def test_reindex_replaces_a_meetings_rows_without_duplicates(app):
    with app.app_context():
        seeded = make_meeting(app)
        first = _doc_count(seeded.meeting_id)
        assert first == 5  # two motions, one PDF page, two transcript segments
        meeting = db.session.get(Meeting, seeded.meeting_id)
        search.reindex_meeting(meeting)
        search.reindex_meeting(meeting)
        db.session.commit()
        assert _doc_count(seeded.meeting_id) == first


def test_reindex_drops_deleted_motions_and_picks_up_edits(app):
    with app.app_context():
        seeded = make_meeting(app)
        meeting = db.session.get(Meeting, seeded.meeting_id)
        db.session.delete(db.session.get(Motion, seeded.audio_motion_id))
        db.session.get(Motion, seeded.motion_id).text = "to reinstate Officer Zephyrine Quast"
        search.reindex_meeting(meeting)
        db.session.commit()
        hits = search.match_motions("Zephyrine")
        assert db.session.execute(select(hits.c.ref_id)).scalars().all() == [seeded.motion_id]
        assert db.session.execute(select(search.match_motions("minutes").c.ref_id)).all() == []


def test_fts_rows_follow_search_doc_and_go_with_a_deleted_meeting(app):
    with app.app_context():
        if db.session.get_bind().dialect.name != "sqlite":
            pytest.skip("the FTS5 table exists on SQLite only")
        seeded = make_meeting(app)
        count = text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q")
        assert db.session.scalar(count, {"q": '"Whitfield"'}) == 1
        params = {"id": seeded.meeting_id}
        statements = (
            "DELETE FROM vote WHERE motion_id IN (SELECT id FROM motion WHERE meeting_id = :id)",
            "DELETE FROM motion_officer WHERE motion_id IN (SELECT id FROM motion WHERE meeting_id = :id)",
            "DELETE FROM motion_policy WHERE motion_id IN (SELECT id FROM motion WHERE meeting_id = :id)",
            "DELETE FROM motion WHERE meeting_id = :id",
            "DELETE FROM segment WHERE transcript_id IN (SELECT t.id FROM transcript t"
            " JOIN document d ON d.id = t.document_id WHERE d.meeting_id = :id)",
            "DELETE FROM transcript WHERE document_id IN (SELECT id FROM document WHERE meeting_id = :id)",
            "DELETE FROM document_page WHERE document_id IN (SELECT id FROM document WHERE meeting_id = :id)",
            "DELETE FROM document WHERE meeting_id = :id",
            "DELETE FROM meeting WHERE id = :id",  # its search rows go by ON DELETE CASCADE
        )
        for statement in statements:
            db.session.execute(text(statement), params)
        db.session.commit()
        assert _doc_count(seeded.meeting_id) == 0
        assert db.session.scalar(count, {"q": '"Whitfield"'}) == 0


def test_unpublishing_hides_passages_at_once(app):
    with app.app_context():
        seeded = make_meeting(app)
        passages, total = search.match_passages("order")
        assert total == 1 and passages[0].start == 12.0 and passages[0].kind == "segment"
        db.session.get(Meeting, seeded.meeting_id).status = "draft"
        db.session.commit()
        assert search.match_passages("order") == ([], 0)


def test_passages_filter_by_date_and_link_pages(app):
    import datetime as dt

    with app.app_context():
        make_meeting(app)
        passages, total = search.match_passages("O'Brien")
        assert total == 1 and passages[0].kind == "page" and passages[0].page == 1
        assert search.match_passages("O'Brien", date_from=dt.date(2025, 1, 1)) == ([], 0)
