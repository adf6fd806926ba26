"""What autogenerate compares: the full-text structures each database gets by hand in its migration.

SQLite's FTS5 tables (0002, 0004), and PostgreSQL's `search_doc.tsv` column and its GIN index
(0005) are not in the models, so they are left out of the comparison.
"""

from __future__ import annotations

from typing import Any

PG_ONLY = {("column", "tsv"), ("index", "ix_search_doc_tsv")}


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "table" and name is not None and name.startswith("search_fts"):
        return False
    table = getattr(getattr(obj, "table", None), "name", None)
    return not ((type_, name) in PG_ONLY and table == "search_doc")
