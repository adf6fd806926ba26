"""The JSON shapes the API answers with (each described in app/api/openapi.py).

Motions are the motion record contract (DESIGN.md) plus `permalink`, `cite`, `corrections` and
`links`; keys are only ever added, never renamed or removed. Absolute links name PUBLIC_BASE_URL
when it is configured (see app/services/citations.py).
"""

from __future__ import annotations

from typing import Any

from app.models import Meeting, Member, Motion, Officer, Policy, Vote
from app.services.citations import public_url
from app.services.exports import export_pairs, export_record


def _url(endpoint: str, **values: Any) -> str:
    return public_url(endpoint, **values)


def motions(items: list[Motion]) -> list[dict[str, Any]]:
    """`motion` of each, reading the corrections of all of them at once."""
    return [motion(item, record) for item, record in export_pairs(items)]


def motion(item: Motion, record: dict[str, Any] | None = None) -> dict[str, Any]:
    """The API's motion: `record` (its export record, when already made) plus links."""
    record = dict(record) if record is not None else export_record(item)
    record["links"] = {
        "api": _url("api.motion", motion_id=item.id),
        "votes": _url("api.motion_votes", motion_id=item.id),
        "ocd": _url("public.motion_ocd", motion_id=item.id),
    }
    return record


def meeting(item: Meeting) -> dict[str, Any]:
    return {
        "id": item.id,
        "body": item.body.name,
        "body_id": item.body_id,
        "date": item.date.isoformat(),
        "kind": item.kind,
        "title": item.title,
        "permalink": _url("public.meeting", meeting_id=item.id),
        "links": {"api": _url("api.meeting", meeting_id=item.id)},
    }


def meeting_detail(item: Meeting, motions_: list[Motion]) -> dict[str, Any]:
    documents = [
        {
            "id": d.id,
            "kind": d.kind,
            "filename": d.original_filename,
            "sha256": d.sha256,
            "mime_type": d.mime_type,
            "pages": d.page_count,
            "duration": d.duration,
            "url": _url("public.document_file", document_id=d.id),
        }
        for d in item.documents
    ]
    return {**meeting(item), "documents": documents, "motions": motions(motions_)}


def vote(item: Vote) -> dict[str, Any]:
    return {
        "voter": item.voter_name,
        "option": item.option,
        "member_id": item.member_id,
        "member": _url("api.member", member_id=item.member_id) if item.member_id else None,
    }


def member(item: Member) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "body": item.body.name,
        "body_id": item.body_id,
        "seat": item.seat,
        "term_start": item.term_start.isoformat() if item.term_start else None,
        "term_end": item.term_end.isoformat() if item.term_end else None,
        "permalink": _url("public.member", member_id=item.id),
        "links": {"api": _url("api.member", member_id=item.id), "votes": _url("api.member_votes", member_id=item.id)},
    }


def member_votes(items: list[Motion], member_id: int) -> list[dict[str, Any]]:
    """A member's voting record: how they voted on each motion, whether they moved or seconded it."""
    return [member_vote(item, member_id, record) for item, record in export_pairs(items)]


def member_vote(item: Motion, member_id: int, record: dict[str, Any] | None = None) -> dict[str, Any]:
    """One entry of a member's voting record: how they voted, whether they moved or seconded."""
    option = next((v.option for v in item.votes if v.member_id == member_id), None)
    return {
        "vote": option,
        "moved": item.mover_id == member_id,
        "seconded": item.seconder_id == member_id,
        "motion": motion(item, record),
    }


def officer(item: Officer) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "rank": item.rank,
        "badge": item.badge,
        "unit": item.unit,
        "permalink": _url("public.officer", officer_id=item.id),
        "links": {"api": _url("api.officer", officer_id=item.id), "motions": _url("api.motions", officer=item.id)},
    }


def policy(item: Policy) -> dict[str, Any]:
    return {
        "id": item.id,
        "code": item.code,
        "title": item.title,
        "permalink": _url("public.policy", policy_id=item.id),
        "links": {"api": _url("api.policy", policy_id=item.id), "motions": _url("api.motions", policy=item.id)},
    }
