"""The OpenAPI 3.1 document of /api/v1, written by hand to match app/api/views.py and records.py.

tests/api/test_schemathesis.py checks the running API against it, so a change to a response
shape that is not made here too fails the tests.
"""

from __future__ import annotations

import copy
from typing import Any

from app.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from app.models.motion import RESULTS, VOTE_OPTIONS
from app.services.motion_search import MAX_ID


def _nullable(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": [kind, "null"], **extra}


def _object(properties: dict[str, Any], *, required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required or list(properties)}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


URL = {"type": "string", "format": "uri"}
TEXT = {"type": "string"}
DATE = {"type": "string", "format": "date"}
COUNT = _nullable("integer", minimum=0)

SCHEMAS: dict[str, Any] = {
    "Error": _object(
        {
            "ok": {"const": False},
            "error": _object(
                {"status": {"type": "integer"}, "title": {"type": "string"}, "detail": {"type": "string"}}
            ),
        }
    ),
    "Motion": _object(
        {
            "id": {"type": "integer"},
            "meeting": _object({"id": {"type": "integer"}, "body": {"type": "string"}, "date": DATE}),
            "agenda_item": _nullable("string"),
            "text": {"type": "string"},
            "classification": {
                "type": "string",
                "description": "discipline, appeal, policy, minutes_agenda, hiring, budget_contract, resolution, "
                "licensing or other",
            },
            "mover": _nullable("string", description="Surname as the record gives it"),
            "seconder": _nullable("string"),
            "result": {"enum": list(RESULTS)},
            "counts": _object({option: COUNT for option in VOTE_OPTIONS}),
            "votes": {
                "type": "array",
                "items": _object({"voter": {"type": "string"}, "option": {"enum": list(VOTE_OPTIONS)}}),
            },
            "officers": {
                "type": "array",
                "items": _object(
                    {"name": {"type": "string"}, "rank": _nullable("string"), "badge": _nullable("string")}
                ),
            },
            "policies": {"type": "array", "items": _object({"code": {"type": "string"}, "title": _nullable("string")})},
            "outcome": _object(
                {
                    "kind": _nullable("string", description="suspension, termination, reprimand, ..."),
                    "days": _nullable("integer"),
                    "paid": _nullable("boolean"),
                    "text": _nullable("string"),
                }
            ),
            "source": {
                "type": "object",
                "description": "The document's sha256 and a page, or a start and end in seconds of a recording.",
                "properties": {
                    "document": _nullable("string"),
                    "page": _nullable("integer"),
                    "start": _nullable("number"),
                    "end": _nullable("number"),
                },
                "required": ["document"],
            },
            "evidence": _nullable("string"),
            "confidence": _nullable("number", minimum=0, maximum=1),
            "review": {"enum": ["machine", "verified"]},
            "permalink": URL,
            "cite": {"type": "string", "description": "How to cite this motion, with its permalink."},
            "corrections": {
                "type": "array",
                "description": "Corrections of the public record after publication, oldest first.",
                "items": _object(
                    {
                        "version": {"type": "integer", "description": "The version of the motion it made."},
                        "at": {"type": "string", "format": "date-time"},
                        "reason": {"type": "string"},
                        "fields": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "The fields of the record that changed.",
                        },
                        "text": {"type": "string", "description": '"Corrected on March 9, 2024 because ..."'},
                    }
                ),
            },
            "links": _object({"api": URL, "votes": URL, "ocd": URL}),
        }
    ),
    "Meeting": _object(
        {
            "id": {"type": "integer"},
            "body": {"type": "string"},
            "body_id": {"type": "integer"},
            "date": DATE,
            "kind": {"type": "string"},
            "title": {"type": "string"},
            "permalink": URL,
            "links": _object({"api": URL}),
        }
    ),
    "Document": _object(
        {
            "id": {"type": "integer"},
            "kind": {"type": "string"},
            "filename": {"type": "string"},
            "sha256": {"type": "string"},
            "mime_type": {"type": "string"},
            "pages": _nullable("integer"),
            "duration": _nullable("number"),
            "url": URL,
        }
    ),
    "Vote": _object(
        {
            "voter": {"type": "string"},
            "option": {"enum": list(VOTE_OPTIONS)},
            "member_id": _nullable("integer"),
            "member": _nullable("string", format="uri"),
        }
    ),
    "Member": _object(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "body": {"type": "string"},
            "body_id": {"type": "integer"},
            "seat": _nullable("string"),
            "term_start": _nullable("string", format="date"),
            "term_end": _nullable("string", format="date"),
            "permalink": URL,
            "links": _object({"api": URL, "votes": URL}),
        }
    ),
    "MemberVote": _object(
        {
            "vote": {"type": ["string", "null"], "enum": [*VOTE_OPTIONS, None]},
            "moved": {"type": "boolean"},
            "seconded": {"type": "boolean"},
            "motion": _ref("Motion"),
        }
    ),
    "Officer": _object(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "rank": _nullable("string"),
            "badge": _nullable("string"),
            "unit": _nullable("string"),
            "permalink": URL,
            "links": _object({"api": URL, "motions": URL}),
        }
    ),
    "Policy": _object(
        {
            "id": {"type": "integer"},
            "code": {"type": "string"},
            "title": _nullable("string"),
            "permalink": URL,
            "links": _object({"api": URL, "motions": URL}),
        }
    ),
    "SearchHit": _object({"snippet": _nullable("string"), "motion": _ref("Motion")}),
}
SCHEMAS["MeetingDetail"] = {
    "allOf": [
        _ref("Meeting"),
        _object(
            {
                "documents": {"type": "array", "items": _ref("Document")},
                "motions": {"type": "array", "items": _ref("Motion")},
            }
        ),
    ]
}


def _envelope(data: dict[str, Any], *, paged: bool) -> dict[str, Any]:
    next_doc = "Pass as `next` to get the following page; null on the last page." if paged else "Always null."
    return _object({"ok": {"const": True}, "data": data, "next": _nullable("string", description=next_doc)})


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


ERRORS = {
    "400": _error("A parameter could not be used; `detail` says which and why."),
    "404": _error("No published record has this id."),
    "429": _error("Too many requests from this address; wait a minute."),
}


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    # An empty value means "any", as when the search form sends a field left blank.
    return {
        "name": name,
        "in": "query",
        "required": False,
        "allowEmptyValue": True,
        "schema": schema,
        "description": description,
    }


def _path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}


PAGING = [
    _query("limit", {"type": "integer"}, f"Records per page, default {DEFAULT_LIMIT}; clamped to 1..{MAX_LIMIT}."),
    _query("next", {"type": "string"}, "The `next` token of the previous page (opaque)."),
]
ID_QUERY = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
FILTERS = [
    _query("q", {"type": "string"}, "Words, matched in the motion, its outcome, evidence, names and policies."),
    _query("officer", {"type": "string"}, "Officer id, or words of the rank, name or badge."),
    _query("policy", {"type": "string"}, "Policy id, or part of its code (e.g. 102.1)."),
    _query("outcome", {"type": "string"}, "Outcome kind: suspension, termination, reprimand, ..."),
    _query("member", {"type": "string"}, "Commissioner id or name: who voted on, moved or seconded the motion."),
    _query("vote", {"enum": list(VOTE_OPTIONS)}, "Only motions where someone (or `member`) voted this way."),
    _query("result", {"enum": list(RESULTS)}, "The motion's result."),
    _query(
        "split",
        {"enum": ["divided", "unanimous", "1", "0", "true", "false"]},
        "divided (or 1, true): only motions with a no vote; unanimous: only motions without one.",
    ),
    _query("body", ID_QUERY, "Only this board's meetings."),
    _query("from", DATE, "Meetings on or after this date."),
    _query("to", DATE, "Meetings on or before this date."),
    _query("sort", {"enum": ["date", "relevance"]}, "date (newest first, default) or relevance (needs `q`)."),
]


def _get(summary: str, data: dict[str, Any], *, params: list | None = None, paged: bool = False) -> dict:
    ok = {
        "description": "The records asked for.",
        "content": {"application/json": {"schema": _envelope(data, paged=paged)}},
    }
    return {"get": {"summary": summary, "parameters": params or [], "responses": {"200": ok, **ERRORS}}}


def _list(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


PATHS: dict[str, Any] = {
    "/meetings": _get(
        "Published meetings, newest first.",
        _list("Meeting"),
        params=[
            *PAGING,
            _query("body", ID_QUERY, "Only this board's meetings."),
            _query("from", DATE, "Meetings on or after this date."),
            _query("to", DATE, "Meetings on or before this date."),
        ],
        paged=True,
    ),
    "/meetings/{meeting_id}": _get(
        "One published meeting with its documents and motions.", _ref("MeetingDetail"), params=[_path("meeting_id")]
    ),
    "/motions": _get(
        "Motions of published meetings, with the filters of the search page.",
        _list("Motion"),
        params=[*PAGING, *FILTERS],
        paged=True,
    ),
    "/motions/{motion_id}": _get("One motion (the motion record).", _ref("Motion"), params=[_path("motion_id")]),
    "/motions/{motion_id}/votes": _get(
        "How each member voted on a motion.", _list("Vote"), params=[_path("motion_id")]
    ),
    "/search": _get(
        "Motions matching words (`q` is required), with a plain-text snippet.",
        _list("SearchHit"),
        params=[
            *PAGING,
            {**FILTERS[0], "required": True, "allowEmptyValue": False, "schema": {"type": "string", "pattern": r"\w"}},
            *FILTERS[1:],
        ],
        paged=True,
    ),
    "/members": _get(
        "Commissioners of boards with published meetings.",
        _list("Member"),
        params=[*PAGING, _query("body", ID_QUERY, "Only this board's members.")],
        paged=True,
    ),
    "/members/{member_id}": _get("One commissioner.", _ref("Member"), params=[_path("member_id")]),
    "/members/{member_id}/votes": _get(
        "A commissioner's voting record: published motions they voted on, moved or seconded.",
        _list("MemberVote"),
        params=[_path("member_id"), *PAGING, *[f for f in FILTERS if f["name"] != "member"]],
        paged=True,
    ),
    "/officers": _get("Officers named in published motions.", _list("Officer"), params=PAGING, paged=True),
    "/officers/{officer_id}": _get("One officer.", _ref("Officer"), params=[_path("officer_id")]),
    "/policies": _get("Policies cited by published motions.", _list("Policy"), params=PAGING, paged=True),
    "/policies/{policy_id}": _get("One policy.", _ref("Policy"), params=[_path("policy_id")]),
}


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (a fresh dict each call)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Boardwatch API",
            "version": "1.0.0",
            "description": "Read-only JSON API of the published record of a police oversight board: meetings, "
            "motions and votes, commissioners, officers and policies. No key is needed. Requests are rate "
            "limited per address. Lists page with an opaque `next` token. Every answer is "
            '`{"ok": true, "data": ..., "next": ...}` or `{"ok": false, "error": {"status", "title", "detail"}}`.',
        },
        "servers": [{"url": "/api/v1"}],
        "paths": copy.deepcopy(PATHS),
        "components": {"schemas": copy.deepcopy(SCHEMAS)},
    }
