"""The search index: what is searchable, how user text becomes a safe query, and snippets.

Every searchable thing (a motion, a transcript segment, a PDF page) is one row of
`search_doc`. On SQLite an FTS5 table (`search_fts`, migration 0002) indexes those rows and
triggers keep it in step. On other databases the same functions fall back to ILIKE until a
PostgreSQL full-text backend (tsvector + GIN) lands behind them.

Everything is indexed, drafts included; every query here joins the meeting and keeps only
published ones, so a meeting that is unpublished disappears from results at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Subquery,
    Table,
    Text,
    column,
    delete,
    func,
    insert,
    literal,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Document, DocumentPage, Meeting, Motion, MotionOfficer, MotionPolicy, Segment, Transcript

search_doc = Table(
    "search_doc",
    db.metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # motion | segment | page
    Column("ref_id", Integer, nullable=False),
    Column("document_id", Integer),
    Column("start", Float),
    Column("page", Integer),
    Column("names", Text, nullable=False),
    Column("content", Text, nullable=False),
    Index("ix_search_doc_kind_ref_id", "kind", "ref_id"),
)
_fts = table("search_fts", column("rowid", Integer))
_FTS = literal_column("search_fts")

MARK_START, MARK_END = "\x02", "\x03"  # snippet markers: never in indexed text, escaped around
MAX_QUERY_CHARS = 500
MAX_TERMS = 16
SNIPPET_TOKENS = 32  # snippets come from `content` (column 1), never the list of names
_WORD = re.compile(r"\w+")
_STRIP_MARKS = str.maketrans({MARK_START: " ", MARK_END: " ", "\x00": " "})
_BATCH = 1000


# ---------------------------------------------------------------- query building


def query_terms(text: str) -> list[str]:
    """Terms from the user's text: each whitespace-separated chunk's words, joined by spaces.

    "use-of-force" becomes the phrase "use of force", "O'Brien" "O Brien", "300.4" "300 4";
    operators and punctuation (AND, -x, *x, a lone quote) lose their meaning.
    """
    terms: list[str] = []
    for chunk in text[:MAX_QUERY_CHARS].split():
        words = _WORD.findall(chunk)
        if words:
            terms.append(" ".join(words))
        if len(terms) >= MAX_TERMS:
            break
    return terms


def fts_match_query(text: str) -> str | None:
    """An FTS5 MATCH string where every term is a quoted phrase (all must match); None if empty."""
    terms = query_terms(text)
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _words(text: str) -> list[str]:
    return [w for term in query_terms(text) for w in term.split()]


def _is_sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _like_conditions(text: str) -> list[Any]:
    haystack = search_doc.c.names + " " + search_doc.c.content
    return [haystack.ilike(_like(word), escape="\\") for word in _words(text)]


# ---------------------------------------------------------------- snippets


def highlight(raw: str) -> Markup:
    """Escape snippet text, then turn the match markers into <mark> elements."""
    escaped = str(escape(raw))
    if escaped.count(MARK_START) != escaped.count(MARK_END):
        return Markup(escaped.replace(MARK_START, "").replace(MARK_END, ""))  # noqa: S704 - escaped above
    return Markup(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S704


def text_snippet(content: str, text: str, width: int = 200) -> Markup:
    """A snippet made in Python (for the ILIKE fallback): the first match with some context."""
    words = _words(text)
    if not words:
        return escape(content[:width])
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    found = pattern.search(content)
    start = max(0, found.start() - width // 3) if found else 0
    window = content[start : start + width]
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window.translate(_STRIP_MARKS))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(content) else ""
    return highlight(prefix + marked + suffix)


# ---------------------------------------------------------------- motions


def match_motions(text: str, *, ranked: bool = True) -> Subquery | None:
    """Motions whose indexed text matches: a subquery of (ref_id, rank); lower rank is better.

    None when the text holds no searchable words (the caller then does not filter by text).
    `ranked=False` skips the bm25 ranking (its cost grows with every matching row).
    """
    if _is_sqlite():
        query = fts_match_query(text)
        if query is None:
            return None
        # Materialised, so SQLite runs the MATCH once and joins its rows, rather than probing
        # the index once per motion (measured: 1.5 s against 0.1 s on 220,000 rows).
        found = (
            select(
                _fts.c.rowid.label("doc_id"),
                (func.bm25(_FTS, 2.0, 1.0) if ranked else literal(0.0)).label("rank"),
            )
            .where(_FTS.op("MATCH")(query))
            .cte("fts_hits")
            .prefix_with("MATERIALIZED")
        )
        stmt = (
            select(search_doc.c.ref_id.label("ref_id"), found.c.rank.label("rank"))
            .select_from(found.join(search_doc, search_doc.c.id == found.c.doc_id))
            .where(search_doc.c.kind == "motion")
        )
        return stmt.subquery("hits")
    conditions = _like_conditions(text)
    if not conditions:
        return None
    stmt = select(search_doc.c.ref_id.label("ref_id"), literal(0.0).label("rank")).where(
        search_doc.c.kind == "motion", *conditions
    )
    return stmt.subquery("hits")


def motion_snippets(text: str, motion_ids: list[int]) -> dict[int, Markup]:
    """Highlighted snippets for the given motions (only those that match the text)."""
    if not motion_ids:
        return {}
    if _is_sqlite():
        query = fts_match_query(text)
        if query is None:
            return {}
        doc_ids = dict(
            db.session.execute(
                select(search_doc.c.id, search_doc.c.ref_id).where(
                    search_doc.c.kind == "motion", search_doc.c.ref_id.in_(motion_ids)
                )
            ).all()
        )
        if not doc_ids:
            return {}
        snippet = func.snippet(_FTS, 1, MARK_START, MARK_END, "…", SNIPPET_TOKENS)
        stmt = select(_fts.c.rowid, snippet).where(_FTS.op("MATCH")(query), _fts.c.rowid.in_(list(doc_ids)))
        return {doc_ids[doc_id]: highlight(raw or "") for doc_id, raw in db.session.execute(stmt)}
    stmt = select(search_doc.c.ref_id, search_doc.c.content).where(
        search_doc.c.kind == "motion", search_doc.c.ref_id.in_(motion_ids)
    )
    return {ref_id: text_snippet(content, text) for ref_id, content in db.session.execute(stmt)}


# ---------------------------------------------------------------- passages (transcript, PDF pages)


@dataclass(frozen=True)
class Passage:
    """A transcript segment or PDF page of a published meeting that matches the text."""

    kind: str  # "segment" or "page"
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    body_name: str
    document_id: int | None
    start: float | None
    page: int | None
    snippet: Markup


def match_passages(
    text: str,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    body_id: int | None = None,
    by_relevance: bool = False,
    limit: int = 10,
    offset: int = 0,
) -> tuple[list[Passage], int]:
    """Matching transcript segments and PDF pages of published meetings, and how many there are."""
    sqlite = _is_sqlite()
    query = fts_match_query(text) if sqlite else None
    conditions = [] if sqlite else _like_conditions(text)
    if (sqlite and query is None) or (not sqlite and not conditions):
        return [], 0
    meeting_filters = [Meeting.status == "published"]
    if date_from:
        meeting_filters.append(Meeting.date >= date_from)
    if date_to:
        meeting_filters.append(Meeting.date <= date_to)
    if body_id is not None:
        meeting_filters.append(Meeting.body_id == body_id)
    source = search_doc.join(Meeting, Meeting.id == search_doc.c.meeting_id)
    where = [search_doc.c.kind.in_(("segment", "page")), *meeting_filters]
    if sqlite:
        source = _fts.join(source, search_doc.c.id == _fts.c.rowid)
        where.append(_FTS.op("MATCH")(query))
    else:
        where.extend(conditions)
    total = db.session.scalar(select(func.count()).select_from(source).where(*where)) or 0
    order = [Meeting.date.desc(), Meeting.id.desc(), search_doc.c.start, search_doc.c.page]
    if by_relevance and sqlite:
        order.insert(0, func.bm25(_FTS))
    columns = (
        search_doc.c.id,
        search_doc.c.kind,
        search_doc.c.meeting_id,
        Meeting.title,
        Meeting.date,
        Meeting.body_id,
        search_doc.c.document_id,
        search_doc.c.start,
        search_doc.c.page,
    )
    # Order and cut first, then make snippets for the rows shown: a snippet costs far more than a sort key.
    stmt = select(*columns).select_from(source).where(*where).order_by(*order).limit(limit).offset(offset)
    rows = db.session.execute(stmt).all()
    snippets = _passage_snippets(text, query, [row.id for row in rows])
    bodies = _body_names({row.body_id for row in rows})
    passages = [
        Passage(
            kind=row.kind,
            meeting_id=row.meeting_id,
            meeting_title=row.title,
            meeting_date=row.date,
            body_name=bodies.get(row.body_id, ""),
            document_id=row.document_id,
            start=row.start,
            page=row.page,
            snippet=snippets.get(row.id, Markup("")),
        )
        for row in rows
    ]
    return passages, total


def _passage_snippets(text: str, query: str | None, doc_ids: list[int]) -> dict[int, Markup]:
    if not doc_ids:
        return {}
    if query is None:  # the ILIKE fallback: snippets made in Python
        stmt = select(search_doc.c.id, search_doc.c.content).where(search_doc.c.id.in_(doc_ids))
        return {doc_id: text_snippet(content, text) for doc_id, content in db.session.execute(stmt)}
    snippet = func.snippet(_FTS, 1, MARK_START, MARK_END, "…", SNIPPET_TOKENS)
    stmt = select(_fts.c.rowid, snippet).where(_FTS.op("MATCH")(query), _fts.c.rowid.in_(doc_ids))
    return {doc_id: highlight(raw or "") for doc_id, raw in db.session.execute(stmt)}


def _body_names(ids: set[int]) -> dict[int, str]:
    from app.models import Body

    if not ids:
        return {}
    return {body_id: name for body_id, name in db.session.execute(select(Body.id, Body.name).where(Body.id.in_(ids)))}


# ---------------------------------------------------------------- indexing


def _clean(*parts: str | None, sep: str = " ") -> str:
    return sep.join(p for p in parts if p).translate(_STRIP_MARKS)


def motion_row(motion: Motion) -> dict[str, Any]:
    """The index row of one motion.

    `content` holds what reads well in a snippet (the motion, then its outcome and the quoted
    evidence where they add words); `names` holds people, officers, policies and the labels
    (outcome kind, classification, agenda item) that should match but never be shown as prose.
    """
    names = [motion.mover, motion.seconder]
    for officer in motion.officers:
        names += [officer.rank, officer.name, officer.badge and f"badge {officer.badge}"]
    for policy in motion.policies:
        names += [policy.code, policy.title]
    names += [
        motion.outcome_kind and motion.outcome_kind.replace("_", " "),
        motion.classification.replace("_", " "),
        motion.agenda_item.title if motion.agenda_item else None,
    ]
    content = [motion.text]
    for extra in (motion.outcome_text, motion.evidence):
        if extra and extra.casefold() not in " ".join(content).casefold():
            content.append(extra)
    return {
        "meeting_id": motion.meeting_id,
        "kind": "motion",
        "ref_id": motion.id,
        "document_id": motion.document_id,
        "start": motion.source_start,
        "page": motion.source_page,
        "names": _clean(*names),
        "content": _clean(*content, sep=" \u2014 "),
    }


def reindex_meeting(meeting: Meeting) -> None:
    """Replace the search rows of one meeting with what the database holds now (flushes only)."""
    db.session.flush()
    db.session.execute(delete(search_doc).where(search_doc.c.meeting_id == meeting.id))
    motions = db.session.scalars(
        select(Motion)
        .where(Motion.meeting_id == meeting.id)
        .options(
            selectinload(Motion.officer_links).selectinload(MotionOfficer.officer),
            selectinload(Motion.policy_links).selectinload(MotionPolicy.policy),
            selectinload(Motion.agenda_item),
        )
    )
    _insert([motion_row(m) for m in motions.all()])
    pages = db.session.execute(
        select(DocumentPage.id, DocumentPage.document_id, DocumentPage.number, DocumentPage.text)
        .join(Document, Document.id == DocumentPage.document_id)
        .where(Document.meeting_id == meeting.id, DocumentPage.text != "")
    )
    _insert(
        {
            "meeting_id": meeting.id,
            "kind": "page",
            "ref_id": page_id,
            "document_id": document_id,
            "start": None,
            "page": number,
            "names": "",
            "content": _clean(text),
        }
        for page_id, document_id, number, text in pages.all()
    )
    segments = db.session.execute(
        select(Segment.id, Transcript.document_id, Segment.start, Segment.speaker, Segment.text)
        .join(Transcript, Transcript.id == Segment.transcript_id)
        .join(Document, Document.id == Transcript.document_id)
        .where(Document.meeting_id == meeting.id)
    )
    _insert(
        {
            "meeting_id": meeting.id,
            "kind": "segment",
            "ref_id": segment_id,
            "document_id": document_id,
            "start": start,
            "page": None,
            "names": _clean(speaker),
            "content": _clean(text),
        }
        for segment_id, document_id, start, speaker, text in segments.all()
    )
    db.session.flush()


def _insert(rows: Any) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            db.session.execute(insert(search_doc), batch)
            batch = []
    if batch:
        db.session.execute(insert(search_doc), batch)
