from __future__ import annotations

from app.parsing import parse_text, segments_from_json
from app.parsing.segments import looks_spoken, split_pages, timed_lines


def test_timed_lines_with_seconds_and_speakers() -> None:
    segments = timed_lines("[123.4] Speaker 2: I move to adopt.\n[130.0] CHAIR: Second?\n")
    assert segments is not None
    assert [(s.start, s.speaker, s.text) for s in segments] == [
        (123.4, "Speaker 2", "I move to adopt."),
        (130.0, "CHAIR", "Second?"),
    ]
    assert segments[0].end == 130.0


def test_timed_lines_with_clock_times() -> None:
    segments = timed_lines("00:12:31 CHAIR: All in favor?\n00:12:35 Aye.\n")
    assert segments is not None and segments[0].start == 751.0 and segments[1].speaker is None


def test_webvtt_cues() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nI move to approve.\n\n00:00:05.000 --> 00:00:06.000\nSecond.\n"
    segments = timed_lines(text)
    assert segments is not None
    assert (segments[0].start, segments[0].end, segments[0].text) == (1.0, 4.0, "I move to approve.")


def test_plain_minutes_are_not_timed() -> None:
    assert timed_lines("MOTION: Commissioner Lee moved to approve.\nThe motion carried 5-0.\n") is None


def test_spoken_and_written_text_told_apart() -> None:
    assert looks_spoken(">> I MOVE TO APPROVE.\n>> SECOND.\n>> ALL THOSE IN FAVOR SAY AYE.")
    assert not looks_spoken("Commissioner Lee moved, seconded by Commissioner Park, to approve. Motion carried 5-0.")


def test_split_pages_at_markers() -> None:
    pages = split_pages("--- PAGE 1 ---\nfirst\n--- PAGE 2 ---\nsecond\n")
    assert [(p.number, p.text.strip()) for p in pages] == [(1, "first"), (2, "second")]


def test_segments_from_caption_whisper_and_cdp_json() -> None:
    captions = segments_from_json([{"text": "HELLO", "start": 1.5, "duration": 2.0}])
    assert [(s.start, s.end, s.text) for s in captions] == [(1.5, 3.5, "HELLO")]
    whisper = segments_from_json({"segments": [{"start": 0, "end": 2, "text": " I move."}]})
    assert whisper[0].end == 2.0
    cdp = segments_from_json({"sentences": [{"start_time": 3, "end_time": 4, "text": "Hi.", "speaker_name": "Lee"}]})
    assert (cdp[0].start, cdp[0].speaker) == (3.0, "Lee")


def test_parse_text_reads_timestamped_transcripts_as_spoken() -> None:
    text = (
        "[10.0] Commissioner Lee: I move to approve the minutes.\n[15.0] Commissioner Park: Second.\n"
        "[20.0] Chair: All in favor? Aye. The motion carries unanimously.\n"
    )
    [record] = parse_text(text, document="t")
    assert (record.mover, record.seconder, record.result) == ("Lee", "Park", "passed")
    assert (record.source.start, record.source.end) == (10.0, 25.0)


def test_parse_text_reads_caption_turns_without_times() -> None:
    text = (
        ">> I MOVE TO APPROVE THE AGENDA.\n>> SECOND.\n>> ALL THOSE IN FAVOR SAY "
        "AYE.\n>> AYE.\n>> THE MOTION CARRIES.\n"
    )
    [record] = parse_text(text)
    assert record.result == "passed" and record.source.start is None


def test_parse_text_reads_minutes_with_page_markers() -> None:
    text = (
        "--- PAGE 3 ---\nCommissioner Lee moved to approve the budget, seconded by "
        "Commissioner Park.\nMotion carried 5-0.\n"
    )
    [record] = parse_text(text, document="m")
    assert record.source.page == 3 and record.counts["yes"] == 5


def test_parse_text_reads_transcript_json() -> None:
    text = (
        '{"segments": [{"start": 1, "end": 2, "text": "I move to approve the minutes."},'
        ' {"start": 2, "end": 3, "text": "Second."}, {"start": 3, "end": 4, "text": "The motion carries 5-0."}]}'
    )
    [record] = parse_text(text, document="j")
    assert (record.result, record.counts["yes"], record.source.start, record.source.end) == ("passed", 5, 1.0, 4.0)


def test_parse_text_splits_speaker_labels_of_untimed_lines() -> None:
    text = "Commissioner Lee: I move to approve the agenda.\nCommissioner Park: Second.\nChair: The motion carries.\n"
    [record] = parse_text(text)
    assert (record.mover, record.seconder, record.result) == ("Lee", "Park", "passed")
