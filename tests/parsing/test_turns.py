"""Speaker turns: inline "Name: ..." turns in running caption text, and diarized voices named by a roll call."""

from __future__ import annotations

from app.parsing import TimedText, parse_text
from app.parsing.turns import inline_turns, join, make_units

MINUTES_AND_CAPTIONS = (
    "OFFICIAL MINUTES\n*61 Authorize franchise fee settlement (Ordinance)  (Y-5) 184363\n"
    "At 10:31 a.m. Council adjourned.\n\n"
    "Closed Caption File of the Council Meeting.  Adams: Good morning.  Please read item 61.  Item 61.  "
    "Fritz: Thank you, mayor.  This settlement brings in a quarter of a million dollars.    Adams: Any discussion?  "
    "Please call the vote on item 61.  Item 61 roll.  Fritz: It is good work by the cable office.  Aye.  "
    "Fish: Pleased to vote aye.  Saltzman: Aye.  Leonard: Thank you, aye.  Adams: Aye.  [gavel pounded] "
    "61 is approved.  Fish: Thank you.  Saltzman: Well done.\n"
)


def test_inline_turns_start_where_the_captions_do() -> None:
    found = inline_turns(MINUTES_AND_CAPTIONS)
    assert found is not None
    begin, segments = found
    assert MINUTES_AND_CAPTIONS[begin:].startswith("Adams: Good morning")
    assert [s.speaker for s in segments[:3]] == ["Adams", "Fritz", "Adams"]
    assert all(MINUTES_AND_CAPTIONS[s.offset : s.offset + len(s.text)] == s.text for s in segments)


def test_minutes_with_captions_give_both_records_with_verbatim_quotes() -> None:
    written, spoken = parse_text(MINUTES_AND_CAPTIONS, document="pdx")
    assert (written.result, written.counts["yes"]) == ("passed", 5)
    assert spoken.result == "passed" and spoken.source.start is None
    assert [(v.voter, v.option) for v in spoken.votes] == [
        ("Fritz", "yes"),
        ("Fish", "yes"),
        ("Saltzman", "yes"),
        ("Leonard", "yes"),
        ("Adams", "yes"),
    ]
    assert spoken.evidence and spoken.evidence in MINUTES_AND_CAPTIONS


def test_form_fields_are_not_speakers() -> None:
    form = "\n".join(f"  Allegation {n}: Force      Finding: SUSTAINED (7-0)" for n in range(1, 9))
    assert inline_turns(form) is None


def test_diarized_voices_take_the_name_they_answered_to() -> None:
    lines = [
        ("Speaker 2", "Commissioner Walker."),
        ("Speaker 3", "Here."),
        ("Speaker 2", "Commissioner Osei."),
        ("Speaker 6", "Present."),
        ("Speaker 3", "I move to approve."),
    ]
    segments = [TimedText(float(i), float(i + 1), text, speaker) for i, (speaker, text) in enumerate(lines)]
    text, starts = join(segments)
    units = make_units(text, segments, starts)
    assert [u.speaker for u in units] == ["Speaker 2", "Walker", "Speaker 2", "Osei", "Walker"]
