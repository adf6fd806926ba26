"""The index engines on both databases: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

The same searches must find the same things whichever database answers; user text is words,
never query syntax; the counts read in one pass equal the counts of one pass per filter.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.extensions import db
from app.services import search_fts, search_pg
from app.services.motion_search import FACETS, _engine, find_passages, search_motions
from app.services.search_filters import Criteria
from app.services.search_params import SearchParams
from tests.public.conftest import make_meeting
from tests.public.test_search_pages import HOSTILE
from tests.services.test_search import _seed_board

MOTION = "to adopt Rule 300.4 on the use-of-force reporting for Officer Kellan O'Brien, carried 5-2"


def _is_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _motion_ids(q: str) -> list[int]:
    return [hit.motion.id for hit in search_motions(SearchParams(q=q)).hits]


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("use-of-force", True),
        ("use of force", True),
        ('"use of force"', True),
        ("force-of-use", False),  # a phrase keeps its order
        ("5-2", True),
        ("300.4", True),
        ("300.5", False),
        ("O'Brien", True),
        ("o'bri*", True),
        ("the", True),  # no stop words: every word can be searched for
        ("AND", False),
        ("-x", False),
        ("*x", False),
        ("adopt reporting", True),  # every term must match, anywhere in the row
        ("adopt nonexistentword", False),
    ],
)
def test_everyday_text_finds_the_motion_on_either_database(app, raw, found):
    with app.app_context():
        seeded = make_meeting(app, motion_text=MOTION)
        assert (seeded.motion_id in _motion_ids(raw)) is found


def test_text_that_holds_no_word_searches_for_nothing_in_particular(app):
    with app.app_context():
        seeded = make_meeting(app, motion_text=MOTION)
        for raw in ('"', "''", "   ", "-", "*", "()"):
            page = search_motions(SearchParams(q=raw))
            assert seeded.motion_id in [hit.motion.id for hit in page.hits], raw  # no words: every motion
            assert find_passages(Criteria(q=raw)) == ([], search_fts.Count(0, False)), raw


def test_every_hostile_string_is_answered(app):
    with app.app_context():
        make_meeting(app, motion_text=MOTION)
        for raw in HOSTILE:
            page = search_motions(SearchParams(q=raw, sort="relevance"))
            assert page.total.value >= 0
            find_passages(Criteria(q=raw))


def test_snippets_are_escaped_and_marked_on_either_database(app):
    with app.app_context():
        make_meeting(app, motion_text="to reprimand <script>alert(1)</script> Whitfield")
        page = search_motions(SearchParams(q="Whitfield"))
        snippet = str(page.hits[0].snippet)
        assert "<script>" not in snippet and "&lt;script&gt;" in snippet
        assert "<mark>Whitfield</mark>" in snippet


CODED = [
    Criteria(outcome="termination"),
    Criteria(result="passed", split="divided"),
    Criteria(q="officer", outcome="suspension", result="passed"),
    Criteria(q="officer", outcome="reinstatement", result="failed", split="unanimous"),
    Criteria(split="unanimous", date_from=dt.date(2023, 6, 2)),
]


@pytest.mark.parametrize("criteria", CODED)
def test_counts_read_in_one_pass_equal_one_pass_per_filter(app, criteria):
    """The page reads the total and the counts per filter from one pass when it can; each must
    equal the count of its own pass over the index (the filter itself left out)."""
    with app.app_context():
        _seed_board(app)
        engine = _engine()
        page = search_motions(SearchParams(q=criteria.q, outcome=criteria.outcome, result=criteria.result,
                                           split=criteria.split, date_from=criteria.date_from))  # fmt: skip
        assert page.total == engine.count(engine.motion_scope(criteria, "[]"))
        for name, _, _ in FACETS:
            alone = criteria.without(name) if getattr(criteria, name) else criteria
            expected = engine.motion_window(engine.motion_scope(alone, "[]")).facet_counts(name)
            assert next(f.counts for f in page.facets if f.name == name) == expected, name


def test_postgres_search_rows_have_a_gin_indexed_tsvector(app):
    with app.app_context():
        if not _is_postgres():
            pytest.skip("the tsvector column and GIN index exist on PostgreSQL only (SQLite has FTS5)")
        make_meeting(app)
        index = db.session.scalar(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_search_doc_tsv'"))
        assert "USING gin (tsv)" in index
        kind = "SELECT data_type FROM information_schema.columns WHERE table_name = 'search_doc' AND column_name = :c"
        assert db.session.scalar(text(kind), {"c": "id"}) == "bigint"
        assert db.session.scalar(text(kind), {"c": "tsv"}) == "tsvector"
        found = text("SELECT count(*) FROM search_doc WHERE tsv @@ to_tsquery('boardwatch', :q)")
        assert db.session.scalar(found, {"q": "'whitfield'"}) == 1
        assert db.session.scalar(found, {"q": "'the'"}) >= 3  # no stop words


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_built_tsqueries_never_error_in_postgres(app, raw):
    with app.app_context():
        if not _is_postgres():
            pytest.skip("PostgreSQL's query parser (FTS5's has its own test in test_search.py)")
        query = search_pg.tsquery(raw)
        if query is not None:
            db.session.execute(text("SELECT to_tsquery('boardwatch', :q)"), {"q": query}).all()
        db.session.rollback()


def test_tsquery_quotes_every_word():
    assert search_pg.tsquery("use-of-force") == "('use' <-> 'of' <-> 'force')"
    assert search_pg.tsquery("Whitf* 300.4") == "('whitf':*) & ('300' <-> '4')"
    assert search_pg.tsquery("x* AND -y") == "('x') & ('and') & ('y')"
    assert search_pg.tsquery("a_b") == "('a' <-> 'b')"
    for raw in ("", '"', "'", "*", "_"):
        assert search_pg.tsquery(raw) is None
    assert search_pg.expression(None, [["bwfout0suspension0"], ["bwfofc01", "bwfofc02"]]) == (
        "('bwfout0suspension0') & ('bwfofc01' | 'bwfofc02')"
    )
