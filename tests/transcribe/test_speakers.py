"""Speaker labels from roll calls, as a pure function of segments."""

from __future__ import annotations

from transcribe.speakers import label_roll_call
from transcribe.transcript import NON_ENGLISH, Segment, Word


def _seg(start: float, end: float, text: str) -> Segment:
    return Segment(start=start, end=end, text=text, confidence=0.9, no_speech_prob=0.01)


def _timed(start: float, text: str, step: float = 0.4) -> Segment:
    """A segment whose words are ``step`` seconds apart, as Whisper gives them with word times."""
    pieces = [" " + w for w in text.split()]
    words = [
        Word(round(start + i * step, 3), round(start + (i + 1) * step - 0.05, 3), p, 0.9) for i, p in enumerate(pieces)
    ]
    return Segment(start=words[0].start, end=words[-1].end, text=text, confidence=0.9, no_speech_prob=0.01, words=words)


def test_the_answer_after_a_call_is_the_called_members() -> None:
    segments = [
        _seg(10.0, 11.5, "Commissioner Walker?"),
        _seg(12.0, 12.4, "Here."),
        _seg(13.0, 14.2, "Commissioner Lee?"),
        _seg(14.6, 15.0, "Present."),
        _seg(15.5, 16.8, "Vice President Okafor?"),
        _seg(17.0, 17.3, "Aye."),
    ]

    labelled = label_roll_call(segments)

    assert [s.speaker for s in labelled] == [None, "Walker", None, "Lee", None, "Okafor"]
    assert [s.text for s in labelled] == [s.text for s in segments]


def test_votes_including_no_and_abstain_and_whispers_i_for_aye_are_answers() -> None:
    segments = [
        _seg(0.0, 1.0, "Commissioner Brooks."),
        _seg(1.4, 1.7, "I."),
        _seg(2.0, 3.0, "Commissioner Grant."),
        _seg(3.3, 3.6, "No."),
        _seg(4.0, 5.0, "Commissioner Hughes?"),
        _seg(5.3, 5.9, "I abstain."),
        _seg(6.5, 7.5, "Commissioner de Lado?"),
        _seg(7.8, 8.2, "Yes, sir."),
    ]

    assert [s.speaker for s in label_roll_call(segments)] == [
        None,
        "Brooks",
        None,
        "Grant",
        None,
        "Hughes",
        None,
        "de Lado",
    ]


def test_a_call_and_its_answer_in_one_segment_are_split_by_word_times() -> None:
    segment = _timed(141.0, "Commissioner Rivera, aye. Commissioner Brooks? No.")

    labelled = label_roll_call([segment])

    assert [(s.text, s.speaker) for s in labelled] == [
        ("Commissioner Rivera,", None),
        ("aye.", "Rivera"),
        ("Commissioner Brooks?", None),
        ("No.", "Brooks"),
    ]
    assert labelled[1].start == segment.words[2].start and labelled[1].end == segment.words[2].end
    assert [w.word for s in labelled for w in s.words] == [w.word for w in segment.words]


def test_an_unpunctuated_roll_is_split_where_a_new_call_begins() -> None:
    # As tiny.en wrote a real council roll call: no punctuation between the names and the answers.
    labelled = label_roll_call([_timed(21.0, "councilmember Juarez here councilmember Lewis present")])

    assert [(s.text, s.speaker) for s in labelled] == [
        ("councilmember Juarez", None),
        ("here", "Juarez"),
        ("councilmember Lewis", None),
        ("present", "Lewis"),
    ]


def test_a_call_at_the_end_of_the_previous_chunk_labels_the_first_answer() -> None:
    previous = _seg(598.0, 599.5, "Commissioner Walker?")

    (answer,) = label_roll_call([_seg(600.2, 600.6, "Here.")], previous=previous)

    assert answer.speaker == "Walker"


def test_ordinary_speech_is_left_unlabelled() -> None:
    segments = [
        _seg(0.0, 3.0, "Moved by Commissioner Foster, seconded by Commissioner Hughes."),
        _seg(3.5, 4.0, "Yes."),  # not an answer to a call: the sentence named two people
        _seg(5.0, 7.0, "Director Palmer, please call the roll."),
        _seg(8.0, 9.0, "Mr. President, a correction."),
        _seg(9.5, 10.0, "No."),
        _seg(11.0, 12.0, "Walker."),  # a bare name is a call only as a question
        _seg(12.2, 12.5, "Here."),
        _timed(20.0, "Commissioner Lee voted no on item four."),
    ]

    labelled = label_roll_call(segments)

    assert [s.speaker for s in labelled] == [None] * len(segments)
    assert [s.text for s in labelled] == [s.text for s in segments]


def test_a_late_or_long_reply_is_not_taken_as_the_answer() -> None:
    segments = [
        _seg(0.0, 1.0, "Commissioner Walker?"),
        _seg(9.0, 9.4, "Here."),  # eight seconds later
        _seg(10.0, 11.0, "Commissioner Lee?"),
        _seg(11.2, 14.0, "Yes, and I would like to add something about the budget."),
    ]

    assert [s.speaker for s in label_roll_call(segments)] == [None, None, None, None]


def test_a_non_english_marker_breaks_the_roll() -> None:
    marker = Segment(2.0, 5.0, "[non-English speech]", None, None, flags=[NON_ENGLISH])
    segments = [_seg(0.0, 1.0, "Commissioner Walker?"), marker, _seg(5.2, 5.5, "Here.")]

    assert [s.speaker for s in label_roll_call(segments)] == [None, None, None]
