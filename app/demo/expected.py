"""The motion records the demo's two sources should yield: what a correct reader finds.

Plain dicts in the shape of the motion record contract (DESIGN.md), with surnames for people.
`MOTIONS_IN_MINUTES` is what the minutes PDF states; `MOTIONS_IN_AUDIO` is what was said in
`demo_meeting.ogg`, in the order it was said. They differ where `script.DIFFERENCES` says.

Conventions:
- `counts` hold what the record states. A stated tally ("7-0") fills yes/no and leaves the
  rest None; when every member's vote is named, the other options are derived as 0.
- In the audio, `mover`/`seconder` are who actually moved and seconded; `stated` says
  whether the words name them (a chair's "Moved by Commissioner Carter, seconded by ...").
  A reader without speaker labels can only know the stated ones.
- `evidence` quotes the source: the minutes sentence, or the turn as spoken (`script.DIALOGUE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.demo import script

_OPTIONS = ("yes", "no", "abstain", "absent", "excused", "recused")


def _counts(yes: int, no: int, abstain: int | None = None, *, all_named: bool = False) -> dict[str, int | None]:
    counts: dict[str, int | None] = dict.fromkeys(_OPTIONS)
    counts.update(yes=yes, no=no, abstain=abstain)
    if all_named:
        counts.update({option: counts[option] or 0 for option in _OPTIONS})
    return counts


def _votes(yes: Sequence[str], no: Sequence[str] = (), abstain: Sequence[str] = ()) -> list[dict[str, str]]:
    by_option = {"yes": yes, "no": no, "abstain": abstain}
    order = {surname: i for i, surname in enumerate(script.SURNAMES)}
    votes = [{"voter": name, "option": option} for option, names in by_option.items() for name in names]
    return sorted(votes, key=lambda vote: order[vote["voter"]])


def _others(*excluded: str) -> list[str]:
    return [name for name in script.SURNAMES if name not in excluded]


def _said(start: str) -> str:
    """The one turn of the dialogue that starts with `start`, as spoken."""
    (text,) = [turn.text for turn in script.DIALOGUE if turn.text.startswith(start)]
    return text


_APPROVED = {"kind": "approved", "days": None, "paid": None}
_SUSPENSION = {"kind": "suspension", "days": 30, "paid": False}
_KEY_POLICY = [dict(script.POLICY_IMMIGRATION)]
_CAMERA_POLICY = [dict(script.POLICY_BODY_CAMERA)]
_OFFICERS = [dict(officer) for officer in script.OFFICERS]

MOTIONS_IN_MINUTES: list[dict[str, Any]] = [
    {
        "agenda_item": "2",
        "page": 1,
        "text": "to approve the agenda as presented",
        "classification": "minutes_agenda",
        "mover": "Carter",
        "seconder": "Delgado",
        "result": "passed",
        "counts": _counts(7, 0),
        "votes": [],
        "officers": [],
        "policies": [],
        "outcome": dict(_APPROVED),
        "evidence": script.MINUTES_MOTION_SENTENCES["2"],
    },
    {
        "agenda_item": "3",
        "page": 1,
        "text": "to approve the minutes of the regular meeting of September 22, 2026",
        "classification": "minutes_agenda",
        "mover": "Foster",
        "seconder": "Hughes",
        "result": "passed",
        "counts": _counts(6, 0, 1, all_named=True),
        "votes": _votes(_others("Grant"), abstain=["Grant"]),
        "officers": [],
        "policies": [],
        "outcome": dict(_APPROVED),
        "evidence": script.MINUTES_MOTION_SENTENCES["3"],
    },
    {
        "agenda_item": "4",
        "page": 1,
        "text": "to adopt revised Department Directive 305.2, Body-Worn Camera Activation",
        "classification": "policy",
        "mover": "Delgado",
        "seconder": "Foster",
        "result": "passed",
        "counts": _counts(6, 1, all_named=True),
        "votes": _votes(_others("Hughes"), no=["Hughes"]),
        "officers": [],
        "policies": [dict(p) for p in _CAMERA_POLICY],
        "outcome": dict(_APPROVED),
        "evidence": script.MINUTES_MOTION_SENTENCES["4"],
    },
    {
        "agenda_item": "5",
        "page": 2,
        "text": script.KEY_MOTION_TEXT,
        "classification": "discipline",
        "mover": "Rivera",
        "seconder": "Brooks",
        "result": "passed",
        "counts": _counts(5, 2, all_named=True),
        "votes": _votes(_others("Grant", "Hughes"), no=["Grant", "Hughes"]),
        "officers": [dict(o) for o in _OFFICERS],
        "policies": [dict(p) for p in _KEY_POLICY],
        "outcome": {**_SUSPENSION, "text": "thirty-day suspensions without pay"},
        "evidence": script.MINUTES_MOTION_SENTENCES["5"],
    },
    {
        "agenda_item": "6",
        "page": 2,
        "text": "to adjourn",
        "classification": "other",
        "mover": "Brooks",
        "seconder": "Carter",
        "result": "passed",
        "counts": _counts(7, 0),
        "votes": [],
        "officers": [],
        "policies": [],
        "outcome": dict(_APPROVED),
        "evidence": script.MINUTES_MOTION_SENTENCES["6"],
    },
]

MOTIONS_IN_AUDIO: list[dict[str, Any]] = [
    {
        "agenda_item": "2",
        "text": "to approve the agenda as presented",
        "classification": "minutes_agenda",
        "mover": "Carter",
        "seconder": "Delgado",
        "stated": {"mover": False, "seconder": False},
        "result": "passed",
        "counts": _counts(7, 0),
        "votes": [],
        "officers": [],
        "policies": [],
        "outcome": dict(_APPROVED),
        "evidence": _said("I move that we approve the agenda"),
    },
    {
        "agenda_item": "3",
        "text": "to approve the minutes of September 22",
        "classification": "minutes_agenda",
        "mover": "Foster",
        "seconder": "Hughes",
        "stated": {"mover": True, "seconder": True},
        "result": "passed",
        "counts": _counts(7, 0),
        "votes": [],
        "officers": [],
        "policies": [],
        "outcome": dict(_APPROVED),
        "evidence": _said("I move that we approve the minutes"),
    },
    {
        "agenda_item": "4",
        "text": "to adopt the revised Directive 305.2, Body-Worn Camera Activation",
        "classification": "policy",
        "mover": "Carter",
        "seconder": "Foster",
        "stated": {"mover": True, "seconder": True},
        "result": "passed",
        "counts": _counts(7, 0),  # as announced at the vote; see "correction"
        "votes": [],
        "officers": [],
        "policies": [dict(p) for p in _CAMERA_POLICY],
        "outcome": dict(_APPROVED),
        "evidence": _said("I move that we adopt the revised Directive"),
        "correction": {
            "evidence": _said("For the record, Commissioner Hughes"),
            "voter": "Hughes",
            "option": "no",
            "counts": _counts(6, 1),
        },
    },
    {
        "agenda_item": "5",
        "text": "to take public comment on item five now, out of order",
        "classification": "other",
        "mover": "Delgado",
        "seconder": "Grant",
        "stated": {"mover": True, "seconder": True},
        "result": "passed",
        "counts": _counts(7, 0),
        "votes": [],
        "officers": [],
        "policies": [],
        "outcome": dict(_APPROVED),
        "evidence": _said("Mr. President, I move that we take public comment"),
    },
    {
        "agenda_item": "5",
        "text": "to finalize the thirty-day suspensions without pay for Sergeant Dana Whitfield and Officer Sam "
        "Ortega for contacting U.S. Border Patrol during traffic stops in violation of Department Directive 102.1, "
        "Immigration Enforcement",
        "classification": "discipline",
        "mover": "Rivera",
        "seconder": "Brooks",
        "stated": {"mover": True, "seconder": True},
        "result": "passed",
        "counts": _counts(5, 2, all_named=True),
        "votes": _votes(_others("Grant", "Hughes"), no=["Grant", "Hughes"]),
        "officers": [dict(o) for o in _OFFICERS],
        "policies": [dict(p) for p in _KEY_POLICY],
        "outcome": {**_SUSPENSION, "text": "thirty-day suspensions without pay"},
        "evidence": _said("I move that we finalize"),
    },
    {
        "agenda_item": "6",
        "text": "to adjourn",
        "classification": "other",
        "mover": "Brooks",
        "seconder": "Carter",
        "stated": {"mover": False, "seconder": False},
        "result": "passed",
        "counts": _counts(7, 0),
        "votes": [],
        "officers": [],
        "policies": [],
        "outcome": dict(_APPROVED),
        "evidence": _said("I move that we adjourn"),
    },
]
