"""The search service: safe MATCH queries, indexing, published-only results, escaped snippets."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import Meeting, Motion
from app.services import search, search_index
from app.services.motion_search import _engine, find_passages, search_motions
from app.services.search import fts_match_query, highlight, query_terms, text_snippet
from app.services.search_filters import Criteria
from app.services.search_fts import Count
from app.services.search_params import SearchParams
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


def _motion_ids(**args) -> list[int]:
    return [hit.motion.id for hit in search_motions(SearchParams(**args)).hits]


def test_reindex_drops_deleted_motions_and_picks_up_edits(app):
    with app.app_context():
        seeded = make_meeting(app)
        meeting = db.session.get(Meeting, seeded.meeting_id)
        db.session.delete(db.session.get(Motion, seeded.audio_motion_id))
        db.session.get(Motion, seeded.motion_id).text = "to reinstate Officer Zephyrine Quast"
        search.reindex_meeting(meeting)
        db.session.commit()
        assert _motion_ids(q="Zephyrine") == [seeded.motion_id]
        assert _motion_ids(q="minutes") == []


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
        passages, total = find_passages(Criteria(q="order"))
        assert total == Count(1, False) and passages[0].start == 12.0 and passages[0].kind == "segment"
        db.session.get(Meeting, seeded.meeting_id).status = "draft"  # no reindex: its rows linger
        db.session.commit()
        assert find_passages(Criteria(q="order")) == ([], Count(0, False))
        assert _motion_ids(q="suspension") == []
        assert search_motions(SearchParams(q="suspension")).total.value == 0


def test_passages_filter_by_date_and_link_pages(app):
    with app.app_context():
        make_meeting(app)
        passages, total = find_passages(Criteria(q="O'Brien"))
        assert total.value == 1 and passages[0].kind == "page" and passages[0].page == 1
        assert find_passages(Criteria(q="O'Brien", date_from=dt.date(2025, 1, 1))) == ([], Count(0, False))


# ---------------------------------------------------------------- the rowid layout and facet codes


def test_ascending_rowids_list_results_in_order():
    key = search_index.doc_key
    day, later = dt.date(2024, 3, 7), dt.date(2024, 3, 8)
    assert key(1, later, 1, 0) < key(1, day, 9, 0)  # newer meeting first
    assert key(1, day, 9, 0) < key(1, day, 8, 0)  # same day: higher meeting id first
    assert key(1, day, 8, 0) < key(1, day, 8, 1)  # within a meeting, in its own order
    assert key(1, day, 8, 0, 511) < key(1, day, 8, 1, 0)  # facet bits never reorder places
    assert key(1, dt.date(1900, 1, 1), 1, 0) > key(0, later, 9, 0)  # motions and passages never mix
    low, high = search_index.key_range(1, day, day)
    assert low <= key(1, day, 1, 4095, 511) <= high and low <= key(1, day, 2_000_000, 0) <= high
    assert not low <= key(1, later, 1, 0) <= high
    assert search_index.meeting_of(key(1, day, 12345, 7, 3)) == 12345
    after = search_index.rows_after_meeting(1, day, 8)
    assert key(1, day, 8, search_index.MOTION_LIMIT - 1, 511) < after <= key(1, day, 7, 0)


def test_rowids_refuse_what_the_layout_cannot_hold():
    with pytest.raises(ValueError):
        search_index.doc_key(1, dt.date(2024, 1, 1), search_index.MEETING_LIMIT, 0)
    with pytest.raises(ValueError):
        search_index.doc_key(1, dt.date(2024, 1, 1), 1, search_index.MOTION_LIMIT)
    far = search_index.doc_key(0, dt.date(9999, 12, 31), 1, 0)  # clamped, still a passage
    assert far < search_index.key_range(1)[0]


@pytest.mark.parametrize("name", ["outcome", "result", "split"])
def test_facet_codes_round_trip(name):
    for value in search_index.FACET_CODES[name][2]:
        assert search_index.facet_value(name, search_index.facet_code(name, value)) == value
    assert search_index.facet_value(name, search_index.facet_code(name, None)) is None
    assert search_index.facet_value(name, search_index.facet_code(name, "something_new")) == ""


def test_facet_tokens_survive_the_tokenizer(fts):
    token = search_index.facet("out", "appeal_denied")
    assert token == "bwfout0appealdenied0"
    fts.execute("INSERT INTO t VALUES (?, ?)", (f"x {token} y", "z"))
    assert fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (token,)).fetchone()[0] == 1


def test_split_of_reads_divided_and_unanimous():
    assert search_index.split_of(7, 2) == "divided"
    assert search_index.split_of(7, 0) == "unanimous"
    assert search_index.split_of(0, 5) == "unanimous"
    assert search_index.split_of(None, None) is None
    assert search_index.split_of(0, 0) is None


def test_a_trailing_star_asks_for_a_prefix():
    assert fts_match_query("Whitf*") == '"Whitf" *'
    assert fts_match_query("o'bri*") == '"o bri" *'
    assert fts_match_query("x*") == '"x"'  # too short to be worth a prefix scan
    assert fts_match_query("*x") == '"x"'
    assert fts_match_query("ab*c") == '"ab c"'


def test_prefix_queries_find_the_officer(app):
    with app.app_context():
        seeded = make_meeting(app)
        assert _motion_ids(q="Whitf*") == [seeded.motion_id]
        assert _motion_ids(q="Whitf") == []  # words match whole (FTS5 and PostgreSQL's tsvector alike)


# ---------------------------------------------------------------- filters, counts and both engines


def _seed_board(app) -> dict[str, int]:
    """Three meetings whose motions differ in outcome, result, split and who voted how."""
    seeded = {}
    for day, wording, officer in (
        (1, "to finalize the suspension of Sergeant Dana Whitfield", "Dana Whitfield"),
        (2, "to terminate Officer Kellan Brightwater", "Kellan Brightwater"),
        (3, "to reinstate Officer Ines Moorcroft", "Ines Moorcroft"),
    ):
        made = make_meeting(app, date=dt.date(2023, 6, day), motion_text=wording, officer_name=officer, tag=f" {day}")
        seeded[f"m{day}"] = made.motion_id
        seeded[f"a{day}"] = made.audio_motion_id
        seeded["member"] = made.member_id
    third = db.session.get(Motion, seeded["m3"])
    third.outcome_kind, third.result, third.no_count = "reinstatement", "failed", 0
    for vote in third.votes:
        vote.option = "no" if vote.option == "yes" else "yes"
    third.yes_count = 1
    second = db.session.get(Motion, seeded["m2"])
    second.outcome_kind = "termination"
    search.reindex_meeting(third.meeting)
    search.reindex_meeting(second.meeting)
    db.session.commit()
    return seeded


CRITERIA = [
    Criteria(),
    Criteria(q="Whitfield"),
    Criteria(q="terminate"),
    Criteria(outcome="termination"),
    Criteria(result="failed"),
    Criteria(split="divided"),
    Criteria(split="unanimous"),
    Criteria(vote="no"),
    Criteria(q="officer", result="passed"),
    Criteria(date_from=dt.date(2023, 6, 2), date_to=dt.date(2023, 6, 2)),
    Criteria(date_from=dt.date(2023, 6, 3), date_to=dt.date(2023, 6, 1)),
    Criteria(officers=()),
]


def test_both_engines_answer_every_filter_alike(app):
    from app.services import search_fts, search_pg, search_sql

    with app.app_context():
        seeded = _seed_board(app)
        member = seeded["member"]
        cases = [*CRITERIA, Criteria(members=(member,)), Criteria(members=(member,), vote="no")]
        cases.append(Criteria(members=(member,), vote="yes", outcome="suspension"))
        engine = _engine()  # search_fts on SQLite, search_pg on PostgreSQL
        assert engine is (search_fts if db.session.get_bind().dialect.name == "sqlite" else search_pg)
        for criteria in cases:
            sql_ids = search_sql.page(criteria, limit=50)
            assert search_sql.total(criteria) == Count(len(sql_ids), False), criteria
            scope = engine.motion_scope(criteria, "[]")
            index_ids = engine.ref_ids(engine.newest(scope, limit=50)) if scope else []
            assert index_ids == sql_ids, criteria
            assert (engine.count(scope) if scope else Count(0, False)) == Count(len(sql_ids), False), criteria


def test_filters_pick_the_right_motions(app):
    with app.app_context():
        seeded = _seed_board(app)
        assert _motion_ids(outcome="termination") == [seeded["m2"]]
        assert _motion_ids(result="failed") == [seeded["m3"]]
        assert set(_motion_ids(split="divided")) == {seeded["m1"], seeded["m2"]}
        assert _motion_ids(split="unanimous") == [seeded["m3"]]
        assert _motion_ids(member="Okonkwo-Reyes", vote="yes") == [seeded["m3"]]
        assert set(_motion_ids(member="Okonkwo", vote="no")) == {seeded["m1"], seeded["m2"]}
        assert _motion_ids(officer="Brightwater") == [seeded["m2"]]
        assert _motion_ids(officer="4471") == [seeded["m3"], seeded["m2"], seeded["m1"]]  # the badge
        assert _motion_ids(officer="Nobody Atall") == []
        assert _motion_ids(q="reinstate", result="passed") == []


def test_counts_per_filter_leave_that_filter_out(app):
    with app.app_context():
        _seed_board(app)
        page = search_motions(SearchParams(outcome="termination"))
        assert page.total == Count(1, False)
        facets = {facet.name: dict(facet.counts) for facet in page.facets}
        assert facets["outcome"] == {
            "suspension": Count(1, False),
            "termination": Count(1, False),
            "reinstatement": Count(1, False),
            "approved": Count(3, False),
        }
        assert facets["result"] == {"passed": Count(1, False)}  # within the termination filter
        assert facets["split"] == {"divided": Count(1, False)}


def test_counts_stop_at_the_cap(app, monkeypatch):
    from app.services import search_fts

    with app.app_context():
        _seed_board(app)
        engine = _engine()
        scope = engine.motion_scope(Criteria(), "[]")
        assert engine.count(scope, cap=4) == Count(4, True)
        assert engine.count(scope, cap=6) == Count(6, False)
        assert engine.motion_window(scope, cap=6).count == Count(6, False)
        window = engine.motion_window(scope, cap=2)
        assert window.count == Count(2, True)
        assert sum(c.value for _, c in window.facet_counts("result")) == 2
        monkeypatch.setattr(search_fts, "COUNT_CAP", 4)
        page = search_motions(SearchParams())
        assert page.total == Count(4, True)


def test_relevance_ranks_only_the_newest_window(app):
    with app.app_context():
        seeded = _seed_board(app)
        engine = _engine()
        scope = engine.motion_scope(Criteria(q="officer"), "[]")
        ranked = engine.ref_ids(engine.ranked(scope, "officer", limit=10, window=1))
        assert ranked == [seeded["m3"]]


def test_export_batches_walk_every_match_once_even_when_a_motion_goes(app):
    from app.services.motion_search import decode_token, motion_batch

    with app.app_context():
        seeded = _seed_board(app)
        first, token = motion_batch(SearchParams(), limit=2)
        assert [m.id for m in first] == [seeded["m3"], seeded["a3"]]
        db.session.delete(db.session.get(Motion, seeded["a3"]))  # gone between two pages
        search.reindex_meeting(db.session.get(Meeting, first[0].meeting_id))
        db.session.commit()
        rest = []
        while token:
            batch, token = motion_batch(SearchParams(), limit=2, token=decode_token(token))
            rest += [m.id for m in batch]
        assert rest == [seeded["m2"], seeded["a2"], seeded["m1"], seeded["a1"]]


def test_drafts_are_never_indexed(app):
    with app.app_context():
        seeded = make_meeting(app, status="draft")
        assert _doc_count(seeded.meeting_id) == 0
        meeting = db.session.get(Meeting, seeded.meeting_id)
        meeting.status = "published"
        search.reindex_meeting(meeting)
        db.session.commit()
        assert _doc_count(seeded.meeting_id) == 5


def test_rebuilding_everything_makes_the_rows_reindexing_makes(app):
    from app.services.search_rebuild import rebuild_all

    def rows():
        keyed = db.session.get_bind().dialect.name == "sqlite"  # elsewhere ids are serial numbers
        columns = [c for c in search.search_doc.c if keyed or c.name != "id"]
        return sorted(tuple(r) for r in db.session.execute(select(*columns)))

    with app.app_context():
        _seed_board(app)
        make_meeting(app, status="draft", date=dt.date(2024, 4, 4), tag=" (draft)")
        before = rows()
        assert rebuild_all(db.session.connection()) == 3
        assert rows() == before
