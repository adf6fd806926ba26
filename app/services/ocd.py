"""Open Civic Data: a motion as an OCD VoteEvent, the shape the OCD scrapers (pupa) write and read.

Our vote options map onto OCD's: yes, no, abstain, absent and excused are the same words;
"recused" (a member who stepped aside for a conflict) has no OCD word and becomes "not voting"
with the note "recused". A motion that passed is "pass" and one that failed "fail"; withdrawn,
tabled and unknown results have no OCD value, so `result` is left out rather than guessed
(our own result stays in `extras`). Everything else Boardwatch knows goes into `extras`.
"""

from __future__ import annotations

from typing import Any

from app.models import Motion
from app.models.motion import VOTE_OPTIONS
from app.services.citations import cite, permalink, public_url
from app.services.exports import correction
from app.services.motions import motion_record

OCD_OPTIONS = {
    "yes": "yes",
    "no": "no",
    "abstain": "abstain",
    "absent": "absent",
    "excused": "excused",
    "recused": "not voting",
}
OCD_RESULTS = {"passed": "pass", "failed": "fail"}
NO_TEXT = "(the record does not state the motion's words)"


def identifier(motion: Motion) -> str:
    """A stable identifier within the meeting: the agenda item number when there is one."""
    item = motion.agenda_item
    if item is not None and item.number:
        return f"Item {item.number}, motion {motion.id}"
    return f"Motion {motion.id}"


def vote_event(motion: Motion) -> dict[str, Any]:
    """The OCD VoteEvent of one published motion (validates against pupa's vote_event schema)."""
    meeting = motion.meeting
    link = permalink(motion.id)
    counts: list[dict[str, Any]] = []
    for option in VOTE_OPTIONS:
        value = motion.counts()[option]
        if value is not None:
            counts.append({"option": OCD_OPTIONS[option], "value": value})
    votes = []
    for vote in motion.votes:
        entry = {"option": OCD_OPTIONS.get(vote.option, "other"), "voter_name": vote.voter_name or "(unnamed)"}
        if vote.option == "recused":
            entry["note"] = "recused"
        votes.append(entry)
    sources = [{"url": link, "note": "Boardwatch motion page"}]
    if motion.document is not None:
        file_url = public_url("public.document_file", document_id=motion.document.id)
        where = f"page {motion.source_page}" if motion.source_page else motion.document.kind
        sources.append({"url": file_url, "note": f"{motion.document.original_filename} ({where})"})
    event: dict[str, Any] = {
        "identifier": identifier(motion),
        "motion_text": motion.text.strip() or NO_TEXT,
        "motion_classification": [motion.classification],
        "start_date": meeting.date.isoformat(),
        "organization": meeting.body.name,
        "legislative_session": str(meeting.date.year),
        "bill": None,
        "counts": counts,
        "votes": votes,
        "sources": sources,
        "extras": {
            "boardwatch": motion_record(motion),
            "permalink": link,
            "cite": cite(motion, link),
            "corrections": [correction(r) for r in motion.revisions],
            "meeting_title": meeting.title,
            "meeting_url": public_url("public.meeting", meeting_id=meeting.id),
        },
    }
    if motion.result in OCD_RESULTS:
        event["result"] = OCD_RESULTS[motion.result]
    return event
