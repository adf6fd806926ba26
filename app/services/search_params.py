"""What a search asks for: the query string read forgivingly into `SearchParams`, and back.

Bad values are dropped with a note the page can show, never an error; `to_args` gives the
query string that reproduces a search, so every search has a shareable URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from app.models.motion import RESULTS, VOTE_OPTIONS
from app.services.search import MAX_QUERY_CHARS, query_terms
from app.services.search_index import FACET_CODES

MAX_ID = 2**31 - 1  # the largest id any supported database stores; bigger ones match nothing
MAX_PAGE = 10_000
PER_PAGE = 20
MAX_PARAM = 200
SORTS = ("date", "relevance")
# The index's facet values (app/services/search_index.py): one list, so a filter and its index code agree.
SPLITS = FACET_CODES["split"][2]
_DIVIDED_WORDS = ("1", "true", "yes", "on", "divided", "split")
_ANY_WORDS = ("", "0", "false", "no", "off", "any")
# Outcome kinds the motion parser records (app/parsing/outcomes.py), in the order people ask for them.
OUTCOME_KINDS = FACET_CODES["outcome"][2]


def parse_id(value: str | int | None) -> int | None:
    """An id from user input, or None when it is not a plausible id."""
    text = str(value if value is not None else "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_page(value: str | None) -> int:
    """A page number from user input, clamped to 1..MAX_PAGE (anything unreadable is 1)."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit():
        return 1
    return min(max(int(text[:8]), 1), MAX_PAGE)


def parse_date(value: str, *, end: bool) -> dt.date:
    """YYYY, YYYY-MM or YYYY-MM-DD; a year or month means its first (or, for `end`, last) day."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        raise ValueError(value)
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    try:
        if len(parts) == 3:
            return dt.date(year, month, int(parts[2]))
        if not end:
            return dt.date(year, month, 1)
        following = dt.date(year + (month == 12), month % 12 + 1, 1) if year < dt.MAXYEAR or month < 12 else None
        return following - dt.timedelta(days=1) if following else dt.date.max
    except OverflowError as exc:
        raise ValueError(value) from exc


def _clean(value: str | None, limit: int = MAX_PARAM) -> str:
    return (value or "").replace("\x00", "").strip()[:limit]


@dataclass(frozen=True)
class SearchParams:
    """What a search asks for. Empty strings and None mean "any"."""

    q: str = ""
    officer: str = ""
    policy: str = ""
    outcome: str = ""
    member: str = ""
    vote: str = ""
    result: str = ""
    split: str = ""  # "", "divided" or "unanimous"
    body: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "date"
    page: int = 1
    notes: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> SearchParams:
        """Read the query string; drop what cannot be used and say why in `notes`."""
        notes: list[str] = []
        vote = _clean(args.get("vote")).lower()
        if vote and vote not in VOTE_OPTIONS:
            notes.append(f"Ignored vote “{vote}”: use one of {', '.join(VOTE_OPTIONS)}.")
            vote = ""
        result = _clean(args.get("result")).lower()
        if result and result not in RESULTS:
            notes.append(f"Ignored result “{result}”: use one of {', '.join(RESULTS)}.")
            result = ""
        split_raw = _clean(args.get("split")).lower()
        split = "divided" if split_raw in _DIVIDED_WORDS else split_raw
        if split not in SPLITS:
            if split_raw not in _ANY_WORDS:
                notes.append(f"Ignored split “{split_raw}”: use divided or unanimous.")
            split = ""
        dates: dict[str, dt.date | None] = {}
        for key in ("from", "to"):
            raw = _clean(args.get(key), 20)
            dates[key] = None
            if raw:
                try:
                    dates[key] = parse_date(raw, end=key == "to")
                except ValueError:
                    notes.append(f"Ignored the date “{raw}” in “{key}”: write it as YYYY-MM-DD.")
        if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
            notes.append("The “from” date is after the “to” date, so nothing can match; swap them to search between.")
        body_raw = _clean(args.get("body"))
        body = parse_id(body_raw)
        if body_raw and body is None:
            notes.append("Ignored “body”: it takes the number of a board.")
        sort = _clean(args.get("sort")).lower()
        return cls(
            q=_clean(args.get("q"), MAX_QUERY_CHARS),
            officer=_clean(args.get("officer")),
            policy=_clean(args.get("policy")),
            outcome=_clean(args.get("outcome")).lower().replace(" ", "_"),
            member=_clean(args.get("member")),
            vote=vote,
            result=result,
            split=split,
            body=body,
            date_from=dates["from"],
            date_to=dates["to"],
            sort=sort if sort in SORTS else "date",
            page=parse_page(args.get("page")),
            notes=tuple(notes),
        )

    def to_args(self, **changes: Any) -> dict[str, str]:
        """The query-string arguments that reproduce this search (empty ones left out)."""
        params = replace(self, **changes) if changes else self
        args = {
            "q": params.q,
            "officer": params.officer,
            "policy": params.policy,
            "outcome": params.outcome,
            "member": params.member,
            "vote": params.vote,
            "result": params.result,
            "split": params.split,
            "body": str(params.body) if params.body else "",
            "from": params.date_from.isoformat() if params.date_from else "",
            "to": params.date_to.isoformat() if params.date_to else "",
            "sort": params.sort if params.sort != "date" else "",
            "page": str(params.page) if params.page > 1 else "",
        }
        return {key: value for key, value in args.items() if value}

    @property
    def filters_motions_only(self) -> bool:
        """True when a filter applies only to motions (transcript and page hits are then left out)."""
        return bool(
            self.officer or self.policy or self.outcome or self.member or self.vote or self.result or self.split
        )

    @property
    def filtered(self) -> bool:
        """True when anything but the words narrows the search."""
        return bool(self.filters_motions_only or self.body or self.date_from or self.date_to)

    @property
    def by_relevance(self) -> bool:
        return self.sort == "relevance" and bool(query_terms(self.q))
