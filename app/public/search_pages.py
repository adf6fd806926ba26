"""Search over published motions, transcripts and documents, and its CSV and JSON exports."""

from __future__ import annotations

from flask import Response, abort, jsonify, render_template, request, url_for

from app.models.motion import RESULTS, VOTE_OPTIONS
from app.public.formatting import permalink
from app.public.responses import csv_response
from app.services import motion_search
from app.services import public_queries as queries
from app.services.exports import motion_csv
from app.services.motion_search import OUTCOME_KINDS, BadToken, SearchParams
from app.services.motions import motion_record
from app.services.search_fts import COUNT_CAP, RANK_WINDOW

JSON_DEFAULT_LIMIT = 50
JSON_MAX_LIMIT = 500


def search() -> str:
    params = SearchParams.from_args(request.args)
    results = motion_search.search_motions(params)
    return render_template(
        "public/search.html",
        params=results.params,
        results=results,
        bodies=motion_search.body_choices(),
        members=queries.roster_choices(),
        vote_options=VOTE_OPTIONS,
        result_options=RESULTS,
        outcome_options=OUTCOME_KINDS,
        count_cap=COUNT_CAP,
        rank_window=RANK_WINDOW,
        demo=any(hit.motion.meeting.body.is_demo for hit in results.hits),
    )


def search_csv() -> Response:
    params = SearchParams.from_args(request.args)
    return csv_response(motion_csv(motion_search.iter_motions(params), permalink), "boardwatch-motions.csv")


def _limit(value: str | None) -> int:
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit():
        return JSON_DEFAULT_LIMIT
    return min(max(int(text[:6]), 1), JSON_MAX_LIMIT)


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
    next_url = None
    if next_token:
        next_url = url_for("public.search_json", **params.to_args(page=1), limit=limit, next=next_token, _external=True)
    return jsonify(
        {
            "ok": True,
            "motions": [{**motion_record(m), "url": permalink(m)} for m in motions],
            "next": next_token,
            "next_url": next_url,
            "notes": list(params.notes),
        }
    )
