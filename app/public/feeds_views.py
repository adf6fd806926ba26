"""Reporter formats on the public blueprint: OCD VoteEvents, Atom feeds, meeting lists as data,
and the bulk downloads. Published records only, like every public view."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from collections.abc import Iterator

from flask import Response, abort, jsonify, render_template, request, send_file, url_for
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response as BaseResponse

from app.extensions import db
from app.models import Meeting
from app.public.responses import csv_response, found
from app.public.views import bp
from app.services import bulk, feeds, motion_search
from app.services import public_queries as queries
from app.services.exports import csv_stream
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
            feed_url=url_for("public.officer_atom", officer_id=person.id, _external=True),
            page_url=url_for("public.officer", officer_id=person.id, _external=True),
            motions=motions,
        )
    )


@bp.get("/policies/<int:policy_id>.atom")
def policy_atom(policy_id: int) -> Response:
    item, motions = found(queries.policy_with_motions(policy_id))
    return _atom(
        feeds.atom_feed(
            title=f"{item.code}: board decisions · Boardwatch",
            subtitle=item.title or "",
            feed_url=url_for("public.policy_atom", policy_id=item.id, _external=True),
            page_url=url_for("public.policy", policy_id=item.id, _external=True),
            motions=motions,
        )
    )


@bp.get("/members/<int:member_id>.atom")
def member_atom(member_id: int) -> Response:
    record = found(queries.member_record(member_id))
    person = record.member
    return _atom(
        feeds.atom_feed(
            title=f"{person.name}: voting record · Boardwatch",
            subtitle=person.body.name,
            feed_url=url_for("public.member_atom", member_id=person.id, _external=True),
            page_url=url_for("public.member", member_id=person.id, _external=True),
            motions=record.motions,
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
            feed_url=url_for("public.search_atom", **args, _external=True),
            page_url=url_for("public.search", **args, _external=True),
            motions=motions,
        )
    )


# ---------------------------------------------------------------- the meetings list as data


def _published_meetings() -> list[tuple[Meeting, int]]:
    meetings = list(
        db.session.scalars(
            select(Meeting)
            .where(Meeting.status == "published")
            .options(selectinload(Meeting.body))
            .order_by(Meeting.date.desc(), Meeting.id.desc())
        )
    )
    counts = queries.motion_counts([m.id for m in meetings])
    return [(m, counts.get(m.id, 0)) for m in meetings]


def _meeting_item(meeting: Meeting, motions: int) -> dict:
    return {
        "id": meeting.id,
        "date": meeting.date.isoformat(),
        "body": meeting.body.name,
        "kind": meeting.kind,
        "title": meeting.title,
        "motions": motions,
        "url": url_for("public.meeting", meeting_id=meeting.id, _external=True),
    }


@bp.get("/meetings.json")
def meetings_json() -> Response:
    return jsonify({"ok": True, "meetings": [_meeting_item(m, n) for m, n in _published_meetings()]})


@bp.get("/meetings.csv")
def meetings_csv() -> Response:
    def rows() -> Iterator[list]:
        for meeting, motions in _published_meetings():
            item = _meeting_item(meeting, motions)
            yield [item[column] for column in MEETING_COLUMNS]

    return csv_response(csv_stream(MEETING_COLUMNS, rows()), "boardwatch-meetings.csv")


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
