"""Officer, policy and commissioner pages (HTML, JSON, CSV), browse by outcome, and captions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request

from app.models import Motion
from app.public import charts, formatting
from app.public.formatting import permalink
from app.public.responses import csv_response, found
from app.services import public_queries as queries
from app.services import voting_records
from app.services.exports import motion_csv
from app.services.motions import motion_record
from app.services.search_params import parse_page

MOTIONS_PER_PAGE = 50
GRID_VOTES = 120  # the newest votes drawn in a commissioner's grid
DISSENTS_SHOWN = 25
ABSENCES_SHOWN = 25


def _demo(motions: list[Motion]) -> bool:
    return any(m.meeting.body.is_demo for m in motions)


def officer(officer_id: int) -> str:
    person, motions = found(queries.officer_with_motions(officer_id))
    events = [
        charts.TimelineEvent(m.meeting.date, formatting.action_summary(m), m.outcome_kind) for m in reversed(motions)
    ]
    timeline = charts.officer_timeline(events, uid="officer-timeline", who=person.display_name) if events else None
    return render_template(
        "public/officer.html", officer=person, motions=motions, events=events, timeline=timeline, demo=_demo(motions)
    )


def officer_json(officer_id: int) -> Response:
    person, motions = found(queries.officer_with_motions(officer_id))
    data = {"id": person.id, "name": person.name, "rank": person.rank, "badge": person.badge, "unit": person.unit}
    return jsonify({"ok": True, "officer": data, "motions": [motion_record(m) for m in motions]})


def officer_csv(officer_id: int) -> Response:
    person, motions = found(queries.officer_with_motions(officer_id))
    return csv_response(motion_csv(motions, permalink), f"officer-{person.id}.csv")


def policy(policy_id: int) -> str:
    item, motions = found(queries.policy_with_motions(policy_id))
    return render_template("public/policy.html", policy=item, motions=motions, demo=_demo(motions))


def policy_json(policy_id: int) -> Response:
    item, motions = found(queries.policy_with_motions(policy_id))
    data = {"id": item.id, "code": item.code, "title": item.title}
    return jsonify({"ok": True, "policy": data, "motions": [motion_record(m) for m in motions]})


def policy_csv(policy_id: int) -> Response:
    item, motions = found(queries.policy_with_motions(policy_id))
    return csv_response(motion_csv(motions, permalink), f"policy-{item.id}.csv")


def member(member_id: int) -> str:
    page = parse_page(request.args.get("page"))
    person, motions, total = found(queries.member_motions_page(member_id, page=page, per_page=MOTIONS_PER_PAGE))
    summary = voting_records.member_votes(person)
    votes = {vote.motion_id: vote.option for vote in summary.votes}
    shown = list(reversed(summary.votes[:GRID_VOTES]))
    cells = [charts.GridCell(f"{v.date.isoformat()}, motion {v.motion_id}", v.option, v.majority) for v in shown]
    grid = charts.vote_grid(cells, uid="vote-grid", who=person.name) if cells else None
    dissents = summary.dissents
    dissent_motions = queries.motions_by_id([v.motion_id for v in dissents[:DISSENTS_SHOWN]])
    return render_template(
        "public/member.html",
        member=person,
        motions=motions,
        votes=votes,
        total=total,
        page=page,
        pages=max(1, -(-total // MOTIONS_PER_PAGE)),
        summary=summary,
        grid=grid,
        grid_votes=shown,
        dissents=dissents,
        dissent_motions=dissent_motions,
        attendance=summary.attendance_counts,
        absences=[a for a in summary.attendance if a.status != "present"][:ABSENCES_SHOWN],
        demo=person.body.is_demo,
    )


def member_json(member_id: int) -> Response:
    record = found(queries.member_record(member_id))
    person = record.member
    data = {
        "id": person.id,
        "name": person.name,
        "body": person.body.name,
        "seat": person.seat,
        "term_start": person.term_start.isoformat() if person.term_start else None,
        "term_end": person.term_end.isoformat() if person.term_end else None,
    }
    motions = [{**motion_record(m), "member_vote": record.votes.get(m.id)} for m in record.motions]
    return jsonify({"ok": True, "member": data, "motions": motions})


def member_csv(member_id: int) -> Response:
    record = found(queries.member_record(member_id))
    return csv_response(motion_csv(record.motions, permalink), f"member-{record.member.id}.csv")


def outcomes() -> str:
    """Browse by outcome: how many published motions have each outcome, and the trend per quarter."""
    totals = voting_records.outcome_totals()
    quarters, series = voting_records.outcomes_per_quarter()
    chart = None
    if quarters and any(sum(values) for _, values in series):
        named = [(formatting.label(kind).lower() + "s", values) for kind, values in series]
        chart = charts.outcomes_by_quarter(quarters, named, uid="outcomes-quarter", title="Outcomes per quarter")
    return render_template(
        "public/outcomes.html",
        totals=totals,
        quarters=quarters,
        series=series,
        chart=chart,
        demo=queries.has_published_demo(),
    )


def captions(document_id: int) -> Response:
    """WebVTT captions of a published recording, made from its transcript segments."""
    document = found(queries.published_document(document_id))
    segments = queries.document_segments(document)
    if segments is None:
        abort(404, description="This document has no transcript to caption.")
    response = Response(formatting.webvtt(segments), mimetype="text/vtt")
    response.headers["Content-Type"] = "text/vtt; charset=utf-8"
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def register(bp: Blueprint) -> None:
    """The public pages defined here that views.py does not register itself."""
    bp.add_url_rule("/outcomes", view_func=outcomes)
    bp.add_url_rule("/documents/<int:document_id>/captions.vtt", view_func=captions)
    bp.add_app_template_global(meeting_divided, "meeting_divided")


def meeting_divided(groups: list[queries.MotionGroup]) -> dict[str, Any] | None:
    """The meeting page's divided-votes picture and table (a template helper); None when no vote split."""
    motions = [motion for group in groups for motion in group.motions]
    votes = voting_records.divided_votes(motions)
    if not votes.motions:
        return None
    columns = [(f"motion {i}: {m.text[:60]}", row) for i, (m, row) in enumerate(votes.motions, start=1)]
    return {"votes": votes, "picture": charts.divided_votes(votes.members, columns, uid="divided-votes")}
