"""Search text: how user text becomes a safe query, and highlighted, escaped snippets.

User text is never passed through as FTS5 syntax: each whitespace-separated chunk becomes a
quoted phrase of its words, and all phrases must match. A chunk ending in `*` whose last
word has at least MIN_PREFIX characters asks for words starting with it ("Whitf*").

The index itself (what is searchable, and how) lives in `search_index`; the queries that
walk it live in `search_fts` (SQLite FTS5) and `search_sql` (other databases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import select

from app.extensions import db
from app.services.search_index import (  # noqa: F401 - the indexer's entry points, re-exported
    MARK_END,
    MARK_START,
    rebuild_index,
    reindex_meeting,
    search_doc,
)

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
MIN_PREFIX = 3
SNIPPET_TOKENS = 32  # snippets come from `content` (column 1), never the list of names
_WORD = re.compile(r"\w+")
_STRIP_MARKS = str.maketrans({MARK_START: " ", MARK_END: " ", "\x00": " "})


@dataclass(frozen=True)
class Term:
    """One quoted phrase of the query; `prefix` when its last word may be the start of a word."""

    words: str
    prefix: bool = False

    def fts(self) -> str:
        quoted = '"' + self.words.replace('"', '""') + '"'
        return quoted + " *" if self.prefix else quoted


def parse_terms(raw: str) -> list[Term]:
    """The terms of the user's text: "use-of-force" is the phrase "use of force", "O'Brien"
    "O Brien", "300.4" "300 4"; operators and punctuation (AND, -x, *x, a lone quote) lose their
    meaning. Only a trailing `*` after MIN_PREFIX characters means "starts with"."""
    terms: list[Term] = []
    for chunk in raw[:MAX_QUERY_CHARS].split():
        words = _WORD.findall(chunk)
        if words:
            prefix = chunk.endswith("*") and len(words[-1]) >= MIN_PREFIX and chunk.rstrip("*")[-1:].isalnum()
            terms.append(Term(" ".join(words), prefix))
        if len(terms) >= MAX_TERMS:
            break
    return terms


def query_terms(raw: str) -> list[str]:
    """The words of each term, as strings (an empty list when there is nothing to search for)."""
    return [term.words for term in parse_terms(raw)]


def fts_match_query(raw: str) -> str | None:
    """An FTS5 MATCH string where every term is a quoted phrase (all must match); None if empty."""
    terms = parse_terms(raw)
    if not terms:
        return None
    return " ".join(term.fts() for term in terms)


def words(raw: str) -> list[str]:
    """Every word of the query, for the LIKE fallback and for snippets made in Python."""
    return [w for term in query_terms(raw) for w in term.split()]


# ---------------------------------------------------------------- snippets


def highlight(raw: str) -> Markup:
    """Escape snippet text, then turn the match markers into <mark> elements."""
    escaped = str(escape(raw))
    if escaped.count(MARK_START) != escaped.count(MARK_END):
        return Markup(escaped.replace(MARK_START, "").replace(MARK_END, ""))  # noqa: S704 - escaped above  # nosec B704  # every text in it is escaped first
    return Markup(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S704  # nosec B704  # every text in it is escaped first


def text_snippet(content: str, raw: str, width: int = 200) -> Markup:
    """A snippet made in Python (PostgreSQL, the plain SQL engine): the first match with some
    context. Whole words are marked; a prefix term's last word marks the words it starts."""
    found_words = []
    for term in parse_terms(raw):
        parts = term.words.split()
        found_words += [rf"\b{re.escape(w)}\b" for w in parts[:-1]]
        found_words.append(rf"\b{re.escape(parts[-1])}" + (r"\w*" if term.prefix else r"\b"))
    if not found_words:
        return escape(content[:width])
    pattern = re.compile("|".join(sorted(found_words, key=len, reverse=True)), re.IGNORECASE)
    found = pattern.search(content)
    start = max(0, found.start() - width // 3) if found else 0
    window = content[start : start + width]
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window.translate(_STRIP_MARKS))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(content) else ""
    return highlight(prefix + marked + suffix)


def _is_sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def doc_snippets(raw: str, doc_ids: list[int], *, match: str | None = None) -> dict[int, Markup]:
    """Highlighted snippets of the given index rows (by search_doc id), where they match the text.

    `match` is the FTS5 expression the rows were found with (words and facet tokens): the
    snippets then come from one pass over the rowids between the first and the last row shown,
    which for a page of results holds little more than the page.
    """
    if not doc_ids:
        return {}
    query = fts_match_query(raw)
    if query is None:
        return {}
    if not _is_sqlite():
        stmt = select(search_doc.c.id, search_doc.c.content).where(search_doc.c.id.in_(doc_ids))
        return {doc_id: text_snippet(content, raw) for doc_id, content in db.session.execute(stmt)}
    from app.services.search_fts import run  # the FTS5 engine's raw cursor

    # `+rowid` keeps the IN list out of the index choice: FTS5 walks the range (cheap), and
    # snippet() runs only for the rows kept (dear: it re-reads and re-tokenizes each row).
    sql = (
        "SELECT rowid, snippet(search_fts, 1, :a, :b, '…', :n) FROM search_fts "
        "WHERE search_fts MATCH :q AND rowid BETWEEN :lo AND :hi AND +rowid IN (SELECT value FROM json_each(:ids))"
    )
    params = {"a": MARK_START, "b": MARK_END, "n": SNIPPET_TOKENS, "q": match or query}
    params.update(lo=min(doc_ids), hi=max(doc_ids), ids="[" + ",".join(str(int(i)) for i in doc_ids) + "]")
    return {doc_id: highlight(raw_snippet or "") for doc_id, raw_snippet in run(sql, params)}


def motion_snippets(raw: str, motion_ids: list[int]) -> dict[int, Markup]:
    """Highlighted snippets for the given motions (only those that match the text)."""
    if not motion_ids or fts_match_query(raw) is None:
        return {}
    rows = db.session.execute(
        select(search_doc.c.id, search_doc.c.ref_id).where(
            search_doc.c.kind == "motion", search_doc.c.ref_id.in_(motion_ids)
        )
    ).all()
    by_doc = dict(rows)
    return {by_doc[doc_id]: snippet for doc_id, snippet in doc_snippets(raw, list(by_doc)).items()}
