"""Public pages: home, meetings, motions and the original documents (published records only).

Officer, policy and member pages live in `records.py`, search in `search_pages.py`, and every
page's `.csv` and `.json` in `exports_views.py`; they are registered on this blueprint at the
bottom of this file.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, send_file
from werkzeug.wrappers import Response as BaseResponse

from app.public import exports_views, formatting, records, search_pages
from app.public.responses import found
from app.services import citations
from app.services import public_queries as queries
from app.services.motion_search import body_choices, parse_page
from app.services.storage import blob_path

bp = Blueprint("public", __name__)
formatting.register(bp)

MEETINGS_PER_PAGE = 25
# Types a browser may show inline; anything else is offered as a download.
INLINE_TYPES = ("application/pdf", "audio/", "video/", "text/plain")


@bp.get("/")
def home() -> str:
    return render_template(
        "public/home.html",
        decisions=queries.latest_decisions(),
        meetings=queries.recent_meetings(limit=5),
        bodies=body_choices(),
        demo=queries.has_published_demo(),
    )


@bp.get("/meetings")
def meetings() -> str:
    page = parse_page(request.args.get("page"))
    total = queries.published_meeting_count()
    items = queries.recent_meetings(limit=MEETINGS_PER_PAGE, offset=(page - 1) * MEETINGS_PER_PAGE)
    return render_template(
        "public/meetings.html",
        meetings=items,
        motion_counts=queries.motion_counts([m.id for m in items]),
        page=page,
        pages=max(1, -(-total // MEETINGS_PER_PAGE)),
        total=total,
        demo=any(m.body.is_demo for m in items),
    )


@bp.get("/meetings/<int:meeting_id>")
def meeting(meeting_id: int) -> str:
    item = found(queries.published_meeting(meeting_id))
    motions = queries.meeting_motions(item)
    return render_template(
        "public/meeting.html",
        meeting=item,
        groups=queries.group_by_source(motions),
        motion_total=len(motions),
        transcripts=queries.meeting_transcripts(item),
        demo=item.body.is_demo,
    )


@bp.get("/motions/<int:motion_id>")
def motion(motion_id: int) -> str:
    from app.services.reconcile import heard_counterpart, recording_of

    item = found(queries.published_motion(motion_id))
    recording = recording_of(item)  # the minutes' motion settled with the recording keeps its moment
    return render_template(
        "public/motion.html",
        motion=item,
        recording=recording,
        heard=None if recording else heard_counterpart(item),  # not settled yet: the same motion, heard
        heading=queries.source_heading(item.document),
        permalink=citations.permalink(item.id),
        demo=item.meeting.body.is_demo,
    )


@bp.get("/documents/<int:document_id>/file")
def document_file(document_id: int) -> BaseResponse:
    """The stored original, with range requests (audio seeking) and conditional GETs."""
    document = found(queries.published_document(document_id))
    try:
        path = blob_path(current_app.config["UPLOAD_FOLDER"], document.sha256)
    except ValueError:
        abort(404)
    if not path.is_file():
        abort(404, description="The stored file for this document is missing. Please tell the clerk's office.")
    inline = document.mime_type.startswith(INLINE_TYPES)
    return send_file(
        path,
        mimetype=document.mime_type if inline else "application/octet-stream",
        as_attachment=not inline,
        download_name=document.original_filename,
        conditional=True,
        max_age=3600,
    )


bp.add_url_rule("/officers/<int:officer_id>", view_func=records.officer)
bp.add_url_rule("/policies/<int:policy_id>", view_func=records.policy)
bp.add_url_rule("/members/<int:member_id>", view_func=records.member)
bp.add_url_rule("/search", view_func=search_pages.search)
exports_views.register(bp)  # every page's .csv and .json
