"""The fictional demo meeting as data: body, roster, agenda, minutes wording, spoken dialogue.

Fictional demo data: Harbor City, its board and everyone named here are invented; the names
were checked against the public figures the author knows of. `DIALOGUE` is what
`bench/make_demo_audio.py` renders into `demo_meeting.ogg`; `minutes_pdf.py` writes the
minutes from `AGENDA`, `ATTENDANCE`, `MINUTES_TEXT` and `MINUTES_MOTION_SENTENCES`. The two
sources disagree on purpose in the ways listed in `DIFFERENCES`; `expected.py` holds the
motion records each source should yield.

Everything in `DIALOGUE` is written as it is spoken ("Directive one hundred two point one",
which Whisper writes back as "102.1"), and the names are ones Whisper tiny.en spells right
from these voices (Alvarez, Chen and Luis were tried first and came back mangled). Changing a
word changes the audio: rerun the bench script and `tests/demo` afterwards.
"""

from __future__ import annotations

import hashlib
import json
from typing import NamedTuple

DEMO_NOTICE = "Fictional demo data: Harbor City and everyone named here are invented."

BODY_NAME = "Harbor City Board of Police Commissioners"
BODY_SHORT_NAME = "Police Commission"
JURISDICTION = "City of Harbor City (fictional)"
MEETING_DATE = "2026-10-06"  # ISO date, a Tuesday
MEETING_KIND = "regular"
MEETING_TITLE = "Regular Meeting of the Board of Police Commissioners"
PREVIOUS_MEETING_DATE = "2026-09-22"
MINUTES_FILENAME = "harbor-city-bpc-minutes-2026-10-06.pdf"
AUDIO_FILENAME = "harbor-city-bpc-meeting-2026-10-06.ogg"


class RosterEntry(NamedTuple):
    """One commissioner: full name, spellings speech recognition produces, seat."""

    name: str
    aliases: tuple[str, ...]
    seat: str

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


# Aliases: the surname plus near misses Whisper tiny.en produced for these voices while tuning.
ROSTER: list[RosterEntry] = [
    RosterEntry("Paul Rivera", ("Rivera", "Riviera"), "Seat 1 (President)"),
    RosterEntry("Thomas Brooks", ("Brooks", "Brook", "Blokes"), "Seat 2 (Vice President)"),
    RosterEntry("Grace Carter", ("Carter", "Cariber"), "Seat 3"),
    RosterEntry("Andres Delgado", ("Delgado", "de Lado", "Del Gado"), "Seat 4"),
    RosterEntry("Janet Foster", ("Foster", "Faster"), "Seat 5"),
    RosterEntry("Marcus Grant", ("Grant",), "Seat 6"),
    RosterEntry("Diane Hughes", ("Hughes", "Hughs"), "Seat 7"),
]
SURNAMES: list[str] = [member.surname for member in ROSTER]

# The board's secretary: reports items, calls the roll, signs the minutes; not a voting member.
SECRETARY = "Owen Palmer"
SECRETARY_TITLE = "Executive Director"
CHAIR = "Rivera"

ATTENDANCE: dict[str, list[str]] = {
    "present": [
        "President Paul Rivera",
        "Vice President Thomas Brooks",
        "Commissioner Grace Carter",
        "Commissioner Andres Delgado",
        "Commissioner Janet Foster",
        "Commissioner Marcus Grant",
        "Commissioner Diane Hughes",
    ],
    "absent": [],
    "also_present": [f"{SECRETARY}, {SECRETARY_TITLE} and Secretary to the Board"],
}

# The officers and policies the motions are about (fictional too).
OFFICERS: list[dict[str, str | None]] = [
    {"name": "Dana Whitfield", "rank": "Sergeant", "badge": None},
    {"name": "Sam Ortega", "rank": "Officer", "badge": None},
]
POLICY_IMMIGRATION = {"code": "Directive 102.1", "title": "Immigration Enforcement"}
POLICY_BODY_CAMERA = {"code": "Directive 305.2", "title": "Body-Worn Camera Activation"}
CASE_NUMBER = "BPC Case No. 26-014"


class AgendaItem(NamedTuple):
    number: str
    title: str


AGENDA: list[AgendaItem] = [
    AgendaItem("1", "Call to Order and Roll Call"),
    AgendaItem("2", "Approval of the Agenda"),
    AgendaItem("3", "Approval of the Minutes of the Regular Meeting of September 22, 2026"),
    AgendaItem("4", "Department Directive 305.2, Body-Worn Camera Activation (Revised)"),
    AgendaItem("5", f"Disciplinary Matter, {CASE_NUMBER}: Sergeant Dana Whitfield and Officer Sam Ortega"),
    AgendaItem("6", "Adjournment"),
]

# The motion of agenda item 5 as the minutes word it (the brief's "key motion").
KEY_MOTION_TEXT = (
    "to finalize the thirty-day suspensions without pay of Sergeant Dana Whitfield and Officer Sam Ortega "
    "for contacting U.S. Border Patrol during traffic stops in violation of Department Directive 102.1 "
    "(Immigration Enforcement)"
)
# The motions as the minutes state them, by agenda item: the narrative form real boards use.
MINUTES_MOTION_SENTENCES: dict[str, str] = {
    "2": (
        "Commissioner Carter moved, seconded by Commissioner Delgado, to approve the agenda as presented. "
        "The motion carried unanimously, 7-0, on a voice vote."
    ),
    "3": (
        "Commissioner Foster moved, seconded by Commissioner Hughes, to approve the minutes of the regular "
        "meeting of September 22, 2026. The motion carried 6-0-1. Ayes: Rivera, Brooks, Carter, Delgado, "
        "Foster, Hughes. Abstain: Grant."
    ),
    "4": (
        "Commissioner Delgado moved, seconded by Commissioner Foster, to adopt revised Department Directive "
        "305.2, Body-Worn Camera Activation. The motion carried 6-1. Ayes: Rivera, Brooks, Carter, Delgado, "
        "Foster, Grant. Noes: Hughes."
    ),
    "5": (
        f"Commissioner Rivera moved, seconded by Commissioner Brooks, {KEY_MOTION_TEXT}. The motion carried "
        "5-2. Ayes: Rivera, Brooks, Carter, Delgado, Foster. Noes: Grant, Hughes."
    ),
    "6": (
        "Commissioner Brooks moved, seconded by Commissioner Carter, to adjourn. The motion carried "
        "unanimously, 7-0, on a voice vote. The meeting adjourned at 6:04 p.m."
    ),
}

# Narrative paragraphs of the minutes, by agenda item, printed before the motion sentence.
MINUTES_TEXT: dict[str, str] = {
    "1": (
        "President Rivera called the regular meeting to order at 6:00 p.m. in the Board Room, Harbor City "
        "Hall, 100 Harbor Way. Executive Director Palmer called the roll; all seven commissioners were "
        "present and a quorum was established."
    ),
    "2": "",
    "3": "",
    "4": (
        "The Board considered revised Directive 305.2, which requires officers to activate body-worn cameras "
        "before arriving at any call for service and to record the reason for any late activation."
    ),
    "5": (
        "Executive Director Palmer presented the Chief of Police's findings in the matter of Sergeant Dana "
        "Whitfield and Officer Sam Ortega, who contacted U.S. Border Patrol during two traffic stops in "
        "June 2026, and the Chief's recommendation of thirty-day suspensions without pay. Commissioner Grant "
        "stated that retraining and a written reprimand would be sufficient. The vote was taken by roll call."
    ),
    "6": "",
}


class Turn(NamedTuple):
    """One turn of the spoken meeting: who speaks (a surname, "Palmer" or "ALL"), what, pause after."""

    speaker: str
    text: str
    pause: float = 0.25


ALL = "ALL"  # several members at once ("Aye."), rendered as overlapping voices


def _voice_vote(moved: str = "", opposed: str = "Is anyone opposed?") -> list[Turn]:
    """A voice vote nobody opposes, announced seven to zero; the chair may first restate who moved it."""
    return [
        Turn(CHAIR, f"{moved} All in favor?".strip()),
        Turn(ALL, "Aye.", 0.45),
        Turn(CHAIR, opposed, 0.35),
        Turn(CHAIR, "Hearing none, the motion carries seven to zero."),
    ]


# What is said, in order. Each motion's dialogue is marked by agenda item in the comments.
DIALOGUE: list[Turn] = [
    # 1. Call to order and roll call
    Turn(
        CHAIR,
        "Good evening. This regular meeting of the Harbor City Board of Police Commissioners "
        "will come to order. Today is Tuesday, October sixth, twenty twenty-six.",
    ),
    Turn("Palmer", "All seven commissioners are present. We have a quorum."),
    # 2. Approval of the agenda
    Turn(CHAIR, "Item two, approval of the agenda. Is there a motion?"),
    Turn("Carter", "I move that we approve the agenda as presented."),
    Turn("Delgado", "Second."),
    *_voice_vote(),
    # 3. Approval of the minutes
    Turn(CHAIR, "Item three, approval of the minutes from September twenty-second."),
    Turn("Foster", "I move that we approve the minutes of September twenty-second."),
    Turn("Hughes", "Second."),
    *_voice_vote("Moved by Commissioner Foster, seconded by Commissioner Hughes.", "Is anyone opposed, or abstaining?"),
    # 4. Directive 305.2 (body-worn cameras)
    Turn(CHAIR, "Item four, the revised body camera policy."),
    Turn(
        "Carter",
        "I move that we adopt the revised Directive three hundred five point two, Body-Worn Camera Activation.",
    ),
    Turn("Foster", "Second."),
    *_voice_vote("Moved by Commissioner Carter, seconded by Commissioner Foster."),
    # 5. Disciplinary matter (the motion to take public comment first is heard only in the audio)
    Turn(CHAIR, "Item five, a disciplinary matter. Director Palmer."),
    Turn(
        "Palmer",
        "The Chief found that Sergeant Dana Whitfield and Officer Sam Ortega called "
        "U.S. Border Patrol during traffic stops in violation of Department Directive one hundred two point one. "
        "The Chief recommends thirty-day suspensions without pay.",
    ),
    Turn("Delgado", "Mr. President, I move that we take public comment on item five now, out of order."),
    Turn("Grant", "Second."),
    *_voice_vote("Moved by Commissioner Delgado, seconded by Commissioner Grant."),
    Turn(CHAIR, "Is there any public comment? Seeing none, public comment is closed."),
    Turn(
        CHAIR,
        "I move that we finalize the thirty-day suspensions without pay for Sergeant Dana Whitfield "
        "and Officer Sam Ortega for contacting U.S. Border Patrol during traffic stops in violation of "
        "Department Directive one hundred two point one, Immigration Enforcement.",
    ),
    Turn("Brooks", "Second."),
    Turn("Grant", "I will vote no. Retraining and a written reprimand would be enough."),
    Turn(CHAIR, "Director Palmer, please call the roll."),
    Turn("Palmer", "Moved by President Rivera, seconded by Vice President Brooks."),
    Turn("Palmer", "Commissioner Rivera?", 0.45),
    Turn("Rivera", "Aye.", 0.45),
    Turn("Palmer", "Commissioner Brooks?", 0.45),
    Turn("Brooks", "Aye.", 0.45),
    Turn("Palmer", "Commissioner Carter?", 0.45),
    Turn("Carter", "Aye.", 0.45),
    Turn("Palmer", "Commissioner Delgado?", 0.45),
    Turn("Delgado", "Aye.", 0.45),
    Turn("Palmer", "Commissioner Foster?", 0.45),
    Turn("Foster", "Aye.", 0.45),
    Turn("Palmer", "Commissioner Grant?", 0.45),
    Turn("Grant", "No.", 0.45),
    Turn("Palmer", "Commissioner Hughes?", 0.45),
    Turn("Hughes", "No."),
    Turn(CHAIR, "The motion carries five to two."),
    # Correction of the record for item 4
    Turn("Hughes", "Mr. President, a correction. I voted no on the body camera policy."),
    Turn("Palmer", "For the record, Commissioner Hughes voted no on item four, not yes. Item four carries six to one."),
    # 6. Adjournment
    Turn("Brooks", "I move that we adjourn."),
    Turn("Carter", "Second."),
    *_voice_vote(),
    Turn(CHAIR, "This meeting is adjourned.", 0.8),
]


def dialogue_digest() -> str:
    """sha256 of the dialogue (speakers, words, pauses); the audio file carries the one it was made from."""
    return hashlib.sha256(json.dumps([list(turn) for turn in DIALOGUE]).encode()).hexdigest()


# Where the minutes and the audio disagree on purpose: what reconciliation should find.
# "minutes" and "audio" quote each source exactly (the audio as spoken, per DIALOGUE).
DIFFERENCES: list[dict[str, str]] = [
    {
        "kind": "mover",
        "agenda_item": "4",
        "minutes": "Commissioner Delgado moved, seconded by Commissioner Foster, to adopt revised Department "
        "Directive 305.2, Body-Worn Camera Activation.",
        "audio": "Moved by Commissioner Carter, seconded by Commissioner Foster.",
        "note": "The minutes name Delgado as mover of the body camera directive; in the audio Carter moves it "
        "and the chair says so.",
    },
    {
        "kind": "tally",
        "agenda_item": "3",
        "minutes": "The motion carried 6-0-1. Ayes: Rivera, Brooks, Carter, Delgado, Foster, Hughes. Abstain: Grant.",
        "audio": "Is anyone opposed, or abstaining? Hearing none, the motion carries seven to zero.",
        "note": "The minutes record Grant abstaining on the previous minutes (6-0-1); the chair announced 7-0.",
    },
    {
        "kind": "audio_only_motion",
        "agenda_item": "5",
        "minutes": "",
        "audio": "Mr. President, I move that we take public comment on item five now, out of order.",
        "note": "Delgado's motion to take public comment out of order (Grant seconds, carried 7-0 by voice) is "
        "heard in the audio and missing from the minutes.",
    },
    {
        "kind": "correction",
        "agenda_item": "4",
        "minutes": "The motion carried 6-1. Ayes: Rivera, Brooks, Carter, Delgado, Foster, Grant. Noes: Hughes.",
        "audio": "For the record, Commissioner Hughes voted no on item four, not yes. Item four carries six to one.",
        "note": "Item 4 was announced 7-0 on a voice vote; a correction after item 5 makes it 6-1 with Hughes "
        "voting no, which is what the minutes record.",
    },
]
