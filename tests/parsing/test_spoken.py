"""Transcripts: first-person motions, seconds, voice votes, roll calls, results in words."""

from __future__ import annotations

from app.parsing import MotionRecord, Roster, TimedText, parse_transcript


def _segments(*lines: str | tuple[str, str]) -> list[TimedText]:
    segments = []
    for index, line in enumerate(lines):
        speaker, text = line if isinstance(line, tuple) else (None, line)
        segments.append(TimedText(start=100.0 + 10 * index, end=109.0 + 10 * index, text=text, speaker=speaker))
    return segments


def _only(segments: list[TimedText], roster: Roster | None = None) -> MotionRecord:
    records = parse_transcript(segments, document="sha", roster=roster)
    assert len(records) == 1, [r.to_dict() for r in records]
    return records[0]


DEMO = _segments(
    ("Chair", "The next item is the Whitfield and Ortega matter."),
    (
        "Commissioner Alvarez",
        "I move that we finalize the thirty-day suspensions without pay of Sergeant Dana Whitfield and Officer "
        "Luis Ortega for contacting U.S. Border Patrol in violation of Department Directive 102.1.",
    ),
    ("Chair", "Is there a second?"),
    ("Commissioner Brooks", "Second."),
    ("Chair", "All those in favor?"),
    ("SPEAKER_03", "Aye."),
    ("Chair", "Opposed?"),
    ("SPEAKER_05", "No."),
    ("Chair", "The motion carries five to two."),
    ("Chair", "Next item."),
)


def test_demo_spoken_motion_gives_the_full_record() -> None:
    record = _only(DEMO)
    assert record.text.startswith("to finalize the thirty-day suspensions without pay")
    assert (record.mover, record.seconder, record.result) == ("Alvarez", "Brooks", "passed")
    assert (record.counts["yes"], record.counts["no"]) == (5, 2)
    assert [(o.rank, o.name) for o in record.officers] == [("Sergeant", "Dana Whitfield"), ("Officer", "Luis Ortega")]
    assert [p.code for p in record.policies] == ["Directive 102.1"]
    assert (record.outcome.kind, record.outcome.days, record.outcome.paid) == ("suspension", 30, False)
    assert record.classification == "discipline"
    assert (record.source.document, record.source.start, record.source.end) == ("sha", 110.0, 189.0)
    assert record.evidence and record.evidence in " ".join(s.text for s in DEMO)
    assert record.source.page is None


def test_motion_made_by_and_seconded_by_named_by_the_chair() -> None:
    record = _only(
        _segments(
            "We have a motion made by Commissioner Walker and seconded by Commissioner Reyes to adopt the policy.",
            "All in favor say aye. Aye. Opposed? Hearing none, the motion carries.",
        )
    )
    assert (record.mover, record.seconder, record.result) == ("Walker", "Reyes", "passed")


def test_roll_call_answered_name_by_name() -> None:
    record = _only(
        _segments(
            "I'll make a motion to approve the contract.",
            "I'll second.",
            "Clerk, please call the roll.",
            "Commissioner Walker?",
            "Yes.",
            "Commissioner Reyes?",
            "No.",
            "Commissioner Tran?",
            "Abstain.",
            "The motion carries two to one.",
        )
    )
    assert [(v.voter, v.option) for v in record.votes] == [("Walker", "yes"), ("Reyes", "no"), ("Tran", "abstain")]
    assert record.counts["yes"] == 2 and record.counts["no"] == 1
    assert record.flags  # two to one stated, but one yes named


def test_so_moved_takes_the_chairs_proposal() -> None:
    record = _only(
        _segments(
            ("Chair", "Is there a motion to approve the minutes of March 3?"),
            ("Commissioner Lee", "So moved."),
            ("Commissioner Park", "Second."),
            ("Chair", "All in favor? Aye. The ayes have it."),
        )
    )
    assert record.text.lower().startswith("to approve the minutes")
    assert (record.mover, record.seconder, record.result, record.classification) == (
        "Lee",
        "Park",
        "passed",
        "minutes_agenda",
    )


def test_hearing_no_objection_is_a_passed_motion() -> None:
    record = _only(
        _segments(
            "If there is no objection, the agenda will be adopted.", "Hearing no objection, the agenda is adopted."
        )
    )
    assert record.result == "passed" and record.classification == "minutes_agenda"
    assert record.counts["no"] == 0


def test_upper_case_captions_with_dropped_letters() -> None:
    segments = _segments(
        ">> ARE YOU MAKING A MOTION,",
        "COUNCIL PRESIDENT PAYNE?",
        ">>  I MOVE T APPROVE.",
        ">> ALL THOSE IN FAVOR SAY AYE.",
        "OPPOSED SAY NAY.",
        ">> NAY.",
        ">> AB TE ABSTENTIONS?  AND",
        "THAT ITEM CARRIES.  NEXT UP",
    )
    record = _only(segments)
    assert (record.mover, record.result) == ("Payne", "passed")
    assert record.votes == []
    assert record.counts["yes"] is None
    assert "a no vote was heard in a voice vote" in record.flags


def test_failed_motion_in_words() -> None:
    record = _only(
        _segments("I move to table item four.", "Second.", "All those in favor? The motion fails three to four.")
    )
    assert record.result == "failed" and (record.counts["yes"], record.counts["no"]) == (3, 4)


def test_speaker_labels_resolve_through_the_roster() -> None:
    roster = Roster.from_names(["Maria Alvarez", "Tom Brooks"])
    record = _only(DEMO, roster)
    assert (record.mover, record.seconder) == ("Maria Alvarez", "Tom Brooks")


def test_talk_about_moving_on_is_no_motion() -> None:
    assert parse_transcript(_segments("I'll move on to the next item.", "Thank you all."), document="d") == []


def test_item_introduction_names_the_officer_and_voice_vote_has_no_counts() -> None:
    records = parse_transcript(
        _segments(
            "Okay, next on the agenda is item five, the appeal from Officer Kim Ray.",
            "Do I have a motion?",
            "I'd like to make a motion to deny the appeal and uphold the written reprimand.",
            "I'll second that.",
            "It's been moved and seconded. Any discussion?",
            "Seeing none, all in favor?",
            "Aye.",
            "Any opposed?",
            "Motion passes.",
        ),
        document="d",
    )
    [record] = records
    assert record.text == "to deny the appeal and uphold the written reprimand"
    assert (record.classification, record.outcome.kind, record.result) == ("appeal", "appeal_denied", "passed")
    assert [o.name for o in record.officers] == ["Kim Ray"]
    assert all(value is None for value in record.counts.values())


def test_a_members_name_heard_as_a_word_after_a_title_in_punctuated_speech() -> None:
    from app.parsing import Roster, parse_transcript
    from app.parsing.roster import RosterMember

    roster = Roster([RosterMember("Janet Foster", ["Faster"]), RosterMember("Alan Hughes", [])])
    segments = [
        TimedText(0.0, 4.0, "I move that we approve the minutes of September twenty-second."),
        TimedText(4.0, 8.0, "Moved by Commissioner Hughes, seconded by commissioner faster."),
        TimedText(8.0, 12.0, "All in favor? Aye. The motion carries."),
    ]
    (motion,) = parse_transcript(segments, document="d", roster=roster)
    assert (motion.mover, motion.seconder) == ("Alan Hughes", "Janet Foster")
