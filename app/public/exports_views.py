"""Every list and record of the public site as data: `.csv` and `.json` beside each page.

One path for all of them: a list of motions goes out through `exports.export_csv` (streamed,
formula cells neutralised, one row per motion or with `?rows=votes` one per member vote, each
row ending in `permalink` and `cite`) or as streamed JSON of `exports.export_records` (the motion
record plus `permalink`, `cite` and `corrections`). Each JSON answer also carries the permalink
and the "how to cite" line of the list itself. Published records only, like every public view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from flask import Blueprint, Response, abort, current_app, request, stream_with_context

from app.models import Meeting, Motion
from app.public.responses import csv_response, found
from app.services import export_lists, motion_search, voting_records
from app.services import public_queries as queries
from app.services.citations import cite, list_citation, meeting_citation, permalink, public_url
from app.services.exports import ROW_KINDS, csv_stream, export_csv, export_pairs, export_record, export_records
from app.services.motion_search import BadToken, SearchParams

JSON_DEFAULT_LIMIT = 50
JSON_MAX_LIMIT = 500
MEETING_COLUMNS = ("id", "date", "body", "kind", "title", "motions", "url", "permalink", "cite")

# ---------------------------------------------------------------- the shared path


def rows_kind() -> str:
    """`?rows=votes` for one row per member vote; anything else is one row per motion."""
    value = request.args.get("rows", "").strip().lower()
    return value if value in ROW_KINDS else "motions"


def motions_csv(motions: Iterable[Motion], filename: str) -> Response:
    """A streamed CSV of motions (rows as `?rows=` asks)."""
    kind = rows_kind()
    name = filename.removesuffix(".csv") + "-votes.csv" if kind == "votes" else filename
    return csv_response(export_csv(motions, rows=kind), name)


def json_stream(head: dict[str, Any], key: str, items: Iterable[Any]) -> Response:
    """`{"ok": true, **head, key: [items...]}` written an item at a time (flat memory at any size)."""
    dumps = current_app.json.dumps

    def chunks() -> Iterator[str]:
        yield dumps({"ok": True, **head})[:-1] + f", {dumps(key)}: ["
        for number, item in enumerate(items):
            yield ("," if number else "") + dumps(item)
        yield "]}"

    return Response(stream_with_context(chunks()), mimetype="application/json")


def motions_json(head: dict[str, Any], motions: Iterable[Motion]) -> Response:
    """The streamed JSON of a list of motions: the list's own fields, then every motion's record."""
    return json_stream(head, "motions", export_records(motions))


def listed(link: str, title: str) -> dict[str, Any]:
    """The permalink and "how to cite" line of a list (it grows, so the line says when it was read)."""
    return {"permalink": link, "cite": list_citation(title, link)}


# ---------------------------------------------------------------- meetings and motions


def meeting_data(item: Meeting) -> dict[str, Any]:
    link = public_url("public.meeting", meeting_id=item.id)
    return {
        "id": item.id,
        "body": item.body.name,
        "date": item.date.isoformat(),
        "kind": item.kind,
        "title": item.title,
        "url": link,
        "permalink": link,
        "cite": meeting_citation(body=item.body.name, title=item.title, date=item.date, link=link),
        "documents": [
            {
                "id": d.id,
                "kind": d.kind,
                "filename": d.original_filename,
                "sha256": d.sha256,
                "mime_type": d.mime_type,
                "status": d.status,
                "pages": d.page_count,
                "duration": d.duration,
                "url": public_url("public.document_file", document_id=d.id),
            }
            for d in item.documents
        ],
    }


def meeting_json(meeting_id: int) -> Response:
    item = found(queries.published_meeting(meeting_id))
    data = meeting_data(item)
    head = {"meeting": data, "permalink": data["permalink"], "cite": data["cite"]}
    return motions_json(head, export_lists.iter_published(export_lists.of_meeting(item.id)))


def meeting_csv(meeting_id: int) -> Response:
    item = found(queries.published_meeting(meeting_id))
    motions = export_lists.iter_published(export_lists.of_meeting(item.id))
    return motions_csv(motions, f"meeting-{item.id}-{item.date}.csv")


def motion_json(motion_id: int) -> Response:
    item = found(queries.published_motion(motion_id))
    record = export_record(item)
    return Response(
        current_app.json.dumps({"ok": True, "motion": record, "url": record["permalink"]}), mimetype="application/json"
    )


def _meeting_rows() -> Iterator[dict[str, Any]]:
    page, size = 0, 500
    while True:
        items = queries.recent_meetings(limit=size, offset=page * size)
        counts = queries.motion_counts([m.id for m in items])
        for meeting in items:
            link = public_url("public.meeting", meeting_id=meeting.id)
            yield {
                "id": meeting.id,
                "date": meeting.date.isoformat(),
                "body": meeting.body.name,
                "kind": meeting.kind,
                "title": meeting.title,
                "motions": counts.get(meeting.id, 0),
                "url": link,
                "permalink": link,
                "cite": meeting_citation(body=meeting.body.name, title=meeting.title, date=meeting.date, link=link),
            }
        if len(items) < size:
            return
        page += 1


def meetings_json() -> Response:
    head = listed(public_url("public.meetings"), "Meetings")
    return json_stream(head, "meetings", _meeting_rows())


def meetings_csv() -> Response:
    rows = ([item[column] for column in MEETING_COLUMNS] for item in _meeting_rows())
    return csv_response(csv_stream(MEETING_COLUMNS, rows), "boardwatch-meetings.csv")


# ---------------------------------------------------------------- officers, policies, commissioners


def officer_json(officer_id: int) -> Response:
    person = found(export_lists.officer(officer_id))
    data = {"id": person.id, "name": person.name, "rank": person.rank, "badge": person.badge, "unit": person.unit}
    head = {
        "officer": data,
        **listed(public_url("public.officer", officer_id=person.id), f"{person.display_name}: board actions"),
    }
    return motions_json(head, export_lists.iter_published(export_lists.about_officer(person.id)))


def officer_csv(officer_id: int) -> Response:
    person = found(export_lists.officer(officer_id))
    return motions_csv(export_lists.iter_published(export_lists.about_officer(person.id)), f"officer-{person.id}.csv")


def policy_json(policy_id: int) -> Response:
    item = found(export_lists.policy(policy_id))
    data = {"id": item.id, "code": item.code, "title": item.title}
    head = {"policy": data, **listed(public_url("public.policy", policy_id=item.id), f"{item.code}: board decisions")}
    return motions_json(head, export_lists.iter_published(export_lists.citing_policy(item.id)))


def policy_csv(policy_id: int) -> Response:
    item = found(export_lists.policy(policy_id))
    return motions_csv(export_lists.iter_published(export_lists.citing_policy(item.id)), f"policy-{item.id}.csv")


def member_json(member_id: int) -> Response:
    person = found(export_lists.member(member_id))
    data = {
        "id": person.id,
        "name": person.name,
        "body": person.body.name,
        "seat": person.seat,
        "term_start": person.term_start.isoformat() if person.term_start else None,
        "term_end": person.term_end.isoformat() if person.term_end else None,
    }
    title = f"{person.name}: voting record"
    head = {"member": data, **listed(public_url("public.member", member_id=person.id), title)}
    motions = export_lists.iter_published(export_lists.member_record(person.id))

    def records() -> Iterator[dict[str, Any]]:
        for motion, record in export_pairs(motions):
            vote = next((v.option for v in motion.votes if v.member_id == person.id), None)
            yield {**record, "member_vote": vote}

    return json_stream(head, "motions", records())


def member_csv(member_id: int) -> Response:
    person = found(export_lists.member(member_id))
    return motions_csv(export_lists.iter_published(export_lists.member_record(person.id)), f"member-{person.id}.csv")


# ---------------------------------------------------------------- search and outcomes


def search_csv() -> Response:
    params = SearchParams.from_args(request.args)
    return motions_csv(motion_search.iter_motions(params), "boardwatch-motions.csv")


def _limit(value: str | None) -> int:
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit():
        return JSON_DEFAULT_LIMIT
    return min(max(int(text[:6]), 1), JSON_MAX_LIMIT)


def search_title(params: SearchParams) -> str:
    """ "Search: “suspension” (officer=Whitfield)": what a search asked for, in a line."""
    filters = "; ".join(f"{key}={value}" for key, value in params.to_args(page=1).items() if key not in ("q", "sort"))
    words = f"\u201c{params.q}\u201d" if params.q else "all motions"
    return f"Search: {words}" + (f" ({filters})" if filters else "")


def search_json() -> Response:
    params = SearchParams.from_args(request.args)
    token = None
    if request.args.get("next"):
        try:
            token = motion_search.decode_token(request.args["next"][:500])
        except BadToken as exc:
            abort(400, description=str(exc))
    limit = _limit(request.args.get("limit"))
    motions, next_token = motion_search.motion_batch(params, limit=limit, token=token)
    args = params.to_args(page=1)
    next_url = public_url("public.search_json", **args, limit=limit, next=next_token) if next_token else None
    records = [{**record, "url": record["permalink"]} for record in export_records(motions)]
    data = {
        "ok": True,
        **listed(public_url("public.search", **args), search_title(params)),
        "motions": records,
        "next": next_token,
        "next_url": next_url,
        "notes": list(params.notes),
    }
    return Response(current_app.json.dumps(data), mimetype="application/json")


def _outcome_arg() -> str:
    return SearchParams.from_args({"outcome": request.args.get("outcome", "")}).outcome


def outcomes_json() -> Response:
    """The totals and trend of the outcomes page, and its motions (one outcome with `?outcome=`)."""
    kind = _outcome_arg()
    quarters, series = voting_records.outcome_totals(), voting_records.outcomes_per_quarter()
    labels, per_kind = series
    totals = [
        {
            "outcome": outcome,
            "motions": count,
            "json": public_url("public.outcomes_json", outcome=outcome or export_lists.NO_OUTCOME),
            "csv": public_url("public.outcomes_csv", outcome=outcome or export_lists.NO_OUTCOME),
        }
        for outcome, count in quarters
    ]
    title = "Browse by outcome" + (f": {kind}" if kind else "")
    head = {
        "outcome": kind or None,
        "totals": totals,
        "per_quarter": {"quarters": labels, "series": {name: values for name, values in per_kind}},
        **listed(public_url("public.outcomes", outcome=kind or None), title),
    }
    return motions_json(head, export_lists.iter_published(export_lists.with_outcome(kind)))


def outcomes_csv() -> Response:
    kind = _outcome_arg()
    motions = export_lists.iter_published(export_lists.with_outcome(kind))
    return motions_csv(motions, f"outcomes-{kind}.csv" if kind else "outcomes.csv")


# ---------------------------------------------------------------- wiring


def motion_cite(motion: Motion) -> str:
    """The "how to cite" line of a motion page (a template helper)."""
    return cite(motion, permalink(motion.id))


def meeting_cite(meeting: Meeting) -> str:
    link = public_url("public.meeting", meeting_id=meeting.id)
    return meeting_citation(body=meeting.body.name, title=meeting.title, date=meeting.date, link=link)


def register(bp: Blueprint) -> None:
    """Every `.csv` and `.json` of the public pages, and the template helpers for their links and citations."""
    for rule, view in (
        ("/meetings.json", meetings_json),
        ("/meetings.csv", meetings_csv),
        ("/meetings/<int:meeting_id>.json", meeting_json),
        ("/meetings/<int:meeting_id>.csv", meeting_csv),
        ("/motions/<int:motion_id>.json", motion_json),
        ("/officers/<int:officer_id>.json", officer_json),
        ("/officers/<int:officer_id>.csv", officer_csv),
        ("/policies/<int:policy_id>.json", policy_json),
        ("/policies/<int:policy_id>.csv", policy_csv),
        ("/members/<int:member_id>.json", member_json),
        ("/members/<int:member_id>.csv", member_csv),
        ("/search.json", search_json),
        ("/search.csv", search_csv),
        ("/outcomes.json", outcomes_json),
        ("/outcomes.csv", outcomes_csv),
    ):
        bp.add_url_rule(rule, view_func=view)
    bp.add_app_template_global(public_url, "public_url")
    bp.add_app_template_global(motion_cite, "motion_cite")
    bp.add_app_template_global(meeting_cite, "meeting_cite")
    bp.add_app_template_global(list_citation, "list_cite")
    bp.add_app_template_global(search_title, "search_title")
