"""Officer, policy and commissioner pages, browse by outcome, and captions (their data: exports_views.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template, request

from app.models import Motion
from app.public import charts, formatting
from app.public.responses import found
from app.services import public_queries as queries
from app.services import voting_records
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


def policy(policy_id: int) -> str:
    page = parse_page(request.args.get("page"))
    record = found(queries.policy_motions_page(policy_id, page=page, per_page=MOTIONS_PER_PAGE))
    return render_template(
        "public/policy.html",
        policy=record.policy,
        motions=record.motions,
        total=record.total,
        outcomes=record.outcomes,
        page=page,
        pages=max(1, -(-record.total // MOTIONS_PER_PAGE)),
        per_page=MOTIONS_PER_PAGE,
        demo=_demo(record.motions),
    )


def member(member_id: int) -> str:
    page = parse_page(request.args.get("page"))
    person, motions, total = found(queries.member_motions_page(member_id, page=page, per_page=MOTIONS_PER_PAGE))
    summary = voting_records.member_summary(
        person.id, grid=GRID_VOTES, dissents=DISSENTS_SHOWN, absences=ABSENCES_SHOWN
    )
    shown = list(reversed(summary.votes))
    cells = [charts.GridCell(f"{v.date.isoformat()}, motion {v.motion_id}", v.option, v.majority) for v in shown]
    grid = charts.vote_grid(cells, uid="vote-grid", who=person.name) if cells else None
    dissent_motions = queries.motions_by_id(summary.dissent_ids)
    # How this commissioner voted on each motion listed (their votes are loaded with the motions).
    votes = {
        vote.motion_id: vote.option
        for motion in [*motions, *dissent_motions]
        for vote in motion.votes
        if vote.member_id == person.id
    }
    return render_template(
        "public/member.html",
        member=person,
        motions=motions,
        votes=votes,
        total=total,
        page=page,
        pages=max(1, -(-total // MOTIONS_PER_PAGE)),
        per_page=MOTIONS_PER_PAGE,
        summary=summary,
        grid=grid,
        grid_votes=shown,
        dissent_total=summary.dissent_total,
        dissent_motions=dissent_motions,
        attendance=summary.attendance_counts,
        absences=summary.absences,
        demo=person.body.is_demo,
    )


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
