"""Small response helpers shared by the public views."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from flask import Response, abort, stream_with_context

T = TypeVar("T")


def found(record: T | None) -> T:
    """The record, or a 404 (drafts, missing and impossible ids all look the same)."""
    if record is None:
        abort(404, description="There is no published record at this address.")
    return record


def csv_response(chunks: Iterator[str], filename: str) -> Response:
    """A streamed UTF-8 CSV download (the generator runs inside the request context)."""
    response = Response(stream_with_context(chunks), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
