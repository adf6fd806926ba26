"""PostgreSQL full-text search: the FTS5 engine's plans over a tsvector column with a GIN index.

Migration 0005 gives `search_doc` a stored `tsv` column (names weighted A, content B, a GIN
index over it) and the same sortable ids as SQLite (`search_index.doc_key`). So every query
here is the FTS5 engine's (`search_fts`) with `tsv @@ query` for MATCH: newest first is
`ORDER BY id LIMIT n`, a date range is an id range, counts stop at COUNT_CAP and the
counts per outcome, result and split come from the ids' low bits in the same pass.

PostgreSQL's planner picks, from its statistics of how often each word occurs, between walking
the primary key newest first and testing each row (common words, filters: it stops after n)
and reading the GIN index then sorting the matches (rare words). Relevance is `ts_rank` over
the newest RANK_WINDOW matches; snippets are made in Python (`search.text_snippet`).

User text reaches `to_tsquery` only as quoted words: each term of `search.parse_terms` is a
phrase of its words joined by `<->` (followed by), a prefix term's last word ends in `:*`, and
all terms must match; the words are letters and digits only, so they carry no syntax.
"""

from __future__ import annotations

import json
import re

from app.extensions import db
from app.services import search_fts
from app.services.search import MIN_PREFIX, parse_terms
from app.services.search_filters import Criteria, facet_groups
from app.services.search_fts import CODE_MASK, Count, Scope, Window, window_of
from app.services.search_index import MOTION_KIND, PASSAGE_KIND, facet, key_range

CONFIG = "boardwatch"  # English stemming, no stop words (migration 0005)
_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
_QUERY = f"to_tsquery('{CONFIG}', %(q)s)"


def tsquery(raw: str) -> str | None:
    """`to_tsquery` text for the user's words: "use-of-force" is 'use' <-> 'of' <-> 'force',
    "Whitf*" 'whitf':*; None when there is no word to search for."""
    parts = []
    for term in parse_terms(raw):
        found = _LETTERS_AND_DIGITS.findall(term.words.lower())
        if not found:
            continue
        quoted = [f"'{word}'" for word in found]
        if term.prefix and len(found[-1]) >= MIN_PREFIX:
            quoted[-1] += ":*"
        parts.append("(" + " <-> ".join(quoted) + ")")
    return " & ".join(parts) or None


def expression(words: str | None, groups: list[list[str]]) -> str | None:
    """The words AND one facet token of each group (None: no condition on the text)."""
    parts = [words] if words else []
    parts += ["(" + " | ".join(f"'{token}'" for token in group) + ")" for group in groups]
    return " & ".join(parts) or None


def run(sql: str, params: dict[str, object]) -> list[tuple]:
    """Rows of one statement on the session's own psycopg connection (same transaction).

    Never prepared: a prepared statement's generic plan cannot know how common the words are,
    and that is what chooses between walking the ids and reading the GIN index.
    """
    connection = db.session.connection().connection.driver_connection
    return connection.execute(sql, params, prepare=False).fetchall()


def _where(scope: Scope) -> tuple[str, dict[str, object]]:
    params: dict[str, object] = {"lo": scope.low, "hi": scope.high}
    clauses = ["id BETWEEN %(lo)s AND %(hi)s"]
    hidden = json.loads(scope.hidden)
    if hidden:
        clauses.append("meeting_id <> ALL(%(hidden)s)")
        params["hidden"] = hidden
    if scope.match is not None:
        clauses.append(f"tsv @@ {_QUERY}")
        params["q"] = scope.match
    return " AND ".join(clauses), params


def newest(scope: Scope, *, limit: int, offset: int = 0) -> list[int]:
    """Ids of the newest matches (in result order), after skipping `offset`."""
    where, params = _where(scope)
    sql = f"SELECT id FROM search_doc WHERE {where} ORDER BY id LIMIT %(limit)s OFFSET %(offset)s"  # noqa: S608  # nosec B608  # fixed names and clauses; values are bound parameters
    return [row[0] for row in run(sql, {**params, "limit": limit, "offset": offset})]


def count(scope: Scope, cap: int | None = None) -> Count:
    """How many rows match, stopping at `cap` (COUNT_CAP; then `capped` is True when there are more)."""
    cap = search_fts.COUNT_CAP if cap is None else cap  # read at call time: one setting for both engines
    where, params = _where(scope)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM search_doc WHERE {where} ORDER BY id LIMIT %(cap)s) t"  # noqa: S608  # nosec B608  # fixed names and clauses; values are bound parameters
    value = run(sql, {**params, "cap": cap + 1})[0][0]
    return Count(min(value, cap), value > cap)


def first_and_count(scope: Scope, *, limit: int, cap: int | None = None) -> tuple[list[int], Count]:
    """The ids of the newest `limit` matches and how many match (capped)."""
    rows = newest(scope, limit=limit)
    return rows, count(scope, cap) if len(rows) == limit else Count(len(rows), False)


def motion_window(scope: Scope, cap: int | None = None) -> Window:
    """One pass over the newest `cap` (COUNT_CAP) matches, counting the facet codes in their ids' low bits."""
    cap = search_fts.COUNT_CAP if cap is None else cap  # read at call time: one setting for both engines
    where, params = _where(scope)
    sql = (
        f"SELECT id & {CODE_MASK} AS c, count(*), max(id) FROM (SELECT id FROM search_doc WHERE {where}"  # noqa: S608  # nosec B608  # fixed names and clauses; values are bound parameters
        " ORDER BY id LIMIT %(cap)s) t GROUP BY c"
    )
    return window_of(scope, run(sql, {**params, "cap": cap}), cap, newest)


def ranked(scope: Scope, raw: str, *, limit: int, offset: int = 0, window: int | None = None) -> list[int]:
    """Ids of the best matches by ts_rank among the newest `window` (RANK_WINDOW) matches; ties by date."""
    window = search_fts.RANK_WINDOW if window is None else window
    newest_rows = newest(scope, limit=window)
    words = tsquery(raw)
    if words is None or not newest_rows:
        return newest_rows[offset : offset + limit]
    sql = (
        f"SELECT id FROM search_doc WHERE id = ANY(%(ids)s) ORDER BY ts_rank(tsv, {_QUERY}) DESC, id"  # noqa: S608  # nosec B608  # fixed names and clauses; values are bound parameters
        " LIMIT %(limit)s OFFSET %(offset)s"
    )
    return [row[0] for row in run(sql, {"ids": newest_rows, "q": words, "limit": limit, "offset": offset})]


def ref_ids(rowids: list[int]) -> list[int]:
    """The motion (or segment, page) ids of index rows, in the same order."""
    if not rowids:
        return []
    found = dict(run("SELECT id, ref_id FROM search_doc WHERE id = ANY(%(ids)s)", {"ids": rowids}))
    return [found[r] for r in rowids if r in found]


def doc_id_of(kind: str, ref_id: int) -> int | None:
    """The index row of one motion (or passage)."""
    sql = "SELECT id FROM search_doc WHERE kind = %(kind)s AND ref_id = %(ref)s ORDER BY id LIMIT 1"
    rows = run(sql, {"kind": kind, "ref": ref_id})
    return rows[0][0] if rows else None


def hidden_meetings() -> str:
    """Meetings that are not published but still have index rows (normally none), as JSON."""
    sql = (
        "SELECT m.id FROM meeting m WHERE m.status != 'published' "
        "AND EXISTS (SELECT 1 FROM search_doc s WHERE s.meeting_id = m.id)"
    )
    return json.dumps([row[0] for row in run(sql, {})])


def motion_scope(criteria: Criteria, hidden: str) -> Scope | None:
    """The index rows of motions that fit a search (None when nothing can fit)."""
    words = tsquery(criteria.q) if criteria.q else None
    if criteria.impossible or (criteria.q and words is None and parse_terms(criteria.q)):
        return None
    low, high = key_range(MOTION_KIND, criteria.date_from, criteria.date_to)
    return Scope(expression(words, facet_groups(criteria)), low, high, hidden)


def passage_scope(criteria: Criteria, hidden: str) -> Scope | None:
    """Transcript segments and PDF pages that fit a search's words, board and dates."""
    words = tsquery(criteria.q)
    if words is None or criteria.impossible:
        return None
    groups = [[facet("bod", criteria.body)]] if criteria.body is not None else []
    low, high = key_range(PASSAGE_KIND, criteria.date_from, criteria.date_to)
    return Scope(expression(words, groups), low, high, hidden)
