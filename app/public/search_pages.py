"""Search over published motions, transcripts and documents (its CSV and JSON: exports_views.py)."""

from __future__ import annotations

from flask import render_template, request

from app.models.motion import RESULTS, VOTE_OPTIONS
from app.services import motion_search
from app.services import public_queries as queries
from app.services.motion_search import OUTCOME_KINDS, SearchParams
from app.services.search_fts import COUNT_CAP, RANK_WINDOW


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
