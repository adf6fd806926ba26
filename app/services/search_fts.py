"""Walking the SQLite FTS5 index newest first: pages, capped counts, facet counts, relevance.

Every query here is one FTS5 query (or a rowid range scan of `search_doc` when there are
neither words nor filters) with a rowid range and a LIMIT, so its cost follows the rows a
person is shown, not the rows that match. Rowids sort as the results do (see
`search_index.doc_key`), so `ORDER BY rowid LIMIT n` stops after n matches.

What degrades past a number of matches, and the interface says so:
* counts stop at COUNT_CAP ("10,000+"); the counts per outcome, result and vote split then
  cover the newest COUNT_CAP matches (read from the rowids' low bits in the same pass);
* relevance ranks the newest RANK_WINDOW matches, by bm25 over the query's rarer terms
  (bm25 weighs each term by counting every row that holds it: a microsecond a row).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from app.extensions import db
from app.services.search import fts_match_query, parse_terms
from app.services.search_filters import Criteria, facet_groups, fts_expression
from app.services.search_index import (
    ALL_MOTIONS,
    FACET_CODES,
    MEETING_LIMIT,
    MEETING_SHIFT,
    MOTION_KIND,
    MOTION_PLACE_SHIFT,
    PASSAGE_KIND,
    facet,
    facet_value,
    key_range,
    search_doc,
)

COUNT_CAP = 10_000
RANK_WINDOW = 1_000
COMMON_TERM = 10_000  # rows (of a million) above which a term is too common to rank by
# Constants only (no user text): the meeting id packed into a rowid, see search_index.doc_key.
_MEETING = f"({MEETING_LIMIT - 1} - ((rowid >> {MEETING_SHIFT}) & {MEETING_LIMIT - 1}))"
_HIDDEN = f"{_MEETING} NOT IN (SELECT value FROM json_each(:hidden))"  # noqa: S608  # nosec B608  # fixed names and clauses; values are bound parameters


@dataclass(frozen=True)
class Count:
    """How many rows match, up to a cap (`capped`: there are more)."""

    value: int
    capped: bool


@dataclass(frozen=True)
class Scope:
    """An FTS5 MATCH expression (None: every row) within an inclusive rowid range."""

    match: str | None
    low: int
    high: int
    hidden: str = "[]"  # JSON list of meeting ids whose lingering rows must not count (unpublished)

    def where(self) -> tuple[str, str, dict[str, object]]:
        """(FROM table, WHERE clause, parameters) of this scope."""
        params: dict[str, object] = {"lo": self.low, "hi": self.high}
        clauses = ["rowid BETWEEN :lo AND :hi"]
        if self.hidden != "[]":
            clauses.append(_HIDDEN)
            params["hidden"] = self.hidden
        if self.match is None:
            return search_doc.name, " AND ".join(clauses), params
        params["q"] = self.match
        return "search_fts", " AND ".join(["search_fts MATCH :q", *clauses]), params

    def narrowed(self, low: int | None = None, high: int | None = None) -> Scope:
        return Scope(self.match, self.low if low is None else low, self.high if high is None else high, self.hidden)


def run(sql: str, params: dict[str, object]) -> list[tuple]:
    """Rows of one statement on the session's own SQLite connection (same transaction).

    The DB-API cursor directly: a search runs some thirty small statements, and the ORM's
    per-statement overhead (about 0.3 ms) would cost more than the index lookups themselves.
    """
    connection = db.session.connection().connection.driver_connection
    return connection.execute(sql, params).fetchall()


def newest(scope: Scope, *, limit: int, offset: int = 0) -> list[int]:
    """Rowids of the newest matches (in result order), after skipping `offset`."""
    table, where, params = scope.where()
    sql = f"SELECT rowid FROM {table} WHERE {where} ORDER BY rowid LIMIT :limit OFFSET :offset"  # noqa: S608  # nosec B608  # fixed names and clauses; values are bound parameters
    return [row[0] for row in run(sql, {**params, "limit": limit, "offset": offset})]


def count(scope: Scope, cap: int | None = None) -> Count:
    """How many rows match, stopping at `cap` (COUNT_CAP; then `capped` is True when there are more)."""
    cap = COUNT_CAP if cap is None else cap
    table, where, params = scope.where()
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} ORDER BY rowid LIMIT :cap)"  # noqa: S608  # nosec B608  # fixed names and clauses; values are bound parameters
    value = run(sql, {**params, "cap": cap + 1})[0][0]
    return Count(min(value, cap), value > cap)


CODE_MASK = (1 << MOTION_PLACE_SHIFT) - 1  # a motion rowid's facet bits


def first_and_count(scope: Scope, *, limit: int, cap: int | None = None) -> tuple[list[int], Count]:
    """The rowids of the newest `limit` matches and how many match (capped), in one pass.

    One pass matters for a prefix longer than the prefix indexes: FTS5 then merges the
    doclists of every word it starts, again for each statement.
    """
    cap = COUNT_CAP if cap is None else cap
    table, where, params = scope.where()
    sql = (
        f"SELECT count(*), group_concat(r, ' ') FROM (SELECT rowid AS r FROM {table} WHERE {where}"  # noqa: S608  # nosec B608  # fixed names and clauses; values are bound parameters
        " ORDER BY rowid LIMIT :cap)"
    )
    found, rowids = run(sql, {**params, "cap": cap + 1})[0]
    first = [int(r) for r in (rowids or "").split(" ", limit)[:limit] if r]
    return first, Count(min(found, cap), found > cap)


@dataclass(frozen=True)
class Window:
    """The newest matching motions (at most COUNT_CAP): how many, and how many carry each facet code."""

    count: Count
    codes: Counter[int]

    def facet_counts(self, name: str) -> list[tuple[str, Count]]:
        """How many of the window have each value of one filter (outcome, result or split), in the usual order."""
        found: Counter[str] = Counter()
        for bits, number in self.codes.items():
            value = facet_value(name, bits)
            if value:
                found[value] += number
        values = FACET_CODES[name][2]
        return [(value, Count(found[value], self.count.capped)) for value in values if found[value]]

    def only(self, wanted: dict[str, str]) -> Window:
        """The part of this window whose outcome, result and split have the wanted values.

        Exact only for a window that holds every match (not capped); the caller checks.
        """
        codes = Counter({c: n for c, n in self.codes.items() if all(facet_value(k, c) == v for k, v in wanted.items())})
        return Window(Count(sum(codes.values()), False), codes)


def motion_window(scope: Scope, cap: int | None = None) -> Window:
    """One pass over the newest `cap` (COUNT_CAP) matches, reading only rowids (their low bits are the facet codes).

    SQLite counts the codes (at most 512 rows come back: fetching ten thousand through the
    DB-API would cost more than the index walk); whether there are more is one lookup below
    the oldest row counted.
    """
    cap = COUNT_CAP if cap is None else cap
    table, where, params = scope.where()
    sql = (
        f"SELECT r & {CODE_MASK} AS c, count(*), max(r) FROM (SELECT rowid AS r FROM {table} "  # noqa: S608  # nosec B608  # fixed names and clauses; values are bound parameters
        f"WHERE {where} ORDER BY rowid LIMIT :cap) GROUP BY c"
    )
    return window_of(scope, run(sql, {**params, "cap": cap}), cap, newest)


def window_of(scope: Scope, rows: list[tuple], cap: int, newest_rows: Callable[..., list[int]]) -> Window:
    """A Window from (code, how many, oldest rowid) rows over at most `cap` matches."""
    codes = Counter({int(code): number for code, number, _ in rows})
    found = sum(codes.values())
    more = False
    if found >= cap and rows:
        oldest = max(last for _, _, last in rows)
        more = bool(newest_rows(scope.narrowed(low=oldest + 1), limit=1))
    return Window(Count(found, more), codes)


def rare_terms(raw: str) -> list[str]:
    """The query's terms that are rare enough to rank by: bm25 first counts every row holding
    each term (for its weight), about a microsecond a row, so a term in more than COMMON_TERM rows
    ("the", "board") would cost more than the whole search and says little about relevance."""
    found = []
    for term in parse_terms(raw):
        if not count(Scope(term.fts(), 1, (1 << 63) - 1), cap=COMMON_TERM).capped:
            found.append(term.fts())
    return found


def ranked(scope: Scope, raw: str, *, limit: int, offset: int = 0, window: int | None = None) -> list[int]:
    """Rowids of the best matches by bm25 among the newest `window` (RANK_WINDOW) matches.

    Only the rare terms are ranked (see `rare_terms`); ties, and queries whose terms are all
    common, keep date order.
    """
    window = RANK_WINDOW if window is None else window
    newest_rows = newest(scope, limit=window)
    terms = rare_terms(raw)
    if not terms or not newest_rows:
        return newest_rows[offset : offset + limit]
    sql = (
        "SELECT rowid FROM search_fts WHERE search_fts MATCH :q AND rowid BETWEEN :lo AND :hi"
        " AND +rowid IN (SELECT value FROM json_each(:ids)) ORDER BY bm25(search_fts, 2.0, 1.0), rowid"
        " LIMIT :limit OFFSET :offset"
    )
    params = {"q": " OR ".join(terms), "lo": newest_rows[0], "hi": newest_rows[-1], "ids": _json(newest_rows)}
    return [row[0] for row in run(sql, {**params, "limit": limit, "offset": offset})]


def ref_ids(rowids: list[int]) -> list[int]:
    """The motion (or segment, page) ids of index rows, in the same order."""
    if not rowids:
        return []
    found = dict(
        run("SELECT id, ref_id FROM search_doc WHERE id IN (SELECT value FROM json_each(:ids))", {"ids": _json(rowids)})
    )
    return [found[r] for r in rowids if r in found]


def doc_id_of(kind: str, ref_id: int) -> int | None:
    """The index row of one motion (or passage)."""
    rows = run(
        "SELECT id FROM search_doc WHERE kind = :kind AND ref_id = :ref ORDER BY id LIMIT 1",
        {"kind": kind, "ref": ref_id},
    )
    return rows[0][0] if rows else None


def hidden_meetings() -> str:
    """Meetings that are not published but still have index rows (normally none), as JSON."""
    sql = (
        "SELECT m.id FROM meeting m WHERE m.status != 'published' "
        "AND EXISTS (SELECT 1 FROM search_doc s WHERE s.meeting_id = m.id)"
    )
    return _json([row[0] for row in run(sql, {})])


def _json(values: list[int]) -> str:
    return "[" + ",".join(str(int(v)) for v in values) + "]"


# ---------------------------------------------------------------- motions and passages as scopes


def motion_scope(criteria: Criteria, hidden: str) -> Scope | None:
    """The index rows of motions that fit a search (None when nothing can fit)."""
    if criteria.impossible:
        return None
    words = fts_match_query(criteria.q) if criteria.q else None
    low, high = key_range(MOTION_KIND, criteria.date_from, criteria.date_to)
    return Scope(fts_expression(words, facet_groups(criteria), ALL_MOTIONS), low, high, hidden)


def passage_scope(criteria: Criteria, hidden: str) -> Scope | None:
    """Transcript segments and PDF pages that fit a search's words, board and dates."""
    words = fts_match_query(criteria.q)
    if words is None or criteria.impossible:
        return None
    groups = [[facet("bod", criteria.body)]] if criteria.body is not None else []
    low, high = key_range(PASSAGE_KIND, criteria.date_from, criteria.date_to)
    return Scope(fts_expression(words, groups), low, high, hidden)
