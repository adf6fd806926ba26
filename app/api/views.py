"""The read-only JSON API at /api/v1: published records only, no key needed, rate limited per address.

Every answer is `{"ok": true, "data": ..., "next": ...}` or, on error, `{"ok": false, "error":
{"status", "title", "detail"}}` (rendered by app/errors.py for /api/ paths). Lists page with an
opaque `next` token. The OpenAPI document at /api/v1/openapi.json describes all of it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from sqlalchemy import select

from app.api import openapi, paging, queries, records
from app.api.paging import bad_request, ok
from app.extensions import db, limiter
from app.models import Vote
from app.models.motion import RESULTS, VOTE_OPTIONS
from app.public.responses import found
from app.services import motion_search, search
from app.services import public_queries as public
from app.services.motion_search import SORTS, SearchParams, parse_id

bp = Blueprint("api", __name__, url_prefix="/api/v1")
DEFAULT_RATE_LIMIT = "120 per minute"
SPLIT_VALUES = ("divided", "unanimous", "1", "0", "true", "false")
DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _rate_limit() -> str:
    return current_app.config.get("API_RATE_LIMIT", DEFAULT_RATE_LIMIT)


limiter.shared_limit(_rate_limit, scope="api")(bp)  # one budget for the whole API


@bp.after_request
def _open_to_scripts(response: Response) -> Response:
    """Public data: any web page may read it (no cookies are involved, so this shares nothing private)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


# ---------------------------------------------------------------- parameters


def _id_arg(name: str) -> int | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    value = paging.integer(raw)
    if value is None or parse_id(value) is None:
        bad_request(f"`{name}` takes the number of a record (1 or more); got {raw[:20]!r}.")
    return value


def _date_arg(name: str) -> dt.date | None:
    raw = request.args.get(name, "")
    if not raw:
        return None
    try:
        if not DATE_TEXT.fullmatch(raw):
            raise ValueError(raw)
        return dt.date.fromisoformat(raw)
    except ValueError:
        bad_request(f"`{name}` takes a date written YYYY-MM-DD; got {raw[:20]!r}.")


# Filters that take one of a few words: the API takes exactly these (the site forgives more).
CHOICES = {"vote": VOTE_OPTIONS, "result": RESULTS, "sort": SORTS, "split": SPLIT_VALUES}


def _search_params() -> SearchParams:
    """The search filters of /search, strictly: a value the site would ignore is a 400 here."""
    args = request.args.to_dict()
    for name, allowed in CHOICES.items():
        value = args.get(name, "")
        if value and value not in allowed:
            bad_request(f"`{name}` takes one of {', '.join(allowed)}; got {value[:20]!r}.")
    for name in ("from", "to"):
        _date_arg(name)  # YYYY-MM-DD only (the site also takes a year or a month)
    body = _id_arg("body")
    if body is not None:
        args["body"] = str(body)  # "2.0" is the board numbered 2
    # Every value is checked above, so the notes left are advice (a "from" after "to" matches nothing).
    return dataclasses.replace(SearchParams.from_args(args), page=1)


# ---------------------------------------------------------------- documentation


@bp.get("/")
def index() -> str:
    return render_template(
        "api/index.html",
        spec=openapi.document(),
        default_limit=paging.DEFAULT_LIMIT,
        max_limit=paging.MAX_LIMIT,
        rate_limit=_rate_limit(),
    )


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return jsonify(openapi.document())


# ---------------------------------------------------------------- meetings and motions


@bp.get("/meetings")
def meetings() -> Response:
    items, last = queries.meetings_page(
        limit=paging.limit(),
        after=paging.after_date_id(),
        body_id=_id_arg("body"),
        date_from=_date_arg("from"),
        date_to=_date_arg("to"),
    )
    next_token = paging.encode({"d": [last[0].isoformat(), last[1]]}) if last else None
    return ok([records.meeting(m) for m in items], next_token)


@bp.get("/meetings/<int:meeting_id>")
def meeting(meeting_id: int) -> Response:
    item = found(public.published_meeting(meeting_id))
    return ok(records.meeting_detail(item, public.meeting_motions(item)))


@bp.get("/motions")
def motions() -> Response:
    params = _search_params()
    items, next_token = motion_search.motion_batch(params, limit=paging.limit(), token=paging.motion_token())
    return ok(records.motions(items), next_token)


@bp.get("/motions/<int:motion_id>")
def motion(motion_id: int) -> Response:
    return ok(records.motion(found(public.published_motion(motion_id))))


@bp.get("/motions/<int:motion_id>/votes")
def motion_votes(motion_id: int) -> Response:
    item = found(public.published_motion(motion_id))
    votes = db.session.scalars(select(Vote).where(Vote.motion_id == item.id).order_by(Vote.id))
    return ok([records.vote(v) for v in votes])


@bp.get("/search")
def search_motions() -> Response:
    """Motions matching words (and any filter of /motions), with a plain-text snippet each."""
    params = _search_params()
    if not search.query_terms(params.q):
        bad_request("Add `q` with at least one word to search for; to list motions by filters only, use /motions.")
    items, next_token = motion_search.motion_batch(params, limit=paging.limit(), token=paging.motion_token())
    snippets = search.motion_snippets(params.q, [m.id for m in items])
    data = []
    for item, record in zip(items, records.motions(items), strict=True):
        snippet = snippets.get(item.id)
        data.append({"snippet": snippet.striptags() if snippet is not None else None, "motion": record})
    return ok(data, next_token)


# ---------------------------------------------------------------- people and policies


@bp.get("/members")
def members() -> Response:
    items, last = queries.members_page(limit=paging.limit(), after=paging.after_id(), body_id=_id_arg("body"))
    return ok([records.member(m) for m in items], paging.encode({"i": last}) if last else None)


@bp.get("/members/<int:member_id>")
def member(member_id: int) -> Response:
    return ok(records.member(found(queries.published_member(member_id))))


@bp.get("/members/<int:member_id>/votes")
def member_votes(member_id: int) -> Response:
    """The member's voting record: published motions they voted on, moved or seconded, newest first."""
    person = found(queries.published_member(member_id))
    params = dataclasses.replace(_search_params(), member=str(person.id))
    items, next_token = motion_search.motion_batch(params, limit=paging.limit(), token=paging.motion_token())
    return ok(records.member_votes(items, person.id), next_token)


@bp.get("/officers")
def officers() -> Response:
    items, last = queries.officers_page(limit=paging.limit(), after=paging.after_id())
    return ok([records.officer(o) for o in items], paging.encode({"i": last}) if last else None)


@bp.get("/officers/<int:officer_id>")
def officer(officer_id: int) -> Response:
    return ok(records.officer(found(queries.published_officer(officer_id))))


@bp.get("/policies")
def policies() -> Response:
    items, last = queries.policies_page(limit=paging.limit(), after=paging.after_id())
    return ok([records.policy(p) for p in items], paging.encode({"i": last}) if last else None)


@bp.get("/policies/<int:policy_id>")
def policy(policy_id: int) -> Response:
    return ok(records.policy(found(queries.published_policy(policy_id))))
