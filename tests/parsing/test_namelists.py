"""The shared readers of name lists, spoken tallies, headed transcript turns and roll-call tables."""

from __future__ import annotations

import pytest

from app.parsing import parse_text
from app.parsing.namelists import read_names
from app.parsing.rolltables import find_roll_calls
from app.parsing.segments import timed_lines
from app.parsing.tally import parse_tally, read_sequence
from app.parsing.voted import find_voted_clauses


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jail Oversight Committee, Commissioners Ruiz and Marchetti", ["Ruiz", "Marchetti"]),
        ("Grant, Hughes, and Lee", ["Grant", "Hughes", "Lee"]),
        ("Members Pell & Osei", ["Pell", "Osei"]),
        ("Council Member Brian Oakes", ["Brian Oakes"]),
        ("with President Torres and Commissioner Bell", ["Torres", "Bell"]),
        ("the motion", []),
    ],
)
def test_read_names(text: str, names: list[str]) -> None:
    assert read_names(text) == names


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("the motion carries four, zero, one", [4, 0, 1]),
        ("carries five to nothing to one", [5, 0, 1]),
        ("passes seven to two", [7, 2]),
        ("Carried 4-2-1-1", [4, 2, 1, 1]),
        ("items one, two", []),
        ("a forty-five day suspension", []),
    ],
)
def test_read_sequence(text: str, numbers: list[int]) -> None:
    assert read_sequence(text)[0] == numbers


def test_spoken_tally_in_words_keeps_the_abstention() -> None:
    assert parse_tally("So the motion carries four, zero, one.").counts == {"yes": 4, "no": 0, "abstain": 1}


def test_voted_clause_skips_a_body_named_before_the_members() -> None:
    text = "to appoint D. Reyes to the Jail Oversight Committee, Commissioners Ruiz and Marchetti voting no."
    votes = [v for block in find_voted_clauses(text) for v in block.votes]
    assert votes == [("Ruiz", "no"), ("Marchetti", "no")]


def test_dotted_roll_call_table_under_a_heading() -> None:
    text = "   ROLL CALL VOTE\n   Abdi ............ Yes\n   Kowalski ........ No\n   Lee ..... Abstain\n"
    votes = [v for block in find_roll_calls(text) for v in block.votes]
    assert votes == [("Abdi", "yes"), ("Kowalski", "no"), ("Lee", "abstain")]


def test_headed_turns_are_a_transcript() -> None:
    text = (
        "Chair Diaz  12:02\nIs there a motion?\n\nCommissioner Abe  12:15\nI move we approve.\n\nLee  12:20\nSecond.\n"
    )
    segments = timed_lines(text)
    assert segments is not None
    assert [(s.speaker, s.start) for s in segments] == [
        ("Chair Diaz", 722.0),
        ("Commissioner Abe", 735.0),
        ("Lee", 740.0),
    ]


def test_second_vote_sentence_joins_the_first() -> None:
    text = (
        "The Council voted 7-1 to adopt the Proposed Decision.\n"
        "Council Member Brian Oakes voted against the motion. Council Member Teresa Lamb abstained.\n"
    )
    (record,) = parse_text(text)
    assert {(v.voter.split()[-1], v.option) for v in record.votes} == {("Oakes", "no"), ("Lamb", "abstain")}


def test_lower_case_captions_read_self_named_mover_and_seconder() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:03,000\nis there a motion to approve the minutes\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\nso moved commissioner brooks\n\n"
        "3\n00:00:05,000 --> 00:00:07,000\nsecond commissioner nguyen\n\n"
        "4\n00:00:07,000 --> 00:00:09,000\nall in favor aye any opposed hearing none that passes\n"
    )
    (record,) = parse_text(text)
    assert (record.mover, record.seconder, record.result) == ("Brooks", "Nguyen", "passed")
