"""The API's envelopes, `limit` and the opaque `next` token of keyset pagination.

A `next` token is base64 (URL-safe, unpadded) of a small JSON object holding the last key a
page ended on. Clients treat it as opaque; the server checks its shape before using it, so a
token that was edited, truncated or made for another list answers 400, never 500.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from typing import Any, NoReturn

from flask import Response, abort, jsonify, request

from app.services import motion_search
from app.services.motion_search import MAX_ID, BadToken

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_TOKEN_CHARS = 500
_INTEGER = re.compile(r"([+-]?)([0-9]+)(?:\.0*)?")
INVALID_NEXT = "That `next` token is not valid; start again without it."


def ok(data: Any, next_token: str | None = None) -> Response:
    """The success envelope."""
    return jsonify({"ok": True, "data": data, "next": next_token})


def bad_request(detail: str) -> NoReturn:
    """Answer 400 with the error envelope (app/errors.py renders it for /api/ paths)."""
    abort(400, description=detail)


def integer(raw: str) -> int | None:
    """A whole number from query text ("12", "+12", "12.0"), or None; huge values are capped at 10**12."""
    match = _INTEGER.fullmatch(raw.strip())
    if match is None:
        return None
    sign, digits = match.group(1), match.group(2).lstrip("0") or "0"
    value = int(digits) if len(digits) <= 12 else 10**12
    return -value if sign == "-" else value


def limit() -> int:
    """`limit` from the query string, clamped to 1..MAX_LIMIT; a non-number is a 400."""
    raw = request.args.get("limit", "").strip()
    if not raw:
        return DEFAULT_LIMIT
    value = integer(raw)
    if value is None:
        bad_request(f"`limit` must be a whole number (1 to {MAX_LIMIT}); got {raw[:20]!r}.")
    return min(max(value, 1), MAX_LIMIT)


def encode(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode() -> dict[str, Any] | None:
    token = request.args.get("next", "")
    if not token:
        return None
    if len(token) > MAX_TOKEN_CHARS:
        bad_request(INVALID_NEXT)
    try:
        position = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError):
        bad_request(INVALID_NEXT)
    if not isinstance(position, dict):
        bad_request(INVALID_NEXT)
    return position


def _valid_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def after_id() -> int | None:
    """The last id of the previous page, for lists ordered by id ({"i": id})."""
    position = _decode()
    if position is None:
        return None
    if set(position) != {"i"} or not _valid_id(position["i"]):
        bad_request(INVALID_NEXT)
    return position["i"]


def after_date_id() -> tuple[dt.date, int] | None:
    """The last (date, id) of the previous page, for lists newest first ({"d": [date, id]})."""
    position = _decode()
    if position is None:
        return None
    key = position.get("d")
    if set(position) != {"d"} or not isinstance(key, list) or len(key) != 2 or not _valid_id(key[1]):
        bad_request(INVALID_NEXT)
    try:
        return dt.date.fromisoformat(str(key[0])), key[1]
    except ValueError:
        bad_request(INVALID_NEXT)


def motion_token() -> dict[str, Any] | None:
    """The position in a motion search (the search service makes and checks these tokens)."""
    token = request.args.get("next", "")
    if not token:
        return None
    if len(token) > MAX_TOKEN_CHARS:
        bad_request(INVALID_NEXT)
    try:
        position = motion_search.decode_token(token)
    except BadToken:
        bad_request(INVALID_NEXT)
    # The search service checks the shape; numbers beyond what a database column holds are ours to stop.
    numbers = position["k"][1:] if "k" in position else [position.get("o", 0)]
    if not all(abs(n) <= MAX_ID for n in numbers):
        bad_request(INVALID_NEXT)
    return position
