"""The fictional demo meeting that `flask --app wsgi demo` loads: data, minutes PDF, audio clip.

Fictional demo data: Harbor City and everyone named here are invented. Nothing here touches
the database; `app/services/demo.py` loads it. `AUDIO_PATH` is a committed Ogg Opus file made
by `bench/make_demo_audio.py` from `script.DIALOGUE`; `build_minutes_pdf()` writes the minutes
(same bytes every call). `MOTIONS_IN_MINUTES` / `MOTIONS_IN_AUDIO` are the records a correct
reader finds in each, and `DIFFERENCES` the disagreements planted between them.
"""

from __future__ import annotations

from pathlib import Path

from app.demo.expected import MOTIONS_IN_AUDIO, MOTIONS_IN_MINUTES
from app.demo.minutes_pdf import build_minutes_pdf
from app.demo.script import (
    AGENDA,
    AUDIO_FILENAME,
    BODY_NAME,
    BODY_SHORT_NAME,
    DEMO_NOTICE,
    DIALOGUE,
    DIFFERENCES,
    JURISDICTION,
    MEETING_DATE,
    MEETING_KIND,
    MEETING_TITLE,
    MINUTES_FILENAME,
    OFFICERS,
    ROSTER,
    SECRETARY,
    SECRETARY_TITLE,
    RosterEntry,
)

AUDIO_PATH: Path = Path(__file__).with_name("demo_meeting.ogg")
SCRIPT = DIALOGUE  # the spoken meeting, turn by turn

__all__ = [
    "AGENDA",
    "AUDIO_FILENAME",
    "AUDIO_PATH",
    "BODY_NAME",
    "BODY_SHORT_NAME",
    "DEMO_NOTICE",
    "DIALOGUE",
    "DIFFERENCES",
    "JURISDICTION",
    "MEETING_DATE",
    "MEETING_KIND",
    "MEETING_TITLE",
    "MINUTES_FILENAME",
    "MOTIONS_IN_AUDIO",
    "MOTIONS_IN_MINUTES",
    "OFFICERS",
    "ROSTER",
    "SCRIPT",
    "SECRETARY",
    "SECRETARY_TITLE",
    "RosterEntry",
    "build_minutes_pdf",
]
