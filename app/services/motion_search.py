"""Searching the motions of published meetings: parameters, filters, pages and export batches.

`SearchParams.from_args` reads the query string forgivingly (bad values are dropped with a
note the page can show, never an error); `search_motions` answers an HTML page;
`motion_batches` walks every match for CSV and JSON exports without loading them all.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup
from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from app.extensions import db
from app.models import Body, Meeting, Member, Motion, MotionOfficer, MotionPolicy, Officer, Policy, Vote
from app.models.motion import RESULTS, VOTE_OPTIONS
from app.services import search
from app.services.search import Passage

MAX_ID = 2**31 - 1  # the largest id any supported database stores; bigger ones match nothing
MAX_PAGE = 10_000
PER_PAGE = 20
MAX_PARAM = 200
SORTS = ("date", "relevance")


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


def _parse_date(value: str, *, end: bool) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a year or month means its first (or, for `end`, last) day."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise ValueError(value)
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    if len(parts) == 3:
        return dt.date(year, month, int(parts[2]))
    if not end:
        return dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


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
    split: bool = False
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
        dates: dict[str, dt.date | None] = {}
        for key in ("from", "to"):
            raw = _clean(args.get(key), 20)
            dates[key] = None
            if raw:
                try:
                    dates[key] = _parse_date(raw, end=key == "to")
                except ValueError:
                    notes.append(f"Ignored the date “{raw}” in “{key}”: write it as YYYY-MM-DD.")
        body_raw = _clean(args.get("body"))
        body = parse_id(body_raw)
        if body_raw and body is None:
            notes.append("Ignored “body”: it takes the number of a board.")
        sort = _clean(args.get("sort")).lower()
        return cls(
            q=_clean(args.get("q"), search.MAX_QUERY_CHARS),
            officer=_clean(args.get("officer")),
            policy=_clean(args.get("policy")),
            outcome=_clean(args.get("outcome")).lower(),
            member=_clean(args.get("member")),
            vote=vote,
            result=result,
            split=_clean(args.get("split")).lower() in ("1", "true", "yes", "on"),
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
            "split": "1" if params.split else "",
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
        return bool(self.officer or self.policy or self.outcome or self.member or self.vote or self.result)

    @property
    def by_relevance(self) -> bool:
        return self.sort == "relevance" and bool(search.query_terms(self.q))


# ---------------------------------------------------------------- filters


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _officer_filter(value: str) -> ColumnElement[bool]:
    if value.isdigit():
        officer_id = parse_id(value)
        return Officer.id == officer_id if officer_id else false()
    words = value.split()
    label = func.coalesce(Officer.rank, "") + " " + Officer.name + " " + func.coalesce(Officer.badge, "")
    return and_(*(label.ilike(_like(word), escape="\\") for word in words))


def _policy_filter(value: str) -> ColumnElement[bool]:
    if value.isdigit():
        policy_id = parse_id(value)
        return Policy.id == policy_id if policy_id else false()
    return Policy.code.ilike(_like(value), escape="\\")


def _member_filters(value: str, vote: str) -> ColumnElement[bool]:
    member_id = parse_id(value) if value.isdigit() else None
    if value.isdigit():
        voter: ColumnElement[bool] = Vote.member_id == member_id if member_id else false()
        moved = or_(Motion.mover_id == member_id, Motion.seconder_id == member_id) if member_id else false()
    else:
        pattern = _like(value)
        voter = or_(
            Vote.voter_name.ilike(pattern, escape="\\"), Vote.member.has(Member.name.ilike(pattern, escape="\\"))
        )
        moved = or_(Motion.mover.ilike(pattern, escape="\\"), Motion.seconder.ilike(pattern, escape="\\"))
    if vote:
        return Motion.votes.any(and_(voter, Vote.option == vote))
    return or_(Motion.votes.any(voter), moved)


def motion_filters(params: SearchParams, *, skip_outcome: bool = False) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a search, on Motion joined to its Meeting (published only)."""
    filters: list[ColumnElement[bool]] = [Meeting.status == "published"]
    if params.officer:
        filters.append(Motion.officer_links.any(MotionOfficer.officer.has(_officer_filter(params.officer))))
    if params.policy:
        filters.append(Motion.policy_links.any(MotionPolicy.policy.has(_policy_filter(params.policy))))
    if params.outcome and not skip_outcome:
        filters.append(Motion.outcome_kind == params.outcome)
    if params.member:
        filters.append(_member_filters(params.member, params.vote))
    elif params.vote:
        filters.append(Motion.votes.any(Vote.option == params.vote))
    if params.result:
        filters.append(Motion.result == params.result)
    if params.split:
        filters.append(or_(Motion.no_count > 0, Motion.votes.any(Vote.option == "no")))
    if params.body is not None:
        filters.append(Meeting.body_id == params.body)
    if params.date_from:
        filters.append(Meeting.date >= params.date_from)
    if params.date_to:
        filters.append(Meeting.date <= params.date_to)
    return filters


def _select(params: SearchParams, *, skip_outcome: bool = False, ranked: bool | None = None) -> tuple[Select, Any]:
    """The motions of a search, joined to meeting (and to the text hits when there is text).

    Ranking is computed only when it is used for order (`ranked` defaults to the sort asked for).
    """
    stmt = select(Motion).join(Motion.meeting).where(*motion_filters(params, skip_outcome=skip_outcome))
    ranked = params.by_relevance if ranked is None else ranked
    hits = search.match_motions(params.q, ranked=ranked) if params.q else None
    if hits is not None:
        stmt = stmt.join(hits, hits.c.ref_id == Motion.id)
    return stmt, hits


DATE_ORDER = (Meeting.date.desc(), Motion.meeting_id.desc(), Motion.position, Motion.id)


def _ordered(stmt: Select, hits: Any, params: SearchParams) -> Select:
    if hits is not None and params.by_relevance:
        return stmt.order_by(hits.c.rank, *DATE_ORDER)
    return stmt.order_by(*DATE_ORDER)


def _with_details(stmt: Select, *, full: bool = False) -> Select:
    options = [
        contains_eager(Motion.meeting).selectinload(Meeting.body),
        selectinload(Motion.officer_links).selectinload(MotionOfficer.officer),
        selectinload(Motion.policy_links).selectinload(MotionPolicy.policy),
    ]
    if full:
        options += [selectinload(Motion.votes), selectinload(Motion.document), selectinload(Motion.agenda_item)]
    return stmt.options(*options)


# ---------------------------------------------------------------- the HTML page


@dataclass
class MotionHit:
    motion: Motion
    snippet: Markup | None


@dataclass
class SearchPage:
    params: SearchParams
    hits: list[MotionHit]
    total: int
    outcome_counts: list[tuple[str | None, int]]
    passages: list[Passage]
    passage_total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def search_motions(params: SearchParams, *, per_page: int = PER_PAGE) -> SearchPage:
    """One page of matching motions with snippets, the per-outcome counts, and passage hits."""
    stmt, hits = _select(params)
    count_stmt, _ = _select(params, ranked=False)
    total = db.session.scalar(select(func.count()).select_from(count_stmt.with_only_columns(Motion.id).subquery()))
    total = total or 0
    page_stmt = _with_details(_ordered(stmt, hits, params)).limit(per_page).offset((params.page - 1) * per_page)
    motions = list(db.session.scalars(page_stmt).unique())
    snippets = search.motion_snippets(params.q, [m.id for m in motions]) if hits is not None else {}
    counts_stmt, _ = _select(params, skip_outcome=True, ranked=False)
    counts_stmt = (
        counts_stmt.with_only_columns(Motion.outcome_kind, func.count(Motion.id))
        .group_by(Motion.outcome_kind)
        .order_by(func.count(Motion.id).desc())
    )
    outcome_counts = [(kind, count) for kind, count in db.session.execute(counts_stmt)]
    passages: list[Passage] = []
    passage_total = 0
    if params.q and not params.filters_motions_only and params.page == 1:
        passages, passage_total = search.match_passages(
            params.q,
            date_from=params.date_from,
            date_to=params.date_to,
            body_id=params.body,
            by_relevance=params.by_relevance,
        )
    return SearchPage(
        params=params,
        hits=[MotionHit(m, snippets.get(m.id)) for m in motions],
        total=total,
        outcome_counts=outcome_counts,
        passages=passages,
        passage_total=passage_total,
    )


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


def _after(key: list[Any]) -> ColumnElement[bool]:
    """Motions after `key` in DATE_ORDER (date desc, meeting desc, position, id)."""
    date, meeting_id, position, motion_id = dt.date.fromisoformat(key[0]), key[1], key[2], key[3]
    return or_(
        Meeting.date < date,
        and_(
            Meeting.date == date,
            or_(
                Motion.meeting_id < meeting_id,
                and_(
                    Motion.meeting_id == meeting_id,
                    or_(Motion.position > position, and_(Motion.position == position, Motion.id > motion_id)),
                ),
            ),
        ),
    )


def motion_batch(
    params: SearchParams, *, limit: int, token: dict[str, Any] | None = None
) -> tuple[list[Motion], str | None]:
    """Up to `limit` matching motions (full details) after `token`, and the token for the next batch."""
    stmt, hits = _select(params)
    stmt = _with_details(_ordered(stmt, hits, params), full=True)
    relevance = hits is not None and params.by_relevance
    offset = 0
    if token and relevance:
        offset = int(token.get("o", 0))
        stmt = stmt.offset(offset)
    elif token and "k" in token:
        stmt = stmt.where(_after(token["k"]))
    motions = list(db.session.scalars(stmt.limit(limit + 1)).unique())
    more = len(motions) > limit
    motions = motions[:limit]
    if not more:
        return motions, None
    if relevance:
        return motions, encode_token({"o": offset + limit})
    last = motions[-1]
    return motions, encode_token({"k": [last.meeting.date.isoformat(), last.meeting_id, last.position, last.id]})


def iter_motions(params: SearchParams, *, batch_size: int = 500) -> Iterator[Motion]:
    """Every matching motion, fetched in batches; the session is cleared between batches."""
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
