"""Officer, policy and commissioner pages: the published motions about each, as HTML, JSON, CSV."""

from __future__ import annotations

from flask import Response, jsonify, render_template

from app.models import Motion
from app.public.formatting import permalink
from app.public.responses import csv_response, found
from app.services import public_queries as queries
from app.services.exports import motion_csv
from app.services.motions import motion_record


def _demo(motions: list[Motion]) -> bool:
    return any(m.meeting.body.is_demo for m in motions)


def officer(officer_id: int) -> str:
    person, motions = found(queries.officer_with_motions(officer_id))
    return render_template("public/officer.html", officer=person, motions=motions, demo=_demo(motions))


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
    record = found(queries.member_record(member_id))
    return render_template(
        "public/member.html",
        member=record.member,
        motions=record.motions,
        votes=record.votes,
        demo=record.member.body.is_demo,
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
