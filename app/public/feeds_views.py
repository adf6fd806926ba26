"""Reporter formats on the public blueprint: OCD VoteEvents, Atom feeds and the bulk downloads.

Published records only, like every public view."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3

from flask import Response, abort, jsonify, render_template, request, send_file
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response as BaseResponse

from app.public.responses import found
from app.public.views import bp
from app.services import bulk, feeds, motion_search
from app.services import public_queries as queries
from app.services.citations import public_url
from app.services.motion_search import SearchParams
from app.services.ocd import vote_event

log = logging.getLogger(__name__)
ATOM_TYPE = "application/atom+xml; charset=utf-8"
MEETING_COLUMNS = ("id", "date", "body", "kind", "title", "motions", "url")
DOWNLOADS = {bulk.SQLITE_NAME: "application/vnd.sqlite3", bulk.ZIP_NAME: "application/zip"}


@bp.get("/motions/<int:motion_id>.ocd.json")
def motion_ocd(motion_id: int) -> Response:
    """The motion as an Open Civic Data VoteEvent."""
    return jsonify(vote_event(found(queries.published_motion(motion_id))))


# ---------------------------------------------------------------- Atom feeds


def _atom(body: bytes) -> Response:
    return Response(body, mimetype="application/atom+xml", headers={"Content-Type": ATOM_TYPE})


@bp.get("/officers/<int:officer_id>.atom")
def officer_atom(officer_id: int) -> Response:
    person, motions = found(queries.officer_with_motions(officer_id))
    return _atom(
        feeds.atom_feed(
            title=f"{person.display_name}: board actions · Boardwatch",
            feed_url=public_url("public.officer_atom", officer_id=person.id),
            page_url=public_url("public.officer", officer_id=person.id),
            motions=motions,
        )
    )


@bp.get("/policies/<int:policy_id>.atom")
def policy_atom(policy_id: int) -> Response:
    page = found(queries.policy_motions_page(policy_id, page=1, per_page=feeds.MAX_ENTRIES))
    item, motions = page.policy, page.motions
    return _atom(
        feeds.atom_feed(
            title=f"{item.code}: board decisions · Boardwatch",
            subtitle=item.title or "",
            feed_url=public_url("public.policy_atom", policy_id=item.id),
            page_url=public_url("public.policy", policy_id=item.id),
            motions=motions,
        )
    )


@bp.get("/members/<int:member_id>.atom")
def member_atom(member_id: int) -> Response:
    person, motions, _total = found(queries.member_motions_page(member_id, page=1, per_page=feeds.MAX_ENTRIES))
    return _atom(
        feeds.atom_feed(
            title=f"{person.name}: voting record · Boardwatch",
            subtitle=person.body.name,
            feed_url=public_url("public.member_atom", member_id=person.id),
            page_url=public_url("public.member", member_id=person.id),
            motions=motions,
        )
    )


@bp.get("/search.atom")
def search_atom() -> Response:
    """The newest motions matching a search (the same parameters as /search), whatever its sort."""
    params = dataclasses.replace(SearchParams.from_args(request.args), sort="date", page=1)
    motions, _ = motion_search.motion_batch(params, limit=feeds.MAX_ENTRIES)
    args = params.to_args()
    label = f"“{params.q}”" if params.q else "all motions"
    return _atom(
        feeds.atom_feed(
            title=f"Search: {label} · Boardwatch",
            subtitle="; ".join(f"{key}={value}" for key, value in args.items() if key != "q"),
            feed_url=public_url("public.search_atom", **args),
            page_url=public_url("public.search", **args),
            motions=motions,
        )
    )


# ---------------------------------------------------------------- bulk downloads


def _current_manifest() -> dict:
    try:
        return bulk.ensure_current()
    except (OSError, sqlite3.Error, SQLAlchemyError):
        log.exception("building the bulk downloads failed")
        abort(503, description="The bulk downloads could not be built just now. Please try again in a few minutes.")


@bp.get("/downloads/")
def downloads() -> str:
    manifest = _current_manifest()
    return render_template(
        "api/downloads.html", manifest=manifest, tables=list(bulk.TABLES), columns=bulk.table_columns
    )


@bp.get("/downloads/<name>")
def download_file(name: str) -> BaseResponse:
    if name not in DOWNLOADS:
        abort(404, description="There is no download of that name. See the list at /downloads/.")
    manifest = _current_manifest()
    path = bulk.folder() / name
    if not path.is_file():
        abort(503, description="The bulk downloads are being rebuilt. Please try again in a minute.")
    response = send_file(path, mimetype=DOWNLOADS[name], as_attachment=True, download_name=name, conditional=True)
    response.headers["X-Boardwatch-Built-At"] = str(manifest.get("built_at", ""))
    return response
