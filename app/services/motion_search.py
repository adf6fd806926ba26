"""Searching published motions, transcripts and documents: the search page and export batches.

`search_motions` answers one HTML page (a page of motions with snippets, capped counts per
filter, the first transcript and document hits); `motion_batch` and `iter_motions` walk every
match for CSV and JSON. On SQLite the FTS5 engine (`search_fts`) answers, on PostgreSQL the
tsvector engine (`search_pg`, the same plans and functions), on any other database the plain
SQL engine (`search_sql`); all take the same resolved `Criteria`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from app.extensions import db
from app.models import Body, Meeting, Motion, MotionOfficer, MotionPolicy
from app.models.motion import RESULTS
from app.services import search, search_fts, search_pg, search_sql
from app.services.search_filters import Criteria, resolve
from app.services.search_fts import COUNT_CAP, RANK_WINDOW, Count
from app.services.search_index import FACET_CODES, MOTION_KIND, meeting_of, rows_after_meeting, search_doc
from app.services.search_params import (  # noqa: F401 - the search's public names, re-exported
    MAX_ID,
    MAX_PAGE,
    OUTCOME_KINDS,
    PER_PAGE,
    SORTS,
    SPLITS,
    SearchParams,
    parse_id,
    parse_page,
)

PASSAGES_SHOWN = 10
FACETS = (("outcome", "Outcome", OUTCOME_KINDS), ("result", "Result", RESULTS), ("split", "Vote split", SPLITS))


def _engine() -> Any:
    """The index engine of this database (`search_fts` or `search_pg`), or None for plain SQL."""
    return {"sqlite": search_fts, "postgresql": search_pg}.get(db.session.get_bind().dialect.name)


# ---------------------------------------------------------------- loading what is shown


def _with_details(stmt: Any, *, full: bool = False) -> Any:
    # One query for a page: the motions with meeting, board, officers and policies joined (the
    # ORM's own cost per statement dominates a search); exports add votes, document and agenda item.
    options = [
        contains_eager(Motion.meeting).joinedload(Meeting.body),
        joinedload(Motion.officer_links).joinedload(MotionOfficer.officer),
        joinedload(Motion.policy_links).joinedload(MotionPolicy.policy),
    ]
    if full:
        options += [selectinload(Motion.votes), selectinload(Motion.document), selectinload(Motion.agenda_item)]
    return stmt.options(*options)


def load_motions(ids: list[int], *, full: bool = False) -> list[Motion]:
    """The published motions of `ids`, in that order (anything else is dropped)."""
    if not ids:
        return []
    stmt = select(Motion).join(Motion.meeting).where(Motion.id.in_(ids), Meeting.status == "published")
    found = {m.id: m for m in db.session.scalars(_with_details(stmt, full=full)).unique()}
    return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class Passage:
    """A transcript segment or PDF page of a published meeting that matches the words."""

    kind: str  # "segment" or "page"
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    body_name: str
    document_id: int | None
    start: float | None
    page: int | None
    snippet: Markup


def load_passages(doc_ids: list[int], raw: str, *, match: str | None = None) -> list[Passage]:
    """Passages for index rows, in that order, with snippets; rows of unpublished meetings are dropped."""
    if not doc_ids:
        return []
    rows = db.session.execute(
        select(search_doc, Meeting.title, Meeting.date, Body.name.label("body_name"))
        .join(Meeting, Meeting.id == search_doc.c.meeting_id)
        .join(Body, Body.id == Meeting.body_id)
        .where(search_doc.c.id.in_(doc_ids), Meeting.status == "published")
    ).all()
    by_id = {row.id: row for row in rows}
    snippets = search.doc_snippets(raw, [i for i in doc_ids if i in by_id], match=match)
    return [
        Passage(
            kind=row.kind,
            meeting_id=row.meeting_id,
            meeting_title=row.title,
            meeting_date=row.date,
            body_name=row.body_name,
            document_id=row.document_id,
            start=row.start,
            page=row.page,
            snippet=snippets.get(row.id, Markup("")),
        )
        for row in (by_id[i] for i in doc_ids if i in by_id)
    ]


# ---------------------------------------------------------------- the HTML page


@dataclass
class MotionHit:
    motion: Motion
    snippet: Markup | None


@dataclass
class Facet:
    """Counts of one filter's values among the matches (that filter itself left out)."""

    name: str
    label: str
    counts: list[tuple[str, Count]]


@dataclass
class SearchPage:
    params: SearchParams
    hits: list[MotionHit]
    total: Count
    facets: list[Facet]
    passages: list[Passage]
    passage_total: Count
    notes: tuple[str, ...] = ()
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total.value // self.per_page))

    @property
    def ranked_window(self) -> bool:
        """True when relevance ranked only the newest RANK_WINDOW matches."""
        return self.params.by_relevance and (self.total.capped or self.total.value > RANK_WINDOW)

    @property
    def outcome_counts(self) -> list[tuple[str, Count]]:
        return next((f.counts for f in self.facets if f.name == "outcome"), [])


def search_motions(params: SearchParams, *, per_page: int = PER_PAGE) -> SearchPage:
    """One page of matching motions with snippets, counts per filter, and passage hits."""
    criteria = resolve(params)
    notes = criteria.notes
    page = params.page
    last_page = -(-COUNT_CAP // per_page)
    if page > last_page:
        notes += (f"Only the first {last_page} pages can be shown; narrow the search or use the dates.",)
        page = last_page
    offset = (page - 1) * per_page
    engine = _engine()
    hidden = engine.hidden_meetings() if engine else "[]"
    if engine:
        scope = engine.motion_scope(criteria, hidden)
        total, rowids, facets = _indexed_motions(criteria, scope, hidden, params, offset, per_page)
        ids = engine.ref_ids(rowids)
        snippets = _snippets_by_motion(params.q, rowids, ids, scope.match if scope and engine is search_fts else None)
    else:
        total = search_sql.total(criteria)
        ids = search_sql.page(criteria, limit=per_page, offset=offset) if offset < total.value else []
        facets = [
            Facet(name, label, search_sql.facet_counts(criteria.without(name), name, list(values)))
            for name, label, values in FACETS
        ]
        snippets = search.motion_snippets(params.q, ids) if params.q else {}
    motions = load_motions(ids)
    passages: list[Passage] = []
    passage_total = Count(0, False)
    if params.q and not params.filters_motions_only and page == 1:
        passages, passage_total = find_passages(criteria, hidden=hidden)
    return SearchPage(
        params=replace(params, page=page),
        hits=[MotionHit(m, snippets.get(m.id)) for m in motions],
        total=total,
        facets=facets,
        passages=passages,
        passage_total=passage_total,
        notes=notes,
        per_page=per_page,
    )


def _indexed_motions(
    criteria: Criteria, scope: search_fts.Scope | None, hidden: str, params: SearchParams, offset: int, limit: int
) -> tuple[Count, list[int], list[Facet]]:
    """The total, the page's rowids and the counts per filter, from as few passes over the index as can be.

    The counts of a filter's values leave that filter out. When outcome, result or split are
    filtered, one pass over the search without them comes first: if it holds every match
    (no more than COUNT_CAP), the page, the total and every count are read from its rowids'
    facet bits, exactly; otherwise each filter gets its own pass over the newest matches.
    """
    if scope is None:
        return Count(0, False), [], [Facet(name, label, []) for name, label, _ in FACETS]
    engine = _engine()
    coded = {name: getattr(criteria, name) for name, _, _ in FACETS if getattr(criteria, name)}
    windows: dict[str, search_fts.Window | None] = {}
    window = None
    # The pass without outcome, result and split is worth trying only when something else narrows
    # the search (words, officer, commissioner ...): all of a board's motions are usually more.
    base_criteria = replace(criteria, outcome="", result="", split="")
    ids = (criteria.officers, criteria.policies, criteria.members, criteria.body)
    narrow = bool(criteria.q.strip() or criteria.vote) or any(value is not None for value in ids)
    if narrow and coded and all(value in FACET_CODES[name][2] for name, value in coded.items()):
        base_scope = engine.motion_scope(base_criteria, hidden)
        base = engine.motion_window(base_scope) if base_scope is not None else None
        if base is not None and not base.count.capped:
            window = base.only(coded)
            for name in coded:
                windows[name] = base.only({other: value for other, value in coded.items() if other != name})
        elif len(coded) == 1:
            windows[next(iter(coded))] = base
    if window is None:
        window = engine.motion_window(scope)
        for name in coded:
            if name not in windows:
                base_scope = engine.motion_scope(criteria.without(name), hidden)
                windows[name] = engine.motion_window(base_scope) if base_scope is not None else None
    total = window.count
    rowids: list[int] = []
    if offset < total.value:
        if params.by_relevance:
            rowids = engine.ranked(scope, params.q, limit=limit, offset=offset)
        else:
            rowids = engine.newest(scope, limit=limit, offset=offset)
    facets = []
    for name, label, _ in FACETS:
        found = windows[name] if name in windows else window
        facets.append(Facet(name, label, found.facet_counts(name) if found else []))
    return total, rowids, facets


def _snippets_by_motion(raw: str, rowids: list[int], motion_ids: list[int], match: str | None) -> dict[int, Markup]:
    if not raw or not rowids:
        return {}
    by_doc = dict(zip(rowids, motion_ids, strict=False)) if len(rowids) == len(motion_ids) else {}
    if not by_doc:
        return search.motion_snippets(raw, motion_ids)
    return {by_doc[doc]: snippet for doc, snippet in search.doc_snippets(raw, rowids, match=match).items()}


def find_passages(
    criteria: Criteria, *, limit: int = PASSAGES_SHOWN, hidden: str | None = None
) -> tuple[list[Passage], Count]:
    """The newest transcript and document passages matching the words, and how many there are (capped)."""
    engine = _engine()
    if engine:
        scope = engine.passage_scope(criteria, engine.hidden_meetings() if hidden is None else hidden)
        if scope is None:
            return [], Count(0, False)
        rows, total = engine.first_and_count(scope, limit=limit)
        match = scope.match if engine is search_fts else None
        return load_passages(rows, criteria.q, match=match), total
    doc_ids, total = search_sql.passages(criteria, limit=limit)
    return load_passages(doc_ids, criteria.q), total


# ---------------------------------------------------------------- exports: batches and the `next` token


class BadToken(ValueError):
    """The `next` token was not one this server made."""


def encode_token(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        position = json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise BadToken("That `next` token is not valid; start again without it.") from exc
    if not isinstance(position, dict):
        raise BadToken("That `next` token is not valid; start again without it.")
    if "o" in position and isinstance(position["o"], int) and 0 <= position["o"] <= MAX_ID:
        return {"o": position["o"]}
    key = position.get("k")
    if isinstance(key, list) and len(key) == 4 and all(isinstance(n, int) for n in key[1:]):
        try:
            dt.date.fromisoformat(str(key[0]))
        except ValueError:
            pass
        else:
            return {"k": key}
    raise BadToken("That `next` token is not valid; start again without it.")


def _batch_ids(criteria: Criteria, params: SearchParams, limit: int, token: dict[str, Any] | None) -> list[int]:
    relevance = params.by_relevance
    offset = int(token.get("o", 0)) if token and relevance else 0
    key = token.get("k") if token and not relevance else None
    engine = _engine()
    if engine is None:
        if key is not None:
            return search_sql.after(criteria, key, limit=limit)
        return search_sql.page(criteria, limit=limit, offset=offset)
    scope = engine.motion_scope(criteria, engine.hidden_meetings())
    if scope is None:
        return []
    if relevance:
        return engine.ref_ids(engine.ranked(scope, params.q, limit=limit, offset=offset))
    if key is not None:
        # Continue below the last motion's row; if it has gone, below its whole meeting.
        row = engine.doc_id_of("motion", key[3])
        if row is not None and meeting_of(row) == key[1]:
            low = row + 1
        else:
            low = rows_after_meeting(MOTION_KIND, dt.date.fromisoformat(key[0]), key[1])
        scope = scope.narrowed(low=max(scope.low, low))
    return engine.ref_ids(engine.newest(scope, limit=limit))


def motion_batch(
    params: SearchParams, *, limit: int, token: dict[str, Any] | None = None
) -> tuple[list[Motion], str | None]:
    """Up to `limit` matching motions (full details) after `token`, and the token for the next batch.

    Date order walks every match; relevance order ranks the newest RANK_WINDOW matches.
    """
    criteria = resolve(params)
    ids = _batch_ids(criteria, params, limit + 1, token)
    more = len(ids) > limit
    motions = load_motions(ids[:limit], full=True)
    if not more or not motions:
        return motions, None
    if params.by_relevance:
        offset = int(token.get("o", 0)) if token else 0
        return motions, encode_token({"o": offset + limit})
    last = motions[-1]
    return motions, encode_token({"k": [last.meeting.date.isoformat(), last.meeting_id, last.position, last.id]})


def iter_motions(params: SearchParams, *, batch_size: int = 500) -> Iterator[Motion]:
    """Every matching motion, newest first, fetched in batches; the session is cleared between batches."""
    params = replace(params, sort="date")
    token: dict[str, Any] | None = None
    while True:
        motions, next_token = motion_batch(params, limit=batch_size, token=token)
        yield from motions
        if next_token is None:
            return
        token = decode_token(next_token)
        db.session.expunge_all()


def body_choices() -> list[Body]:
    """Boards that have published meetings (for the search form)."""
    published = select(Meeting.body_id).where(Meeting.status == "published")
    return list(db.session.scalars(select(Body).where(Body.id.in_(published)).order_by(Body.name)))
