"""What autogenerate compares: SQLite's FTS5 tables are made by hand in their migration."""

from __future__ import annotations

from typing import Any


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (type_ == "table" and name is not None and name.startswith("search_fts"))
